/// Streaming CSV reader (RFC 4180) with encoding detection (UTF-8 / GB18030).
///
/// The reader never throws for data problems: bad bytes, stray or unterminated quotes and
/// oversized fields are reported as `ReadIssue`s on the record where they occur. Memory stays
/// bounded by the chunk size plus the largest record (and fields are capped at
/// `CsvOptions::max_field_bytes`, records at `CsvOptions::max_fields`).
#pragma once
#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ecredit::io {

/// Text encoding of the input. Cells are always returned as UTF-8.
enum class Encoding { auto_detect, utf8, gb18030 };

/// "auto", "utf-8" or "gb18030".
std::string_view to_string(Encoding e) noexcept;

/// Accepts auto, utf-8, utf8, gb18030, gbk, gb2312 (case-insensitive; gbk and gb2312 map to
/// gb18030, their superset). Throws ecredit::InvalidInputError for any other name.
Encoding parse_encoding(std::string_view name);

/// A problem found while reading one record. Problems are data, never exceptions.
struct ReadIssue {
  enum class Kind {
    encoding_error,
    nul_byte,
    unterminated_quote,
    stray_quote,
    field_too_large,
    too_many_fields
  };
  Kind kind;
  std::size_t line = 0;    ///< 1-based physical line of the problem
  std::size_t column = 0;  ///< 1-based field index within the record (0 if not tied to a field)
  std::string detail;      ///< short English description, e.g. "invalid UTF-8 byte 0xFF"
};

/// "encoding-error", "nul-byte", "unterminated-quote", "stray-quote", "field-too-large", "too-many-fields".
std::string_view to_string(ReadIssue::Kind k) noexcept;

/// One CSV record as read, before any interpretation of its cells.
struct RawRecord {
  std::size_t line = 0;            ///< 1-based physical line where the record starts
  std::vector<std::string> cells;  ///< UTF-8 text of each field, quotes removed, "" unescaped
  std::vector<ReadIssue> issues;   ///< problems found while reading this record

  /// True when the record has no non-empty cell (an empty line, or ",,,").
  bool blank() const noexcept;
};

struct CsvOptions {
  /// Field separator; any ASCII byte except '"', '\r', '\n' and '\0'.
  char delimiter = ',';
  Encoding encoding = Encoding::auto_detect;
  /// A longer field is cut at this size (at a UTF-8 character boundary) + issue field_too_large.
  std::size_t max_field_bytes = 1 << 20;
  /// More fields in a record: extras dropped + issue too_many_fields. Must be at least 1.
  std::size_t max_fields = 4096;
  /// How much is read ahead to detect the encoding (auto_detect only).
  std::size_t sniff_bytes = 1 << 16;
  /// Bytes requested from the stream per read (at least 1). Small values are for tests.
  std::size_t chunk_bytes = 1 << 16;
  /// The file read (its path as given), named in a read error; empty for a stream.
  std::string source;
};

/// Reads records one at a time from a stream, converting the text to UTF-8.
///
/// Records end at LF, CRLF or a lone CR; quoted fields may contain the delimiter, line breaks
/// and doubled quotes. A final record without a line break is returned; the line break at the
/// very end of the input does not start another record, but every other empty line is a
/// record with one empty cell (`blank()`).
///
/// Encoding: a UTF-8 BOM is skipped and means UTF-8 (whatever `CsvOptions::encoding` says).
/// With auto_detect the first `sniff_bytes` decide: valid UTF-8 -> UTF-8, else valid GB18030
/// -> GB18030, else UTF-8. Invalid bytes become U+FFFD plus an encoding_error issue (one per
/// field: the first bad sequence, then "and N more invalid sequences in this field"); NUL
/// bytes are removed (issue nul_byte).
///
/// Not thread-safe; one reader per thread.
/// True when `s` is valid UTF-8 in full (no overlong forms, surrogates, code points
/// above U+10FFFF or a sequence cut at the end). The check the reader itself uses.
bool valid_utf8(std::string_view s) noexcept;

class CsvReader {
 public:
  /// Reads from `in` (not owned; must outlive the reader). Reads the first bytes at once to
  /// detect the encoding. Throws InvalidInputError for bad options (delimiter '"', '\r', '\n',
  /// '\0' or a non-ASCII byte; max_fields or chunk_bytes 0), ecredit::Error when the stream
  /// reports a read error or GB18030 is requested but iconv cannot convert it.
  explicit CsvReader(std::istream& in, CsvOptions opts = {});
  /// Opens a file (owned). Throws ecredit::Error with the path and strerror when it cannot be opened.
  static std::unique_ptr<CsvReader> open(const std::string& path, CsvOptions opts = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  /// The next record; false at end of input (then `out` is emptied). `out` is overwritten
  /// (reuse it to avoid allocations). Throws ecredit::Error only when the stream reports a
  /// read error (badbit).
  bool next(RawRecord& out);
  /// The encoding in use (after detection): utf8 or gb18030, never auto_detect.
  Encoding encoding() const noexcept;
  /// A UTF-8 BOM was present (and skipped).
  bool had_bom() const noexcept;
  /// Read as UTF-8 because of a BOM or CsvOptions::encoding, the first bytes (up to one
  /// chunk) are not valid UTF-8 but decode as GB18030: the encoding is probably wrong.
  bool looks_gb18030() const noexcept;
  /// Raw input bytes taken from the stream so far (includes up to one chunk of read-ahead).
  std::uint64_t bytes_read() const noexcept;
  /// Physical lines consumed so far (a final line without a line break counts once read).
  std::size_t line() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecredit::io
