#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ecredit/ecredit.hpp"
#include "ecredit/registry.hpp"
#include "ecredit/sample.hpp"
#include "io/csv.hpp"
#include "sample/data.hpp"
#include "test_util.hpp"

using namespace ecredit;
using test_util::TempDir;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

SampleOptions opts(std::size_t subjects, std::uint64_t seed, bool bad = true) {
  SampleOptions o;
  o.subjects = subjects;
  o.seed = seed;
  o.bad_rows = bad;
  return o;
}

/// The accepted rows of a dataset file, normalised by the validator, as field → value maps.
std::vector<std::map<std::string, std::string>> accepted_rows(const std::string& dir,
                                                              const std::string& dataset) {
  const auto engine = Engine::default_engine();
  const Dataset& ds = engine->dataset(dataset);
  std::vector<std::map<std::string, std::string>> rows;
  ValidateOptions o;
  o.on_accepted = [&](std::size_t, const std::vector<std::string>& values) {
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < values.size(); ++i) row[ds.fields[i].name] = values[i];
    rows.push_back(std::move(row));
  };
  validate_file(*engine, dataset, dir + "/" + dataset + ".csv", o);
  return rows;
}

// The finding types a planted bad row may cause (good rows cause none, not even warnings).
const std::set<std::string> kPlantedErrors = {
    "uscc-org-code-checksum", "type-error", "code-not-in-table",   "constraint-error", "primary-key",
    "duplicate-row",          "extra-cell", "resident-id-checksum"};

}  // namespace

TEST_CASE("sample: every file validates; rejected rows are exactly the planted ones") {
  TempDir dir("sample_validate");
  const SampleSummary s = write_sample(dir.str(), opts(500, 7));
  const auto engine = Engine::default_engine();
  REQUIRE(s.rows.size() == engine->catalog().datasets.size());
  std::size_t planted = 0;
  for (const Dataset& ds : engine->catalog().datasets) {
    CAPTURE(ds.id);
    REQUIRE(s.rows.count(ds.id) == 1);
    REQUIRE(fs::exists(dir.path / (ds.id + ".csv")));
    const Report r = validate_file(*engine, ds.id, (dir.path / (ds.id + ".csv")).string());
    CAPTURE(r.to_json("en", 2).substr(0, 4000));
    CHECK(r.stats.encoding == "utf-8");
    CHECK(r.stats.rows == s.rows.at(ds.id));
    CHECK(r.stats.rejected == s.bad_rows.at(ds.id));
    CHECK(r.stats.blank_rows == 0);
    for (const auto& [type, n] : r.counts) {
      CAPTURE(type);
      CHECK(kPlantedErrors.count(type) == 1);
    }
    CHECK(r.stats.warnings == 0);
    planted += s.bad_rows.at(ds.id);
  }
  // the big datasets carry several bad rows each, the small ones at least one
  CHECK(s.bad_rows.at("subject") >= 5);
  CHECK(s.bad_rows.at("admin_license") >= 5);
  CHECK(s.bad_rows.at("admin_penalty") >= 2);
  CHECK(s.bad_rows.at("practitioner") >= 5);
  CHECK(planted >= 30);
  // the subjects written are the requested number plus the planted subject rows
  CHECK(s.rows.at("subject") == 500 + s.bad_rows.at("subject"));
  // rough proportions per 1,000 subjects (see docs/demo.md)
  CHECK(s.rows.at("admin_license") > 200);
  CHECK(s.rows.at("admin_license") < 450);
  CHECK(s.rows.at("admin_penalty") > 40);
  CHECK(s.rows.at("admin_penalty") < 130);
  CHECK(s.rows.at("practitioner") > 100);
  CHECK(s.rows.at("evaluation") > 60);
  // the datasets added later have rows, and none planted (they draw from streams of their own)
  for (const char* id : {"relation", "dishonest_debtor_list", "abnormal_operation_list"}) {
    CAPTURE(id);
    CHECK(s.rows.at(id) > 0);
    CHECK(s.bad_rows.at(id) == 0);
  }

  // without bad rows nothing is rejected, and nothing warns
  TempDir clean("sample_clean");
  const SampleSummary c = write_sample(clean.str(), opts(500, 7, false));
  for (const auto& [id, n] : c.rows) {
    CAPTURE(id);
    CHECK(c.bad_rows.at(id) == 0);
    const Report r = validate_file(*engine, id, (clean.path / (id + ".csv")).string());
    CAPTURE(r.to_json("en", 2).substr(0, 4000));
    CHECK(r.stats.rows == n);
    CHECK(r.stats.rejected == 0);
    CHECK(r.stats.errors == 0);
    CHECK(r.stats.warnings == 0);
  }
}

