// Text helpers of the validator: trimming, full-width folding, number / date /
// boolean parsing, multi-value splitting, CSV writing, bounded line reading.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ecredit::detail {

/// Without leading/trailing ASCII whitespace, U+3000 and U+00A0.
std::string_view trim(std::string_view s) noexcept;
/// Folds full-width ASCII, U+3000 / U+00A0 (→ space) and dashes / minus (→ '-')
/// to ASCII (text.hpp); the rest unchanged.
std::string half_width(std::string_view s);
/// Number of characters (UTF-8 code points).
std::size_t char_count(std::string_view s) noexcept;
/// At most `max` bytes, cut at a character boundary, "…" appended when cut.
std::string clip(std::string_view s, std::size_t max = 200);

/// Optional sign and digits.
bool parse_integer(std::string_view s) noexcept;
/// Optional sign, digits, optional fraction ("12", "-3.5", ".5", "5.").
bool parse_decimal(std::string_view s) noexcept;

struct DateValue {
  std::string text;           ///< ISO: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS for datetime
  bool excel_serial = false;  ///< read from an Excel serial day number
};
/// 2023-05-01, 2023/5/1, 2023.5.1, 2023年5月1日, 20230501, optionally followed by a
/// time (" 08:30[:00]", "T08:30:00"); a 5-digit Excel serial day number. For a date
/// field a time other than midnight is not accepted.
std::optional<DateValue> parse_date_time(std::string_view s, bool datetime);
/// 是/否, true/false, 1/0, y/n, yes/no, t/f (case-insensitive).
std::optional<bool> parse_boolean(std::string_view s);
/// Splits "a;b；c,d，e、f" into trimmed non-empty parts.
std::vector<std::string> split_multi(std::string_view s);

/// One RFC 4180 CSV record (quoted where needed, CRLF-free: "\n" line ends).
void write_csv_row(std::ostream& os, const std::vector<std::string>& cells);

/// A JSON value as cell text: strings as is, numbers / booleans as JSON text,
/// arrays of scalars joined by ';', null → nullopt, objects as JSON text.
std::optional<std::string> json_cell(const nlohmann::json& v);

/// A compact hash → first-row table for duplicate, primary-key and unique checks:
/// open addressing, 12 bytes a slot, at most 70 % full (≈ 17–34 bytes per key).
class SeenTable {
 public:
  /// Inserts `hash` seen at `row`; returns 0 when new, else the row it was first seen.
  std::size_t insert(std::uint64_t hash, std::size_t row);
  std::size_t size() const noexcept { return size_; }

 private:
  void grow();
  std::vector<std::uint64_t> keys_;  // 0 = empty
  std::vector<std::uint32_t> rows_;
  std::size_t size_ = 0;
};

/// Reads '\n'-terminated lines in chunks; a line longer than `max_bytes` is skipped
/// to its end and reported with too_long = true (so memory stays bounded).
class LineReader {
 public:
  /// `source` (the file's path, if any) is named when reading fails.
  LineReader(std::istream& in, std::size_t max_bytes, std::string source = {})
      : in_(in), max_(max_bytes), buf_(1 << 16), source_(std::move(source)) {}
  bool next(std::string& line, bool& too_long);
  std::uint64_t bytes() const noexcept { return bytes_; }

 private:
  bool fill();
  std::istream& in_;
  std::size_t max_;
  std::vector<char> buf_;
  std::string source_;
  std::size_t pos_ = 0, end_ = 0;
  std::uint64_t bytes_ = 0;
  bool eof_ = false;
};

}  // namespace ecredit::detail
