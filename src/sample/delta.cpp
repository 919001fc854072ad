// write_sample_delta (include/ecredit/sample.hpp): the sample market's second day. It reads
// the day-1 files back (the rows the validator accepts), draws the rows to correct, withdraw
// and re-send and the subject to blacklist with the sample's random numbers (so the files
// are the same on every platform), and writes them as exchange files with an `op` column.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"
#include "ecredit/file.hpp"
#include "ecredit/sample.hpp"
#include "ecredit/validate.hpp"
#include "io/csv.hpp"
#include "random.hpp"
#include "text.hpp"
#include "validate_text.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {
namespace {

namespace fs = std::filesystem;

// The accepted rows of one day-1 file, as written (not normalised), with its header.
struct Day1File {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::unordered_map<std::string, std::size_t> col;

  const std::string& cell(const std::vector<std::string>& row, const std::string& name) const {
    static const std::string none;
    auto it = col.find(name);
    return it == col.end() || it->second >= row.size() ? none : row[it->second];
  }
  void set(std::vector<std::string>& row, const std::string& name, const std::string& v) const {
    auto it = col.find(name);
    if (it != col.end() && it->second < row.size()) row[it->second] = v;
  }
};

Day1File read_day1(const Engine& engine, const fs::path& file, const std::string& dataset) {
  Day1File f;
  if (!fs::exists(file)) return f;
  std::set<std::size_t> accepted;  // CSV row numbers (header = 1)
  ValidateOptions vo;
  vo.max_findings = 0;
  vo.on_accepted = [&](std::size_t row, const std::vector<std::string>&) { accepted.insert(row); };
  validate_file(engine, dataset, file.string(), vo);
  auto reader = io::CsvReader::open(file.string());
  io::RawRecord rec;
  std::size_t row = 0;
  while (reader->next(rec)) {
    ++row;
    if (row == 1) {
      f.header = rec.cells;
      for (std::size_t i = 0; i < f.header.size(); ++i) f.col.emplace(f.header[i], i);
    } else if (accepted.count(row) && rec.cells.size() == f.header.size()) {
      f.rows.push_back(rec.cells);
    }
  }
  return f;
}

// The indices 0 … n-1 in an order drawn from `rng` (Fisher–Yates).
std::vector<std::size_t> shuffled(std::size_t n, Rng& rng) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = i;
  for (std::size_t i = n; i > 1; --i) std::swap(v[i - 1], v[static_cast<std::size_t>(rng.below(i))]);
  return v;
}

class Writer {
 public:
  Writer(const fs::path& path, const std::vector<std::string>& header) : path_(path) {
    open_for_writing(out_, path.string(), "sample file");
    std::vector<std::string> h{"op"};
    h.insert(h.end(), header.begin(), header.end());
    write(h);
  }
  void row(const std::string& op, const std::vector<std::string>& cells) {
    std::vector<std::string> r{op};
    r.insert(r.end(), cells.begin(), cells.end());
    write(r);
    ++rows;
  }
  void close() {
    out_.close();
    if (!out_)
      throw_io_error("cannot write sample file", path_.string(), std::make_error_code(std::errc::io_error));
  }
  std::size_t rows = 0;

 private:
  void write(const std::vector<std::string>& cells) {
    detail::write_csv_row(out_, cells);
    if (!out_)
      throw_io_error("cannot write sample file", path_.string(), std::make_error_code(std::errc::io_error));
  }
  fs::path path_;
  std::ofstream out_;
};

// One alias of each operation in turn, so that the file shows them all.
const char* const kUpdate[] = {"update", "修改", "U"};
const char* const kDelete[] = {"delete", "删除", "D"};

}  // namespace
}  // namespace sample