TEST_CASE("sample: deterministic for a seed, different for another") {
  TempDir a("sample_det_a"), b("sample_det_b"), c("sample_det_c");
  const SampleSummary sa = write_sample(a.str(), opts(300, 42));
  const SampleSummary sb = write_sample(b.str(), opts(300, 42));
  const SampleSummary sc = write_sample(c.str(), opts(300, 43));
  CHECK(sa.rows == sb.rows);
  CHECK(sa.bad_rows == sb.bad_rows);
  bool any_difference = false;
  for (const auto& [id, n] : sa.rows) {
    CAPTURE(id);
    const std::string fa = slurp(a.path / (id + ".csv"));
    CHECK(fa == slurp(b.path / (id + ".csv")));
    any_difference = any_difference || fa != slurp(c.path / (id + ".csv"));
  }
  CHECK(any_difference);
  CHECK(slurp(a.path / "subject.csv") != slurp(c.path / "subject.csv"));

  // an existing folder is reused and its files replaced
  write_sample(a.str(), opts(300, 43));
  CHECK(slurp(a.path / "subject.csv") == slurp(c.path / "subject.csv"));
}

TEST_CASE("sample: identifiers, names and people") {
  TempDir dir("sample_ids");
  write_sample(dir.str(), opts(500, 7, false));
  const auto subjects = accepted_rows(dir.str(), "subject");
  REQUIRE(subjects.size() == 500);
  std::set<std::string> usccs, names;
  std::map<std::string, int> rep_count;
  std::set<std::string> domains, kinds;
  std::size_t with_responsible = 0, individual = 0;
  const std::map<std::string, std::string> district_code = {
      {"liwan", "440103"},  {"yuexiu", "440104"},  {"haizhu", "440105"},   {"tianhe", "440106"},
      {"baiyun", "440111"}, {"huangpu", "440112"}, {"panyu", "440113"},    {"huadu", "440114"},
      {"nansha", "440115"}, {"conghua", "440117"}, {"zengcheng", "440118"}};
  for (const auto& row : subjects) {
    const std::string& u = row.at("uscc");
    CAPTURE(u);
    CHECK(check_uscc(u).status == IdStatus::valid);
    CHECK(usccs.insert(u).second);
    CHECK(names.insert(row.at("name")).second);
    CHECK((u.substr(0, 2) == "91" || u.substr(0, 2) == "92"));
    if (u.substr(0, 2) == "92") {
      ++individual;
      CHECK(row.at("kind") == "individual_business");
    }
    REQUIRE(district_code.count(row.at("district")) == 1);
    CHECK(u.substr(2, 6) == district_code.at(row.at("district")));
    CHECK(row.at("name").find("广") == 0);
    if (!row.at("org_code").empty()) CHECK(row.at("org_code") == u.substr(8, 9));
    if (!row.at("legal_rep_id").empty()) {
      const IdResult id = check_resident_id(row.at("legal_rep_id"));
      CHECK(id.status == IdStatus::valid);
      REQUIRE(id.birth_date);
      CHECK(id.birth_date->year >= 1955);
      CHECK(id.birth_date->year <= 2000);
      CHECK(row.at("legal_rep_id").substr(0, 2) != "81");
      ++rep_count[row.at("legal_rep_id")];
    }
    for (const std::string& r : test_util::split(row.at("responsible_ids"), ';')) {
      CHECK(check_resident_id(r).status == IdStatus::valid);
      ++with_responsible;
    }
    for (const std::string& d : test_util::split(row.at("domains"), ';')) domains.insert(d);
    kinds.insert(row.at("kind"));
  }
  CHECK(domains == std::set<std::string>{"electricity", "oil_gas", "pipeline", "renewable", "energy_saving"});
  CHECK(individual > 0);
  CHECK(with_responsible > 20);
  int shared = 0, max_share = 0;
  for (const auto& [id, n] : rep_count) {
    shared += n >= 2;
    max_share = std::max(max_share, n);
  }
  CHECK(shared >= 2);  // some people represent two or three companies
  CHECK(max_share <= 3);

  // most legal representatives were born in Guangzhou (4401xx)
  std::size_t guangzhou = 0;
  for (const auto& [id, n] : rep_count) guangzhou += id.substr(0, 4) == "4401";
  CHECK(guangzhou * 2 > rep_count.size());

  // practitioners: valid, unique certificate numbers
  std::set<std::string> ids;
  for (const auto& row : accepted_rows(dir.str(), "practitioner")) {
    CHECK(ids.insert(row.at("id_type") + ":" + row.at("id_no")).second);
    if (row.at("id_type") == "id_card" || row.at("id_type") == "residence_permit")
      CHECK(check_resident_id(row.at("id_no")).status == IdStatus::valid);
    if (!row.at("employer_uscc").empty()) CHECK(usccs.count(row.at("employer_uscc")) == 1);
  }
  CHECK(ids.size() > 100);

  // records point at known subjects; dates are before the as-of day; decision numbers unique
  const std::string as_of = "2025-06-30";
  std::set<std::string> decision_nos;
  std::map<std::string, int> severity;
  for (const auto& row : accepted_rows(dir.str(), "admin_penalty")) {
    CHECK(usccs.count(row.at("xdr_uscc")) == 1);
    CHECK(row.at("decision_date") < as_of);
    CHECK(decision_nos.insert(row.at("decision_no")).second);
    ++severity[row.at("severity")];
  }
  CHECK(severity["general"] > severity["minor"]);
  CHECK(severity["minor"] > 0);
  CHECK(severity["serious"] > 0);
  CHECK(severity["serious"] < severity["general"]);
  for (const char* list : {"black_list", "red_list", "key_attention_list"})
    for (const auto& row : accepted_rows(dir.str(), list)) {
      CAPTURE(list);
      CHECK(usccs.count(row.at("uscc")) == 1);
      CHECK(row.at("included_on") < as_of);
      CHECK(row.at("expires_on") > row.at("included_on"));
    }
  // every event happens before the as-of day (validity periods may run past it)
  for (const Dataset& ds : Engine::default_engine()->catalog().datasets) {
    for (const char* key : {"date", "included_on"}) {
      const auto it = ds.maps_to.keys.find(key);
      if (it == ds.maps_to.keys.end()) continue;
      for (const auto& row : accepted_rows(dir.str(), ds.id)) {
        CAPTURE(ds.id);
        CHECK(row.at(it->second) < as_of);
        CHECK(row.at(it->second) > "2015-01-01");
      }
    }
  }
  std::map<std::string, int> levels;
  for (const auto& row : accepted_rows(dir.str(), "safety_incident")) ++levels[row.at("incident_level")];
  CHECK(levels.count("especially_major") == 0);

  // 失信被执行人: filed companies and people of theirs (genuine resident IDs, legal
  // representatives or responsible persons the subject rows name); case numbers of
  // Guangzhou's courts; published before the as-of day, deleted after
  std::set<std::string> people;
  for (const auto& row : subjects) {
    if (!row.at("legal_rep_id").empty()) people.insert(row.at("legal_rep_id"));
    for (const std::string& r : test_util::split(row.at("responsible_ids"), ';')) people.insert(r);
  }
  std::size_t debtor_persons = 0, debtor_companies = 0;
  for (const auto& row : accepted_rows(dir.str(), "dishonest_debtor_list")) {
    CAPTURE(row.at("case_no"));
    if (row.at("subject_kind") == "natural_person") {
      ++debtor_persons;
      CHECK(row.at("uscc").empty());
      CHECK(row.at("id_type") == "id_card");
      CHECK(check_resident_id(row.at("id_no")).status == IdStatus::valid);
      CHECK(people.count(row.at("id_no")) == 1);
    } else {
      ++debtor_companies;
      CHECK(usccs.count(row.at("uscc")) == 1);
      CHECK(row.at("id_no").empty());
    }
    CHECK(row.at("case_no").find("）粤01") != std::string::npos);
    CHECK(row.at("court").find("广州市") == 0);
    CHECK(row.at("court").find("人民法院") != std::string::npos);
    CHECK(row.at("published_on") < as_of);
    if (!row.at("filed_on").empty()) CHECK(row.at("filed_on") <= row.at("published_on"));
    if (!row.at("removed_on").empty()) CHECK(row.at("removed_on") > row.at("published_on"));
    CHECK(!row.at("situation").empty());
  }
  CHECK(debtor_persons > 0);
  CHECK(debtor_companies > 0);
  // 经营异常名录: enterprises only (not 个体工商户), listed by market supervision
  std::size_t abnormal = 0, removed = 0;
  for (const auto& row : accepted_rows(dir.str(), "abnormal_operation_list")) {
    ++abnormal;
    CHECK(usccs.count(row.at("uscc")) == 1);
    CHECK(row.at("uscc").substr(0, 2) == "91");
    CHECK(row.at("authority").find("市场监督管理局") != std::string::npos);
    CHECK(row.at("included_on") < as_of);
    if (!row.at("removed_on").empty()) {
      ++removed;
      CHECK(row.at("removed_on") > row.at("included_on"));
      CHECK(row.at("removed_on") < as_of);
      CHECK(!row.at("removal_reason").empty());
    }
  }
  CHECK(abnormal > 0);
  CHECK(removed < abnormal);
}

