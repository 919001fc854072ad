#include "io/csv.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <utility>

#include "ecredit/error.hpp"
#include "ecredit/file.hpp"

namespace ecredit::io {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

const iconv_t kNoIconv = reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1));

/// How a field ended.
enum class End { delimiter, eol, eof };

constexpr std::uint64_t splat(unsigned char c) { return 0x0101010101010101ULL * c; }

/// Non-zero when some byte of `v` is zero; the lowest set bit marks the first zero byte.
inline std::uint64_t zero_bytes(std::uint64_t v) {
  return (v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL;
}

/// The first byte in [p, e) for which `table` is true. `table` must flag '"', '\r', '\n', '\0'
/// and every byte >= 0x80, plus `extra` (the delimiter, or '"' again inside quotes).
inline const unsigned char* find_special(const unsigned char* p, const unsigned char* e, std::uint64_t extra,
                                         const bool* table) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  constexpr std::uint64_t kQuote = splat('"'), kCr = splat('\r'), kLf = splat('\n');
  while (e - p >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    const std::uint64_t m = (v & kHigh) | zero_bytes(v) | zero_bytes(v ^ kQuote) | zero_bytes(v ^ kCr) |
                            zero_bytes(v ^ kLf) | zero_bytes(v ^ extra);
    if (m != 0) return p + (__builtin_ctzll(m) >> 3);
    p += 8;
  }
#else
  (void)extra;
#endif
  while (p < e && !table[*p]) ++p;
  return p;
}

/// Outcome of checking the UTF-8 sequence that starts at a byte >= 0x80.
struct Utf8Check {
  std::size_t valid = 0;  ///< length of a valid sequence, 0 if invalid or incomplete
  std::size_t bad = 0;    ///< invalid: bytes to replace by one U+FFFD (the maximal subpart)
  std::size_t need = 0;   ///< incomplete at `e`: full length the sequence would need
};

inline Utf8Check check_utf8(const unsigned char* p, const unsigned char* e) {
  Utf8Check r;
  const unsigned char c = *p;
  if (c < 0xC2 || c > 0xF4) {
    r.bad = 1;
    return r;
  }
  const std::size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c == 0xE0)
    lo = 0xA0;  // overlong 3-byte
  else if (c == 0xED)
    hi = 0x9F;  // surrogates
  else if (c == 0xF0)
    lo = 0x90;  // overlong 4-byte
  else if (c == 0xF4)
    hi = 0x8F;  // > U+10FFFF
  for (std::size_t i = 1; i < n; ++i) {
    if (p + i >= e) {
      r.need = n;
      return r;
    }
    const unsigned char b = p[i];
    if (b < lo || b > hi) {
      r.bad = i;
      return r;
    }
    lo = 0x80;
    hi = 0xBF;
  }
  r.valid = n;
  return r;
}

/// True when [p, e) is valid UTF-8, ignoring a sequence cut at `e`.
bool valid_utf8_prefix(const unsigned char* p, const unsigned char* e) {
  while (p < e) {
    while (e - p >= 8) {
      std::uint64_t v;
      std::memcpy(&v, p, 8);
      if ((v & 0x8080808080808080ULL) != 0) break;
      p += 8;
    }
    if (p == e) break;
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const Utf8Check c = check_utf8(p, e);
    if (c.need != 0) return true;
    if (c.valid == 0) return false;
    p += c.valid;
  }
  return true;
}

}  // namespace

bool valid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* e = p + s.size();
  while (p < e) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const Utf8Check c = check_utf8(p, e);
    if (c.valid == 0) return false;  // bad, or cut at the end
    p += c.valid;
  }
  return true;
}

namespace {

/// True when `s` decodes as GB18030 (a sequence cut at the end is accepted).
bool decodes_as_gb18030(const char* s, std::size_t n) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == kNoIconv) return false;
  char out[4096];
  char* in = const_cast<char*>(s);
  std::size_t left = n;
  bool ok = true;
  while (left > 0) {
    char* o = out;
    std::size_t room = sizeof out;
    if (iconv(cd, &in, &left, &o, &room) != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) continue;
    ok = errno == EINVAL;  // EINVAL: incomplete sequence at the end
    break;
  }
  iconv_close(cd);
  return ok;
}

std::string hex_byte(unsigned char b) {
  char s[8];
  std::snprintf(s, sizeof s, "0x%02X", static_cast<unsigned>(b));
  return s;
}

