#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecredit/ecredit.hpp"
#include "test_util.hpp"

using namespace ecredit;

namespace {

using test_util::kData;
using test_util::pack_files;
using test_util::split;
date::sys_days day(const std::string& s) { return parse_iso_date(s); }

std::string opt(const std::optional<date::sys_days>& d) { return d ? format_iso_date(*d) : "-"; }

}  // namespace

TEST_CASE("repair: month arithmetic clamps to month ends") {
  CHECK(format_iso_date(add_months(day("2023-08-31"), 6)) == "2024-02-29");
  CHECK(format_iso_date(add_months(day("2024-02-29"), 12)) == "2025-02-28");
  CHECK(format_iso_date(add_months(day("2024-02-29"), 48)) == "2028-02-29");
  CHECK(format_iso_date(add_months(day("2023-01-31"), 1)) == "2023-02-28");
  CHECK(format_iso_date(add_months(day("2023-03-31"), -1)) == "2023-02-28");
  CHECK(format_iso_date(add_months(day("2023-12-15"), 1)) == "2024-01-15");
  CHECK(format_iso_date(add_months(day("2023-05-01"), 0)) == "2023-05-01");
}

TEST_CASE("repair: working days follow holidays and adjusted working weekends") {
  const Calendar& cal = Engine::default_engine()->calendar();
  for (int y = 2019; y <= 2026; ++y) CHECK(cal.years().count(y) == 1);
  CHECK(!cal.is_working_day(day("2026-10-01")));  // 国庆节
  CHECK(!cal.is_working_day(day("2026-10-05")));  // a Monday inside the holiday
  CHECK(cal.is_working_day(day("2026-10-10")));   // a Saturday made a working day (调休)
  CHECK(cal.is_working_day(day("2026-05-09")));   // 劳动节调休, Saturday
  CHECK(!cal.is_working_day(day("2026-05-10")));  // an ordinary Sunday
  CHECK(!cal.is_working_day(day("2024-02-12")));  // 春节 2024, Monday
  // 2026-09-30 (Wed) + 3 working days: Oct 1-7 holiday, Oct 8 (Thu), Oct 9 (Fri), Oct 10 (Sat, 调休)
  CHECK(format_iso_date(cal.add_working_days(day("2026-09-30"), 3)) == "2026-10-10");
  bool outside = false;
  cal.add_working_days(day("2026-12-30"), 3, &outside);
  CHECK(outside);
  CHECK_THROWS_AS(cal.add_working_days(day("2026-01-01"), -1), InvalidInputError);
  // every year has 11 (until 2024) or 13 (from 2025, 国务院令第795号) statutory days off on weekdays net of
  // 调休
  for (int y = 2021; y <= 2026; ++y) {
    int off = 0;
    for (date::sys_days d = day(std::to_string(y) + "-01-01"); d <= day(std::to_string(y) + "-12-31");
         d += date::days{1}) {
      const date::weekday wd{d};
      const bool weekday = wd != date::Saturday && wd != date::Sunday;
      if (weekday && !cal.is_working_day(d)) ++off;
      if (!weekday && cal.is_working_day(d)) --off;
    }
    CAPTURE(y);
    CHECK(off == (y >= 2025 ? 13 : 11));
  }
}

TEST_CASE("repair: shared cases (tests/data/repair_cases.tsv)") {
  const auto engine = Engine::default_engine();
  int n = 0;
  for (const auto& c : test_util::case_rows("repair_cases.tsv")) {
    REQUIRE(c.size() == 20);
    CAPTURE(c[0]);
    RepairRecord r;
    r.id = c[0];
    r.category = c[1];
    r.severity = c[2];
    r.decision_date = day(c[3]);
    r.area = c[4];
    r.penalty_types = split(c[5], ',');
    r.flags = split(c[6], ',');
    r.commitment_broken = c[7] == "yes";
    if (!c[16].empty()) r.fine_amount = std::stod(c[16]);
    r.procedure = c[17];
    RepairEvidence ev;
    for (const auto& kv : split(c[8], ';')) ev[kv.substr(0, kv.find('='))] = day(kv.substr(kv.find('=') + 1));
    const RepairDecision d = repair(*engine, r, ev, day(c[9]));
    CHECK(d.status == c[10]);
    CHECK(opt(d.earliest_date) == c[11]);
    CHECK(opt(d.publication_end) == c[12]);
    CHECK(d.missing == split(c[13], ','));
    CHECK(d.regime == c[14]);
    CHECK(opt(d.processing_deadline) == c[15]);
    CHECK(opt(d.processing_deadline_extended) == c[19]);
    for (const auto& kv : split(c[18], ';')) {
      const std::string step = kv.substr(0, kv.find('='));
      auto st = std::find_if(d.processing.begin(), d.processing.end(),
                             [&](const RepairStepDate& x) { return x.step == step; });
      REQUIRE_MESSAGE(st != d.processing.end(), step);
      CHECK(step + "=" + format_iso_date(st->due) == kv);
    }
    CHECK(!d.basis.empty());
    CHECK(!d.arithmetic.empty());
    if (d.status == "eligible") CHECK(d.effects.size() == 4);
    CHECK(d.calendar_gap == (c[0] == "deadline-past-calendar"));
    // the JSON says the same
    const auto j = nlohmann::json::parse(d.to_json());
    CHECK(j["status"] == c[10]);
    CHECK(j["pack_hash"] == engine->hash());
    ++n;
  }
  CHECK(n >= 20);
}