TEST_CASE("sample: the registry, grades and prechecks") {
  TempDir dir("sample_registry");
  const SampleSummary s = write_sample(dir.str(), opts(500, 7));
  const auto engine = Engine::default_engine();
  LoadSummary load;
  const auto reg = Registry::from_dir(*engine, dir.str(), &load);
  const std::size_t practitioners = s.rows.at("practitioner") - s.bad_rows.at("practitioner");
  CHECK(reg->subjects().size() == 500 + practitioners);
  CHECK(load.skipped.empty());
  std::map<std::string, int> lists;
  for (const ListEntry& e : reg->list_entries()) ++lists[e.list];
  CHECK(lists["black"] > 0);
  CHECK(lists["red"] > 0);
  CHECK(lists["key_attention"] > 0);
  CHECK(lists["dishonest_debtor"] > 0);
  CHECK(lists["abnormal_operation"] > 0);
  // a person on the dishonest-debtor list is found as the legal representative or a
  // responsible person of a company (what appointment checks and monitoring look for)
  bool debtor_runs_a_company = false;
  for (const ListEntry& e : reg->list_entries())
    if (e.list == "dishonest_debtor" && !e.person_id.empty())
      debtor_runs_a_company = debtor_runs_a_company || !reg->subjects_of_person(e.person_id).empty();
  CHECK(debtor_runs_a_company);
  CHECK(reg->record_count() > 500);
  CHECK(!reg->commitments().empty());

  const date::sys_days as_of = parse_iso_date("2025-06-30");
  const auto grades = grade_all(*engine, *reg, as_of);
  CHECK(grades.size() >= 500);
  std::map<std::string, int> by_grade;
  for (const Grade& g : grades) ++by_grade[g.grade];
  CHECK(by_grade.size() >= 3);  // not everyone gets the same grade
  CHECK(by_grade["D"] > 0);     // black-listed subjects

  // a legal representative of several companies finds them all
  std::map<std::string, int> reps;
  for (const Subject& sub : reg->subjects())
    if (!sub.legal_rep_id.empty()) ++reps[sub.legal_rep_id];
  bool found = false;
  for (const auto& [id, n] : reps)
    if (n >= 2) {
      CHECK(reg->subjects_of_person(id).size() >= static_cast<std::size_t>(n));
      found = true;
    }
  CHECK(found);

  // coverage per domain is computed for the five domains
  const auto cov = reg->coverage();
  for (const char* d : {"electricity", "oil_gas", "pipeline", "renewable", "energy_saving", "all"}) {
    CAPTURE(d);
    REQUIRE(cov.count(d) == 1);
    CHECK(cov.at(d).subjects > 0);
  }

  // prechecks of black-listed subjects prohibit something in bidding
  PrecheckQuery q;
  q.scenario = "bidding";
  q.as_of = as_of;
  bool prohibited = false;
  for (const ListEntry& e : reg->list_entries()) {
    if (e.list != "black" || !e.active(as_of) || e.uscc.empty()) continue;
    q.uscc = e.uscc;
    prohibited = prohibited || precheck(*engine, *reg, q).verdict == Effect::prohibit;
  }
  CHECK(prohibited);
}

