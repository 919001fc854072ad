#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "ecredit/ecredit.hpp"
#include "ecredit/registry.hpp"
#include "test_util.hpp"

using namespace ecredit;

namespace {

std::shared_ptr<const Engine> mini() {
  static auto e = Engine::load(std::string(ECREDIT_TEST_DATA) + "/packs/mini");
  return e;
}

const char* kU = "91440101MA59U8YB6Y";
date::sys_days day(const char* iso) { return parse_iso_date(iso); }

Record rec(const std::string& id, const std::string& category, const std::string& severity,
           const std::string& polarity, const char* date) {
  Record r;
  r.id = id;
  r.uscc = kU;
  r.category = category;
  r.severity = severity;
  r.polarity = polarity;
  r.decision_date = day(date);
  return r;
}

Subject subj() {
  Subject s;
  s.uscc = kU;
  s.name = "甲";
  s.kind = "legal_person";
  s.domains = {"electricity"};
  return s;
}

Grade g_of(std::vector<Record> records, std::vector<ListEntry> lists = {}, const char* as_of = "2024-06-30") {
  Registry::Builder b(*mini());
  b.add(subj());
  for (auto& r : records) b.add(std::move(r));
  for (auto& l : lists) b.add(std::move(l));
  auto reg = b.build();
  return grade(*mini(), *reg, kU, day(as_of), "test-class");
}

}  // namespace

TEST_CASE("grading: months, windows, decay, caps") {
  CHECK(months_between(day("2023-08-31"), day("2024-02-29")) == 5);
  CHECK(months_between(day("2023-06-30"), day("2024-06-30")) == 12);
  CHECK(months_between(day("2023-07-01"), day("2024-06-30")) == 11);

  const Grade none = g_of({});
  CHECK(none.no_data);
  CHECK(none.grade == "B");
  CHECK(none.model == "test-class");
  CHECK(none.pack_hash == mini()->hash());

  // 11 months old: full points; 13 months: half; 30 months: quarter; 40 months: outside the window
  const Grade g = g_of({rec("p1", "admin_penalty", "general", "bad", "2023-07-15"),
                        rec("p2", "admin_penalty", "general", "bad", "2023-05-01"),
                        rec("p3", "admin_penalty", "general", "bad", "2021-12-01"),
                        rec("p4", "admin_penalty", "general", "bad", "2021-01-01")});
  CAPTURE(g.to_json(2));
  CHECK(g.score == doctest::Approx(100 - 10 - 5 - 2.5));
  CHECK(g.grade == "B");  // 82.5: B needs 75, A 90
  int indicator_lines = 0;
  for (const auto& t : g.trace) indicator_lines += t.kind == "indicator";
  CHECK(indicator_lines == 3);

  // five fresh general penalties: -50 capped at -30
  std::vector<Record> many;
  for (int i = 0; i < 5; ++i)
    many.push_back(rec("m" + std::to_string(i), "admin_penalty", "general", "bad", "2024-05-01"));
  const Grade capped = g_of(many);
  CHECK(capped.score == doctest::Approx(70));
  CHECK(capped.grade == "C");
  bool saw_cap = false;
  for (const auto& t : capped.trace) saw_cap = saw_cap || t.kind == "cap";
  CHECK(saw_cap);
}

