#include "io/csv.hpp"

#include <doctest/doctest.h>
#include <iconv.h>

#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ecredit/error.hpp"
#include "test_util.hpp"

using ecredit::io::CsvOptions;
using ecredit::io::CsvReader;
using ecredit::io::Encoding;
using ecredit::io::RawRecord;
using ecredit::io::ReadIssue;
using Kind = ecredit::io::ReadIssue::Kind;
using Cells = std::vector<std::string>;

namespace {

const std::string kFffd = "\xEF\xBF\xBD";  // U+FFFD

using test_util::to_gb18030;

struct Result {
  std::vector<RawRecord> records;
  Encoding encoding = Encoding::auto_detect;
  bool bom = false;
  bool looks_gb18030 = false;
  std::size_t lines = 0;
  std::uint64_t bytes = 0;
};

Result read_once(const std::string& data, const CsvOptions& opts) {
  std::istringstream in(data);
  CsvReader reader(in, opts);
  Result res;
  res.encoding = reader.encoding();
  res.bom = reader.had_bom();
  res.looks_gb18030 = reader.looks_gb18030();
  RawRecord rec;  // reused on purpose
  while (reader.next(rec)) res.records.push_back(rec);
  CHECK_FALSE(reader.next(rec));
  CHECK(rec.cells.empty());
  res.lines = reader.line();
  res.bytes = reader.bytes_read();
  CHECK(res.bytes == data.size());
  return res;
}

void check_same(const RawRecord& a, const RawRecord& b) {
  CHECK(a.line == b.line);
  CHECK(a.cells == b.cells);
  REQUIRE(a.issues.size() == b.issues.size());
  for (std::size_t i = 0; i < a.issues.size(); ++i) {
    CHECK(a.issues[i].kind == b.issues[i].kind);
    CHECK(a.issues[i].line == b.issues[i].line);
    CHECK(a.issues[i].column == b.issues[i].column);
    CHECK(a.issues[i].detail == b.issues[i].detail);
  }
}

/// Reads `data` with `opts`, then again in tiny chunks (with the detected encoding forced, so
/// the sniff read-ahead does not swallow the input) and checks that every read agrees.
Result read_all(const std::string& data, CsvOptions opts = {}) {
  Result base = read_once(data, opts);
  for (std::size_t chunk : {1, 2, 3, 5, 13}) {
    CAPTURE(chunk);
    CsvOptions o = opts;
    o.chunk_bytes = chunk;
    o.encoding = base.encoding;
    const Result r = read_once(data, o);
    CHECK(r.encoding == base.encoding);
    CHECK(r.bom == base.bom);
    CHECK(r.lines == base.lines);
    REQUIRE(r.records.size() == base.records.size());
    for (std::size_t i = 0; i < r.records.size(); ++i) check_same(r.records[i], base.records[i]);
  }
  return base;
}

CsvOptions with_encoding(Encoding e) {
  CsvOptions o;
  o.encoding = e;
  return o;
}

}  // namespace

TEST_CASE("csv: simple rows") {
  const auto r = read_all("id,name,amount\n1,alpha,10\n2,beta,20\n");
  CHECK(r.encoding == Encoding::utf8);
  CHECK_FALSE(r.bom);
  CHECK(r.lines == 3);
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0].cells == Cells{"id", "name", "amount"});
  CHECK(r.records[1].cells == Cells{"1", "alpha", "10"});
  CHECK(r.records[2].cells == Cells{"2", "beta", "20"});
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(r.records[i].line == i + 1);
    CHECK(r.records[i].issues.empty());
    CHECK_FALSE(r.records[i].blank());
  }
}

TEST_CASE("csv: quoted delimiter, newline and doubled quotes") {
  const auto r = read_all("\"a,b\",\"line1\nline2\",\"say \"\"hi\"\"\",\"\",\"\"\"\"\nx,y\n");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].cells == Cells{"a,b", "line1\nline2", "say \"hi\"", "", "\""});
  CHECK(r.records[0].issues.empty());
  CHECK(r.records[1].cells == Cells{"x", "y"});
  CHECK(r.records[1].line == 3);
  CHECK(r.lines == 3);
}

