// Dataset validation (include/ecredit/validate.hpp): the readers (CSV / TSV, JSON Lines,
// rows and records given through the API) feeding the row checker (validate/checker.hpp:
// header mapping, cells, rows, keys, output sinks), and the report.
#include "ecredit/validate.hpp"

#include <algorithm>
#include <fstream>
#include <istream>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ecredit/error.hpp"
#include "ecredit/file.hpp"
#include "ecredit/id.hpp"
#include "io/csv.hpp"
#include "validate/checker.hpp"
#include "validate_text.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

using detail::Checker;
using detail::trim;

// ---- readers ----------------------------------------------------------------------

std::string lower_ext(const std::string& path) {
  const auto dot = path.find_last_of('.');
  if (dot == std::string::npos) return "";
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string resolve_format(const ValidateOptions& o, const std::string& path) {
  std::string f = o.format;
  if (f == "auto") {
    const std::string ext = lower_ext(path);
    f = (ext == "jsonl" || ext == "ndjson") ? "jsonl" : ext == "tsv" ? "tsv" : "csv";
  }
  if (f != "csv" && f != "tsv" && f != "jsonl")
    throw InvalidInputError("unknown input format '" + o.format + "' (expected auto, csv, tsv or jsonl)");
  return f;
}

Report run_csv(const Engine& engine, const Dataset& ds, std::istream& in, const ValidateOptions& o, bool tsv,
               const std::string& source = {}, detail::SideColumn* side = nullptr) {
  io::CsvOptions co;
  co.source = source;
  co.encoding = io::parse_encoding(o.encoding);
  co.delimiter = o.delimiter != '\0' ? o.delimiter : (tsv ? '\t' : ',');
  io::CsvReader reader(in, co);
  Checker chk(engine, ds, o);
  chk.set_side(side);
  if (reader.looks_gb18030()) chk.encoding_hint();
  io::RawRecord rec;
  bool have_header = false;
  auto blank = [](const io::RawRecord& r) {
    return r.issues.empty() &&
           std::all_of(r.cells.begin(), r.cells.end(), [](const std::string& c) { return trim(c).empty(); });
  };
  while (reader.next(rec)) {
    if (!have_header) {
      if (blank(rec)) continue;  // leading blank lines
      chk.header(rec.cells, rec.line, rec.issues);
      have_header = true;
      continue;
    }
    chk.row(rec.line, rec.cells, rec.issues);
  }
  return chk.finish(reader.bytes_read(), std::string(io::to_string(reader.encoding())));
}

Report run_jsonl(const Engine& engine, const Dataset& ds, std::istream& in, const ValidateOptions& o,
                 const std::string& source = {}, detail::SideColumn* side = nullptr) {
  Checker chk(engine, ds, o);
  chk.set_side(side);
  detail::LineReader lines(in, std::size_t{64} << 20, source);
  std::string line;
  std::size_t n = 0;
  bool too_long = false;
  KeyedRecord rec;
  while (lines.next(line, too_long)) {
    ++n;
    if (too_long) {
      chk.unreadable(n, "field-too-large", fmt::format("第{}行超过64 MiB，未读取", n),
                     fmt::format("line {} is longer than 64 MiB and was not read", n), "");
      continue;
    }
    if (n == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // a UTF-8 BOM
    if (trim(line).empty()) continue;  // empty lines separate nothing in JSON Lines
    if (!io::valid_utf8(line)) {
      chk.unreadable(n, "encoding-error", fmt::format("第{}行不是有效的UTF-8", n),
                     fmt::format("line {} is not valid UTF-8", n), line);
      continue;
    }
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      chk.unreadable(n, "json-error", fmt::format("第{}行不是有效的JSON（第{}字节）", n, e.byte),
                     fmt::format("line {} is not valid JSON (byte {})", n, e.byte), line);
      continue;
    } catch (const nlohmann::json::exception&) {  // e.g. a number too large for a double
      chk.unreadable(n, "json-error", fmt::format("第{}行的JSON数值超出范围", n),
                     fmt::format("line {} has a JSON number out of range", n), line);
      continue;
    }
    if (!j.is_object()) {
      chk.unreadable(n, "json-error", fmt::format("第{}行不是JSON对象", n),
                     fmt::format("line {} is not a JSON object", n), line);
      continue;
    }
    rec.clear();
    for (const auto& [k, v] : j.items()) rec.emplace_back(k, detail::json_cell(v));
    chk.keyed(n, rec);
  }
  return chk.finish(lines.bytes(), "utf-8");
}

}  // namespace

// ---- public API -----------------------------------------------------------------------

Report validate_stream(const Engine& engine, std::string_view dataset, std::istream& in,
                       const ValidateOptions& options) {
  const Dataset& ds = engine.dataset(dataset);
  const std::string f = resolve_format(options, "");
  if (f == "jsonl") return run_jsonl(engine, ds, in, options);
  return run_csv(engine, ds, in, options, f == "tsv");
}