SampleDeltaSummary write_sample_delta(const std::string& day1_dir, const std::string& dir,
                                      const SampleDeltaOptions& o) {
  using namespace sample;
  if (day1_dir.empty() || dir.empty()) throw InvalidInputError("sample delta: no folder given");
  const fs::path in(day1_dir), out(dir);
  std::error_code ec;
  if (!fs::is_directory(in, ec))
    throw_io_error("cannot read day-1 folder", day1_dir,
                   ec ? ec
                      : std::make_error_code(fs::exists(in) ? std::errc::not_a_directory
                                                            : std::errc::no_such_file_or_directory));
  fs::create_directories(out, ec);
  if (ec) throw_io_error("cannot create sample folder", dir, ec);
  const auto engine = Engine::default_engine();
  Rng rng(o.seed ^ 0x6461792d32ull);  // "day-2": a stream of its own, apart from day 1's
  SampleDeltaSummary sum;

  const Day1File pen = read_day1(*engine, in / "admin_penalty.csv", "admin_penalty");
  const Day1File black = read_day1(*engine, in / "black_list.csv", "black_list");
  std::set<std::string> listed;
  for (const auto& r : black.rows) listed.insert(black.cell(r, "uscc"));

  // the subjects to blacklist: a serious penalty, a USCC, not on the black list yet
  const std::vector<std::size_t> order = shuffled(pen.rows.size(), rng);
  std::vector<std::size_t> listing_penalty;
  std::set<std::string> chosen;
  for (std::size_t i : order) {
    if (listing_penalty.size() >= o.blacklistings || black.rows.empty()) break;
    const auto& r = pen.rows[i];
    const std::string& uscc = pen.cell(r, "xdr_uscc");
    if (uscc.empty() || pen.cell(r, "severity") != "严重" || listed.count(uscc) || chosen.count(uscc))
      continue;
    chosen.insert(uscc);
    listing_penalty.push_back(i);
  }

  // admin_penalty.csv: corrections, withdrawals and rows re-sent as they were, none of them
  // of a subject blacklisted now
  if (!pen.header.empty()) {
    Writer w(out / "admin_penalty.csv", pen.header);
    auto& counts = sum.expected["admin_penalty"];
    const std::string day2 = iso(o.as_of + date::days{1});
    for (std::size_t i : order) {
      const auto& r = pen.rows[i];
      if (chosen.count(pen.cell(r, "xdr_uscc"))) continue;
      std::vector<std::string> row = r;
      if (counts.updated < o.updates) {
        const std::string was = pen.cell(r, "remarks");
        pen.set(row, "remarks",
                (was.empty() ? std::string() : was + "；") + day2 + " 更正：处罚决定书送达日期经复核补正");
        w.row(kUpdate[counts.updated % 3], row);
        sum.updated.push_back(pen.cell(r, "decision_no"));
        ++counts.updated;
      } else if (counts.withdrawn < o.withdrawals) {
        w.row(kDelete[counts.withdrawn % 3], row);
        sum.withdrawn.push_back(pen.cell(r, "decision_no"));
        ++counts.withdrawn;
      } else if (counts.unchanged < o.unchanged) {
        w.row("update", row);
        ++counts.unchanged;
      } else {
        break;
      }
    }
    w.close();
    sum.rows["admin_penalty"] = w.rows;
  }

  // black_list.csv: the new listings, decided on as_of, on the pattern of a day-1 entry
  if (!black.header.empty() && !listing_penalty.empty()) {
    Writer w(out / "black_list.csv", black.header);
    unsigned n = 0;
    for (std::size_t i : listing_penalty) {
      const auto& p = pen.rows[i];
      const std::string domain = pen.cell(p, "domain");
      const std::vector<std::string>* pattern = &black.rows.front();
      for (const auto& b : black.rows)
        if (black.cell(b, "domain") == domain) {
          pattern = &b;
          break;
        }
      std::vector<std::string> row = *pattern;
      const std::string uscc = pen.cell(p, "xdr_uscc");
      black.set(row, "uscc", uscc);
      black.set(row, "name", pen.cell(p, "xdr_name"));
      black.set(row, "subject_kind", pen.cell(p, "xdr_kind"));
      black.set(row, "id_type", "");
      black.set(row, "id_no", "");
      black.set(row, "legal_rep", pen.cell(p, "legal_rep"));
      black.set(row, "domain", domain);
      black.set(row, "decision_no",
                "穗能源失信〔" + std::to_string(year_of(o.as_of)) + "〕" + std::to_string(++n) + "号");
      black.set(row, "reason",
                "因" + pen.cell(p, "violation_type") + "受到行政处罚（" + pen.cell(p, "decision_no") +
                    "），情节严重，认定为严重失信主体");
      black.set(row, "included_on", iso(o.as_of));
      black.set(row, "expires_on", iso(o.as_of + date::days{3 * 365 + 1}));
      black.set(row, "removed_on", "");
      black.set(row, "removal_reason", "");
      black.set(row, "status", "有效");
      black.set(row, "notice_date", iso(o.as_of - date::days{15}));
      black.set(row, "responsible_persons", pen.cell(p, "legal_rep"));
      black.set(row, "severity", "严重");
      w.row("新增", row);
      sum.blacklisted.push_back(uscc);
      ++sum.expected["black_list"].added;
    }
    w.close();
    sum.rows["black_list"] = w.rows;
  }

  // a day-1 file re-sent byte for byte: every accepted row is unchanged
  if (!o.resend.empty() && fs::exists(in / (o.resend + ".csv"))) {
    const Day1File f = read_day1(*engine, in / (o.resend + ".csv"), o.resend);
    fs::copy_file(in / (o.resend + ".csv"), out / (o.resend + ".csv"), fs::copy_options::overwrite_existing,
                  ec);
    if (ec) throw_io_error("cannot write sample file", (out / (o.resend + ".csv")).string(), ec);
    std::size_t lines = 0;
    auto reader = io::CsvReader::open((in / (o.resend + ".csv")).string());
    io::RawRecord rec;
    while (reader->next(rec)) ++lines;
    sum.rows[o.resend] = lines == 0 ? 0 : lines - 1;
    sum.expected[o.resend].unchanged = f.rows.size();
  }
  return sum;
}

ECREDIT_END_NAMESPACE