TEST_CASE("repair: bad records and evidence") {
  const auto engine = Engine::default_engine();
  RepairRecord r;
  r.category = "admin_penalty";
  r.decision_date = day("2026-05-06");
  CHECK_THROWS_AS(repair(*engine, r, {}, day("2026-06-01")), InvalidInputError);  // needs a severity
  r.severity = "huge";
  CHECK_THROWS_AS(repair(*engine, r, {}, day("2026-06-01")), InvalidInputError);
  r.severity = "general";
  r.category = "parking_ticket";
  CHECK_THROWS_AS(repair(*engine, r, {}, day("2026-06-01")), InvalidInputError);
  r.category = "admin_penalty";
  CHECK_THROWS_AS(repair(*engine, r, {}, day("2026-05-01")), InvalidInputError);  // decided after as-of
  r.area = "mining";
  CHECK_THROWS_AS(repair(*engine, r, {}, day("2026-06-01")), InvalidInputError);
  CHECK_THROWS_AS(repair_record_from_json("{\"category\": \"admin_penalty\"}"), InvalidInputError);
  CHECK_THROWS_AS(
      repair_record_from_json("{\"category\": \"admin_penalty\", \"decision_date\": \"2024-02-30\"}"),
      InvalidInputError);
  CHECK_THROWS_AS(repair_record_from_json("{\"category\": 1, \"decision_date\": \"2024-02-01\"}"),
                  InvalidInputError);
  CHECK_THROWS_AS(
      repair_record_from_json("{\"category\": \"x\", \"decision_date\": \"2024-02-01\", \"sevrity\": 1}"),
      InvalidInputError);
  CHECK_THROWS_AS(repair_record_from_json("[1, 2"), InvalidInputError);
  CHECK_THROWS_AS(repair_evidence_from_json("{\"receipt\": \"2024-01-01\"}"), InvalidInputError);
  CHECK_THROWS_AS(repair_evidence_from_json("{\"commitment\": 20240101}"), InvalidInputError);
  const RepairRecord ok = repair_record_from_json(
      "{\"category\": \"admin_penalty\", \"decision_date\": \"2024-02-01\", \"penalty_types\": [\"fine\"], "
      "\"commitment_broken\": false}");
  CHECK(ok.penalty_types == std::vector<std::string>{"fine"});
}

TEST_CASE("repair: a record's category and severity are the pack's vocabulary, not a list in code") {
  RepairRecord r;
  r.category = "other";
  r.severity = "general";
  r.decision_date = day("2024-01-10");
  // the built-in pack has tiers for `other`
  CHECK_NOTHROW(repair(*Engine::default_engine(), r, {}, day("2024-06-01")));
  // a pack without that category refuses it, and names the categories it has
  auto files = pack_files();
  auto j = nlohmann::ordered_json::parse(files["repair.json"]);
  for (auto& regime : j["regimes"]) regime["categories"].erase("other");
  files["repair.json"] = j.dump();
  const auto engine = Engine::from_files(files, "pack");
  try {
    repair(*engine, r, {}, day("2024-06-01"));
    FAIL("category 'other' accepted by a pack without it");
  } catch (const InvalidInputError& e) {
    CHECK(std::string(e.what()) ==
          "record category 'other' is not a category of repair.json (abnormal_list, admin_penalty or "
          "black_list)");
  }
  r.category = "admin_penalty";
  r.severity = "grave";
  try {
    repair(*engine, r, {}, day("2024-06-01"));
    FAIL("severity 'grave' accepted");
  } catch (const InvalidInputError& e) {
    CHECK(std::string(e.what()) ==
          "record severity 'grave' is not a code of the severity table (general, minor or serious)");
  }
}

