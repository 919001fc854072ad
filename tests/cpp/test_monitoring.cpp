// Monitoring and early-warning rules (monitoring.json, policy/monitoring.hpp): the built-in
// rules as loaded, and the loader's errors with their location. The monitor that applies
// the rules is not built yet (issue 15).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "ecredit/ecredit.hpp"
#include "test_util.hpp"

using namespace ecredit;

namespace {

using Json = nlohmann::ordered_json;

std::string load_error(void (*edit)(Json&)) {
  auto files = test_util::pack_files();
  Json j = Json::parse(files.at("monitoring.json"));
  edit(j);
  files["monitoring.json"] = j.dump(2);
  try {
    Engine::from_files(files, "gz-energy (edited monitoring.json)");
  } catch (const PolicyError& e) {
    return e.what();
  }
  return "(loaded)";
}

bool has(const std::string& message, const char* part) { return message.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("monitoring: the built-in rules") {
  const auto engine = Engine::default_engine();
  const MonitoringPolicy& p = engine->monitoring_policy();
  REQUIRE(p.rules.size() == 14);
  const MonitoringRule* three = p.rule("penalties_12m");
  REQUIRE(three != nullptr);
  CHECK(three->level == "orange");
  CHECK(three->condition.kind == "record_count");
  CHECK(three->condition.window_months == 12);
  CHECK(three->condition.at_least == 3);
  CHECK(three->condition.select.category == std::vector<std::string>{"admin_penalty"});
  CHECK_FALSE(three->basis.empty());
  CHECK(three->in_force(parse_iso_date("2025-06-30")));
  CHECK_FALSE(three->in_force(parse_iso_date("2024-12-31")));
  const MonitoringRule* rel = p.rule("related_party_risk");
  REQUIRE(rel != nullptr);
  REQUIRE(rel->condition.owner_threshold);
  CHECK(*rel->condition.owner_threshold == doctest::Approx(0.25));
  CHECK(rel->condition.appointment_check);
  // Every level is a code of alert_level, whose table says it is local configuration.
  const CodeTable* levels = engine->code_table("alert_level");
  REQUIRE(levels != nullptr);
  CHECK(levels->codes.size() == 4);
  for (const auto& r : p.rules) CHECK(levels->find(r.level) != nullptr);
}

TEST_CASE("monitoring: load errors name the place") {
  CHECK(load_error([](Json&) {}) == "(loaded)");
  CHECK(has(load_error([](Json& j) { j["rules"][0]["level"] = "purple"; }), "/rules/0/level"));
  CHECK(has(load_error([](Json& j) { j["rules"][1]["id"] = "penalties_12m"; }), "given twice"));
  CHECK(has(load_error([](Json& j) { j["rules"][0]["condition"]["kind"] = "guess"; }), "record_count"));
  CHECK(has(load_error([](Json& j) { j["rules"][0]["condition"]["at_least"] = 0; }),
            "/rules/0/condition/at_least"));
  CHECK(has(load_error([](Json& j) { j["rules"][0]["condition"]["window"] = 12; }), "window"));
  CHECK(has(load_error([](Json& j) { j["rules"][5]["condition"]["lists"][0] = "grey"; }), "list_kind"));
  CHECK(has(load_error([](Json& j) { j["rules"][8]["condition"]["grades"][0] = "Z"; }), "no grading model"));
  CHECK(
      has(load_error([](Json& j) { j["rules"][10]["condition"]["roles"][0] = "friend"; }), "relation_role"));
  CHECK(has(load_error([](Json& j) { j["rules"][10]["condition"]["owner_threshold"] = 1.5; }), "(0, 1]"));
  CHECK(has(load_error([](Json& j) { j["rules"][0]["effective_to"] = "2024-01-01"; }), "effective_to"));
  CHECK(has(load_error([](Json& j) { j["rules"][0].erase("basis"); }), "basis"));
}