TEST_CASE("csv: CRLF, lone CR and mixed line ends") {
  const auto r = read_all("a,b\r\nc,d\re,f\ng\r\r\nh");
  REQUIRE(r.records.size() == 6);
  CHECK(r.records[0].cells == Cells{"a", "b"});
  CHECK(r.records[1].cells == Cells{"c", "d"});
  CHECK(r.records[2].cells == Cells{"e", "f"});
  CHECK(r.records[3].cells == Cells{"g"});
  CHECK(r.records[4].blank());  // the lone CR after "g" ends a line; "\r\n" is the next, empty line
  CHECK(r.records[5].cells == Cells{"h"});
  for (std::size_t i = 0; i < 6; ++i) CHECK(r.records[i].line == i + 1);
  CHECK(r.lines == 6);
}

TEST_CASE("csv: line numbers count physical lines inside quoted fields") {
  const auto r = read_all("h1,h2\n\"one\ntwo\r\nthree\rfour\",x\nnext,row\n\"\n\"\nlast,\"\"\n");
  REQUIRE(r.records.size() == 5);
  CHECK(r.records[1].line == 2);
  CHECK(r.records[1].cells == Cells{"one\ntwo\r\nthree\rfour", "x"});
  CHECK(r.records[2].line == 6);
  CHECK(r.records[2].cells == Cells{"next", "row"});
  CHECK(r.records[3].line == 7);
  CHECK(r.records[3].cells == Cells{"\n"});
  CHECK(r.records[4].line == 9);
  CHECK(r.records[4].cells == Cells{"last", ""});
  CHECK(r.lines == 9);
}

TEST_CASE("csv: empty input, blank lines and the last line") {
  CHECK(read_all("").records.empty());
  CHECK(read_all("").lines == 0);

  const auto no_newline = read_all("a,b\nc,d");
  REQUIRE(no_newline.records.size() == 2);
  CHECK(no_newline.records[1].cells == Cells{"c", "d"});
  CHECK(no_newline.lines == 2);

  const auto trailing = read_all("a,b\n");
  CHECK(trailing.records.size() == 1);

  const auto middle = read_all("a\n\n,,\nb\n");
  REQUIRE(middle.records.size() == 4);
  CHECK(middle.records[1].cells == Cells{""});
  CHECK(middle.records[1].blank());
  CHECK(middle.records[1].line == 2);
  CHECK(middle.records[2].cells == Cells{"", "", ""});
  CHECK(middle.records[2].blank());
  CHECK(middle.records[3].line == 4);

  // Only the final line break is a terminator: an empty line before it is a (blank) record.
  const auto two_breaks = read_all("a\n\n");
  REQUIRE(two_breaks.records.size() == 2);
  CHECK(two_breaks.records[1].blank());

  const auto quoted_empty = read_all("\"\"\n");
  REQUIRE(quoted_empty.records.size() == 1);
  CHECK(quoted_empty.records[0].blank());

  const auto ends_with_delimiter = read_all("a,");
  REQUIRE(ends_with_delimiter.records.size() == 1);
  CHECK(ends_with_delimiter.records[0].cells == Cells{"a", ""});
}

TEST_CASE("csv: ragged rows are returned as they are") {
  const auto r = read_all("a,b,c\n1\n1,2,3,4,5\n,\n");
  REQUIRE(r.records.size() == 4);
  CHECK(r.records[0].cells.size() == 3);
  CHECK(r.records[1].cells == Cells{"1"});
  CHECK(r.records[2].cells == Cells{"1", "2", "3", "4", "5"});
  CHECK(r.records[3].cells == Cells{"", ""});
  for (const auto& rec : r.records) CHECK(rec.issues.empty());
}

TEST_CASE("csv: UTF-8 BOM is skipped and means UTF-8") {
  const auto r = read_all("\xEF\xBB\xBFid,\xE5\x90\x8D\xE7\xA7\xB0\n1,x\n");
  CHECK(r.bom);
  CHECK(r.encoding == Encoding::utf8);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].cells == Cells{"id", "\xE5\x90\x8D\xE7\xA7\xB0"});
  CHECK(r.records[0].line == 1);

  const auto forced = read_all(
      "\xEF\xBB\xBF"
      "a\n",
      with_encoding(Encoding::gb18030));
  CHECK(forced.bom);
  CHECK(forced.encoding == Encoding::utf8);
  REQUIRE(forced.records.size() == 1);
  CHECK(forced.records[0].cells == Cells{"a"});

  const auto only_bom = read_all("\xEF\xBB\xBF");
  CHECK(only_bom.bom);
  CHECK(only_bom.records.empty());
}

