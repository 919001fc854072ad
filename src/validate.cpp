// Dataset validation (include/ecredit/validate.hpp): header matching, per-cell
// normalisation and typing, constraints, row rules, keys, the report and the
// accepted / rejected outputs.
#include "ecredit/validate.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <istream>
#include <ostream>
#include <unordered_map>

#include <date/date.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ecredit/error.hpp"
#include "ecredit/file.hpp"
#include "ecredit/id.hpp"
#include "io/csv.hpp"
#include "validate_text.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

using detail::half_width;
using detail::trim;

struct TypeNames {
  const char* zh;
  const char* en;
};

TypeNames type_names(FieldType t) {
  switch (t) {
    case FieldType::string:
      return {"文本", "text"};
    case FieldType::integer:
      return {"整数", "integer"};
    case FieldType::decimal:
      return {"数值", "number"};
    case FieldType::date:
      return {"日期", "date"};
    case FieldType::datetime:
      return {"日期时间", "date-time"};
    case FieldType::boolean:
      return {"是/否值", "yes/no value"};
    case FieldType::code:
      return {"代码", "code"};
    case FieldType::uscc:
      return {"统一社会信用代码", "unified social credit code"};
    case FieldType::org_code:
      return {"组织机构代码", "organisation code"};
    case FieldType::resident_id:
      return {"公民身份号码", "resident ID number"};
  }
  return {"值", "value"};
}

// ---- the row checker -------------------------------------------------------------

class Checker {
 public:
  Checker(const Engine& engine, const Dataset& ds, const ValidateOptions& opts) : ds_(ds), opts_(opts) {
    report_.dataset = ds.id;
    report_.pack_id = engine.id();
    report_.pack_hash = engine.hash();
    for (std::size_t i = 0; i < ds.fields.size(); ++i) {
      const Field& f = ds.fields[i];
      for (const std::string* k : {&f.name, &f.title, &f.title_en}) add_label(*k, i);
      for (const std::string& a : f.aliases) add_label(a, i);
    }
    unique_seen_.resize(ds.fields.size());
    for (std::size_t i = 0; i < ds.fields.size(); ++i) all_fields_.push_back(i);
    values_.resize(ds.fields.size());
    present_.resize(ds.fields.size());
    cell_error_.resize(ds.fields.size());
    column_of_.assign(ds.fields.size(), 0);
    label_of_.resize(ds.fields.size());
    key_seen_.resize(ds.fields.size());
    if (opts_.out_valid && opts_.out_valid_format == OutputFormat::csv) {
      std::vector<std::string> names;
      for (const Field& f : ds.fields) names.push_back(f.name);
      detail::write_csv_row(*opts_.out_valid, names);
    }
  }

  /// Positional input: the header record.
  void header(const std::vector<std::string>& labels, std::size_t line,
              const std::vector<io::ReadIssue>& issues = {}) {
    has_header_ = true;
    labels_ = labels;
    col_field_.assign(labels.size(), -1);
    std::vector<std::size_t> first_col(ds_.fields.size(), 0);
    for (std::size_t c = 0; c < labels.size(); ++c) {
      const std::string label = std::string(trim(labels[c]));
      if (label.empty()) {
        add(line, c + 1, nullptr, labels[c], "", "blank-label", Severity::warning,
            fmt::format("第{}列表头为空，该列被忽略", c + 1),
            fmt::format("column {} has an empty header and is ignored", c + 1));
        continue;
      }
      const auto it = label_index_.find(match_key(label));
      if (it == label_index_.end()) {
        add(line, c + 1, nullptr, labels[c], "", "extra-label", Severity::warning,
            fmt::format("表头「{}」不在数据集「{}」中，该列被忽略", label, ds_.title),
            fmt::format("header '{}' is not a field of dataset '{}'; the column is ignored", label, ds_.id));
        continue;
      }
      const std::size_t f = it->second;
      if (first_col[f] != 0) {
        add(line, c + 1, &ds_.fields[f], labels[c], "", "duplicate-label", Severity::error,
            fmt::format("表头「{}」与第{}列重复（同为字段「{}」），该列被忽略", label, first_col[f],
                        ds_.fields[f].title),
            fmt::format("header '{}' repeats column {} (both are field '{}'); the column is ignored", label,
                        first_col[f], ds_.fields[f].name));
        continue;
      }
      first_col[f] = c + 1;
      col_field_[c] = static_cast<std::ptrdiff_t>(f);
      column_of_[f] = c + 1;
      label_of_[f] = labels[c];
    }
    for (const auto& is : issues) read_issue(is, labels);
    for (std::size_t f = 0; f < ds_.fields.size(); ++f)
      if (first_col[f] == 0) missing_label(line, f);
  }