/// Drops a UTF-8 sequence cut at the end of `s` (whose content is otherwise valid UTF-8).
void trim_cut_sequence(std::string& s) {
  std::size_t i = s.size();
  for (int k = 0; k < 4 && i > 0; ++k) {
    --i;
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    if (c >= 0xC0) {
      const std::size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (i + n > s.size()) s.resize(i);
    }
    return;
  }
}

}  // namespace

std::string_view to_string(Encoding e) noexcept {
  switch (e) {
    case Encoding::auto_detect:
      return "auto";
    case Encoding::utf8:
      return "utf-8";
    case Encoding::gb18030:
      return "gb18030";
  }
  return "?";
}

Encoding parse_encoding(std::string_view name) {
  std::string n(name);
  for (char& c : n) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (n == "auto") return Encoding::auto_detect;
  if (n == "utf-8" || n == "utf8") return Encoding::utf8;
  if (n == "gb18030" || n == "gbk" || n == "gb2312") return Encoding::gb18030;
  throw InvalidInputError("unknown encoding '" + std::string(name) +
                          "' (expected auto, utf-8, utf8, gb18030, gbk or gb2312)");
}

std::string_view to_string(ReadIssue::Kind k) noexcept {
  switch (k) {
    case ReadIssue::Kind::encoding_error:
      return "encoding-error";
    case ReadIssue::Kind::nul_byte:
      return "nul-byte";
    case ReadIssue::Kind::unterminated_quote:
      return "unterminated-quote";
    case ReadIssue::Kind::stray_quote:
      return "stray-quote";
    case ReadIssue::Kind::field_too_large:
      return "field-too-large";
    case ReadIssue::Kind::too_many_fields:
      return "too-many-fields";
  }
  return "?";
}

bool RawRecord::blank() const noexcept {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return c.empty(); });
}

// ------------------------------------------------------------------------------------------------
// Layout: the stream is read in chunks. UTF-8 input is read straight into `buf_`; GB18030 input
// is read into `raw_` and converted into `buf_` with iconv (an incomplete multibyte sequence at
// the end of `raw_` waits for the next chunk). Bytes iconv rejects are written to `buf_` as the
// pair 0xFF <byte> (0xFF never occurs in UTF-8), which the parser turns into U+FFFD + issue.
// The parser copies field text out of `buf_` as it goes, so `buf_` only ever keeps the few bytes
// of an unfinished UTF-8 sequence across a refill.
struct CsvReader::Impl {
  std::istream* in_ = nullptr;
  std::unique_ptr<std::istream> owned_;
  CsvOptions opt_;
  Encoding enc_ = Encoding::utf8;
  bool gb_ = false;
  bool bom_ = false;
  bool in_eof_ = false;  // the stream has nothing more
  std::uint64_t nread_ = 0;
  std::size_t line_ = 0;

  std::vector<char> buf_;  // UTF-8 text; size() is the capacity, [pos_, end_) unread
  std::size_t pos_ = 0, end_ = 0;
  unsigned char last_consumed_ = '\n';  // byte before buf_[0] after a compaction

  std::vector<char> raw_;  // GB18030 bytes waiting for conversion: [raw_pos_, raw_end_)
  std::size_t raw_pos_ = 0, raw_end_ = 0;
  bool raw_need_more_ = false;  // iconv saw an incomplete sequence at raw_end_
  iconv_t cd_ = kNoIconv;

  unsigned char delim_ = ',';
  std::uint64_t delim_pat_ = 0;
  bool special_plain_[256] = {};   // stops the scan in an unquoted field
  bool special_quoted_[256] = {};  // stops the scan in a quoted field

  // Per-record state.
  RawRecord* rec_ = nullptr;
  std::size_t ncells_ = 0;  // cells kept
  std::size_t col_ = 0;     // 1-based index of the current field (also counts dropped ones)
  std::string* cell_ = nullptr;
  std::string scratch_;  // sink for dropped fields
  bool field_full_ = false;
  bool field_nul_ = false;
  bool field_stray_ = false;
  bool dropped_reported_ = false;
  // The field's one encoding_error issue (index in rec_->issues) and its bad sequences.
  std::size_t field_enc_issue_ = 0;
  std::size_t field_enc_count_ = 0;
  bool gb_hint_ = false;