TEST_CASE("csv: GB18030 input is detected and converted to UTF-8") {
  const std::string utf8 = "行政处罚决定书文号,处罚机关\n粤能罚〔2023〕1号,广州市发展和改革委员会\n";
  const std::string gb = to_gb18030(utf8);
  REQUIRE(gb != utf8);
  const auto r = read_all(gb);
  CHECK(r.encoding == Encoding::gb18030);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].cells == Cells{"行政处罚决定书文号", "处罚机关"});
  CHECK(r.records[1].cells == Cells{"粤能罚〔2023〕1号", "广州市发展和改革委员会"});
  CHECK(r.records[1].line == 2);
  CHECK(r.records[0].issues.empty());
  CHECK(r.records[1].issues.empty());

  // Detection from a short sniff, then conversion in chunks that cut characters in two.
  CsvOptions small;
  small.sniff_bytes = 6;
  small.chunk_bytes = 3;
  const auto s = read_once(gb, small);
  CHECK(s.encoding == Encoding::gb18030);
  REQUIRE(s.records.size() == 2);
  CHECK(s.records[1].cells == r.records[1].cells);

  // A 4-byte GB18030 sequence (U+20AC € is A2E3, U+00E9 é is 4 bytes: 81 30 87 30).
  const std::string four = to_gb18030("caf\xC3\xA9,\xE2\x82\xAC\n");
  const auto f = read_all(four, with_encoding(Encoding::gb18030));
  REQUIRE(f.records.size() == 1);
  CHECK(f.records[0].cells == Cells{"caf\xC3\xA9", "\xE2\x82\xAC"});
}

TEST_CASE("csv: forced encodings and encoding names") {
  const std::string gb = to_gb18030("名称,金额\n");
  const auto as_utf8 = read_all(gb, with_encoding(Encoding::utf8));
  CHECK(as_utf8.encoding == Encoding::utf8);
  REQUIRE(as_utf8.records.size() == 1);
  REQUIRE(as_utf8.records[0].issues.size() == 2);  // one per field
  for (const auto& i : as_utf8.records[0].issues) CHECK(i.kind == Kind::encoding_error);
  CHECK(as_utf8.looks_gb18030);
  CHECK(as_utf8.records[0].cells[0].find(kFffd) != std::string::npos);

  CHECK_FALSE(read_all("a,\xFF\n", with_encoding(Encoding::utf8)).looks_gb18030);  // not GB18030 either
  CHECK_FALSE(read_all("名称\n", with_encoding(Encoding::utf8)).looks_gb18030);    // fine as UTF-8
  const auto ascii_gb = read_all("a,b\n", with_encoding(Encoding::gb18030));
  CHECK(ascii_gb.encoding == Encoding::gb18030);
  REQUIRE(ascii_gb.records.size() == 1);
  CHECK(ascii_gb.records[0].cells == Cells{"a", "b"});

  const auto ascii_auto = read_all("a,b\n");
  CHECK(ascii_auto.encoding == Encoding::utf8);

  using ecredit::io::parse_encoding;
  using ecredit::io::to_string;
  CHECK(parse_encoding("auto") == Encoding::auto_detect);
  CHECK(parse_encoding("UTF-8") == Encoding::utf8);
  CHECK(parse_encoding("utf8") == Encoding::utf8);
  CHECK(parse_encoding("GB18030") == Encoding::gb18030);
  CHECK(parse_encoding("gbk") == Encoding::gb18030);
  CHECK(parse_encoding("GB2312") == Encoding::gb18030);
  CHECK_THROWS_AS(parse_encoding("latin1"), ecredit::InvalidInputError);
  CHECK_THROWS_AS(parse_encoding(""), ecredit::InvalidInputError);
  CHECK(to_string(Encoding::auto_detect) == "auto");
  CHECK(to_string(Encoding::utf8) == "utf-8");
  CHECK(to_string(Encoding::gb18030) == "gb18030");
  CHECK(to_string(Kind::encoding_error) == "encoding-error");
  CHECK(to_string(Kind::nul_byte) == "nul-byte");
  CHECK(to_string(Kind::unterminated_quote) == "unterminated-quote");
  CHECK(to_string(Kind::stray_quote) == "stray-quote");
  CHECK(to_string(Kind::field_too_large) == "field-too-large");
  CHECK(to_string(Kind::too_many_fields) == "too-many-fields");
}

