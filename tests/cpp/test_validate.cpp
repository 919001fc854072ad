#include <doctest/doctest.h>

#include <iconv.h>

#include <cstdint>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecredit/ecredit.hpp"
#include "io/csv.hpp"
#include "test_util.hpp"
#include "validate/checker.hpp"

using namespace ecredit;

namespace {

std::shared_ptr<const Engine> mini() {
  static auto e = Engine::load(std::string(ECREDIT_TEST_DATA) + "/packs/mini");
  return e;
}

const std::string kHeader =
    "CF_WSH,行政相对人名称,CF_XDR_LB,统一社会信用代码,证件类型,证件号码,处罚类别,罚款金额(万元),次数,"
    "处罚决定日期,"
    "公示截止期,记录时间,是否严重,处罚机关代码,联系电话,邮箱,法定代表人身份证号\n";
const std::string kGood =
    "粤罚1,广州甲公司,法人,91440101MA59U8YB6Y,,,罚款;警告,1.5,1,2023年5月1日,2024/5/1,2023-05-01 08:30,是,"
    "12345678-8,13800138000,a@x.cn,11010519491231002X\n";

Report run(const std::string& csv, ValidateOptions o = {}) {
  std::istringstream in(csv);
  return validate_stream(*mini(), "penalty", in, o);
}

const Finding* find(const Report& r, const std::string& type, std::size_t row = 0) {
  for (const auto& f : r.findings)
    if (f.type == type && (row == 0 || f.row == row)) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("validate: a good row is accepted and normalised") {
  std::ostringstream valid;
  ValidateOptions o;
  o.out_valid = &valid;
  const Report r = run(kHeader + kGood, o);
  CAPTURE(r.to_json("en", 2));
  CHECK(r.valid());
  CHECK(r.stats.rows == 1);
  CHECK(r.stats.accepted == 1);
  CHECK(r.findings.empty());
  CHECK(r.pack_hash.size() == 64);
  const std::string out = valid.str();
  CHECK(out.find("decision_no,xdr_name,xdr_kind") == 0);
  CHECK(out.find("legal_person,91440101MA59U8YB6Y") != std::string::npos);
  CHECK(out.find("fine;warning,1.5,1,2023-05-01,2024-05-01,2023-05-01T08:30:00,true,123456788") !=
        std::string::npos);
}

TEST_CASE("validate: types") {
  const std::string bad =
      "粤罚2,乙,外星人,91440101MA59U8YB6Y,,,罚款,一万,1.5,2023-13-01,,2023-05-01 25:00,也许,12345678-9,,,\n";
  const Report r = run(kHeader + bad);
  CAPTURE(r.to_json("en", 2));
  CHECK_FALSE(r.valid());
  CHECK(r.stats.rejected == 1);
  const Finding* f = find(r, "code-not-in-table");
  REQUIRE(f != nullptr);
  CHECK(f->row == 2);
  CHECK(f->column == 3);
  CHECK(f->field == "xdr_kind");
  CHECK(f->label == "CF_XDR_LB");
  CHECK(f->message_zh.find("外星人") != std::string::npos);
  CHECK(f->message_en.find("subject_kind") != std::string::npos);
  CHECK(r.counts.at("type-error") == 5);  // fine, count, decision_date, recorded_at, serious
  CHECK(find(r, "org-code-checksum") != nullptr);
}

TEST_CASE("validate: dates in the forms real exports use") {
  for (const char* d : {"2023-05-01", "2023/5/1", "2023.5.1", "2023年5月1日", "20230501",
                        "２０２３－０５－０１", "2023-05-01 00:00:00"}) {
    std::string row = kGood;
    row.replace(row.find("2023年5月1日"), std::string("2023年5月1日").size(), d);
    std::ostringstream valid;
    ValidateOptions o;
    o.out_valid = &valid;
    const Report r = run(kHeader + row, o);
    CAPTURE(d);
    CAPTURE(r.to_json("en", 2));
    CHECK(r.valid());
    CHECK(valid.str().find(",2023-05-01,2024-05-01,") != std::string::npos);
  }
  std::string serial = kGood;
  serial.replace(serial.find("2023年5月1日"), std::string("2023年5月1日").size(), "45047");
  const Report r = run(kHeader + serial);
  CHECK(r.valid());
  CHECK(find(r, "excel-serial-date") != nullptr);
}

TEST_CASE("validate: constraints, required_if, rules and keys") {
  std::string csv = kHeader + kGood;
  // row 3: same decision_no (primary key), same email (unique), fine < 0, date order, bad phone (warning)
  csv += "粤罚1,丙公司,法人,91440101MA59U8YB6Y,,,罚款,-1,11,2023-05-01,2023-04-01,,,,123,a@x.cn,\n";
  // row 4: legal person without USCC (required_if), natural person id_card with a bad number
  csv += "粤罚3,丁公司,法人,,身份证,110105194912310021,,,,2023-05-01,,,,,,,\n";
  // row 5: a decision number longer than 20 characters, a date before the minimum
  csv += "粤罚第一二三四五六七八九十一二三四五六七八九十号,戊,自然人,,护照,E123,,,,1999-12-31,,,,,,,\n";
  // row 6: an exact duplicate of row 2
  csv += kGood;
  const Report r = run(csv);
  CAPTURE(r.to_json("en", 2));
  CHECK(find(r, "primary-key", 3) != nullptr);
  CHECK(find(r, "unique-error", 3) != nullptr);
  CHECK(find(r, "date-order", 3) != nullptr);
  const Finding* phone = find(r, "constraint-error", 3);
  REQUIRE(phone != nullptr);
  CHECK(r.counts.at("constraint-error") >= 3);  // fine minimum, count maximum, phone pattern
  const Finding* rif = nullptr;
  for (const auto& f : r.findings)
    if (f.row == 4 && f.field == "xdr_uscc") rif = &f;
  REQUIRE(rif != nullptr);
  CHECK(rif->type == "constraint-error");
  CHECK(rif->message_en.find("required when 'xdr_kind' is 'legal_person'") != std::string::npos);
  const Finding* rid = find(r, "resident-id-checksum", 4);
  REQUIRE(rid != nullptr);
  CHECK(rid->value == "110105********0021");  // personal: masked
  CHECK(find(r, "duplicate-row", 6) != nullptr);
  CHECK(r.stats.rows == 5);
  CHECK(r.stats.rows == r.stats.accepted + r.stats.rejected);
  CHECK(r.stats.accepted == 1);
}

TEST_CASE("validate: structure — labels, cells, blank rows") {
  const std::string header = "CF_WSH,行政相对人名称,CF_XDR_LB,处罚决定日期,CF_WSH,未知列,证件号码\n";
  const std::string csv = header + "粤罚1,甲,自然人,2023-05-01,x,y,E1\n" + ",,,,,,\n" + "粤罚2,乙\n" +
                          "粤罚3,丙,自然人,2023-05-01,,,E2,extra\n";
  const Report r = run(csv);
  CAPTURE(r.to_json("en", 2));
  CHECK(find(r, "duplicate-label", 1) != nullptr);
  CHECK(find(r, "extra-label", 1) != nullptr);
  CHECK(find(r, "blank-row", 3) != nullptr);
  CHECK(find(r, "missing-cell", 4) != nullptr);
  CHECK(find(r, "extra-cell", 5) != nullptr);
  CHECK(r.stats.blank_rows == 1);
  CHECK(r.stats.rows == 4);
  CHECK(r.stats.rows == r.stats.accepted + r.stats.rejected);
  // a required column missing from the header: reported once, then per row
  const Report m = run("CF_WSH,行政相对人名称\n粤罚1,甲\n");
  CHECK(find(m, "missing-label", 1) != nullptr);
  CHECK(m.stats.rejected == 1);
}

TEST_CASE("validate: findings cap keeps counts complete") {
  std::string csv = kHeader;
  for (int i = 0; i < 50; ++i) csv += "粤罚" + std::to_string(i) + ",甲,外星人,,,,,,,2023-05-01,,,,,,,\n";
  ValidateOptions o;
  o.max_findings = 10;
  const Report r = run(csv, o);
  CHECK(r.findings.size() == 10);
  CHECK(r.truncated);
  CHECK(r.counts.at("code-not-in-table") == 50);
  CHECK(r.stats.errors >= 50);
}

TEST_CASE("validate: max_findings 0 lists no findings, the counts stay complete") {
  std::string csv = kHeader;
  for (int i = 0; i < 5; ++i) csv += "粤罚" + std::to_string(i) + ",甲,外星人,,,,,,,2023-05-01,,,,,,,\n";
  ValidateOptions o;
  o.max_findings = 0;
  const Report r = run(csv, o);
  CHECK(r.findings.empty());
  CHECK(r.truncated);
  CHECK(r.counts.at("code-not-in-table") == 5);
}

TEST_CASE("validate: findings past the cap are counted but not worded") {
  // Every finding is counted; only the kept ones (and, with out_rejected, the rejected
  // rows' reasons) are worded: detail::finding_messages_built counts the wordings.
  std::string csv = kHeader;
  for (int i = 0; i < 40; ++i) csv += "粤罚" + std::to_string(i) + ",甲,外星人,,,,,,,2023-05-01,,,,,,,\n";
  ValidateOptions o;
  o.max_findings = 3;
  const Report all = run(csv);  // uncapped (default 1000): the full count of findings
  REQUIRE(all.findings.size() > 40);
  const std::uint64_t before = detail::finding_messages_built.load();
  const Report r = run(csv, o);
  const std::uint64_t worded = detail::finding_messages_built.load() - before;
  CHECK(worded == 3);
  CHECK(r.findings.size() == 3);
  CHECK(r.truncated);
  CHECK(r.counts == all.counts);
  CHECK(r.stats.errors == all.stats.errors);
  CHECK(r.stats.warnings == all.stats.warnings);
  CHECK(r.stats.rejected == all.stats.rejected);
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    CHECK(r.findings[i].message_en == all.findings[i].message_en);
    CHECK(r.findings[i].message_zh == all.findings[i].message_zh);
  }
  // The rejected output still gives every rejected row all its reasons.
  std::ostringstream capped_rej, full_rej;
  o.out_rejected = &capped_rej;
  run(csv, o);
  ValidateOptions full;
  full.out_rejected = &full_rej;
  run(csv, full);
  CHECK(capped_rej.str() == full_rej.str());
  CHECK(capped_rej.str().find("code-not-in-table") != std::string::npos);
}

TEST_CASE("validate: the label index is built once per pack and dataset, not per validation") {
  const Dataset& ds = mini()->dataset("penalty");
  const auto first = detail::label_index(*mini(), ds);
  run(kHeader + kGood);
  const auto again = detail::label_index(*mini(), ds);
  CHECK(first.get() == again.get());
  REQUIRE(first->count(match_key(ds.fields[0].title)) == 1);
  CHECK(first->at(match_key(ds.fields[0].title)) == 0);
  CHECK(first->at(match_key(ds.fields[0].name)) == 0);
  // the same pack loaded again (same hash) shares it; another dataset has its own
  const auto reloaded = Engine::load(std::string(ECREDIT_TEST_DATA) + "/packs/mini");
  CHECK(detail::label_index(*reloaded, reloaded->dataset("penalty")).get() == first.get());
  for (const Dataset& other : mini()->catalog().datasets)
    if (other.id != ds.id) CHECK(detail::label_index(*mini(), other).get() != first.get());
}

TEST_CASE("validate: JSON Lines, records and rows give the same findings") {
  const std::string jsonl =
      "{\"CF_WSH\": \"粤罚1\", \"CF_XDR_MC\": \"甲\", \"CF_XDR_LB\": \"01\", \"CF_JDRQ\": \"2023-05-01\", "
      "\"CF_XDR_ZJHM\": \"E1\"}\n"
      "not json\n"
      "[1,2]\n"
      "\n"
      "{\"CF_WSH\": \"粤罚2\", \"CF_XDR_MC\": \"乙\", \"CF_XDR_LB\": \"火星\", \"CF_JDRQ\": \"2023-05-01\", "
      "\"CF_XDR_ZJHM\": \"E2\", \"bogus\": 1}\n";
  ValidateOptions o;
  o.format = "jsonl";
  std::istringstream in(jsonl);
  const Report r = validate_stream(*mini(), "penalty", in, o);
  CAPTURE(r.to_json("en", 2));
  CHECK(r.stats.rows == 4);
  CHECK(r.stats.accepted == 1);
  CHECK(find(r, "json-error", 2) != nullptr);
  CHECK(find(r, "json-error", 3) != nullptr);
  CHECK(find(r, "code-not-in-table", 5) != nullptr);
  CHECK(find(r, "extra-label", 5) != nullptr);

  const std::vector<KeyedRecord> recs = {
      {{"CF_WSH", "粤罚1"},
       {"CF_XDR_MC", "甲"},
       {"CF_XDR_LB", "01"},
       {"CF_JDRQ", "2023-05-01"},
       {"证件号码", "E1"}},
      {{"CF_WSH", "粤罚2"}, {"CF_XDR_MC", "乙"}, {"CF_XDR_LB", "火星"}, {"CF_JDRQ", std::nullopt}}};
  const Report k = validate_records(*mini(), "penalty", recs);
  CHECK(k.stats.accepted == 1);
  CHECK(find(k, "code-not-in-table", 2) != nullptr);
  CHECK(find(k, "constraint-error", 2) != nullptr);  // decision_date required

  const Report p =
      validate_rows(*mini(), "penalty", {"CF_WSH", "CF_XDR_MC", "CF_XDR_LB", "CF_JDRQ", "证件号码"},
                    {{"粤罚1", "甲", "01", "2023-05-01", "E1"}, {"粤罚2", "乙", "火星", std::nullopt, "E2"}});
  CHECK(p.stats.accepted == 1);
  CHECK(find(p, "code-not-in-table", 3) != nullptr);
}

TEST_CASE("validate: unknown dataset, bad options") {
  std::istringstream in("a\n");
  CHECK_THROWS_AS(validate_stream(*mini(), "nope", in), NotFoundError);
  ValidateOptions o;
  o.format = "xlsx";
  CHECK_THROWS_AS(validate_stream(*mini(), "penalty", in, o), InvalidInputError);
  CHECK_THROWS_AS(validate_file(*mini(), "penalty", "/nonexistent/file.csv"), Error);
}

TEST_CASE("engine: broken packs name file, pointer and line") {
  auto files = [](const std::string& catalog) {
    return std::map<std::string, std::string>{
        {"pack.json",
         R"({"id": "t", "version": "1", "files": {"codes": "codes.json", "catalog": "catalog.json"}})"},
        {"codes.json", R"({"tables": {}})"},
        {"catalog.json", catalog}};
  };
  try {
    Engine::from_files(files("{\"datasets\": [\n  {\"id\": \"x\",\n   \"title\": 5}]}"), "p");
    FAIL("expected PolicyError");
  } catch (const PolicyError& e) {
    CHECK(e.file() == "p/catalog.json");
    CHECK(e.pointer() == "/datasets/0/title");
    CHECK(e.line() == 3);
    CHECK(e.column() == 13);
  }
  try {
    Engine::from_files(files("{\"datasets\": [{\"id\": \"x\", \"title\": \"t\", \"disclosure\": \"public\",\n"
                             " \"basis\": \"b\", \"fields\": [\n  {\"name\": \"a\", \"title\": \"A\", "
                             "\"type\": \"strng\"}]}]}"),
                       "p");
    FAIL("expected PolicyError");
  } catch (const PolicyError& e) {
    CHECK(e.pointer() == "/datasets/0/fields/0/type");
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()).find("strng") != std::string::npos);
  }
  try {
    Engine::from_files(files("{\"datasets\": [}"), "p");
    FAIL("expected PolicyError");
  } catch (const PolicyError& e) {
    CHECK(e.line() == 1);
    CHECK(std::string(e.what()).find("invalid JSON") != std::string::npos);
  }
  CHECK_THROWS_AS(Engine::load("/nonexistent/pack"), Error);
}