TEST_CASE("grading: exclusions, attributes, lists and vetoes") {
  Record repaired = rec("r", "admin_penalty", "general", "bad", "2024-01-01");
  repaired.repaired_on = day("2024-05-01");
  Record objected = rec("o", "admin_penalty", "general", "bad", "2024-01-01");
  objected.under_objection = true;
  Record future = rec("f", "admin_penalty", "general", "bad", "2024-07-01");
  const Grade g = g_of({repaired, future});
  CHECK(g.no_data);
  CHECK(g.score == doctest::Approx(100));
  // a record under objection keeps counting, flagged (a pack without objections.json: the
  // default counting; grading models no longer exclude it: issue 14)
  const Grade o = g_of({objected});
  CHECK(o.score == doctest::Approx(90));
  bool flagged = false;
  for (const auto& t : o.trace)
    flagged = flagged || (t.record == "o" && t.flags == std::vector<std::string>{kFlagUnderObjection});
  CHECK(flagged);
  // before the repair date the record still counts
  CHECK(g_of({repaired}, {}, "2024-04-30").score == doctest::Approx(90));

  Record fine = rec("fi", "admin_penalty", "minor", "bad", "2024-03-01");
  fine.attributes["penalty_types"] = "warning;fine";
  CHECK(g_of({fine}).score == doctest::Approx(100 - 2 - 1));

  ListEntry red;
  red.id = "red1";
  red.uscc = kU;
  red.list = "red";
  red.included_on = day("2024-01-01");
  ListEntry black = red;
  black.id = "black1";
  black.list = "black";
  black.expires_on = day("2025-01-01");
  const Grade vetoed = g_of({}, {red, black});
  CAPTURE(vetoed.to_json(2));
  CHECK(vetoed.grade == "D");
  CHECK(vetoed.score == doctest::Approx(103));
  CHECK(g_of({}, {red, black}, "2025-06-30").grade ==
        "D");  // ended 2025-01-01: the veto lasts 12 months more
  CHECK(g_of({}, {red, black}, "2026-01-01").grade == "A");  // … and then no longer
  ListEntry removed = black;
  removed.removed_on = day("2024-03-01");
  CHECK(g_of({}, {removed}, "2024-06-30").grade == "D");
  CHECK(g_of({}, {removed}, "2025-03-01").grade == "B");  // no data, veto over

  const Grade serious = g_of({rec("s", "admin_penalty", "serious", "bad", "2023-01-01")});
  CHECK(serious.grade == "C");  // max_grade C within 24 months, though the score is 100
  CHECK(g_of({rec("s", "admin_penalty", "serious", "bad", "2022-01-01")}).grade != "C");
}

TEST_CASE("grading: models by date and by id") {
  Registry::Builder b(*mini());
  b.add(subj());
  auto reg = b.build();
  CHECK(grade(*mini(), *reg, kU, day("2015-01-01")).model == "old-model");
  CHECK(grade(*mini(), *reg, kU, day("2024-01-01")).model == "test-class");
  CHECK_THROWS_AS(grade(*mini(), *reg, kU, day("2015-01-01"), "test-class"), InvalidInputError);
  CHECK_THROWS_AS(grade(*mini(), *reg, kU, day("2024-01-01"), "nope"), NotFoundError);
  CHECK_THROWS_AS(grade(*mini(), *reg, "91350211M0000XUF46", day("2024-01-01")), NotFoundError);
  CHECK_THROWS_AS(grade(*mini(), *reg, kU, day("2005-01-01")), NotFoundError);
}

TEST_CASE("grading: properties over generated registries") {
  std::mt19937 rng(20261127);
  const char* cats[] = {"admin_penalty", "commendation"};  // the mini pack's record categories
  const char* sevs[] = {"minor", "general", "serious"};
  const char* dates[] = {"2019-03-01", "2021-06-15", "2022-12-31", "2023-07-01",
                         "2024-01-31", "2024-06-30", "2024-07-01", "2025-01-01"};
  for (int round = 0; round < 300; ++round) {
    std::vector<Record> base;
    const int n = static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i) {
      const std::string cat = cats[rng() % 2];
      base.push_back(rec("b" + std::to_string(i), cat, sevs[rng() % 3],
                         cat == "commendation" ? "good" : "bad", dates[rng() % 8]));
    }
    const Grade before = g_of(base);
    const int rank_before = mini()->model("test-class").rank(before.grade);
    // adding a bad record never raises the score; a good one never lowers it
    auto with_bad = base;
    with_bad.push_back(rec("x", "admin_penalty", sevs[rng() % 3], "bad", dates[rng() % 8]));
    CHECK(g_of(with_bad).score <= before.score);
    auto with_good = base;
    with_good.push_back(rec("y", "commendation", "general", "good", dates[rng() % 8]));
    CHECK(g_of(with_good).score >= before.score);
    // a record after as-of does not count
    auto with_future = base;
    with_future.push_back(rec("z", "admin_penalty", "general", "bad", "2024-07-01"));
    CHECK(g_of(with_future).score == doctest::Approx(before.score));
    // a veto beats any score
    ListEntry black;
    black.id = "bl";
    black.uscc = kU;
    black.list = "black";
    black.included_on = day("2020-01-01");
    auto with_good2 = with_good;
    CHECK(g_of(with_good2, {black}).grade == "D");
    // the same inputs give the same result and trace
    CHECK(g_of(base).to_json() == before.to_json());
    CHECK(rank_before >= 0);
  }
}