TEST_CASE("csv: multibyte characters across the 64 KiB chunk boundary") {
  for (const bool gb : {false, true}) {
    CAPTURE(gb);
    std::string encoded;
    std::vector<Cells> expected;
    std::size_t boundary_char = 0;
    auto add = [&](const std::string& a, const std::string& b) {
      const std::string line = a + "," + b + "\n";
      encoded += gb ? to_gb18030(line) : line;
      expected.push_back({a, b});
    };
    add("编号", "名称");
    std::size_t i = 0;
    while (encoded.size() < 65536 - 64) add(std::to_string(i++), "广州市发展和改革委员会");
    add(std::string(65535 - encoded.size() - 3, 'p'), "q");  // padding: the next row starts at 65535
    boundary_char = encoded.size();
    add("行政", "x");
    for (int k = 0; k < 50; ++k) add("粤能罚〔2023〕" + std::to_string(k) + "号", "处罚");
    REQUIRE(boundary_char == 65535);
    REQUIRE(static_cast<unsigned char>(encoded[65535]) >= 0x81);  // a lead byte; its trail is at 65536

    std::istringstream in(encoded);
    CsvReader reader(in);
    CHECK(reader.encoding() == (gb ? Encoding::gb18030 : Encoding::utf8));
    RawRecord rec;
    std::size_t n = 0;
    while (reader.next(rec)) {
      REQUIRE(n < expected.size());
      CHECK(rec.cells == expected[n]);
      CHECK(rec.issues.empty());
      CHECK(rec.line == n + 1);
      ++n;
    }
    CHECK(n == expected.size());
    CHECK(reader.bytes_read() == encoded.size());
  }
}