TEST_CASE("repair: repeat limits (a local option) and broken policy files") {
  auto files = pack_files();
  const std::string from = "\"enabled\": false";
  auto pos = files["repair.json"].find(from);
  REQUIRE(pos != std::string::npos);
  files["repair.json"].replace(pos, from.size(), "\"enabled\": true");
  const auto engine = Engine::from_files(files, "pack");
  RepairRecord r;
  r.category = "admin_penalty";
  r.severity = "general";
  r.decision_date = day("2024-01-10");
  const RepairEvidence ev{{"obligations_fulfilled", day("2024-03-01")}, {"commitment", day("2024-03-01")}};
  CHECK(repair(*engine, r, ev, day("2024-06-01")).status == "eligible");
  // two repairs within 60 months: not repairable
  const RepairDecision two =
      repair(*engine, r, ev, day("2024-06-01"), {day("2021-02-01"), day("2022-05-01")});
  CHECK(two.status == "not_repairable");
  CHECK(two.reasons.front().find("gz-local-repeat") != std::string::npos);
  // one repair 8 months ago: not before 12 months since the last one
  const RepairDecision recent = repair(*engine, r, ev, day("2024-06-01"), {day("2023-10-01")});
  CHECK(recent.status == "not_yet");
  CHECK(format_iso_date(*recent.earliest_date) == "2024-10-01");
  // the built-in pack has the limit switched off
  CHECK(repair(*Engine::default_engine(), r, ev, day("2024-06-01"), {day("2021-02-01"), day("2022-05-01")})
            .status == "eligible");

  auto broken = [&](const std::string& file, const std::string& a, const std::string& b,
                    const std::string& what) {
    auto f = pack_files();
    auto p = f[file].find(a);
    REQUIRE_MESSAGE(p != std::string::npos, a);
    f[file].replace(p, a.size(), b);
    try {
      Engine::from_files(f, "pack");
      FAIL("no error for " << b);
    } catch (const PolicyError& e) {
      CAPTURE(e.what());
      CHECK(std::string(e.what()).find(file) != std::string::npos);
      CHECK(std::string(e.what()).find(what) != std::string::npos);
      CHECK(e.line() >= 1);
    }
  };
  broken("repair.json", "\"max_months\": 12", "\"max_months\": 2", "below min_months");
  broken("repair.json", "\"select_by\": \"decision_date\"", "\"select_by\": \"whenever\"", "select_by");
  broken("repair.json", "\"effective_from\": \"2023-05-01\"", "\"effective_from\": \"2023-04-01\"",
         "overlapping");
  broken("repair.json", "\"same_as\": \"general\"", "\"same_as\": \"medium\"", "same_as");
  broken("repair.json", "\"working_days\": 10", "\"working_days\": -1", "non-negative");
  broken("calendar.json", "\"date\": \"2026-10-10\"", "\"date\": \"2026-10-12\"", "weekend");
  broken("calendar.json", "\"to\": \"2026-10-07\"", "\"to\": \"2026-09-07\"", "ends before");
}

TEST_CASE("repair: applying a repair gives a snapshot where the record no longer counts") {
  const auto engine = Engine::default_engine();
  const auto reg = Registry::from_dir(*engine, kData + "/registry");
  const char* u = "91440113MA9UQ8E11N";  // serious penalty 2024-01-10: at most C for 24 months
  const auto as_of = day("2024-06-30");
  CHECK(grade(*engine, *reg, u, as_of).grade == "C");
  const std::string id = "admin_penalty:穗发改能罚〔2024〕5号";
  const auto repaired = reg->apply_repair(id, day("2024-05-01"));
  const Grade after = grade(*engine, *repaired, u, as_of);
  CHECK(after.grade == "B");  // nothing else on file: the no-data grade
  CHECK(after.no_data);
  CHECK(grade(*engine, *repaired, u, day("2024-04-30")).grade == "C");  // before the repair date
  CHECK(grade(*engine, *reg, u, as_of).grade == "C");                   // the old snapshot is unchanged
  CHECK(repaired->record_count() == reg->record_count());
  CHECK_THROWS_AS(reg->apply_repair("no-such-record", day("2024-05-01")), NotFoundError);

  // a repaired serious penalty lifts its measures; a repaired list entry ends the list measures
  const auto pre = Registry::from_dir(*engine, kData + "/precheck");
  PrecheckQuery q;
  q.scenario = "bidding";
  q.uscc = "91440113MA9UQ8E11N";
  q.as_of = day("2025-06-30");
  CHECK(precheck(*engine, *pre, q).verdict == Effect::prohibit);
  const auto off =
      pre->apply_repair("black_list:国家能源局南方监管局|广州某发电有限公司|2024-06-01", day("2025-06-01"));
  CHECK(precheck(*engine, *off, q).verdict == Effect::clear);
  CHECK(precheck(*engine, *pre, q).verdict == Effect::prohibit);
}