TEST_CASE("grading: grade_all is deterministic across thread counts") {
  Registry::Builder b(*mini());
  std::mt19937 rng(5);
  for (int i = 0; i < 2000; ++i) {
    Subject s = subj();
    s.uscc = test_util::genuine_uscc(100000 + i);
    b.add(s);
    for (int k = 0; k < static_cast<int>(rng() % 4); ++k) {
      Record r = rec(s.uscc + ":" + std::to_string(k), "admin_penalty", "general", "bad", "2024-01-01");
      r.uscc = s.uscc;
      b.add(r);
    }
  }
  auto reg = b.build();
  const auto one = grade_all(*mini(), *reg, day("2024-06-30"), "test-class", 1, true);
  const auto four = grade_all(*mini(), *reg, day("2024-06-30"), "test-class", 4, true);
  const auto bare = grade_all(*mini(), *reg, day("2024-06-30"), "test-class", 2);
  REQUIRE(bare.size() == one.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    CHECK(bare[i].trace.empty());
    CHECK(bare[i].grade == one[i].grade);
    CHECK(bare[i].score == one[i].score);
  }
  REQUIRE(one.size() == 2000);
  REQUIRE(four.size() == one.size());
  for (std::size_t i = 0; i < one.size(); ++i) CHECK(one[i].to_json() == four[i].to_json());
}

TEST_CASE("registry: from_dir, indexes and coverage") {
  LoadSummary sum;
  auto reg =
      Registry::from_dir(*Engine::default_engine(), std::string(ECREDIT_TEST_DATA) + "/registry", &sum);
  CAPTURE(sum.skipped.size());
  CHECK(sum.reports.count("subject") == 1);
  CHECK(sum.reports.count("admin_penalty") == 1);
  CHECK(std::find(sum.skipped.begin(), sum.skipped.end(), "notes.txt") != sum.skipped.end());
  CHECK(reg->subjects().size() == sum.subjects);
  CHECK(sum.reports.at("admin_penalty").stats.rejected >= 1);  // rejected rows are reported …
  for (std::size_t i = 0; i < reg->record_count(); ++i)
    CHECK(reg->record(i).id != "admin_penalty:穗发改能罚〔2024〕99号");  // … and never used
  // a second file of the same dataset keeps its own report
  const std::string dir2 = std::string(ECREDIT_TEST_DATA) + "/../../build/registry-two-files";
  std::filesystem::remove_all(dir2);
  std::filesystem::create_directories(dir2);
  std::filesystem::copy(std::string(ECREDIT_TEST_DATA) + "/registry/subject.csv", dir2 + "/subject.csv");
  {
    std::ofstream j(dir2 + "/subject.jsonl");
    j << "{\"uscc\": \"91350100M000100Y43\", \"name\": \"乙\", \"kind\": \"法人\", \"domains\": "
         "[\"电力\"]}\n";
  }
  LoadSummary two;
  auto reg2 = Registry::from_dir(*Engine::default_engine(), dir2, &two);
  CHECK(two.reports.count("subject") == 1);
  CHECK(two.reports.count("subject.jsonl") == 1);
  CHECK(reg2->subjects().size() == 5);
  std::filesystem::remove_all(dir2);

  const auto cov = reg->coverage();
  REQUIRE(cov.count("all") == 1);
  CHECK(cov.at("all").with_file <= cov.at("all").subjects);
  CHECK(cov.at("all").ratio() > 0);
}