TEST_CASE("validate: golden report for a realistic penalty file") {
  const std::string dir = std::string(ECREDIT_TEST_DATA) + "/golden/";
  const Report r =
      validate_file(*Engine::default_engine(), "admin_penalty", dir + "admin_penalty_realistic.csv");
  auto got = nlohmann::json::parse(r.to_json("zh"));
  std::ifstream in(dir + "admin_penalty_realistic.report.json");
  REQUIRE(in);
  auto want = nlohmann::json::parse(in);
  got["pack"]["hash"] = "(any)";
  CHECK(got == want);
  CHECK(r.stats.rows == r.stats.accepted + r.stats.rejected);
}

TEST_CASE("validate: broken CSV is reported with positions, never dropped") {
  std::string csv = kHeader;
  csv += std::string(
      "粤罚1,甲\xFF公司,法人,91440101MA59U8YB6Y,,,罚款,1,1,2023-05-01,,,,,,,\n");  // invalid UTF-8
  csv += std::string("粤罚2,乙") + std::string(1, '\0') +
         "公司,法人,91440101MA59U8YB6Y,,,罚款,1,1,2023-05-01,,,,,,,\n";
  csv += "粤罚3,\"丙公司,法人,91440101MA59U8YB6Y\n";  // never closed
  const Report r = run(csv);
  CAPTURE(r.to_json("en", 2));
  const Finding* enc = find(r, "encoding-error", 2);
  REQUIRE(enc != nullptr);
  CHECK(enc->column == 2);
  CHECK(enc->field == "xdr_name");
  CHECK(find(r, "nul-byte", 3) != nullptr);
  CHECK(find(r, "unterminated-quote", 4) != nullptr);
  CHECK(r.stats.rows == 3);
  CHECK(r.stats.rejected == 3);
}