TEST_CASE("csv: invalid UTF-8 becomes U+FFFD with an issue") {
  const CsvOptions utf8 = with_encoding(Encoding::utf8);
  SUBCASE("0xFF") {
    const auto r = read_all(
        "ok,x\na,b\xFF"
        "c\n",
        utf8);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].issues.empty());
    CHECK(r.records[1].cells == Cells{"a", "b" + kFffd + "c"});
    REQUIRE(r.records[1].issues.size() == 1);
    const ReadIssue& i = r.records[1].issues[0];
    CHECK(i.kind == Kind::encoding_error);
    CHECK(i.line == 2);
    CHECK(i.column == 2);
    CHECK(i.detail == "invalid UTF-8 byte 0xFF");
  }
  SUBCASE("truncated sequence") {
    const auto r = read_all("\xE4\xB8,\xE4\xB8\xAD\n", utf8);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].cells == Cells{kFffd, "\xE4\xB8\xAD"});
    REQUIRE(r.records[0].issues.size() == 1);
    CHECK(r.records[0].issues[0].column == 1);
    CHECK(r.records[0].issues[0].detail == "incomplete UTF-8 sequence 0xE4 0xB8");
  }
  SUBCASE("truncated at end of input") {
    const auto r = read_all("a,x\xE4\xB8", utf8);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].cells == Cells{"a", "x" + kFffd});
    REQUIRE(r.records[0].issues.size() == 1);
    CHECK(r.records[0].issues[0].column == 2);
  }
  SUBCASE("overlong C0 AF") {
    const auto r = read_all("x\n\"a\nb\xC0\xAF\"\n", utf8);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[1].cells == Cells{"a\nb" + kFffd + kFffd});
    REQUIRE(r.records[1].issues.size() == 1);  // one per field
    CHECK(r.records[1].issues[0].line == 3);   // the quoted field started on line 2
    CHECK(r.records[1].issues[0].column == 1);
    CHECK(r.records[1].issues[0].detail ==
          "invalid UTF-8 byte 0xC0 and 1 more invalid sequence in this field");
  }
  SUBCASE("overlong E0 80 AF and surrogate ED A0 80") {
    const auto r = read_all("\xE0\x80\xAF,\xED\xA0\x80,\xF4\x90\x80\x80,\xF0\x9F\x98\x80\n", utf8);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].cells[0] == kFffd + kFffd + kFffd);
    CHECK(r.records[0].cells[1] == kFffd + kFffd + kFffd);
    CHECK(r.records[0].cells[2] == kFffd + kFffd + kFffd + kFffd);  // > U+10FFFF
    CHECK(r.records[0].cells[3] == "\xF0\x9F\x98\x80");             // U+1F600 is fine
    REQUIRE(r.records[0].issues.size() == 3);  // 10 bad sequences in 3 fields: one issue per field
    for (const auto& i : r.records[0].issues) CHECK(i.kind == Kind::encoding_error);
    CHECK(r.records[0].issues[1].column == 2);
    CHECK(r.records[0].issues[1].detail ==
          "invalid UTF-8 byte 0xED and 2 more invalid sequences in this field");
    CHECK(r.records[0].issues[2].detail ==
          "invalid UTF-8 byte 0xF4 and 3 more invalid sequences in this field");
  }
  SUBCASE("auto detection falls back to UTF-8 when GB18030 does not fit either") {
    const auto r = read_all("a,\xFF\n");
    CHECK(r.encoding == Encoding::utf8);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].cells == Cells{"a", kFffd});
  }
  SUBCASE("one issue per field, however many bad bytes") {
    const auto r = read_all(std::string(500, '\xFF') + "\n", utf8);
    REQUIRE(r.records.size() == 1);
    REQUIRE(r.records[0].issues.size() == 1);
    CHECK(r.records[0].issues[0].detail ==
          "invalid UTF-8 byte 0xFF and 499 more invalid sequences in this field");
    CHECK(r.records[0].cells[0].size() == 500 * 3);
  }
}

TEST_CASE("csv: bytes GB18030 rejects become U+FFFD with an issue") {
  const CsvOptions gb = with_encoding(Encoding::gb18030);
  const auto r = read_all(to_gb18030("名称,x\n") +
                              "a,\x80"
                              "b,\xFF\n" +
                              to_gb18030("行") + "\x81",
                          gb);
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0].cells == Cells{"名称", "x"});
  CHECK(r.records[1].cells == Cells{"a", kFffd + "b", kFffd});
  REQUIRE(r.records[1].issues.size() == 2);
  CHECK(r.records[1].issues[0].kind == Kind::encoding_error);
  CHECK(r.records[1].issues[0].line == 2);
  CHECK(r.records[1].issues[0].column == 2);
  CHECK(r.records[1].issues[0].detail == "invalid GB18030 byte 0x80");
  CHECK(r.records[1].issues[1].column == 3);
  CHECK(r.records[1].issues[1].detail == "invalid GB18030 byte 0xFF");
  CHECK(r.records[2].cells == Cells{"行" + kFffd});  // a lead byte cut by the end of input
  REQUIRE(r.records[2].issues.size() == 1);
  CHECK(r.records[2].issues[0].detail == "invalid GB18030 byte 0x81");
}

TEST_CASE("csv: NUL bytes are removed and reported once per field") {
  const char data[] = "a\0b\0c,\"q\0\",ok\n";
  const auto r = read_all(std::string(data, sizeof data - 1));
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].cells == Cells{"abc", "q", "ok"});
  REQUIRE(r.records[0].issues.size() == 2);
  CHECK(r.records[0].issues[0].kind == Kind::nul_byte);
  CHECK(r.records[0].issues[0].column == 1);
  CHECK(r.records[0].issues[1].column == 2);
  CHECK(r.records[0].issues[1].line == 1);
}