TEST_CASE("grading: shared cases (tests/data/grading_cases.tsv)") {
  auto reg = Registry::from_dir(*Engine::default_engine(), std::string(ECREDIT_TEST_DATA) + "/registry");
  std::ifstream in(std::string(ECREDIT_TEST_DATA) + "/grading_cases.tsv");
  REQUIRE(in);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    std::string uscc, as_of, model, grade_s, score, no_data;
    std::getline(ss, uscc, '\t');
    std::getline(ss, as_of, '\t');
    std::getline(ss, model, '\t');
    std::getline(ss, grade_s, '\t');
    std::getline(ss, score, '\t');
    std::getline(ss, no_data, '\t');
    CAPTURE(line);
    const Grade g = grade(*Engine::default_engine(), *reg, uscc, parse_iso_date(as_of), model);
    CHECK(g.grade == grade_s);
    CHECK(g.score == doctest::Approx(std::stod(score)));
    CHECK(g.no_data == (no_data == "true"));
    ++n;
  }
  CHECK(n == 20);
}

TEST_CASE("grading: the batch fast path equals the traced path on the built-in models") {
  std::mt19937 rng(99);
  const char* cats[] = {"admin_penalty", "arrears",           "commendation",  "safety_incident",
                        "evaluation",    "commitment_breach", "energy_saving", "admin_license"};
  const char* sevs[] = {"", "minor", "general", "serious"};
  Registry::Builder b(*Engine::default_engine());
  for (int i = 0; i < 3000; ++i) {
    Subject s = subj();
    s.uscc = test_util::genuine_uscc(200000 + i);
    b.add(s);
    for (int k = 0; k < static_cast<int>(rng() % 12); ++k) {
      Record r = rec(s.uscc + ":" + std::to_string(k), cats[rng() % 8], sevs[rng() % 4], "bad", "2024-01-01");
      r.uscc = s.uscc;
      r.polarity = r.category == "commendation" ? "good" : "bad";
      r.decision_date = day("2025-06-30") - date::days{static_cast<int>(rng() % 1500)};
      if (rng() % 5 == 0) r.attributes["incident_level"] = rng() % 2 ? "major" : "pipeline_damage";
      if (rng() % 7 == 0) r.attributes["veto_cause"] = "contract_fraud";
      if (rng() % 9 == 0) r.repaired_on = r.decision_date + date::days{200};
      b.add(r);
    }
  }
  auto reg = b.build();
  for (const char* model : {"gz-energy-class", "nea-energy-eval"}) {
    const auto traced = grade_all(*Engine::default_engine(), *reg, day("2025-06-30"), model, 2, true);
    const auto fast = grade_all(*Engine::default_engine(), *reg, day("2025-06-30"), model, 2, false);
    REQUIRE(traced.size() == fast.size());
    for (std::size_t i = 0; i < fast.size(); ++i) {
      CAPTURE(traced[i].to_json());
      CHECK(fast[i].grade == traced[i].grade);
      CHECK(fast[i].score == traced[i].score);
      CHECK(fast[i].no_data == traced[i].no_data);
    }
  }
}