TEST_CASE("validate: GB18030 input and forced encodings") {
  // "处罚决定日期" etc. in GB18030: build it from the UTF-8 test data with the reader's converter.
  const std::string utf8 = kHeader + kGood;
  ValidateOptions o;
  o.encoding = "utf-8";
  const Report r = run(utf8, o);
  CHECK(r.valid());
  CHECK(r.stats.encoding == "utf-8");
  o.encoding = "latin1";
  CHECK_THROWS_AS(run(utf8, o), InvalidInputError);
}

TEST_CASE("validate: random input never crashes and always reconciles") {
  std::mt19937 rng(7);
  const std::string pieces[] = {",",
                                "\"",
                                "\n",
                                "\r\n",
                                "粤罚",
                                "2023年5月1日",
                                "91440101MA59U8YB6Y",
                                "\xFF",
                                "法人",
                                std::string(1, '\0'),
                                "罚款;警告",
                                "-1",
                                "  ",
                                "\xE4\xB8",
                                kHeader,
                                kGood};
  for (int i = 0; i < 300; ++i) {
    std::string csv = (i % 2 == 0) ? kHeader : "";
    const int n = static_cast<int>(rng() % 60);
    for (int k = 0; k < n; ++k) csv += pieces[rng() % (sizeof pieces / sizeof pieces[0])];
    for (const char* fmt : {"csv", "jsonl"}) {
      ValidateOptions o;
      o.format = fmt;
      o.max_findings = 5;
      std::istringstream in(csv);
      const Report r = validate_stream(*mini(), "penalty", in, o);
      REQUIRE(r.stats.rows == r.stats.accepted + r.stats.rejected);
      std::size_t counted = 0;
      for (const auto& [type, c] : r.counts) counted += c;
      REQUIRE(counted == r.stats.errors + r.stats.warnings);
      REQUIRE(r.findings.size() <= 5);
    }
  }
}