TEST_CASE("csv: unterminated quote returns the rest as the last record") {
  const auto r = read_all("a,b\nc,\"de\nf,g\nh");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[1].cells == Cells{"c", "de\nf,g\nh"});
  REQUIRE(r.records[1].issues.size() == 1);
  const ReadIssue& i = r.records[1].issues[0];
  CHECK(i.kind == Kind::unterminated_quote);
  CHECK(i.line == 2);
  CHECK(i.column == 2);
  CHECK(r.lines == 4);

  const auto lone = read_all("\"");
  REQUIRE(lone.records.size() == 1);
  CHECK(lone.records[0].cells == Cells{""});
  REQUIRE(lone.records[0].issues.size() == 1);
  CHECK(lone.records[0].issues[0].kind == Kind::unterminated_quote);
}

TEST_CASE("csv: stray quotes are kept as text and reported") {
  const auto r = read_all("ab\"c,\"x\"y,\"ok\",z\"\"\nnext\n");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].cells == Cells{"ab\"c", "xy", "ok", "z\"\""});
  REQUIRE(r.records[0].issues.size() == 3);
  CHECK(r.records[0].issues[0].kind == Kind::stray_quote);
  CHECK(r.records[0].issues[0].column == 1);
  CHECK(r.records[0].issues[1].kind == Kind::stray_quote);
  CHECK(r.records[0].issues[1].column == 2);
  CHECK(r.records[0].issues[2].column == 4);  // once per field
  CHECK(r.records[1].cells == Cells{"next"});
  CHECK(r.records[1].issues.empty());
}

TEST_CASE("csv: field_too_large and too_many_fields with small limits") {
  CsvOptions o;
  o.max_field_bytes = 4;
  const auto r = read_all("abcdefgh,xy,\"quoted long\"\n行政处,ok\n", o);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].cells == Cells{"abcd", "xy", "quot"});
  REQUIRE(r.records[0].issues.size() == 2);
  CHECK(r.records[0].issues[0].kind == Kind::field_too_large);
  CHECK(r.records[0].issues[0].column == 1);
  CHECK(r.records[0].issues[1].column == 3);
  CHECK(r.records[1].cells == Cells{"行", "ok"});  // cut at a character boundary
  REQUIRE(r.records[1].issues.size() == 1);
  CHECK(r.records[1].issues[0].line == 2);

  CsvOptions f;
  f.max_fields = 3;
  const auto t = read_all("a,b,c,d,\"e\nf\"\n1,2\n1,2,3\n", f);
  REQUIRE(t.records.size() == 3);
  CHECK(t.records[0].cells == Cells{"a", "b", "c"});
  REQUIRE(t.records[0].issues.size() == 1);
  CHECK(t.records[0].issues[0].kind == Kind::too_many_fields);
  CHECK(t.records[0].issues[0].column == 4);
  CHECK(t.records[1].line == 3);
  CHECK(t.records[1].cells == Cells{"1", "2"});
  CHECK(t.records[1].issues.empty());
  CHECK(t.records[2].issues.empty());
}

TEST_CASE("csv: custom delimiters") {
  CsvOptions semi;
  semi.delimiter = ';';
  const auto s = read_all("a;\"b;c\";d,e\n", semi);
  REQUIRE(s.records.size() == 1);
  CHECK(s.records[0].cells == Cells{"a", "b;c", "d,e"});

  CsvOptions tab;
  tab.delimiter = '\t';
  const auto t = read_all("a\tb c\t\t\"x\ty\"\n", tab);
  REQUIRE(t.records.size() == 1);
  CHECK(t.records[0].cells == Cells{"a", "b c", "", "x\ty"});

  // In GB18030, 亅 is 81 7C and 倈 is 82 7C: their trail byte is '|'. Conversion happens before
  // parsing, so they do not split fields.
  REQUIRE(to_gb18030("亅") == "\x81|");
  REQUIRE(to_gb18030("倈") == "\x82|");
  CsvOptions pipe;
  pipe.delimiter = '|';
  const std::string gb = to_gb18030("名称|亅字|倈\n倈亅|x|\"a|b\"\n");
  for (const Encoding e : {Encoding::auto_detect, Encoding::gb18030}) {
    pipe.encoding = e;
    const auto p = read_all(gb, pipe);
    CHECK(p.encoding == Encoding::gb18030);
    REQUIRE(p.records.size() == 2);
    CHECK(p.records[0].cells == Cells{"名称", "亅字", "倈"});
    CHECK(p.records[1].cells == Cells{"倈亅", "x", "a|b"});
    CHECK(p.records[0].issues.empty());
    CHECK(p.records[1].issues.empty());
  }
}

