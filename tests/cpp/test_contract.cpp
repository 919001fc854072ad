// The contract layer (docs/contract.md): one JSON form per result and input. The four
// interfaces are compared on the shared cases by tests/python/test_contract.py; these are
// the C++ API's own checks of the forms and of the drift the contract removed.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "ecredit/ecredit.hpp"
#include "ecredit/json.hpp"
#include "test_util.hpp"

using namespace ecredit;

namespace {

const Engine& engine() { return *Engine::default_engine(); }

std::shared_ptr<const Registry> registry() {
  static auto r = Registry::from_dir(engine(), std::string(ECREDIT_TEST_DATA) + "/registry");
  return r;
}

}  // namespace

TEST_CASE("contract: every grade trace entry has every key") {
  // Grade::to_json left out empty keys while Python's Grade.trace had them all (issue 13)
  const Grade g = grade(engine(), *registry(), "91440101MA5CXY122T", parse_iso_date("2024-06-30"));
  REQUIRE(!g.trace.empty());
  const auto j = nlohmann::json::parse(g.to_json());
  CHECK(j.dump() == nlohmann::json::parse(to_json(g)).dump());
  bool saw_null_age = false, saw_empty_rule = false;
  for (const auto& e : j["trace"]) {
    for (const char* k : {"kind", "rule", "record", "age_months", "factor", "points", "detail", "basis"})
      CHECK_MESSAGE(e.contains(k), "trace entry without '", k, "': ", e.dump());
    saw_null_age = saw_null_age || e["age_months"].is_null();
    saw_empty_rule = saw_empty_rule || e["rule"] == "";
  }
  CHECK(saw_null_age);  // model-level lines (threshold …) have no age
  CHECK(saw_empty_rule);
}

TEST_CASE("contract: grade rows, one per subject, with the registry's name") {
  const auto grades = grade_all(engine(), *registry(), parse_iso_date("2024-06-30"));
  const auto rows = nlohmann::json::parse(grade_rows_json(grades, registry().get()));
  REQUIRE(rows.size() == grades.size());
  for (std::size_t i = 0; i < grades.size(); ++i) {
    CHECK(rows[i]["uscc"] == grades[i].uscc);
    const Subject* s = registry()->subject(grades[i].uscc);
    CHECK(rows[i]["name"] == (s ? s->name : std::string()));
  }
  const std::string lines = grade_rows_jsonl(grades, registry().get());
  CHECK(static_cast<std::size_t>(std::count(lines.begin(), lines.end(), '\n')) == grades.size());
  CHECK(nlohmann::json::parse(grade_row_json(grades[0], nullptr))["name"] == "");
}

TEST_CASE("contract: one output-file rule") {
  // only the CLI knew .ndjson; the C ABI and Python wrote CSV into a .ndjson file (issue 13)
  CHECK(output_format("rows.jsonl", "out_valid") == OutputFormat::jsonl);
  CHECK(output_format("rows.ndjson", "out_valid") == OutputFormat::jsonl);
  CHECK(output_format("rows.csv", "out_valid") == OutputFormat::csv);
  CHECK(output_format("rows.txt", "out_valid") == OutputFormat::csv);
  CHECK(output_format("rows", "out_valid") == OutputFormat::csv);
  CHECK_THROWS_WITH_AS(
      output_format("rows.tsv", "--out-valid"),
      "--out-valid rows.tsv: tab-separated output is not supported; name a .csv or .jsonl file",
      InvalidInputError);
  CHECK_THROWS_AS(output_format("rows.tab", "out_valid"), InvalidInputError);
}

TEST_CASE("contract: id documents") {
  const auto j = nlohmann::json::parse(to_json(check_id("11010519491231002X")));
  CHECK(j["kind"] == "resident_id");
  CHECK(j["birth_date"] == "1949-12-31");
  CHECK(j["sex"] == "F");
  CHECK(nlohmann::json::parse(to_json(check_uscc("91440101MA59U8YB6Y"))).size() == 4);  // no resident keys
  const std::vector<IdCheck> checks = {{"11010519491231002X", check_id("11010519491231002X")},
                                       {"440104199003071235", check_id("440104199003071235")}};
  const auto rows = nlohmann::json::parse(id_checks_json(checks, "en"));
  CHECK(rows[0]["code"] == mask_id("11010519491231002X"));
  CHECK(rows[1]["message"] == std::string(describe(IdReason::checksum, "en")));
  CHECK(nlohmann::json::parse(id_checks_json(checks, "en", true))[0]["code"] == "11010519491231002X");
}

TEST_CASE("contract: listings") {
  CHECK(nlohmann::json::parse(datasets_json(engine())).size() == engine().catalog().datasets.size());
  CHECK(nlohmann::json::parse(models_json(engine())).size() == engine().models().size());
  CHECK(nlohmann::json::parse(measures_json(engine())).size() == engine().measures().measures.size());
}