TEST_CASE("json: a number out of range is an error with a place, never an escape (found by fuzz_repair)") {
  CHECK_THROWS_AS(repair_record_from_json("{\"category\": 1e99999, \"decision_date\": \"2024-01-01\"}"),
                  InvalidInputError);
  CHECK_THROWS_AS(repair_evidence_from_json("{\"commitment\": 8888888888888888888e8888}"), InvalidInputError);
  // JSON Lines: that line is rejected with a json-error finding, the others are read
  ValidateOptions o;
  o.format = "jsonl";
  std::istringstream in("{\"decision_no\": 1e99999}\n{\"decision_no\": \"A1\"}\n");
  const Report r = validate_stream(*Engine::default_engine(), "admin_penalty", in, o);
  CHECK(r.stats.rows == 2);
  CHECK(r.counts.count("json-error") == 1);
  // a policy file: PolicyError at the token
  auto files = pack_files();
  const std::string from = "\"min_months\": 3";
  files["repair.json"].replace(files["repair.json"].find(from), from.size(), "\"min_months\": 3e99999");
  try {
    Engine::from_files(files, "pack");
    FAIL("no error");
  } catch (const PolicyError& e) {
    CHECK(std::string(e.what()).find("repair.json") != std::string::npos);
    CHECK(e.line() > 1);
  }
}

TEST_CASE("repair: penalty-type tiers, fine bands and procedure of 36号令 (issue 11)") {
  const auto engine = Engine::default_engine();
  RepairRecord r;
  r.category = "admin_penalty";
  r.decision_date = day("2026-05-06");
  // 暂扣许可证件 is not asserted in a tier: the record's severity decides, and the arithmetic says so
  r.penalty_types = {"suspend_license"};
  try {
    repair(*engine, r, {}, day("2026-06-01"));
    FAIL("no error without a severity");
  } catch (const InvalidInputError& e) {
    CHECK(std::string(e.what()).find("suspend_license: no tier asserted") != std::string::npos);
  }
  r.severity = "general";
  RepairDecision d = repair(*engine, r, {}, day("2026-06-01"));
  CHECK(d.severity == "general");
  auto says = [](const RepairDecision& x, const std::string& what) {
    return std::any_of(x.arithmetic.begin(), x.arithmetic.end(),
                       [&](const std::string& a) { return a.find(what) != std::string::npos; });
  };
  CHECK(says(d, "the record's severity general stands for it"));
  // a draft-only tier is marked unconfirmed in the arithmetic
  r.penalty_types = {"order_closure"};
  d = repair(*engine, r, {}, day("2026-06-01"));
  CHECK(d.severity == "serious");
  CHECK(says(d, "penalty type order_closure（待核实"));
  // a fine maps through the pack's bands (from <= amount < below), marked unconfirmed
  r.severity.clear();
  r.penalty_types = {"fine"};
  r.fine_amount = 100;  // the lower bound of 巨额 is in its band
  d = repair(*engine, r, {}, day("2026-06-01"));
  CHECK(d.severity == "serious");
  CHECK(says(d, "巨额罚款"));
  CHECK(says(d, "（待核实"));
  r.fine_amount = 0.3;
  CHECK(repair(*engine, r, {}, day("2026-06-01")).severity == "general");
  r.fine_amount.reset();
  CHECK_THROWS_AS(repair(*engine, r, {}, day("2026-06-01")), InvalidInputError);  // no amount, no severity
  r.procedure = "simple";
  CHECK(repair(*engine, r, {}, day("2026-06-01")).severity == "minor");
  r.procedure = "当场处罚";  // an alias of the penalty_procedure table
  CHECK(repair(*engine, r, {}, day("2026-06-01")).severity == "minor");
  r.procedure = "quick";
  CHECK_THROWS_AS(repair(*engine, r, {}, day("2026-06-01")), InvalidInputError);
  r.procedure.clear();
  r.fine_amount = -1;
  CHECK_THROWS_AS(repair(*engine, r, {}, day("2026-06-01")), InvalidInputError);
  // the JSON forms
  const RepairRecord j = repair_record_from_json(
      "{\"category\": \"admin_penalty\", \"decision_date\": \"2026-05-06\", \"fine_amount\": 2.5, "
      "\"procedure\": \"简易程序\", \"flags\": [\"complex_case\"]}");
  CHECK(j.fine_amount == 2.5);
  CHECK(j.procedure == "简易程序");
  CHECK_THROWS_AS(
      repair_record_from_json(
          "{\"category\": \"admin_penalty\", \"decision_date\": \"2026-05-06\", \"fine_amount\": \"2\"}"),
      InvalidInputError);
  // 58号令 areas by alias; an unknown area names the known ones
  RepairRecord a;
  a.category = "admin_penalty";
  a.severity = "general";
  a.decision_date = day("2024-03-15");
  a.area = "食品";
  d = repair(*engine, a, {}, day("2024-06-01"));
  CHECK(d.min_months == 12);
  CHECK(says(d, "area food"));
  a.area = "mining";
  try {
    repair(*engine, a, {}, day("2024-06-01"));
    FAIL("no error");
  } catch (const InvalidInputError& e) {
    CHECK(std::string(e.what()).find("drugs") != std::string::npos);
  }
}