TEST_CASE("csv: bad options throw InvalidInputError") {
  std::istringstream in("a\n");
  for (const char d : {'"', '\r', '\n', '\0', '\xA3'}) {
    CsvOptions o;
    o.delimiter = d;
    CHECK_THROWS_AS(CsvReader(in, o), ecredit::InvalidInputError);
  }
  CsvOptions zero_fields;
  zero_fields.max_fields = 0;
  CHECK_THROWS_AS(CsvReader(in, zero_fields), ecredit::InvalidInputError);
  CsvOptions zero_chunk;
  zero_chunk.chunk_bytes = 0;
  CHECK_THROWS_AS(CsvReader(in, zero_chunk), ecredit::InvalidInputError);
}

TEST_CASE("csv: CsvReader::open reads files and reports missing ones") {
  const std::string dir = ECREDIT_TEST_DATA "/csv/";
  {
    auto reader = CsvReader::open(dir + "utf8_bom_crlf.csv");
    CHECK(reader->had_bom());
    CHECK(reader->encoding() == Encoding::utf8);
    RawRecord rec;
    REQUIRE(reader->next(rec));
    CHECK(rec.cells == Cells{"code", "name", "note"});
    REQUIRE(reader->next(rec));
    CHECK(rec.line == 2);
    CHECK(rec.cells == Cells{"91440101MA59U8YB6Y", "Guangzhou \"A\" Energy Co., Ltd.", "two\r\nlines"});
    REQUIRE(reader->next(rec));
    CHECK(rec.line == 4);
    CHECK(rec.cells == Cells{"914401017083385533", "广州市", ""});
    CHECK(rec.issues.empty());
    CHECK_FALSE(reader->next(rec));
    CHECK(reader->line() == 4);
  }
  {
    auto reader = CsvReader::open(dir + "gb18030.csv");
    CHECK(reader->encoding() == Encoding::gb18030);
    RawRecord rec;
    REQUIRE(reader->next(rec));
    CHECK(rec.cells == Cells{"行政处罚决定书文号", "处罚机关"});
    REQUIRE(reader->next(rec));
    CHECK(rec.cells == Cells{"粤能罚〔2023〕1号", "广州市发展和改革委员会"});
    CHECK_FALSE(reader->next(rec));
  }
  CHECK_THROWS_AS(CsvReader::open(dir + "does-not-exist.csv"), ecredit::Error);
  try {
    CsvReader::open(dir + "does-not-exist.csv");
  } catch (const ecredit::Error& e) {
    const std::string what = e.what();
    CHECK(what.find("does-not-exist.csv") != std::string::npos);
    CHECK(what.find("No such file") != std::string::npos);
  }
  CHECK_THROWS_AS(CsvReader::open(dir), ecredit::Error);
}

TEST_CASE("csv: random input never breaks the reader and chunking never changes the result") {
  std::mt19937 rng(20240611);
  const char alphabet[] = {'a',    'b',    ',',    ';',    '"',    '"',    '\n',   '\r', '\0',
                           '\xFF', '\xE4', '\xB8', '\xAD', '\xC0', '\x81', '\x30', '|',  ' '};
  std::uniform_int_distribution<std::size_t> pick(0, sizeof alphabet - 1);
  std::uniform_int_distribution<std::size_t> length(0, 120);
  for (int n = 0; n < 150; ++n) {
    std::string s;
    const std::size_t len = length(rng);
    for (std::size_t i = 0; i < len; ++i) s += alphabet[pick(rng)];
    CAPTURE(n);
    CsvOptions o;
    o.encoding = n % 3 == 0 ? Encoding::gb18030 : n % 3 == 1 ? Encoding::utf8 : Encoding::auto_detect;
    o.max_field_bytes = 16;
    o.max_fields = 5;
    const auto r = read_all(s, o);
    for (const auto& rec : r.records) {
      CHECK(rec.cells.size() <= 5);
      for (const auto& c : rec.cells) CHECK(c.size() <= 16);
    }
  }
}