TEST_CASE("registry builder: codes come from the engine, ids are unique, USCCs genuine (issue 11)") {
  const auto builtin = Engine::default_engine();
  auto throws = [](auto&& fn, const char* what) {
    try {
      fn();
      FAIL("no error; expected " << what);
    } catch (const InvalidInputError& e) {
      CAPTURE(e.what());
      CHECK(std::string(e.what()).find(what) != std::string::npos);
    }
  };
  // a category the pack does not know, checked against the engine given
  Record r = rec("p1", "no-such-category", "general", "bad", "2024-01-01");
  throws([&] { Registry::Builder(*builtin).add(r); }, "records[0] 'p1': category 'no-such-category'");
  // a custom pack's vocabulary, not the built-in one: the mini pack has no safety_incident
  Record s = rec("s1", "safety_incident", "serious", "bad", "2024-01-01");
  CHECK_NOTHROW(Registry::Builder(*builtin).add(s));
  throws([&] { Registry::Builder(*mini()).add(s); }, "category 'safety_incident'");
  throws([&] { Registry::Builder(*builtin).add(rec("p2", "admin_penalty", "huge", "bad", "2024-01-01")); },
         "severity 'huge' is not in code table 'severity'");
  throws(
      [&] { Registry::Builder(*builtin).add(rec("p3", "admin_penalty", "general", "awful", "2024-01-01")); },
      "polarity 'awful'");
  Subject alien = subj();
  alien.kind = "alien";
  throws([&] { Registry::Builder(*builtin).add(alien); }, "subjects[0] '91440101MA59U8YB6Y': kind 'alien'");
  Subject typo = subj();
  typo.uscc = "91440101MA59U8YB6X";  // check character changed
  throws([&] { Registry::Builder(*builtin).add(typo); }, "is not a genuine USCC (checksum)");
  ListEntry grey;
  grey.id = "g";
  grey.uscc = kU;
  grey.list = "grey";
  grey.included_on = day("2024-01-01");
  throws([&] { Registry::Builder(*builtin).add(grey); }, "list 'grey' is not in code table 'list_kind'");
  // the same record twice would count twice
  {
    Registry::Builder b(*builtin);
    b.add(subj());
    b.add(rec("p1", "admin_penalty", "general", "bad", "2024-01-01"));
    b.add(rec("p1", "admin_penalty", "general", "bad", "2024-01-01"));
    throws([&] { b.build(); }, "record id 'p1' is added twice");
  }
  {
    Registry::Builder b(*builtin);
    b.add(subj());
    b.add(subj());
    throws([&] { b.build(); }, "subject with USCC '91440101MA59U8YB6Y' is added twice");
  }
  {
    Registry::Builder b(*builtin);
    ListEntry e = grey;
    e.list = "black";
    b.add(e).add(e);
    throws([&] { b.build(); }, "list entry id 'g' is added twice");
  }
  // two files of one dataset holding the same key
  throws([&] { Registry::from_dir(*builtin, test_util::kData + "/dup_keys"); },
         "record id 'admin_penalty:穗发改能罚〔2024〕1号' is added twice");
}

TEST_CASE("grading: a code that is not genuine is an input error, a genuine unknown one not found") {
  Registry::Builder b(*mini());
  b.add(subj());
  auto reg = b.build();
  CHECK_THROWS_AS(grade(*mini(), *reg, "91440101MA59U8YB6X", day("2024-06-30")), InvalidInputError);
  CHECK_THROWS_AS(grade(*mini(), *reg, "91350211M0000XUF46", day("2024-06-30")), NotFoundError);
}

TEST_CASE("registry builder: identifiers are stored as they are looked up (audit of issue 11)") {
  const auto builtin = Engine::default_engine();
  Registry::Builder b(*builtin);
  Subject s = subj();
  s.uscc = "91440101ma59u8yb6y";                // lower case
  s.legal_rep_id = "110105491231002";           // a legacy 15-digit ID
  s.responsible_ids = {" 11010519491231002x"};  // a space, a lower-case x
  b.add(s);
  Record r = rec("p1", "admin_penalty", "general", "bad", "2024-01-01");
  r.uscc = "９１４４０１０１ＭＡ５９Ｕ８ＹＢ６Ｙ";  // full width
  b.add(r);
  const auto reg = b.build();
  REQUIRE(reg->subject(kU) != nullptr);
  CHECK(reg->subject(kU)->legal_rep_id == "11010519491231002X");
  CHECK(reg->subject(kU)->responsible_ids == std::vector<std::string>{"11010519491231002X"});
  CHECK(reg->records_of(kU).size() == 1);
  CHECK(grade(*builtin, *reg, "91440101ma59u8yb6y", day("2024-06-30")).uscc == kU);
  // an ID shaped like a resident ID that is not genuine is refused, and masked in the message
  Subject t = subj();
  t.legal_rep_id = "440106198503151234";
  try {
    Registry::Builder(*builtin).add(t);
    FAIL("no error");
  } catch (const InvalidInputError& e) {
    CHECK(std::string(e.what()).find("legal_rep_id '440106********1234' is not a genuine resident ID") !=
          std::string::npos);
  }
  // other certificate numbers (a passport) are kept
  Subject u = subj();
  u.legal_rep_id = "E12345678";
  CHECK_NOTHROW(Registry::Builder(*builtin).add(u));
  // dates: exactly YYYY-MM-DD
  CHECK_THROWS_AS(parse_iso_date("2025-06-30xyz"), InvalidInputError);
  CHECK_THROWS_AS(parse_iso_date("2024-02-30"), InvalidInputError);
}