namespace {
Report file_with(const Engine& engine, std::string_view dataset, const std::string& path,
                 const ValidateOptions& options, detail::SideColumn* side) {
  const Dataset& ds = engine.dataset(dataset);
  const std::string f = resolve_format(options, path);
  std::ifstream in;
  open_for_reading(in, path, "input file");
  if (f == "jsonl") return run_jsonl(engine, ds, in, options, path, side);
  return run_csv(engine, ds, in, options, f == "tsv", path, side);
}
Report records_with(const Engine& engine, std::string_view dataset, const std::vector<KeyedRecord>& records,
                    const ValidateOptions& options, detail::SideColumn* side);
}  // namespace

Report validate_file(const Engine& engine, std::string_view dataset, const std::string& path,
                     const ValidateOptions& options) {
  return file_with(engine, dataset, path, options, nullptr);
}
Report validate_file_side(const Engine& engine, std::string_view dataset, const std::string& path,
                                  const ValidateOptions& options, detail::SideColumn& side) {
  return file_with(engine, dataset, path, options, &side);
}

Report validate_rows(const Engine& engine, std::string_view dataset, const std::vector<std::string>& header,
                     const std::vector<std::vector<std::optional<std::string>>>& rows,
                     const ValidateOptions& options) {
  const Dataset& ds = engine.dataset(dataset);
  Checker chk(engine, ds, options);
  if (!header.empty()) chk.header(header, 1);  // no columns: no header (finish reports an empty file)
  std::vector<std::string> cells;
  std::vector<bool> missing;
  const std::vector<io::ReadIssue> none;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    cells.assign(rows[i].size(), std::string());
    missing.assign(rows[i].size(), false);
    for (std::size_t c = 0; c < rows[i].size(); ++c) {
      if (rows[i][c])
        cells[c] = *rows[i][c];
      else
        missing[c] = true;
    }
    chk.row(i + 2, cells, none, &missing);
  }
  return chk.finish(0, "");
}

Report validate_records(const Engine& engine, std::string_view dataset,
                        const std::vector<KeyedRecord>& records, const ValidateOptions& options) {
  return records_with(engine, dataset, records, options, nullptr);
}
Report validate_records_side(const Engine& engine, std::string_view dataset,
                                     const std::vector<KeyedRecord>& records, const ValidateOptions& options,
                                     detail::SideColumn& side) {
  return records_with(engine, dataset, records, options, &side);
}

namespace {
Report records_with(const Engine& engine, std::string_view dataset, const std::vector<KeyedRecord>& records,
                    const ValidateOptions& options, detail::SideColumn* side) {
  const Dataset& ds = engine.dataset(dataset);
  Checker chk(engine, ds, options);
  chk.set_side(side);
  // The header is the union of the keys in first-seen order, matched as a CSV header is;
  // each record is then a row of it, a key it lacks a missing cell (as a null value).
  std::vector<std::string> header;
  std::unordered_map<std::string, std::size_t> column;
  for (const KeyedRecord& rec : records)
    for (const auto& kv : rec)
      if (column.emplace(kv.first, header.size()).second) header.push_back(kv.first);
  if (header.empty()) return chk.finish(0, "");  // [] or only {}: no header
  chk.header(header, 0);
  std::vector<std::string> cells;
  std::vector<bool> missing, given;
  std::vector<std::string> repeated;
  const std::vector<io::ReadIssue> none;
  for (std::size_t i = 0; i < records.size(); ++i) {
    cells.assign(header.size(), std::string());
    missing.assign(header.size(), true);
    given.assign(header.size(), false);
    repeated.clear();
    for (const auto& [key, value] : records[i]) {
      const std::size_t c = column.find(key)->second;
      if (given[c]) {
        repeated.push_back(key);
        continue;
      }
      given[c] = true;
      if (value) {
        cells[c] = *value;
        missing[c] = false;
      }
    }
    chk.row(i + 1, cells, none, &missing, &repeated);
  }
  return chk.finish(0, "");
}
}  // namespace

OutputFormat output_format(std::string_view path, std::string_view option) {
  const auto dot = path.find_last_of('.');
  const std::string_view ext = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  // the writers know CSV and JSON Lines; a .tsv file of comma-separated rows would mislead
  if (ext == "tsv" || ext == "tab")
    throw InvalidInputError(std::string(option) + " " + std::string(path) +
                            ": tab-separated output is not supported; name a .csv or .jsonl file");
  return (ext == "jsonl" || ext == "ndjson") ? OutputFormat::jsonl : OutputFormat::csv;
}

OutputFormat open_output(std::ofstream& out, const std::string& path, std::string_view option,
                         std::string_view what) {
  const OutputFormat f = output_format(path, option);
  open_for_writing(out, path, what);
  return f;
}

ECREDIT_END_NAMESPACE