TEST_CASE("repair: the 2026 steps — acceptance, decision, the complex-case extension, feedback") {
  const auto engine = Engine::default_engine();
  RepairRecord r;
  r.category = "admin_penalty";
  r.severity = "general";
  r.decision_date = day("2026-04-01");
  const RepairEvidence ev{{"obligations_fulfilled", day("2026-05-01")}, {"commitment", day("2026-07-01")}};
  const RepairDecision d = repair(*engine, r, ev, day("2026-07-01"));
  REQUIRE(d.processing.size() == 4);
  CHECK(d.processing[0].step == "acceptance");
  CHECK(d.processing[0].from == "application");
  CHECK(d.processing[1].from == "acceptance");
  CHECK(d.processing[2].extends == "decision");
  CHECK(!d.processing[2].applies);
  CHECK(d.processing[3].from == "application");
  CHECK(format_iso_date(*d.processing_deadline) == "2026-07-15");
  CHECK(format_iso_date(*d.processing_deadline_extended) == "2026-07-29");
  const auto j = nlohmann::json::parse(d.to_json());
  CHECK(j["processing_deadline_extended"] == "2026-07-29");
  CHECK(j["processing"][2]["applies"] == false);
  r.flags = {"complex_case"};
  const RepairDecision c = repair(*engine, r, ev, day("2026-07-01"));
  CHECK(c.processing[2].applies);
  CHECK(format_iso_date(*c.processing_deadline) == "2026-07-29");
  // the 58号令 steps stay one after the other, without extensions
  r.decision_date = day("2024-01-10");
  const RepairDecision old =
      repair(*engine, r, {{"obligations_fulfilled", day("2024-03-01")}, {"commitment", day("2024-03-01")}},
             day("2024-06-01"));
  CHECK(!old.processing_deadline_extended);
  CHECK(old.processing[1].from == "authority_review");
}

TEST_CASE("repair: broken 36号令 additions in repair.json are policy errors with a place") {
  auto broken = [&](const std::string& a, const std::string& b, const std::string& what) {
    auto f = pack_files();
    auto p = f["repair.json"].find(a);
    REQUIRE_MESSAGE(p != std::string::npos, a);
    f["repair.json"].replace(p, a.size(), b);
    try {
      Engine::from_files(f, "pack");
      FAIL("no error for " << b);
    } catch (const PolicyError& e) {
      CAPTURE(e.what());
      CHECK(std::string(e.what()).find("repair.json") != std::string::npos);
      CHECK(std::string(e.what()).find(what) != std::string::npos);
      CHECK(e.line() >= 1);
    }
  };
  broken("\"from\": \"acceptance\"", "\"from\": \"lunch\"", "earlier step");
  broken("\"extends\": \"decision\"", "\"extends\": \"platform_feedback\"", "earlier step");
  broken("\"flag\": \"complex_case\",", "", "needs the record flag");
  broken("\"from\": 0.3,", "\"from\": 0.2,", "ascend");
  broken("\"below\": 100", "\"below\": 0.1", "not above");
  broken("\"unit\": \"万元\"", "\"unit\": \"元\"", "万元");
  broken("\"by\": \"fine_amount\"", "\"by\": \"weight\"", "fine_amount");
  broken("\"aliases\": [\n            \"药品\"", "\"aliases\": [\n            \"食品\"",
         "already names area");
  broken("\"unconfirmed\": \"未见来源将其归入某一档：由记录的失信程度决定\"", "\"source\": \"x\"",
         "say why in 'unconfirmed'");
  broken("\"simple\": {", "\"quick\": {", "penalty_procedure");
}