TEST_CASE("sample: errors") {
  TempDir dir("sample_errors");
  CHECK_THROWS_AS(write_sample(dir.str(), opts(0, 1)), InvalidInputError);
  CHECK_THROWS_AS(write_sample(dir.str(), opts(10'000'001, 1)), InvalidInputError);
  SampleOptions early = opts(10, 1);
  early.as_of = parse_iso_date("2009-12-31");
  CHECK_THROWS_AS(write_sample(dir.str(), early), InvalidInputError);
  CHECK_FALSE(fs::exists(dir.path));
  // a folder below a regular file cannot be created
  fs::create_directories(dir.path);
  {
    std::ofstream(dir.path / "file.txt") << "x";
  }
  CHECK_THROWS_AS(write_sample((dir.path / "file.txt" / "sub").string(), opts(10, 1)), Error);
  // one subject is enough
  const SampleSummary s = write_sample((dir.path / "one").string(), opts(1, 1));
  CHECK(s.rows.at("subject") >= 1);
}

TEST_CASE("sample: the tables are data/sample/*.json, read by field name") {
  const sample::Tables& t = sample::tables();
  CHECK(t.archetypes.size() > 10);
  CHECK(t.districts.size() == 11);  // Guangzhou's districts
  CHECK(t.person_regions[t.permit_region].code == "810000");
  // Every file is embedded; a file that is not is an error naming it.
  using Files = std::map<std::string, std::string, std::less<>>;
  Files files;
  for (std::string_view f : sample::table_files()) {
    CAPTURE(f);
    CHECK(!sample::embedded_table(f).empty());
    files.emplace(std::string(f), std::string(sample::embedded_table(f)));
  }
  CHECK(sample::read_tables(files).archetypes.size() == t.archetypes.size());

  // A malformed file is a PolicyError naming the file, the JSON pointer and the line.
  struct Bad {
    const char* file;
    std::string from, to;  // replaced once in the embedded text
    const char* pointer;
    const char* message;  // part of the message
  };
  const std::vector<Bad> bad = {
      {"archetypes.json", "\"share_per_10000\": 250", "\"share_per_10000\": \"250\"", "/0/share_per_10000",
       "expected"},
      {"archetypes.json", "\"individual\": false", "\"individual\": false, \"indivdual\": true",
       "/0/indivdual", "unknown member 'indivdual'"},
      {"archetypes.json", "\"domain\": \"电力\"", "\"domain\": \"煤炭\"", "/0/domain",
       "unknown domain '煤炭'"},
      {"archetypes.json", "\"elec_gen\", \"investment", "\"elec_generation\", \"investment", "/0/licences/0",
       "no licence 'elec_generation'"},
      {"archetypes.json", "\"practitioner\": 300,", "", "/0/rates", "missing required member 'practitioner'"},
      {"licences.json", "\"authority\": \"urban\"", "\"authority\": \"mayor\"", "/0/authority",
       "unknown authority 'mayor'"},
      {"districts.json", "\"code\": \"440103\"", "\"code\": \"44010\"", "/0/code", "6 digits"},
      {"violations.json", "\"minor\": 0, \"general\": 60, \"serious\": 40",
       "\"minor\": 0, \"general\": 0, \"serious\": 0", "/0/severity_weights", "every severity weight is 0"},
      {"names.json", "\"135\",", "\"13a\",", "/mobile_prefixes/0", "3 digits"},
      {"surnames.json", "{\"surname\": \"陈\", \"weight\": 80},", "{\"surname\": \"陈\", \"weight\": 80}", "",
       "invalid JSON"},
  };
  for (const Bad& b : bad) {
    CAPTURE(b.file);
    CAPTURE(b.to);
    Files f = files;
    std::string& text = f.at(b.file);
    const auto at = text.find(b.from);
    REQUIRE(at != std::string::npos);
    text.replace(at, b.from.size(), b.to);
    try {
      sample::read_tables(f);
      FAIL("no error for a malformed " << b.file);
    } catch (const PolicyError& e) {
      CHECK(e.file() == std::string("data/sample/") + b.file);
      if (*b.pointer != '\0') CHECK(e.pointer() == b.pointer);
      CHECK(e.line() > 1);
      CHECK(std::string(e.what()).find(b.message) != std::string::npos);
    }
  }
  // The line is the offending value's: the second archetype's share is on its own line.
  Files f = files;
  std::string& text = f.at("archetypes.json");
  const auto second = text.find("\"share_per_10000\"", text.find("\"share_per_10000\"") + 1);
  text.replace(text.find(':', second) + 2, 2, "-8");  // "80" → "-8"
  try {
    sample::read_tables(f);
    FAIL("no error for a negative share");
  } catch (const PolicyError& e) {
    CHECK(e.pointer() == "/1/share_per_10000");
    const auto line = static_cast<std::size_t>(std::count(
                          text.begin(), text.begin() + static_cast<std::ptrdiff_t>(second), '\n')) +
                      1;
    CHECK(e.line() == line);
  }
  // A missing file is named too.
  Files missing = files;
  missing.erase("districts.json");
  CHECK_THROWS_WITH_AS(sample::read_tables(missing), doctest::Contains("data/sample/districts.json"),
                       PolicyError);
}