  /// Positional input: one data record.
  void row(std::size_t line, const std::vector<std::string>& cells, const std::vector<io::ReadIssue>& issues,
           const std::vector<bool>* missing = nullptr,
           const std::vector<std::string>* repeated_keys = nullptr) {
    bool blank = true;
    for (const auto& c : cells)
      if (!trim(c).empty()) {
        blank = false;
        break;
      }
    if (blank && issues.empty() && (repeated_keys == nullptr || repeated_keys->empty())) {
      pending_blank_.emplace_back(line, cells.size());  // a row only if a data row follows
      return;
    }
    flush_blank();
    begin_row(line);
    for (const auto& is : issues) read_issue(is, cells);
    if (repeated_keys)
      for (const std::string& key : *repeated_keys) repeated_key(key);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c >= col_field_.size()) {
        if (!trim(cells[c]).empty())
          add(line, c + 1, nullptr, "", detail::clip(cells[c]), "extra-cell", Severity::error,
              fmt::format("第{}列没有表头，值「{}」无法归入任何字段", c + 1, detail::clip(cells[c])),
              fmt::format("cell {} has no header; its value '{}' belongs to no field", c + 1,
                          detail::clip(cells[c])));
        continue;
      }
      const std::ptrdiff_t f = col_field_[c];
      if (f < 0) continue;
      if (missing && (*missing)[c]) continue;
      present_[static_cast<std::size_t>(f)] = true;
      values_[static_cast<std::size_t>(f)] = cells[c];
    }
    for (std::size_t c = cells.size(); c < col_field_.size(); ++c) {
      const std::ptrdiff_t f = col_field_[c];
      if (f < 0) continue;
      const Field& fd = ds_.fields[static_cast<std::size_t>(f)];
      add(line, c + 1, &fd, labels_[c], "", "missing-cell", Severity::error,
          fmt::format("本行缺少第{}列「{}」（列数少于表头）", c + 1, labels_[c]),
          fmt::format("the row has no cell {} ('{}'): fewer cells than headers", c + 1, labels_[c]));
    }
    check_row();
    end_row(cells, nullptr);
  }

  /// Keyed input read as a stream (JSON Lines): one record. Keys are matched as they
  /// come; a required field no record has is reported at the end (finish).
  void keyed(std::size_t line, const KeyedRecord& rec) {
    keyed_ = true;
    if (!rec.empty()) has_header_ = true;
    bool blank = true;
    for (const auto& kv : rec)
      if (kv.second && !trim(*kv.second).empty()) {
        blank = false;
        break;
      }
    if (blank) {
      for (const auto& kv : rec) key_field(line, kv.first);
      pending_blank_.emplace_back(line, 0);
      return;
    }
    flush_blank();
    begin_row(line);
    for (const auto& [key, value] : rec) {
      const std::ptrdiff_t fi = key_field(line, key);
      if (fi < 0 || !value) continue;
      const auto f = static_cast<std::size_t>(fi);
      if (present_[f]) {
        repeated_key(key);
        continue;
      }
      present_[f] = true;
      values_[f] = *value;
      label_of_[f] = key;
    }
    check_row();
    end_row({}, &rec);
  }

  /// A warning that the bytes look like GB18030 although they were read as UTF-8.
  void encoding_hint() {
    add(0, 0, nullptr, "", "", "encoding-mismatch", Severity::warning,
        "文件按UTF-8读取，但不是有效的UTF-8，而能按GB18030正确解码：请改用 --encoding gb18030（或 auto）",
        "the file was read as UTF-8 but is not valid UTF-8, while its bytes decode as GB18030: "
        "try --encoding gb18030 (or auto)");
  }

  /// A record that could not be read at all (bad JSON, bad encoding, too long).
  void unreadable(std::size_t line, const std::string& type, const std::string& zh, const std::string& en,
                  const std::string& raw) {
    flush_blank();
    begin_row(line);
    add(line, 0, nullptr, "", "", type, Severity::error, zh, en);
    KeyedRecord rec{{"_raw", detail::clip(raw, 4096)}};
    end_row({}, &rec);
  }

  Report finish(std::uint64_t bytes, std::string encoding) {
    if (!has_header_ && report_.stats.rows == 0) {
      pending_blank_.clear();  // nothing but blank lines: the file is empty
      add(0, 0, nullptr, "", "", "empty-file", Severity::error, "文件为空：没有表头",
          "the file is empty: no header");
    } else {
      if (!pending_blank_.empty()) {
        const std::size_t n = pending_blank_.size();
        add(pending_blank_.front().first, 0, nullptr, "", "", "blank-trailing-lines", Severity::warning,
            fmt::format("末尾的{}个空行已忽略", n),
            n == 1 ? std::string("1 blank line at the end was ignored")
                   : fmt::format("{} blank lines at the end were ignored", n));
        pending_blank_.clear();
      }
      if (keyed_)
        for (std::size_t f = 0; f < ds_.fields.size(); ++f)
          if (!key_seen_[f]) missing_label(0, f);
      if (report_.stats.rows == 0)
        add(0, 0, nullptr, "", "", "no-data-rows", Severity::warning, "文件只有表头，没有数据行",
            "the file has a header but no data rows");
    }
    report_.stats.bytes = bytes;
    report_.stats.encoding = std::move(encoding);
    return std::move(report_);
  }

 private:
  void add_label(const std::string& label, std::size_t field) {
    if (label.empty()) return;
    label_index_.emplace(match_key(label), field);
  }

  void missing_label(std::size_t line, std::size_t f) {
    const Field& fd = ds_.fields[f];
    if (!(fd.required || fd.required_if)) return;
    add(line, 0, &fd, "", "", "missing-label", fd.required ? Severity::error : Severity::warning,
        fmt::format("缺少{}字段「{}」的列", fd.required ? "必填" : "条件必填", fd.title),
        fmt::format("the {} field '{}' ({}) has no column",
                    fd.required ? "required" : "conditionally required", fd.name, fd.title));
  }

  /// The field of a key (-1: none); an unknown key is reported where first seen.
  std::ptrdiff_t key_field(std::size_t line, const std::string& key) {
    auto it = key_cache_.find(key);
    if (it != key_cache_.end()) return it->second;
    const auto li = label_index_.find(match_key(key));
    const std::ptrdiff_t f = li == label_index_.end() ? -1 : static_cast<std::ptrdiff_t>(li->second);
    key_cache_.emplace(key, f);
    if (f >= 0) key_seen_[static_cast<std::size_t>(f)] = true;
    if (f < 0)
      add(line, 0, nullptr, key, "", "extra-label", Severity::warning,
          fmt::format("键「{}」不在数据集「{}」中，被忽略（首次出现于此行）", key, ds_.title),
          fmt::format("key '{}' is not a field of dataset '{}' and is ignored (first seen here)", key,
                      ds_.id));
    return f;
  }

  /// A key given twice in one record: the second is ignored.
  void repeated_key(const std::string& key) {
    const auto li = label_index_.find(match_key(key));
    const Field* f = li == label_index_.end() ? nullptr : &ds_.fields[li->second];
    add(line_, 0, f, key, "", "duplicate-label", Severity::error,
        fmt::format("「{}」在同一记录中出现两次，第二个被忽略", f ? f->title : key),
        fmt::format("'{}' appears twice in the record; the second is ignored", f ? f->name : key));
  }

  /// Blank rows followed by a data row are rows: rejected, `blank-row` errors. Blank rows
  /// at the end are not rows (finish reports how many were ignored).
  void flush_blank() {
    if (pending_blank_.empty()) return;
    static const KeyedRecord kNoKeys;
    for (const auto& [line, ncells] : pending_blank_) {
      begin_row(line);
      ++report_.stats.blank_rows;
      add(line, 0, nullptr, "", "", "blank-row", Severity::error, keyed_ ? "空记录，未导入" : "空行，未导入",
          keyed_ ? "blank record, not imported" : "blank row, not imported");
      if (keyed_)
        end_row({}, &kNoKeys);
      else
        end_row(std::vector<std::string>(ncells), nullptr);
    }
    pending_blank_.clear();
  }

  void begin_row(std::size_t line) {
    line_ = line;
    row_error_ = false;
    bad_bytes_ = false;
    row_reasons_.clear();
    std::fill(present_.begin(), present_.end(), false);
    std::fill(cell_error_.begin(), cell_error_.end(), false);
    ++report_.stats.rows;
  }

  std::size_t column(std::size_t f) const { return column_of_[f]; }
  std::string label(std::size_t f) const { return label_of_[f].empty() ? ds_.fields[f].title : label_of_[f]; }

  std::string shown(const Field& f, std::string_view v) const {
    return f.personal ? mask_id(v) : detail::clip(v);
  }

  void add(std::size_t row, std::size_t col, const Field* f, const std::string& label,
           const std::string& value, const std::string& type, Severity sev, std::string zh, std::string en) {
    if (f && f->severity == Severity::warning) sev = Severity::warning;
    ++report_.counts[type];
    if (sev == Severity::error) {
      ++report_.stats.errors;
      row_error_ = true;
    } else {
      ++report_.stats.warnings;
    }
    if (opts_.out_rejected) row_reasons_.push_back(fmt::format("{}({}): {}", type, f ? f->name : label, en));
    if (report_.findings.size() >= opts_.max_findings) {
      report_.truncated = true;
      return;
    }
    Finding fd;
    fd.type = type;
    fd.severity = sev;
    fd.row = row;
    fd.column = col;
    fd.field = f ? f->name : std::string();
    fd.label = label;
    fd.value = value;
    fd.message_zh = std::move(zh);
    fd.message_en = std::move(en);
    report_.findings.push_back(std::move(fd));
  }

  void cell(std::size_t f, const std::string& type, Severity sev, const std::string& raw, std::string zh,
            std::string en) {
    const Field& fd = ds_.fields[f];
    if (sev == Severity::error && fd.severity == Severity::error) cell_error_[f] = true;
    add(line_, column(f), &fd, label(f), shown(fd, raw), type, sev, std::move(zh), std::move(en));
  }

  void read_issue(const io::ReadIssue& is, const std::vector<std::string>& cells) {
    using K = io::ReadIssue::Kind;
    const Field* f = nullptr;
    std::string lab;
    if (is.column > 0 && is.column <= col_field_.size()) {
      lab = labels_[is.column - 1];
      if (col_field_[is.column - 1] >= 0)
        f = &ds_.fields[static_cast<std::size_t>(col_field_[is.column - 1])];
    }
    switch (is.kind) {
      case K::encoding_error: {
        // One issue per cell (the reader's); the cell is not checked further, and the row
        // takes no part in duplicate-row detection: U+FFFD makes different text equal.
        bad_bytes_ = true;
        if (f) cell_error_[static_cast<std::size_t>(col_field_[is.column - 1])] = true;
        const std::string value = is.column == 0 || is.column > cells.size() ? std::string()
                                  : f ? shown(*f, cells[is.column - 1])
                                      : detail::clip(cells[is.column - 1]);
        add(is.line, is.column, f, lab, value, "encoding-error", Severity::error,
            fmt::format("第{}行第{}列含有无法识别的字节（{}），已替换为�", is.line, is.column, is.detail),
            fmt::format("line {} column {}: undecodable bytes ({}), replaced by U+FFFD", is.line, is.column,
                        is.detail));
        break;
      }
      case K::nul_byte:
        add(is.line, is.column, f, lab, "", "nul-byte", Severity::error,
            fmt::format("第{}行第{}列含有NUL字节（已去除）", is.line, is.column),
            fmt::format("line {} column {}: NUL byte (removed)", is.line, is.column));
        break;
      case K::unterminated_quote:
        add(is.line, is.column, f, lab, "", "unterminated-quote", Severity::error,
            fmt::format("第{}行开始的引号直到文件末尾都没有闭合", is.line),
            fmt::format("the quote opened on line {} is never closed", is.line));
        break;
      case K::stray_quote:
        add(is.line, is.column, f, lab, "", "stray-quote", Severity::warning,
            fmt::format("第{}行第{}列引号位置不规范，按原文保留", is.line, is.column),
            fmt::format("line {} column {}: misplaced quote, kept as text", is.line, is.column));
        break;
      case K::field_too_large:
        add(is.line, is.column, f, lab, "", "field-too-large", Severity::error,
            fmt::format("第{}行第{}列过长，已截断（{}）", is.line, is.column, is.detail),
            fmt::format("line {} column {} is too large and was cut ({})", is.line, is.column, is.detail));
        break;
      case K::too_many_fields:
        add(is.line, is.column, f, lab, "", "extra-cell", Severity::error,
            fmt::format("第{}行字段数过多，多余部分被丢弃（{}）", is.line, is.detail),
            fmt::format("line {} has too many cells; the rest was dropped ({})", is.line, is.detail));
        break;
    }
  }

  // ---- cells ----------------------------------------------------------------------

  void check_row() {
    for (std::size_t f = 0; f < ds_.fields.size(); ++f) {
      std::string& v = values_[f];
      if (!present_[f]) {
        v.clear();
        continue;
      }
      const std::string_view t = trim(v);
      if (t.size() != v.size()) v = std::string(t);
      if (!v.empty() && !cell_error_[f]) normalize_cell(f);  // cell_error_ here: undecodable bytes
    }
    // required / required_if after all cells are normalised
    for (std::size_t f = 0; f < ds_.fields.size(); ++f) {
      const Field& fd = ds_.fields[f];
      if (!values_[f].empty() || cell_error_[f]) continue;
      bool needed = fd.required;
      std::string why_zh, why_en;
      if (!needed && fd.required_if) {
        const std::string& other = values_[fd.required_if->field_index];
        for (const std::string& x : fd.required_if->in)
          if (!other.empty() && other == x) needed = true;
        if (needed) {
          const Field& of = ds_.fields[fd.required_if->field_index];
          why_zh = fmt::format("（「{}」为「{}」时必填）", of.title, other);
          why_en = fmt::format(" (required when '{}' is '{}')", of.name, other);
        }
      }
      if (needed)
        cell(f, "constraint-error", Severity::error, "",
             fmt::format("必填字段「{}」为空{}", fd.title, why_zh),
             fmt::format("required field '{}' is empty{}", fd.name, why_en));
    }
    for (const Rule& r : ds_.rules) check_rule(r);
    check_keys();
  }

  void type_error(std::size_t f, const std::string& raw, const char* hint_zh = "", const char* hint_en = "") {
    const Field& fd = ds_.fields[f];
    const TypeNames tn = type_names(fd.type);
    cell(f, "type-error", Severity::error, raw,
         fmt::format("「{}」的值「{}」不是有效的{}{}", label(f), shown(fd, raw), tn.zh, hint_zh),
         fmt::format("'{}' in '{}' is not a valid {}{}", shown(fd, raw), fd.name, tn.en, hint_en));
  }

  void id_finding(std::size_t f, const std::string& raw, const IdResult& r, const char* prefix) {
    const Field& fd = ds_.fields[f];
    const TypeNames tn = type_names(fd.type == FieldType::string ? FieldType::resident_id : fd.type);
    const bool legacy = r.status == IdStatus::legacy;
    const std::string type =
        std::string(prefix) + (legacy ? std::string("legacy") : std::string(to_string(r.reason)));
    cell(f, type, legacy ? Severity::warning : Severity::error, raw,
         fmt::format("「{}」的{}「{}」{}{}", label(f), tn.zh, shown(fd, raw), describe(r.reason, "zh"),
                     legacy ? "（旧版代码，请核实）" : ""),
         fmt::format("{} '{}' in '{}': {}{}", tn.en, shown(fd, raw), fd.name, describe(r.reason, "en"),
                     legacy ? " (legacy code: verify it)" : ""));
  }

  void normalize_cell(std::size_t f) {
    const Field& fd = ds_.fields[f];
    std::string& v = values_[f];
    const std::string raw = v;
    switch (fd.type) {
      case FieldType::string:
        break;
      case FieldType::integer: {
        v = half_width(v);
        if (!detail::parse_integer(v)) return type_error(f, raw);
        break;
      }
      case FieldType::decimal: {
        v = half_width(v);
        if (!detail::parse_decimal(v)) return type_error(f, raw);
        break;
      }
      case FieldType::date:
      case FieldType::datetime: {
        const auto d = detail::parse_date_time(half_width(v), fd.type == FieldType::datetime);
        if (!d)
          return type_error(f, raw, "（可用格式：2023-05-01、2023/5/1、2023年5月1日、20230501）",
                            " (accepted: 2023-05-01, 2023/5/1, 2023年5月1日, 20230501)");
        v = d->text;
        if (d->excel_serial)
          cell(f, "excel-serial-date", Severity::warning, raw,
               fmt::format("「{}」的值「{}」按Excel日期序号解读为{}，请核实", label(f), raw, v),
               fmt::format("'{}' in '{}' was read as an Excel serial date: {}; verify it", raw, fd.name, v));
        break;
      }
      case FieldType::boolean: {
        const auto b = detail::parse_boolean(half_width(v));
        if (!b)
          return type_error(f, raw, "（可用：是/否、true/false、1/0）",
                            " (accepted: 是/否, true/false, 1/0)");
        v = *b ? "true" : "false";
        break;
      }
      case FieldType::code: {
        std::vector<std::string> parts = fd.multiple ? detail::split_multi(v) : std::vector<std::string>{v};
        std::string out;
        for (const std::string& p : parts) {
          const Code* c = fd.table->find(p);
          if (c == nullptr) {
            cell(
                f, "code-not-in-table", Severity::error, raw,
                fmt::format("「{}」的值「{}」不在代码表「{}」中", label(f), shown(fd, p), fd.table->title),
                fmt::format("'{}' in '{}' is not in code table '{}'", shown(fd, p), fd.name, fd.table->name));
            return;
          }
          if (!out.empty()) out.push_back(';');
          out += c->code;
        }
        v = out;
        break;
      }
      case FieldType::uscc: {
        const IdResult r = check_uscc(v);
        v = r.normalized;
        if (r.status != IdStatus::valid) id_finding(f, raw, r, "uscc-");
        if (r.status == IdStatus::invalid) return;
        break;
      }
      case FieldType::org_code: {
        const IdResult r = check_org_code(v);
        v = r.normalized;
        if (r.status != IdStatus::valid) return id_finding(f, raw, r, "org-code-");
        break;
      }
      case FieldType::resident_id: {
        const IdResult r = check_resident_id(v);
        v = r.converted.empty() ? r.normalized : r.converted;
        if (r.status != IdStatus::valid) id_finding(f, raw, r, "resident-id-");
        if (r.status == IdStatus::invalid) return;
        break;
      }
    }
    check_constraints(f, raw);
  }

  void check_constraints(std::size_t f, const std::string& raw) {
    const Field& fd = ds_.fields[f];
    const std::string& v = values_[f];
    auto constraint = [&](const std::string& zh, const std::string& en) {
      cell(f, "constraint-error", Severity::error, raw, zh, en);
    };
    if (fd.min_length || fd.max_length) {
      const std::size_t n = detail::char_count(v);
      if (fd.max_length && n > *fd.max_length)
        return constraint(
            fmt::format("「{}」长度为{}个字符，超过上限{}", label(f), n, *fd.max_length),
            fmt::format("'{}' is {} characters long; at most {} allowed", fd.name, n, *fd.max_length));
      if (fd.min_length && n < *fd.min_length)
        return constraint(
            fmt::format("「{}」长度为{}个字符，少于下限{}", label(f), n, *fd.min_length),
            fmt::format("'{}' is {} characters long; at least {} required", fd.name, n, *fd.min_length));
    }
    if (fd.minimum || fd.maximum) {
      const double x = std::strtod(v.c_str(), nullptr);
      if (fd.minimum && x < *fd.minimum)
        return constraint(fmt::format("「{}」的值{}小于下限{}", label(f), v, *fd.minimum),
                          fmt::format("'{}' is {}, below the minimum {}", fd.name, v, *fd.minimum));
      if (fd.maximum && x > *fd.maximum)
        return constraint(fmt::format("「{}」的值{}大于上限{}", label(f), v, *fd.maximum),
                          fmt::format("'{}' is {}, above the maximum {}", fd.name, v, *fd.maximum));
    }
    if (fd.min_date && v.compare(0, 10, *fd.min_date) < 0)
      return constraint(fmt::format("「{}」的日期{}早于{}", label(f), v, *fd.min_date),
                        fmt::format("'{}' is {}, before {}", fd.name, v, *fd.min_date));
    if (fd.max_date && v.compare(0, 10, *fd.max_date) > 0)
      return constraint(fmt::format("「{}」的日期{}晚于{}", label(f), v, *fd.max_date),
                        fmt::format("'{}' is {}, after {}", fd.name, v, *fd.max_date));
    if (fd.regex && !RE2::FullMatch(v, *fd.regex))
      return constraint(
          fmt::format("「{}」的值「{}」格式不符合要求", label(f), shown(fd, v)),
          fmt::format("'{}' in '{}' does not match the pattern {}", shown(fd, v), fd.name, fd.pattern));
  }

  // ---- rules and keys --------------------------------------------------------------

  void check_rule(const Rule& r) {
    switch (r.kind) {
      case RuleKind::date_order: {
        const std::size_t a = r.field_index[0], b = r.field_index[1];
        if (values_[a].empty() || values_[b].empty() || cell_error_[a] || cell_error_[b]) return;
        if (values_[a] <= values_[b]) return;
        const Field &fa = ds_.fields[a], &fb = ds_.fields[b];
        add(line_, column(b), &fb, label(b), values_[b], "date-order", r.severity,
            fmt::format("「{}」（{}）早于「{}」（{}）", fb.title, values_[b], fa.title, values_[a]),
            fmt::format("'{}' ({}) is before '{}' ({})", fb.name, values_[b], fa.name, values_[a]));
        return;
      }
      case RuleKind::one_of_required: {
        std::string names_zh, names_en;
        for (std::size_t i : r.field_index) {
          if (!values_[i].empty() || cell_error_[i]) return;
          names_zh += (names_zh.empty() ? "「" : "」「") + ds_.fields[i].title;
          names_en += (names_en.empty() ? "" : ", ") + ds_.fields[i].name;
        }
        add(line_, 0, nullptr, "", "", "one-of-required", r.severity,
            fmt::format("{}」至少须填写一项", names_zh),
            fmt::format("at least one of {} must be filled in", names_en));
        return;
      }
      case RuleKind::id_matches_type: {
        const std::size_t t = r.field_index[0], n = r.field_index[1];
        if (values_[t].empty() || values_[n].empty() || cell_error_[n]) return;
        if (std::find(r.codes.begin(), r.codes.end(), values_[t]) == r.codes.end()) return;
        const IdResult id = check_resident_id(values_[n]);
        if (id.status == IdStatus::valid) {
          values_[n] = id.normalized;
          return;
        }
        if (id.status == IdStatus::legacy) values_[n] = id.converted;
        id_finding(n, values_[n], id, "resident-id-");
        return;
      }
    }
  }

  static std::uint64_t key_hash(const std::vector<std::string>& vals, const std::vector<std::size_t>& idx) {
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i : idx) {
      h ^= std::hash<std::string>{}(vals[i]);
      h *= 1099511628211ull;
      h = (h << 7) | (h >> 57);
    }
    return h;
  }

  void check_keys() {
    // unique fields
    for (std::size_t f = 0; f < ds_.fields.size(); ++f) {
      const Field& fd = ds_.fields[f];
      if (!fd.unique || values_[f].empty() || cell_error_[f]) continue;
      const std::size_t first = unique_seen_[f].insert(std::hash<std::string>{}(values_[f]), line_);
      if (first != 0)
        cell(f, "unique-error", Severity::error, values_[f],
             fmt::format("「{}」的值「{}」与第{}行重复", label(f), shown(fd, values_[f]), first),
             fmt::format("'{}' in '{}' repeats row {}", shown(fd, values_[f]), fd.name, first));
    }
    // primary key
    if (!ds_.primary_key_index.empty()) {
      bool complete = true;
      for (std::size_t i : ds_.primary_key_index)
        complete = complete && !values_[i].empty() && !cell_error_[i];
      if (complete) {
        const std::size_t first = pk_seen_.insert(key_hash(values_, ds_.primary_key_index), line_);
        if (first != 0) {
          std::string key;
          for (std::size_t i : ds_.primary_key_index)
            key += (key.empty() ? "" : ", ") + shown(ds_.fields[i], values_[i]);
          add(line_, 0, nullptr, "", key, "primary-key", Severity::error,
              fmt::format("主键（{}）与第{}行重复", key, first),
              fmt::format("primary key ({}) repeats row {}", key, first));
        }
      }
    }
    // the whole row (not when bytes were replaced: different text may read the same)
    if (bad_bytes_) return;
    const std::size_t first = row_seen_.insert(key_hash(values_, all_fields_), line_);
    if (first != 0)
      add(line_, 0, nullptr, "", "", "duplicate-row", Severity::error, fmt::format("与第{}行完全相同", first),
          fmt::format("the row repeats row {}", first));
  }

  // ---- outputs ------------------------------------------------------------------------

  void end_row(const std::vector<std::string>& cells, const KeyedRecord* rec) {
    if (row_error_) {
      ++report_.stats.rejected;
      if (opts_.out_rejected) write_rejected(cells, rec);
    } else {
      ++report_.stats.accepted;
      if (opts_.out_valid) write_valid();
      if (opts_.on_accepted) opts_.on_accepted(line_, values_);
    }
  }

  void write_valid() {
    std::ostream& os = *opts_.out_valid;
    if (opts_.out_valid_format == OutputFormat::csv) {
      detail::write_csv_row(os, values_);
      return;
    }
    nlohmann::ordered_json j;
    for (std::size_t f = 0; f < ds_.fields.size(); ++f)
      if (!values_[f].empty()) j[ds_.fields[f].name] = values_[f];
    os << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }

  void write_rejected(const std::vector<std::string>& cells, const KeyedRecord* rec) {
    std::ostream& os = *opts_.out_rejected;
    std::string reasons;
    for (const auto& r : row_reasons_) reasons += (reasons.empty() ? "" : "; ") + r;
    if (opts_.out_rejected_format == OutputFormat::csv) {
      if (!rejected_header_written_) {
        std::vector<std::string> h = {"_row", "_errors"};
        h.insert(h.end(), labels_.begin(), labels_.end());
        detail::write_csv_row(os, h);
        rejected_header_written_ = true;
      }
      std::vector<std::string> out = {std::to_string(line_), reasons};
      if (rec) {
        for (const auto& [k, v] : *rec) out.push_back(k + "=" + v.value_or(""));
      } else {
        out.insert(out.end(), cells.begin(), cells.end());
      }
      detail::write_csv_row(os, out);
      return;
    }
    nlohmann::ordered_json j;
    j["row"] = line_;
    j["errors"] = row_reasons_;
    nlohmann::ordered_json data = nlohmann::ordered_json::object();
    if (rec) {
      for (const auto& [k, v] : *rec) data[k] = v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json();
    } else {
      for (std::size_t c = 0; c < cells.size(); ++c)
        data[c < labels_.size() && !labels_[c].empty() ? labels_[c] : "_" + std::to_string(c + 1)] = cells[c];
    }
    j["data"] = data;
    os << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }

  const Dataset& ds_;
  const ValidateOptions& opts_;
  Report report_;
  std::unordered_map<std::string, std::size_t> label_index_;
  std::unordered_map<std::string, std::ptrdiff_t> key_cache_;
  std::vector<std::string> labels_;
  std::vector<std::ptrdiff_t> col_field_;
  std::vector<std::size_t> column_of_;
  std::vector<std::string> label_of_;
  std::size_t line_ = 0;
  bool has_header_ = false;  // a header (positional) or a key (keyed) was seen
  bool keyed_ = false;       // keyed stream input (JSON Lines)
  std::vector<bool> key_seen_;
  std::vector<std::pair<std::size_t, std::size_t>>
      pending_blank_;  // (line, cells) of blank rows not yet rows
  bool row_error_ = false;
  bool bad_bytes_ = false;
  bool rejected_header_written_ = false;
  std::vector<std::string> row_reasons_;
  std::vector<std::string> values_;
  std::vector<bool> present_, cell_error_;
  std::vector<std::size_t> all_fields_;
  std::vector<detail::SeenTable> unique_seen_;
  detail::SeenTable pk_seen_, row_seen_;
};

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
               const std::string& source = {}) {
  io::CsvOptions co;
  co.source = source;
  co.encoding = io::parse_encoding(o.encoding);
  co.delimiter = o.delimiter != '\0' ? o.delimiter : (tsv ? '\t' : ',');
  io::CsvReader reader(in, co);
  Checker chk(engine, ds, o);
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
                 const std::string& source = {}) {
  Checker chk(engine, ds, o);
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

Report validate_file(const Engine& engine, std::string_view dataset, const std::string& path,
                     const ValidateOptions& options) {
  const Dataset& ds = engine.dataset(dataset);
  const std::string f = resolve_format(options, path);
  std::ifstream in;
  open_for_reading(in, path, "input file");
  if (f == "jsonl") return run_jsonl(engine, ds, in, options, path);
  return run_csv(engine, ds, in, options, f == "tsv", path);
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
  const Dataset& ds = engine.dataset(dataset);
  Checker chk(engine, ds, options);
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