  Impl(std::istream& in, CsvOptions opt) : in_(&in), opt_(opt) {
    const char d = opt_.delimiter;
    if (d == '"' || d == '\r' || d == '\n' || d == '\0' || static_cast<unsigned char>(d) >= 0x80)
      throw InvalidInputError(
          "CsvOptions::delimiter must be an ASCII character other than '\"', CR, LF and NUL");
    if (opt_.max_fields == 0) throw InvalidInputError("CsvOptions::max_fields must be at least 1");
    if (opt_.chunk_bytes == 0) throw InvalidInputError("CsvOptions::chunk_bytes must be at least 1");
    delim_ = static_cast<unsigned char>(d);
    delim_pat_ = splat(delim_);
    for (int c = 0x80; c < 256; ++c) special_plain_[c] = special_quoted_[c] = true;
    for (unsigned char c : {'"', '\r', '\n', '\0'}) special_plain_[c] = special_quoted_[c] = true;
    special_plain_[delim_] = true;
    start();
  }

  ~Impl() {
    if (cd_ != kNoIconv) iconv_close(cd_);
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // --- input -----------------------------------------------------------------------------------

  std::size_t read_stream(char* dst, std::size_t n) {
    if (in_eof_ || n == 0) return 0;
    errno = 0;
    in_->read(dst, static_cast<std::streamsize>(n));
    const auto got = static_cast<std::size_t>(in_->gcount());
    if (got < n) {
      if (in_->bad()) {
        const std::error_code ec(errno != 0 ? errno : EIO, std::generic_category());
        if (!opt_.source.empty()) throw_io_error("cannot read CSV file", opt_.source, ec);
        throw Error("CSV input: read error: " + ec.message());
      }
      in_eof_ = true;
    }
    nread_ += got;
    return got;
  }

  /// Reads the first bytes, skips a BOM and settles the encoding.
  void start() {
    std::size_t want = std::max<std::size_t>(opt_.chunk_bytes, 3);
    if (opt_.encoding == Encoding::auto_detect) want = std::max(want, opt_.sniff_bytes);
    raw_.resize(want + 16);
    raw_end_ = read_stream(raw_.data(), want);
    const auto* u = reinterpret_cast<const unsigned char*>(raw_.data());
    bom_ = raw_end_ >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
    raw_pos_ = bom_ ? 3 : 0;
    if (bom_) {
      enc_ = Encoding::utf8;
    } else if (opt_.encoding != Encoding::auto_detect) {
      enc_ = opt_.encoding;
    } else {
      const std::size_t n = std::min(raw_end_, opt_.sniff_bytes);
      enc_ = Encoding::utf8;
      if (!valid_utf8_prefix(u, u + n) && decodes_as_gb18030(raw_.data(), n)) enc_ = Encoding::gb18030;
    }
    if (enc_ == Encoding::utf8 && (bom_ || opt_.encoding != Encoding::auto_detect)) {
      // Read as UTF-8 by force: would the first bytes have decoded as GB18030?
      const auto* b = u + raw_pos_;
      gb_hint_ = !valid_utf8_prefix(b, u + raw_end_) &&
                 decodes_as_gb18030(raw_.data() + raw_pos_, raw_end_ - raw_pos_);
    }
    if (enc_ == Encoding::utf8) {
      buf_.swap(raw_);
      pos_ = raw_pos_;
      end_ = raw_end_;
      raw_ = {};
      raw_pos_ = raw_end_ = 0;
      if (buf_.size() < opt_.chunk_bytes + 16) buf_.resize(opt_.chunk_bytes + 16);
    } else {
      gb_ = true;
      cd_ = iconv_open("UTF-8", "GB18030");
      if (cd_ == kNoIconv)
        throw Error(std::string("CSV input: iconv cannot convert GB18030: ") + std::strerror(errno));
      buf_.resize(2 * opt_.chunk_bytes + 32);
    }
  }

  /// Moves the unread bytes of buf_ to its front.
  void compact() {
    if (pos_ == 0) return;
    last_consumed_ = static_cast<unsigned char>(buf_[pos_ - 1]);
    if (end_ > pos_) std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }

  /// No more text can arrive beyond end_.
  bool exhausted() const { return in_eof_ && (!gb_ || raw_pos_ == raw_end_); }

  /// Appends more text to buf_; false at end of input.
  bool read_more() {
    compact();
    if (!gb_) {
      if (buf_.size() < end_ + opt_.chunk_bytes) buf_.resize(end_ + opt_.chunk_bytes);
      const std::size_t got = read_stream(buf_.data() + end_, opt_.chunk_bytes);
      end_ += got;
      return got > 0;
    }
    return convert_more();
  }

  /// Reads the next chunk of GB18030 bytes after the unconverted rest of raw_.
  void read_raw() {
    if (raw_pos_ > 0) {
      if (raw_end_ > raw_pos_) std::memmove(raw_.data(), raw_.data() + raw_pos_, raw_end_ - raw_pos_);
      raw_end_ -= raw_pos_;
      raw_pos_ = 0;
    }
    if (raw_.size() < raw_end_ + opt_.chunk_bytes) raw_.resize(raw_end_ + opt_.chunk_bytes);
    raw_end_ += read_stream(raw_.data() + raw_end_, opt_.chunk_bytes);
  }

  /// Converts GB18030 from raw_ into buf_ (which has been compacted); false at end of input.
  bool convert_more() {
    const std::size_t before = end_;
    if (buf_.size() < end_ + 2 * opt_.chunk_bytes + 16) buf_.resize(end_ + 2 * opt_.chunk_bytes + 16);
    for (;;) {
      if (raw_pos_ < raw_end_ && !raw_need_more_) {
        char* ip = raw_.data() + raw_pos_;
        std::size_t il = raw_end_ - raw_pos_;
        char* op = buf_.data() + end_;
        std::size_t ol = buf_.size() - end_;
        const std::size_t r = iconv(cd_, &ip, &il, &op, &ol);
        const int err = errno;
        raw_pos_ = static_cast<std::size_t>(ip - raw_.data());
        end_ = static_cast<std::size_t>(op - buf_.data());
        if (r == static_cast<std::size_t>(-1)) {
          if (err == EILSEQ) {
            if (buf_.size() - end_ < 2) return true;  // output full; something was converted
            emit_bad_raw_byte();
          } else if (err == EINVAL) {
            raw_need_more_ = true;
          } else if (err == E2BIG) {
            return true;
          }
        }
        if (end_ > before) return true;
        continue;
      }
      // raw_ is empty or ends in an incomplete sequence.
      if (in_eof_) {
        if (raw_pos_ == raw_end_) return end_ > before;
        raw_need_more_ = false;  // a sequence cut by the end of input: reject its first byte
        emit_bad_raw_byte();
        return true;
      }
      read_raw();
      raw_need_more_ = false;
    }
  }

  void emit_bad_raw_byte() {
    buf_[end_++] = static_cast<char>(0xFF);
    buf_[end_++] = raw_[raw_pos_++];
  }

  /// Makes at least `need` unread bytes available; false if the input ends first.
  bool fill(std::size_t need) {
    while (end_ - pos_ < need)
      if (!read_more()) return false;
    return true;
  }

  /// The next unread byte, or -1 at end of input.
  int peek() {
    if (pos_ == end_ && !fill(1)) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
  }

  const unsigned char* text() const { return reinterpret_cast<const unsigned char*>(buf_.data()); }

  // --- output ----------------------------------------------------------------------------------

  void add_issue(ReadIssue::Kind kind, std::size_t line, std::size_t column, std::string detail) {
    rec_->issues.push_back(ReadIssue{kind, line, column, std::move(detail)});
  }

  /// Appends field text, cutting the field at max_field_bytes.
  void put(const char* s, std::size_t n) {
    if (n == 0 || field_full_) return;
    std::string& c = *cell_;
    const std::size_t room = opt_.max_field_bytes - std::min(c.size(), opt_.max_field_bytes);
    if (n <= room) {
      c.append(s, n);
      return;
    }
    c.append(s, room);
    trim_cut_sequence(c);
    field_full_ = true;
    add_issue(ReadIssue::Kind::field_too_large, line_ + 1, col_,
              "field longer than " + std::to_string(opt_.max_field_bytes) + " bytes; cut");
  }

  void put(const unsigned char* a, const unsigned char* b) {
    put(reinterpret_cast<const char*>(a), static_cast<std::size_t>(b - a));
  }

  /// One issue per field: the first bad sequence, then a count of the others (end_field).
  /// Fields beyond max_fields are dropped (and reported) as a whole.
  void encoding_issue(std::string detail) {
    if (col_ > opt_.max_fields) return;
    if (field_enc_count_++ == 0) {
      field_enc_issue_ = rec_->issues.size();
      add_issue(ReadIssue::Kind::encoding_error, line_ + 1, col_, std::move(detail));
    }
  }

  void end_field() {
    if (field_enc_count_ > 1) {
      const std::size_t more = field_enc_count_ - 1;
      rec_->issues[field_enc_issue_].detail += " and " + std::to_string(more) + " more invalid sequence" +
                                               (more == 1 ? "" : "s") + " in this field";
    }
    field_enc_count_ = 0;
  }

  void nul_issue() {
    if (field_nul_) return;
    field_nul_ = true;
    add_issue(ReadIssue::Kind::nul_byte, line_ + 1, col_, "NUL byte removed");
  }

  void stray_issue(const char* detail) {
    if (field_stray_) return;
    field_stray_ = true;
    add_issue(ReadIssue::Kind::stray_quote, line_ + 1, col_, detail);
  }

  /// Handles a byte >= 0x80 at `p` (a multibyte character or bad bytes). Advances `p` (and
  /// `start` after writing a replacement) and returns 0, or returns the number of bytes that
  /// must be available at `p` to decide (the caller refills and retries).
  std::size_t high_byte(const unsigned char*& p, const unsigned char* e, const unsigned char*& start) {
    if (gb_ && *p == 0xFF) {  // a byte iconv rejected
      if (e - p < 2 && !exhausted()) return 2;
      const unsigned char b = e - p >= 2 ? p[1] : 0xFF;
      put(start, p);
      put(kReplacement, 3);
      encoding_issue("invalid GB18030 byte " + hex_byte(b));
      p += e - p >= 2 ? 2 : 1;
      start = p;
      return 0;
    }
    const Utf8Check c = check_utf8(p, e);
    if (c.valid != 0) {
      p += c.valid;
      // Consume the run of valid multibyte characters that usually follows (Chinese
      // text) here rather than returning to the special-byte scan for each one.
      while (p < e && *p >= 0x80) {
        const Utf8Check d = check_utf8(p, e);
        if (d.valid == 0) break;  // bad or cut: handled by the next call
        p += d.valid;
      }
      return 0;
    }
    if (c.need != 0 && !exhausted()) return c.need;
    const std::size_t bad = c.need != 0 ? static_cast<std::size_t>(e - p) : c.bad;
    put(start, p);
    put(kReplacement, 3);
    if (bad == 1) {
      encoding_issue("invalid UTF-8 byte " + hex_byte(*p));
    } else {
      std::string d = "incomplete UTF-8 sequence";
      for (std::size_t i = 0; i < bad; ++i) d += " " + hex_byte(p[i]);
      encoding_issue(std::move(d));
    }
    p += bad;
    start = p;
    return 0;
  }

  /// After a CR that ended a line: swallows the LF of a CRLF.
  void skip_lf_after_cr() {
    if (peek() == '\n') ++pos_;
  }

  /// Reads unquoted field text up to the delimiter, the end of the line or of the input.
  End parse_plain() {
    for (;;) {
      const unsigned char* b = text();
      const unsigned char* p = b + pos_;
      const unsigned char* const e = b + end_;
      const unsigned char* start = p;
      std::size_t need = 0;
      for (;;) {
        p = find_special(p, e, delim_pat_, special_plain_);
        if (p == e) break;
        const unsigned char c = *p;
        if (c == delim_) {
          put(start, p);
          pos_ = static_cast<std::size_t>(p + 1 - b);
          return End::delimiter;
        }
        if (c == '\n' || c == '\r') {
          put(start, p);
          pos_ = static_cast<std::size_t>(p + 1 - b);
          ++line_;
          if (c == '\r') skip_lf_after_cr();
          return End::eol;
        }
        if (c == '"') {
          put(start, p);  // keeps issues in input order
          stray_issue("quote character inside an unquoted field");
          start = p++;  // the quote is kept as text
        } else if (c == 0) {
          put(start, p);
          nul_issue();
          start = ++p;
        } else if ((need = high_byte(p, e, start)) != 0) {
          break;
        }
      }
      put(start, p);
      pos_ = static_cast<std::size_t>(p - b);
      if (!fill(need == 0 ? 1 : need) && pos_ == end_) return End::eof;
    }
  }

  /// Reads a quoted field after its opening quote. Returns true when the closing quote was
  /// found, false when the input ended first.
  bool parse_quoted() {
    const std::size_t open_line = line_ + 1;
    for (;;) {
      const unsigned char* b = text();
      const unsigned char* p = b + pos_;
      const unsigned char* const e = b + end_;
      const unsigned char* start = p;
      std::size_t need = 0;
      bool rescan = false;
      while (!rescan) {
        p = find_special(p, e, splat('"'), special_quoted_);
        if (p == e) break;
        const unsigned char c = *p;
        if (c == '"') {
          put(start, p);
          pos_ = static_cast<std::size_t>(p + 1 - b);
          if (peek() != '"') return true;
          put("\"", 1);
          ++pos_;
          rescan = true;  // peek() may have moved the buffer
        } else if (c == '\n') {
          put(start, p);  // text is flushed line by line so a cut is reported on its own line
          start = p++;
          ++line_;
        } else if (c == '\r') {
          put(start, p);
          start = p++;
          ++line_;
          if (p < e) {
            if (*p == '\n') ++p;
          } else {
            put(start, p);
            pos_ = static_cast<std::size_t>(p - b);
            if (peek() == '\n') {
              put("\n", 1);
              ++pos_;
            }
            rescan = true;
          }
        } else if (c == 0) {
          put(start, p);
          nul_issue();
          start = ++p;
        } else if ((need = high_byte(p, e, start)) != 0) {
          break;
        }
      }
      if (rescan) continue;
      put(start, p);
      pos_ = static_cast<std::size_t>(p - b);
      if (!fill(need == 0 ? 1 : need) && pos_ == end_) {
        add_issue(ReadIssue::Kind::unterminated_quote, open_line, col_,
                  "quote opened on line " + std::to_string(open_line) + " is never closed");
        return false;
      }
    }
  }

  /// Reads one field; the next unread byte is its first.
  End parse_field() {
    const int c = peek();
    if (c < 0) return End::eof;
    if (c != '"') return parse_plain();
    ++pos_;
    if (!parse_quoted()) return End::eof;
    const int after = peek();
    if (after < 0) return End::eof;
    if (after == delim_) {
      ++pos_;
      return End::delimiter;
    }
    if (after == '\n' || after == '\r') {
      ++pos_;
      ++line_;
      if (after == '\r') skip_lf_after_cr();
      return End::eol;
    }
    stray_issue("text after the closing quote");
    return parse_plain();
  }

  void begin_field() {
    end_field();
    ++col_;
    field_nul_ = field_stray_ = false;
    if (col_ <= opt_.max_fields) {
      if (ncells_ == rec_->cells.size()) rec_->cells.emplace_back();
      cell_ = &rec_->cells[ncells_++];
      cell_->clear();
      field_full_ = false;
      return;
    }
    if (!dropped_reported_) {
      dropped_reported_ = true;
      add_issue(ReadIssue::Kind::too_many_fields, line_ + 1, col_,
                "more than " + std::to_string(opt_.max_fields) + " fields; the rest are dropped");
    }
    scratch_.clear();
    cell_ = &scratch_;
    field_full_ = true;
  }

  bool next(RawRecord& out) {
    out.issues.clear();
    if (peek() < 0) {
      out.cells.clear();
      out.line = 0;
      return false;
    }
    rec_ = &out;
    out.line = line_ + 1;
    ncells_ = col_ = field_enc_count_ = 0;
    dropped_reported_ = false;
    End how;
    do {
      begin_field();
      how = parse_field();
    } while (how == End::delimiter);
    end_field();
    if (how == End::eof) {
      const unsigned char last = pos_ > 0 ? static_cast<unsigned char>(buf_[pos_ - 1]) : last_consumed_;
      if (last != '\n' && last != '\r') ++line_;  // the final line had no line break
    }
    out.cells.resize(ncells_);
    rec_ = nullptr;
    cell_ = nullptr;
    return true;
  }
};

CsvReader::CsvReader(std::istream& in, CsvOptions opts) : impl_(std::make_unique<Impl>(in, opts)) {}

CsvReader::~CsvReader() = default;

std::unique_ptr<CsvReader> CsvReader::open(const std::string& path, CsvOptions opts) {
  auto file = std::make_unique<std::ifstream>();
  open_for_reading(*file, path, "CSV file");
  if (opts.source.empty()) opts.source = path;
  auto reader = std::make_unique<CsvReader>(*file, opts);
  reader->impl_->owned_ = std::move(file);
  return reader;
}

bool CsvReader::next(RawRecord& out) { return impl_->next(out); }

Encoding CsvReader::encoding() const noexcept { return impl_->enc_; }

bool CsvReader::had_bom() const noexcept { return impl_->bom_; }

bool CsvReader::looks_gb18030() const noexcept { return impl_->gb_hint_; }

std::uint64_t CsvReader::bytes_read() const noexcept { return impl_->nread_; }

std::size_t CsvReader::line() const noexcept { return impl_->line_; }

}  // namespace ecredit::io