namespace {
// A day-2 file as (op, cells) rows and its header without the op column.
struct DeltaFile {
  std::vector<std::string> header;
  std::vector<std::string> ops;
  std::vector<std::vector<std::optional<std::string>>> rows;
};
DeltaFile read_delta(const fs::path& p) {
  DeltaFile f;
  auto reader = io::CsvReader::open(p.string());
  io::RawRecord rec;
  bool first = true;
  while (reader->next(rec)) {
    REQUIRE(!rec.cells.empty());
    if (first) {
      CHECK(rec.cells.front() == "op");
      f.header.assign(rec.cells.begin() + 1, rec.cells.end());
      first = false;
      continue;
    }
    f.ops.push_back(rec.cells.front());
    f.rows.emplace_back(rec.cells.begin() + 1, rec.cells.end());
  }
  return f;
}
std::set<std::string> column(const std::vector<std::map<std::string, std::string>>& rows, const char* name) {
  std::set<std::string> out;
  for (const auto& r : rows) out.insert(r.at(name));
  return out;
}
}  // namespace

TEST_CASE(
    "sample: day 2 (write_sample_delta) — corrections, withdrawals, a new blacklisting, a re-sent file") {
  TempDir day1("delta_day1"), a("delta_a"), b("delta_b");
  write_sample(day1.str(), opts(400, 3));
  SampleDeltaOptions o;
  o.seed = 3;
  const SampleDeltaSummary s = write_sample_delta(day1.str(), a.str(), o);
  const SampleDeltaSummary s2 = write_sample_delta(day1.str(), b.str(), o);

  // deterministic: the same files twice
  CHECK(s.rows == s2.rows);
  for (const auto& [id, n] : s.rows) CHECK(slurp(a.path / (id + ".csv")) == slurp(b.path / (id + ".csv")));

  CHECK(s.expected.at("admin_penalty").updated == o.updates);
  CHECK(s.expected.at("admin_penalty").withdrawn == o.withdrawals);
  CHECK(s.expected.at("admin_penalty").unchanged == o.unchanged);
  CHECK(s.expected.at("black_list").added == 1);
  CHECK(s.rows.at("admin_penalty") == o.updates + o.withdrawals + o.unchanged);
  REQUIRE(s.blacklisted.size() == 1);

  // every row of the op files is one the validator accepts, once the op column is taken out
  const auto engine = Engine::default_engine();
  for (const char* ds : {"admin_penalty", "black_list"}) {
    CAPTURE(ds);
    const DeltaFile f = read_delta(a.path / (std::string(ds) + ".csv"));
    const Report r = validate_rows(*engine, ds, f.header, f.rows);
    CHECK(r.stats.rejected == 0);
    CHECK(r.stats.accepted == f.rows.size());
    for (const auto& op : f.ops)
      CHECK(std::set<std::string>{"update", "修改", "U", "delete", "删除", "D", "新增"}.count(op) == 1);
  }

  // the corrected and withdrawn penalties are day-1 penalties; the new listing is a subject
  // with a serious penalty that was not on the black list
  const auto penalties = accepted_rows(day1.str(), "admin_penalty");
  const std::set<std::string> day1_numbers = column(penalties, "decision_no");
  for (const auto& no : s.updated) CHECK(day1_numbers.count(no) == 1);
  for (const auto& no : s.withdrawn) CHECK(day1_numbers.count(no) == 1);
  CHECK(column(accepted_rows(day1.str(), "black_list"), "uscc").count(s.blacklisted[0]) == 0);
  CHECK(std::any_of(penalties.begin(), penalties.end(), [&](const std::map<std::string, std::string>& r) {
    return r.at("xdr_uscc") == s.blacklisted[0] && r.at("severity") == "serious";
  }));

  // the re-sent file is day 1's, byte for byte; all its accepted rows come back unchanged
  CHECK(slurp(a.path / "energy_saving.csv") == slurp(day1.path / "energy_saving.csv"));
  CHECK(s.expected.at("energy_saving").unchanged == accepted_rows(day1.str(), "energy_saving").size());

  CHECK_THROWS_AS(write_sample_delta((day1.path / "missing").string(), a.str(), o), IoError);
}
