// The validator's row checker (internal; include/ecredit/validate.hpp is the API).
// One Checker validates one input against one dataset. Its parts live in one file each:
//   checker.cpp     findings: counting every one, keeping (and wording) the first max_findings
//   header_map.cpp  header labels / record keys → fields (an index built once per pack)
//   cells.cpp       per-type cell checks (a table indexed by FieldType) and field constraints
//   rows.cpp        row intake (positional, keyed, unreadable, blank), required fields, row rules
//   keys.cpp        unique fields, the primary key, duplicate rows
//   sinks.cpp       the accepted / rejected outputs
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ecredit/engine.hpp"
#include "ecredit/id.hpp"
#include "ecredit/validate.hpp"
#include "io/csv.hpp"
#include "validate/side.hpp"
#include "validate_text.hpp"

namespace ecredit::detail {

/// Test hook: how many finding messages (zh + en) have been worded in this process.
/// A finding past the max_findings cap is counted but not worded (unless a rejected-row
/// reason needs its English text).
extern std::atomic<std::uint64_t> finding_messages_built;

/// What a finding says: its label and value as shown, and its message in both languages.
/// Built only when the finding is kept (or a rejected-row reason quotes it).
struct Said {
  std::string label, value, zh, en;
};
/// A message in both languages (a cell finding's label and value come from the cell).
struct Words {
  std::string zh, en;
};

/// A dataset's labels (name, titles, aliases) by match_key → field index. Built once per
/// pack and dataset (content-addressed by the pack hash) and shared by every Checker.
using LabelIndex = std::unordered_map<std::string, std::size_t>;
std::shared_ptr<const LabelIndex> label_index(const Engine& engine, const Dataset& ds);

class Checker {
 public:
  static constexpr std::ptrdiff_t kSideField = -2;  ///< key_field(): the side column

  Checker(const Engine& engine, const Dataset& ds, const ValidateOptions& opts);
  /// Takes `side`'s column out of the input (side.hpp); before the first header or record.
  void set_side(SideColumn* side) noexcept { side_ = side; }

  /// Positional input: the header record.
  void header(const std::vector<std::string>& labels, std::size_t line,
              const std::vector<io::ReadIssue>& issues = {});
  /// Positional input: one data record.
  void row(std::size_t line, const std::vector<std::string>& cells, const std::vector<io::ReadIssue>& issues,
           const std::vector<bool>* missing = nullptr,
           const std::vector<std::string>* repeated_keys = nullptr);
  /// Keyed input read as a stream (JSON Lines): one record. Keys are matched as they
  /// come; a required field no record has is reported at the end (finish).
  void keyed(std::size_t line, const KeyedRecord& rec);
  /// A warning that the bytes look like GB18030 although they were read as UTF-8.
  void encoding_hint();
  /// A record that could not be read at all (bad JSON, bad encoding, too long).
  void unreadable(std::size_t line, const std::string& type, const std::string& zh, const std::string& en,
                  const std::string& raw);
  Report finish(std::uint64_t bytes, std::string encoding);

  // ---- the parts' steps (public so that the cell-check table can name them) ----------

  /// A cell's value after its type check (cells.cpp table): false when the cell failed
  /// and takes no constraint check.
  bool check_string(std::size_t f, const std::string& raw);
  bool check_integer(std::size_t f, const std::string& raw);
  bool check_decimal(std::size_t f, const std::string& raw);
  bool check_date(std::size_t f, const std::string& raw);
  bool check_boolean(std::size_t f, const std::string& raw);
  bool check_code(std::size_t f, const std::string& raw);
  bool check_uscc_cell(std::size_t f, const std::string& raw);
  bool check_org_code_cell(std::size_t f, const std::string& raw);
  bool check_resident_id_cell(std::size_t f, const std::string& raw);

 private:
  // findings (checker.cpp)
  /// Counts a finding (type, severity, row error) and reports whether its words are
  /// needed: for the kept findings or a rejected-row reason. `sev` may be lowered to a
  /// warning by the field.
  bool count(const Field* f, const std::string& type, Severity& sev);
  void keep(std::size_t row, std::size_t col, const Field* f, const std::string& type, Severity sev,
            Said said);
  template <class Say>
  void add(std::size_t row, std::size_t col, const Field* f, const std::string& type, Severity sev,
           Say&& say) {
    if (count(f, type, sev)) keep(row, col, f, type, sev, say());
  }
  /// A finding on cell `f` of the current row (its value shown masked when personal).
  template <class Say>
  void cell(std::size_t f, const std::string& type, Severity sev, const std::string& raw, Say&& say) {
    const Field& fd = ds_.fields[f];
    if (sev == Severity::error && fd.severity == Severity::error) cell_error_[f] = true;
    add(line_, column(f), &fd, type, sev, [&] {
      Words w = say();
      return Said{label(f), shown(fd, raw), std::move(w.zh), std::move(w.en)};
    });
  }
  std::size_t column(std::size_t f) const { return column_of_[f]; }
  std::string label(std::size_t f) const { return label_of_[f].empty() ? ds_.fields[f].title : label_of_[f]; }
  std::string shown(const Field& f, std::string_view v) const;

  // header mapping (header_map.cpp)
  std::ptrdiff_t field_of_label(std::string_view label) const;
  void missing_label(std::size_t line, std::size_t f);
  std::ptrdiff_t key_field(std::size_t line, const std::string& key);
  void repeated_key(const std::string& key);

  // rows (rows.cpp)
  void read_issue(const io::ReadIssue& is, const std::vector<std::string>& cells);
  void flush_blank();
  void begin_row(std::size_t line);
  void check_row();
  void check_side();
  void check_required();
  void check_rule(const Rule& r);

  // cells (cells.cpp)
  void check_cell(std::size_t f);
  /// An integer or decimal cell: folded to half-width, then parsed.
  bool check_number(std::size_t f, const std::string& raw, bool (*parse)(std::string_view) noexcept);
  void type_error(std::size_t f, const std::string& raw, const char* hint_zh = "", const char* hint_en = "");
  void id_finding(std::size_t f, const std::string& raw, const IdResult& r, const char* prefix);
  void check_constraints(std::size_t f, const std::string& raw);

  // keys (keys.cpp)
  void check_keys();

  // sinks (sinks.cpp)
  void start_outputs();
  void end_row(const std::vector<std::string>& cells, const KeyedRecord* rec);
  void write_valid();
  void write_rejected(const std::vector<std::string>& cells, const KeyedRecord* rec);

  const Dataset& ds_;
  const ValidateOptions& opts_;
  Report report_;
  std::shared_ptr<const LabelIndex> labels_index_;
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
  std::vector<SeenTable> unique_seen_;
  SeenTable pk_seen_, row_seen_;
  SideColumn* side_ = nullptr;
  std::size_t side_col_ = SIZE_MAX;  // positional input: the side column's index
};

}  // namespace ecredit::detail