TEST_CASE("contract: feedback() is the JSON of feedback_record()") {
  const Decision d = precheck(
      engine(), *Registry::from_dir(engine(), std::string(ECREDIT_TEST_DATA) + "/precheck"),
      PrecheckRequest{"gov_procurement", "91440113MA9UQ8E11N", "", "finance", parse_iso_date("2025-06-30")}
          .view());
  REQUIRE(!d.measures.empty());
  const std::string id = d.measures.front().measure->id;
  const FeedbackRecord f = d.feedback_record(engine(), id, "已惩戒", "CG-1", "", "2025-07-01");
  CHECK(f.result_code == "punished");
  CHECK(d.feedback(engine(), id, "已惩戒", "CG-1", "", "2025-07-01", {}, 2) == to_json(f, 2));
}

TEST_CASE("contract: inputs are checked against the engine") {
  const Engine& e = engine();
  const Record r = record_from_json(
      R"({"id":"r1","uscc":"91440101MA59U8YB6Y","category":"admin_penalty","severity":"general",)"
      R"("decision_date":"2024-03-01","objection":"pending","penalty_types":["warning","fine"],"amount":5})",
      e);
  CHECK(r.under_objection);
  CHECK(r.attributes.at("penalty_types") == "warning;fine");
  CHECK(r.attributes.at("amount") == "5");
  CHECK_THROWS_WITH_AS(
      record_from_json(R"({"id":"r1","uscc":"91440101MA59U8YB6Y","category":"admin_penalty",)"
                       R"("domain":"no_such_domain","decision_date":"2024-03-01"})",
                       e),
      doctest::Contains("domain 'no_such_domain' is not in code table 'domain'"), InvalidInputError);
  CHECK_THROWS_WITH_AS(
      record_from_json(R"({"id":"r1","uscc":"91440101MA59U8YB6Y","category":"admin_penalty"})", e),
      "record: 'decision_date' is required", InvalidInputError);
  CHECK_THROWS_WITH_AS(subject_from_json(R"({"name":"x"})", e), "subject: needs 'uscc' (or 'person_id')",
                       InvalidInputError);
  CHECK(subject_from_json(R"({"uscc":"91440101MA59U8YB6Y"})", e).kind == "legal_person");
  const ListEntry l = list_entry_from_json(
      R"({"uscc":"91440101MA59U8YB6Y","list":"black","included_on":"2024-01-01","expires_on":null})", e);
  CHECK(l.id == "black:91440101MA59U8YB6Y:0");
  CHECK_THROWS_AS(
      list_entry_from_json(R"({"uscc":"91440101MA59U8YB6Y","list":"nope","included_on":"2024-01-01"})", e),
      InvalidInputError);
  CHECK(commitment_from_json(R"({"id":"c1","uscc":"91440101MA59U8YB6Y","date":"2024-01-01"})", e).date);
  const PrecheckRequest q = precheck_query_from_json(
      R"({"scenario":"gov_procurement","uscc":"91440101MA59U8YB6Y","as_of":"2025-06-30"})", e);
  CHECK(q.view().uscc == "91440101MA59U8YB6Y");
  CHECK_THROWS_WITH_AS(
      precheck_query_from_json(R"({"scenario":"s","uscc":"a","person_id":"b","as_of":"2025-06-30"})", e),
      "precheck query: give exactly one of 'uscc' and 'person_id'", InvalidInputError);
  CHECK_THROWS_WITH_AS(
      precheck_query_from_json(R"({"scenario":"s","uscc":"a","as_of":"2025-06-30","x":1})", e),
      "precheck query: unknown member 'x'", InvalidInputError);
}

TEST_CASE("contract: repair record and evidence, once for every interface") {
  const Engine& e = engine();
  // an empty category is refused (the Python bindings accepted it: issue 13)
  CHECK_THROWS_WITH_AS(repair_record_from_json(R"({"category":"","decision_date":"2023-08-31"})"),
                       "record: 'category' is required", InvalidInputError);
  CHECK_THROWS_WITH_AS(repair_record_from_json(R"({"category":"","decision_date":"2023-08-31"})", e),
                       "record: 'category' is required", InvalidInputError);
  CHECK_THROWS_WITH_AS(
      repair_record_from_json(R"({"category":"nope","decision_date":"2023-08-31"})", e),
      doctest::Contains("record: category 'nope' is not a category of the pack's repair rules"),
      InvalidInputError);
  CHECK(repair_record_from_json(R"({"category":"admin_penalty","decision_date":"2023-08-31"})", e).category ==
        "admin_penalty");
  // evidence names are the pack's (its repair tiers), not a list in the code
  CHECK(repair_evidence_from_json(R"({"commitment":"2024-01-01","training":null})", e).size() == 1);
  CHECK_THROWS_WITH_AS(repair_evidence_from_json(R"({"bribe":"2024-01-01"})", e),
                       doctest::Contains("evidence: unknown name 'bribe' (expected "), InvalidInputError);
}