TEST_CASE("engine: mutated policy files give PolicyError, never a crash") {
  std::map<std::string, std::string> files = test_util::pack_files();
  REQUIRE(files["catalog.json"].size() > 1000);
  CHECK(Engine::from_files(files, "gz")->catalog().datasets.size() >= 12);
  std::mt19937 rng(11);
  const char junk[] = "{}[]\",:0-9 x\\";
  int policy_errors = 0;
  for (int i = 0; i < 400; ++i) {
    auto mutated = files;
    const char* names[] = {"codes.json",    "catalog.json", "grading.json",  "pack.json",
                           "measures.json", "repair.json",  "calendar.json", "objections.json"};
    std::string& text = mutated[names[rng() % 8]];
    for (int k = 0; k < 1 + static_cast<int>(rng() % 3); ++k) {
      const std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text.erase(at, 1 + rng() % 8);
          break;
        case 1:
          text[at] = junk[rng() % (sizeof junk - 1)];
          break;
        default:
          text.insert(at, 1, junk[rng() % (sizeof junk - 1)]);
      }
    }
    try {
      (void)Engine::from_files(mutated, "gz");
    } catch (const PolicyError& e) {
      ++policy_errors;
      CHECK(std::string(e.what()).find("gz/") == 0);  // names the file
      // a position, except for a file the mutated pack.json names but that does not exist
      CHECK((e.line() >= 1 || std::string(e.what()).find("missing") != std::string::npos));
    }
  }
  CHECK(policy_errors > 200);  // most mutations break something, and each says where
}

TEST_CASE("validate: JSON Lines with bad UTF-8 or a cut sequence is an encoding error") {
  ValidateOptions o;
  o.format = "jsonl";
  std::istringstream in(
      std::string("{\"CF_WSH\": \"A\xFF\"}\n{\"CF_WSH\": \"\xE4\xB8\"}\n{\"CF_WSH\": \"\xE4\xB8\xAD\"}\n"));
  const Report r = validate_stream(*mini(), "penalty", in, o);
  CHECK(find(r, "encoding-error", 1) != nullptr);
  CHECK(find(r, "encoding-error", 2) != nullptr);
  CHECK(find(r, "encoding-error", 3) == nullptr);
}

// ---- issue 11: "valid" reports for files that are not ---------------------------------

namespace {

std::string gb18030(const std::string& utf8) { return test_util::to_gb18030(utf8); }

std::size_t count(const Report& r, const std::string& type) {
  const auto it = r.counts.find(type);
  return it == r.counts.end() ? 0 : it->second;
}

// A finding as the comparison sees it: type, severity, record index (header and file = 0,
// data records 1, 2, ...), column, field.
using Seen = std::tuple<std::string, Severity, std::size_t, std::size_t, std::string>;

// The same content as CSV text, as positional rows (a DataFrame) and as keyed records
// (a list of dicts) must give the same report. `csv` must not have cells beyond its
// header when `records` is true (a dict cannot hold a cell without a key).
void check_same_report(const Engine& engine, const std::string& dataset, const std::string& csv,
                       bool records = true) {
  std::istringstream in(csv);
  io::CsvReader reader(in);
  std::vector<std::string> header;
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::map<std::size_t, std::size_t> index_of_line;  // CSV line -> record index
  io::RawRecord rec;
  while (reader.next(rec)) {
    if (header.empty()) {
      header = rec.cells;
      index_of_line[rec.line] = 0;
      continue;
    }
    index_of_line[rec.line] = rows.size() + 1;
    rows.emplace_back(rec.cells.begin(), rec.cells.end());
  }
  std::istringstream in2(csv);
  const Report from_csv = validate_stream(engine, dataset, in2);
  const Report from_rows = validate_rows(engine, dataset, header, rows);
  auto seen = [](const Report& r, const std::function<std::size_t(std::size_t)>& index) {
    std::vector<Seen> out;
    for (const Finding& f : r.findings) out.emplace_back(f.type, f.severity, index(f.row), f.column, f.field);
    return out;
  };
  auto csv_index = [&](std::size_t row) {
    if (row == 0) return std::size_t{0};
    const auto it = index_of_line.upper_bound(row);  // the record that contains this line
    REQUIRE(it != index_of_line.begin());
    return std::prev(it)->second;
  };
  const auto want = seen(from_csv, csv_index);
  CAPTURE(from_csv.to_json("en", 2));
  CAPTURE(from_rows.to_json("en", 2));
  CHECK(seen(from_rows, [](std::size_t row) { return row < 2 ? 0 : row - 1; }) == want);
  CHECK(from_rows.counts == from_csv.counts);
  CHECK(from_rows.valid() == from_csv.valid());
  CHECK(from_rows.stats.rows == from_csv.stats.rows);
  CHECK(from_rows.stats.accepted == from_csv.stats.accepted);
  CHECK(from_rows.stats.rejected == from_csv.stats.rejected);
  CHECK(from_rows.stats.blank_rows == from_csv.stats.blank_rows);
  if (!records || rows.empty()) return;  // no records: no keys, so no header (an empty file)
  std::vector<KeyedRecord> recs;
  for (const auto& row : rows) {
    KeyedRecord k;
    for (std::size_t c = 0; c < row.size() && c < header.size(); ++c) k.emplace_back(header[c], row[c]);
    recs.push_back(std::move(k));
  }
  const Report from_records = validate_records(engine, dataset, recs);
  CAPTURE(from_records.to_json("en", 2));
  CHECK(seen(from_records, [](std::size_t row) { return row; }) == want);
  CHECK(from_records.counts == from_csv.counts);
  CHECK(from_records.valid() == from_csv.valid());
  CHECK(from_records.stats.rows == from_csv.stats.rows);
  CHECK(from_records.stats.accepted == from_csv.stats.accepted);
  CHECK(from_records.stats.rejected == from_csv.stats.rejected);
}

std::string slurp_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("validate: an empty input is an error: no header") {
  const std::string bom = "\xEF\xBB\xBF";
  for (const std::string& text : {std::string(), bom, std::string("\n\n  \r\n \t\n"), bom + "\n,,\n"}) {
    for (const char* format : {"csv", "jsonl"}) {
      if (std::string(format) == "jsonl" && text.find(',') != std::string::npos) continue;
      ValidateOptions o;
      o.format = format;
      std::istringstream in(text);
      const Report r = validate_stream(*mini(), "penalty", in, o);
      CAPTURE(format);
      CAPTURE(r.to_json("en", 2));
      CHECK_FALSE(r.valid());
      CHECK(count(r, "empty-file") == 1);
      REQUIRE(r.findings.size() == 1);  // nothing else: no missing-label flood
      CHECK(r.findings[0].severity == Severity::error);
      CHECK(r.findings[0].row == 0);
      CHECK(r.findings[0].message_en == "the file is empty: no header");
      CHECK(r.findings[0].message_zh == "文件为空：没有表头");
      CHECK(r.stats.rows == 0);
    }
  }
  // in memory: no header either
  const Report rows = validate_rows(*mini(), "penalty", {}, {});
  CHECK_FALSE(rows.valid());
  CHECK(count(rows, "empty-file") == 1);
  const Report none = validate_records(*mini(), "penalty", {});
  CHECK_FALSE(none.valid());
  CHECK(count(none, "empty-file") == 1);
  const Report empty_dicts = validate_records(*mini(), "penalty", {KeyedRecord{}, KeyedRecord{}});
  CHECK_FALSE(empty_dicts.valid());
  CHECK(count(empty_dicts, "empty-file") == 1);
}

TEST_CASE("validate: valid means no rejected row") {
  // one key that is no field: the row is rejected, so the report is not valid
  const Report r = validate_records(*Engine::default_engine(), "admin_penalty", {{{"x", "1"}}});
  CAPTURE(r.to_json("en", 2));
  CHECK(r.stats.rejected == 1);
  CHECK_FALSE(r.valid());
  CHECK(count(r, "extra-label") == 1);
  CHECK(count(r, "missing-label") > 0);
  // a blank row between data rows is an error: the row is rejected
  std::string second = kGood;
  second.replace(0, 7, "粤罚2");
  second.replace(second.find("a@x.cn"), 6, "b@x.cn");
  const Report b = run(kHeader + kGood + ",,,\n" + second);
  CAPTURE(b.to_json("en", 2));
  const Finding* blank = find(b, "blank-row", 3);
  REQUIRE(blank != nullptr);
  CHECK(blank->severity == Severity::error);
  CHECK_FALSE(b.valid());
  CHECK(b.stats.rows == 3);
  CHECK(b.stats.blank_rows == 1);
  CHECK(b.stats.rejected == 1);
  CHECK(b.stats.rows == b.stats.accepted + b.stats.rejected);
}

TEST_CASE("validate: blank lines at the end are not rows; a header alone is valid") {
  const Report t = run(kHeader + kGood + "\n,,,\r\n  \n");
  CAPTURE(t.to_json("en", 2));
  CHECK(t.valid());
  CHECK(t.stats.rows == 1);
  CHECK(t.stats.accepted == 1);
  CHECK(t.stats.blank_rows == 0);
  CHECK(count(t, "blank-row") == 0);
  REQUIRE(count(t, "blank-trailing-lines") == 1);
  const Finding* w = find(t, "blank-trailing-lines");
  REQUIRE(w != nullptr);
  CHECK(w->severity == Severity::warning);
  CHECK(w->row == 3);  // the first of them
  CHECK(w->message_en == "3 blank lines at the end were ignored");
  CHECK(w->message_zh == "末尾的3个空行已忽略");

  const Report h = run(kHeader);
  CAPTURE(h.to_json("en", 2));
  CHECK(h.valid());
  CHECK(h.stats.rows == 0);
  CHECK(count(h, "no-data-rows") == 1);
  CHECK(find(h, "no-data-rows")->severity == Severity::warning);
  CHECK(find(h, "no-data-rows")->message_en == "the file has a header but no data rows");

  const Report hb = run(kHeader + "\n\n");
  CHECK(hb.valid());
  CHECK(hb.stats.rows == 0);
  CHECK(count(hb, "no-data-rows") == 1);
  CHECK(find(hb, "blank-trailing-lines")->message_en == "2 blank lines at the end were ignored");

  // the same for DataFrames (all-missing rows at the end) and dicts (all-null records)
  const Report rows = validate_rows(*mini(), "penalty", {"CF_WSH", "CF_XDR_MC"},
                                    {{"A1", "甲"}, {std::nullopt, std::nullopt}});
  CHECK(rows.stats.rows == 1);
  CHECK(count(rows, "blank-trailing-lines") == 1);
  const Report recs =
      validate_records(*mini(), "penalty", {{{"CF_WSH", "A1"}}, {{"CF_WSH", std::nullopt}}, KeyedRecord{}});
  CHECK(recs.stats.rows == 1);
  CHECK(find(recs, "blank-trailing-lines")->message_en == "2 blank lines at the end were ignored");
}

TEST_CASE("validate: the same content gives the same report as CSV, rows and dicts") {
  const auto& builtin = *Engine::default_engine();
  const std::string dir = std::string(ECREDIT_TEST_DATA) + "/golden/";
  std::string golden = slurp_file(dir + "admin_penalty_realistic.csv");
  check_same_report(builtin, "admin_penalty", golden, false);  // it has a cell beyond the header
  const std::string extra = ",多余的一列";
  golden.erase(golden.find(extra), extra.size());
  check_same_report(builtin, "admin_penalty", golden);
  check_same_report(*mini(), "penalty", kHeader + kGood);
  check_same_report(*mini(), "penalty", "x\n1\n");
  check_same_report(*mini(), "penalty", "CF_WSH,未知,CF_WSH,,证件号码\nA1,u,v,w,E1\n,,,,\nA1,,,,\n\n", false);
  check_same_report(*mini(), "penalty", "CF_WSH,未知,,证件号码\nA1,u,w,E1\n,,,\nA1,,,\n\n");
  check_same_report(*mini(), "penalty",
                    kHeader + kGood +
                        "粤罚2,乙,外星人,91440101MA59U8YB6Y,,,罚款,一万,1.5,2023-13-01,,,,,,,\n" + kGood +
                        ",,,,,,,,,,,,,,,,\n");
  check_same_report(*mini(), "penalty", kHeader);

  // keys matched by name, title or alias as a CSV header is; unknown keys and missing
  // required fields are reported once, at the header (row 0)
  const Report k = validate_records(*mini(), "penalty",
                                    {{{"decision_no", "A1"}, {"行政相对人名称", "甲"}, {"bogus", "1"}},
                                     {{"decision_no", "A2"}, {"bogus", "2"}, {"CF_XDR_LB", "01"}}});
  CAPTURE(k.to_json("en", 2));
  CHECK(count(k, "extra-label") == 1);
  const Finding* missing = nullptr;
  for (const Finding& f : k.findings)
    if (f.type == "missing-label" && f.field == "decision_date") missing = &f;
  REQUIRE(missing != nullptr);
  CHECK(missing->row == 0);
  CHECK(missing->severity == Severity::error);
  CHECK(find(k, "extra-label")->column == 3);
  // a key a record lacks is a missing value, as an empty cell of a CSV row
  const Report lack =
      validate_records(*mini(), "penalty", {{{"CF_WSH", "A1"}, {"证件号码", "E1"}}, {{"CF_WSH", "A2"}}});
  std::istringstream csv("CF_WSH,证件号码\nA1,E1\nA2,\n");
  const Report lack_csv = validate_stream(*mini(), "penalty", csv);
  CHECK(lack.counts == lack_csv.counts);
  CHECK(lack.stats.rejected == lack_csv.stats.rejected);
}

TEST_CASE("validate: GB18030 read as UTF-8: one finding per cell, no false duplicates, a hint") {
  const std::string utf8_header =
      "CF_WSH,行政相对人名称,CF_XDR_LB,统一社会信用代码,证件类型,证件号码,处罚类别,罚款金额(万元),次数,"
      "处罚决定日期,公示截止期,记录时间,是否严重,处罚机关代码,联系电话,邮箱,法定代表人身份证号\n";
  const std::string rest =
      ",法人,91440101MA59U8YB6Y,,,罚款;警告,1.5,1,2023年5月1日,2024/5/1,2023-05-01 08:30,是,"
      "12345678-8,13800138000,,11010519491231002X\n";
  // two rows that differ only in Chinese characters of the same length
  const std::string gb = gb18030(utf8_header + "粤罚一,广州甲公司" + rest + "粤罚二,广州乙公司" + rest);
  ValidateOptions o;
  o.encoding = "utf-8";
  const Report r = run(gb, o);
  CAPTURE(r.to_json("en", 2));
  CHECK_FALSE(r.valid());
  std::set<std::pair<std::size_t, std::size_t>> cells;
  for (const Finding& f : r.findings)
    if (f.type == "encoding-error") CHECK(cells.emplace(f.row, f.column).second);  // one per cell
  CHECK(count(r, "encoding-error") == cells.size());
  CHECK(count(r, "encoding-error") <= 3 * 17);
  const Finding* first = find(r, "encoding-error", 2);
  REQUIRE(first != nullptr);
  CHECK(first->value.find("\xEF\xBF\xBD") != std::string::npos);  // the cell as read
  CHECK(count(r, "duplicate-row") == 0);
  CHECK(count(r, "primary-key") == 0);
  REQUIRE(count(r, "encoding-mismatch") == 1);
  CHECK(r.findings.front().type == "encoding-mismatch");
  CHECK(r.findings.front().message_en.find("--encoding gb18030") != std::string::npos);
  // read right, the file is valid
  for (const char* enc : {"auto", "gb18030"}) {
    o.encoding = enc;
    const Report ok = run(gb, o);
    CAPTURE(ok.to_json("en", 2));
    CHECK(ok.valid());
    CHECK(ok.stats.accepted == 2);
    CHECK(count(ok, "encoding-mismatch") == 0);
  }
  // bytes that are neither UTF-8 nor GB18030: errors, but no hint
  o.encoding = "utf-8";
  const Report junk = run(kHeader + "粤罚1,\xFF\xFF\xFF" + kGood.substr(kGood.find(',', 8)), o);
  CHECK(count(junk, "encoding-error") == 1);
  CHECK(count(junk, "encoding-mismatch") == 0);
}
