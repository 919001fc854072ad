// Objections (objections.json) and publication limits in grading and precheck: the policy
// as loaded, the counting setting both ways, the flag 异议处理中 in traces and decisions,
// and the 5-year publication cap (repair.json publication_cap).
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "ecredit/ecredit.hpp"
#include "test_util.hpp"

using namespace ecredit;
using Json = nlohmann::ordered_json;

namespace {

const char* kU = "91440101MA59U8YB6Y";
date::sys_days day(const char* iso) { return parse_iso_date(iso); }

Record penalty(const std::string& id, const char* severity, const char* decided) {
  Record r;
  r.id = id;
  r.uscc = kU;
  r.category = "admin_penalty";
  r.severity = severity;
  r.polarity = "bad";
  r.domain = "electricity";
  r.decision_date = day(decided);
  return r;
}

std::shared_ptr<const Registry> registry_of(const Engine& engine, std::vector<Record> records) {
  Registry::Builder b(engine);
  Subject s;
  s.uscc = kU;
  s.name = "甲";
  s.kind = "legal_person";
  s.domains = {"electricity"};
  b.add(s);
  for (auto& r : records) b.add(std::move(r));
  return b.build();
}

// The built-in pack with one file changed by `edit`.
std::shared_ptr<const Engine> pack_with(const std::string& file, void (*edit)(Json&)) {
  auto files = test_util::pack_files();
  Json j = Json::parse(files.at(file));
  edit(j);
  files[file] = j.dump(2);
  return Engine::from_files(files, "gz-energy (edited " + file + ")");
}

std::shared_ptr<const Engine> excluding_accepted() {
  static auto e = pack_with("objections.json", [](Json& j) { j["counting"]["accepted"] = "exclude"; });
  return e;
}

const TraceEntry* line_of(const Grade& g, const std::string& kind, const std::string& record) {
  for (const auto& t : g.trace)
    if (t.kind == kind && t.record == record) return &t;
  return nullptr;
}

bool flagged(const TraceEntry* t) {
  return t != nullptr && t->flags.size() == 1 && t->flags[0] == kFlagUnderObjection;
}

std::string load_error(const std::string& file, void (*edit)(Json&)) {
  try {
    pack_with(file, edit);
  } catch (const PolicyError& e) {
    return e.what();
  }
  return "(loaded)";
}

}  // namespace

TEST_CASE("objections: the built-in policy (objections.json)") {
  const ObjectionPolicy& p = Engine::default_engine()->objection_policy();
  REQUIRE(p.steps.size() == 4);
  const std::map<std::string, std::pair<int, std::string>> expected = {
      {"accept", {2, "filed"}},
      {"reject", {2, "filed"}},
      {"platform_check", {2, "accept"}},
      {"provider_verification", {10, "platform_check"}}};
  for (const auto& [id, wd_from] : expected) {
    CAPTURE(id);
    const ObjectionStepRule* s = p.step(id);
    REQUIRE(s != nullptr);
    CHECK(s->working_days == wd_from.first);
    CHECK(s->from == wd_from.second);
    CHECK(s->basis.find("信用广州") != std::string::npos);
    // what is not confirmed is a field, never inside the citation
    CHECK(s->basis.find("unconfirmed") == std::string::npos);
    if (!s->basis_confirmed) CHECK(!s->basis_unconfirmed.empty());
  }
  CHECK(p.step("reject")->alternative_to == "accept");
  CHECK(p.step("accept")->sets_status == "accepted");
  CHECK(p.step("reject")->sets_status == "rejected");
  CHECK(p.step("provider_verification")->outcomes.size() == 3);
  CHECK(p.step("nope") == nullptr);
  for (const char* o : {"corrected", "record_confirmed", "unresolved"}) CHECK(p.outcome(o) != nullptr);
  CHECK(p.mark_basis.find("第二十五条") != std::string::npos);
  CHECK_FALSE(p.mark_basis_confirmed);
  // the default: a record under objection keeps counting, flagged, pending and accepted
  CHECK(p.counting.pending_counts);
  CHECK(p.counting.accepted_counts);
  CHECK(p.counts(0));
  CHECK(p.counts(1));
  CHECK(p.counts(2));
  // the publication cap of 市令第204号 art. 14
  const RepairPolicy& rp = Engine::default_engine()->repair_policy();
  CHECK(rp.publication_cap_months == 60);
  CHECK(rp.publication_cap_basis.find("第204号") != std::string::npos);
  CHECK(rp.publication_cap_basis.find("第十四条") != std::string::npos);
}

TEST_CASE("objections: bad objections.json and publication_cap are refused, naming the thing") {
  CHECK(load_error("objections.json", [](Json& j) {
          j["counting"]["pending"] = "exclude";
        }).find("count again once the objection is accepted") != std::string::npos);
  CHECK(load_error("objections.json", [](Json& j) {
          j["counting"]["accepted"] = "sometimes";
        }).find("expected 'count' or 'exclude'") != std::string::npos);
  CHECK(load_error("objections.json", [](Json& j) {
          j["steps"][2]["from"] = "review";
        }).find("'review' is neither 'filed' nor an earlier step") != std::string::npos);
  CHECK(load_error("objections.json", [](Json& j) {
          j["steps"][3]["outcomes"].push_back("maybe");
        }).find("'maybe' is not an outcome") != std::string::npos);
  CHECK(load_error("objections.json", [](Json& j) {
          j["steps"][0]["working_days"] = 0;
        }).find("at least one working day") != std::string::npos);
  CHECK(load_error("objections.json", [](Json& j) {
          j["outcomes"][0]["outcome"] = "fixed";
        }).find("'fixed' is not corrected, record_confirmed or unresolved") != std::string::npos);
  // the grading models no longer decide it: one setting for grading and measures
  CHECK(load_error("grading.json", [](Json& j) {
          j["models"][0]["records"]["under_objection"] = "exclude";
        }).find("objections.json's 'counting'") != std::string::npos);
  // a tier published longer than the cap
  CHECK(load_error("repair.json", [](Json& j) {
          j["publication_cap"]["years"] = 2;
        }).find("above the publication cap") != std::string::npos);
  CHECK(load_error("repair.json", [](Json& j) {
          j["publication_cap"]["from"] = "filed_on";
        }).find("counts from the decision date") != std::string::npos);
}

TEST_CASE("objections: a record under objection keeps counting, flagged (built-in pack)") {
  const auto engine = Engine::default_engine();
  Record pending = penalty("p", "general", "2025-03-01");
  pending.under_objection = true;
  Record accepted = penalty("a", "general", "2025-04-01");
  accepted.under_objection = accepted.objection_accepted = true;
  const Record plain = penalty("n", "general", "2025-05-01");
  const auto reg = registry_of(*engine, {pending, accepted, plain});
  const Grade g = grade(*engine, *reg, kU, day("2025-06-30"));
  CAPTURE(g.to_json(2));
  // the same score as three records without objection
  const auto clean = registry_of(
      *engine, {penalty("p", "general", "2025-03-01"), penalty("a", "general", "2025-04-01"), plain});
  CHECK(g.score == doctest::Approx(grade(*engine, *clean, kU, day("2025-06-30")).score));
  CHECK(g.score < 100);
  CHECK(flagged(line_of(g, "indicator", "p")));
  CHECK(flagged(line_of(g, "indicator", "a")));
  REQUIRE(line_of(g, "indicator", "n") != nullptr);
  CHECK(line_of(g, "indicator", "n")->flags.empty());
  CHECK(line_of(g, "excluded", "p") == nullptr);
  // the contract form carries the labels
  const Json j = Json::parse(g.to_json());
  bool labelled = false;
  for (const auto& t : j["trace"]) {
    REQUIRE(t.contains("flags"));
    for (const auto& f : t["flags"])
      labelled = labelled ||
                 (f["flag"] == "under_objection" && f["zh"] == "异议处理中" && f["en"] == "under objection");
  }
  CHECK(labelled);
  CHECK(g.to_json().find("异议处理中") != std::string::npos);
}

TEST_CASE("objections: a pack that excludes a record once its objection is accepted") {
  const auto engine = excluding_accepted();
  Record pending = penalty("p", "general", "2025-03-01");
  pending.under_objection = true;
  Record accepted = penalty("a", "general", "2025-04-01");
  accepted.under_objection = accepted.objection_accepted = true;
  const auto reg = registry_of(*engine, {pending, accepted});
  const Grade g = grade(*engine, *reg, kU, day("2025-06-30"));
  CAPTURE(g.to_json(2));
  CHECK(flagged(line_of(g, "indicator", "p")));  // pending: still counts
  REQUIRE(line_of(g, "excluded", "a") != nullptr);
  CHECK(line_of(g, "excluded", "a")->detail == "under objection (accepted)");
  CHECK(line_of(g, "indicator", "a") == nullptr);
  const auto only_pending = registry_of(*engine, {pending});
  CHECK(g.score == doctest::Approx(grade(*engine, *only_pending, kU, day("2025-06-30")).score));
  // the built-in pack counts both: a lower score
  const auto builtin = registry_of(*Engine::default_engine(), {pending, accepted});
  CHECK(grade(*Engine::default_engine(), *builtin, kU, day("2025-06-30")).score < g.score);
}

TEST_CASE("objections: precheck decisions flag records under objection; the setting decides the measures") {
  Record serious = penalty("s", "serious", "2025-03-01");
  serious.under_objection = serious.objection_accepted = true;
  auto decide = [&](const Engine& engine) {
    const auto reg = registry_of(engine, {serious});
    PrecheckQuery q;
    q.scenario = "admin_approval";
    q.uscc = kU;
    q.as_of = day("2025-06-30");
    return precheck(engine, *reg, q);
  };
  auto has = [](const Decision& d, const std::string& id) {
    for (const auto& m : d.measures)
      if (m.measure->id == id) return true;
    return false;
  };
  const Decision counted = decide(*Engine::default_engine());
  CAPTURE(counted.to_json(2));
  CHECK(has(counted, "basic-serious-penalty-strict-review"));
  REQUIRE(counted.flags.size() == 1);
  CHECK(counted.flags[0].record == "s");
  CHECK(counted.flags[0].flag == kFlagUnderObjection);
  const Json j = Json::parse(counted.to_json());
  REQUIRE(j["flags"].size() == 1);
  CHECK(j["flags"][0]["record"] == "s");
  CHECK(j["flags"][0]["zh"] == "异议处理中");
  CHECK(j["flags"][0]["en"] == "under objection");

  const Decision excluded = decide(*excluding_accepted());
  CAPTURE(excluded.to_json(2));
  CHECK_FALSE(has(excluded, "basic-serious-penalty-strict-review"));
  CHECK(excluded.flags.empty());
  CHECK(Json::parse(excluded.to_json())["flags"].empty());
}

TEST_CASE("publication cap: a record is archive-only 5 years after its decision (grading and precheck)") {
  // no publication end of its own: the cap ends it on 2024-01-10
  const Record old = penalty("old", "serious", "2019-01-10");
  const auto engine = Engine::default_engine();
  const auto reg = registry_of(*engine, {old});
  const Grade before = grade(*engine, *reg, kU, day("2024-01-09"));
  CHECK(line_of(before, "excluded", "old") == nullptr);
  const Grade after = grade(*engine, *reg, kU, day("2024-01-10"));
  REQUIRE(line_of(after, "excluded", "old") != nullptr);
  CHECK(line_of(after, "excluded", "old")->detail.find("publication ended on 2024-01-10") !=
        std::string::npos);
  // its own, earlier end still applies
  Record own = old;
  own.expires_on = day("2022-01-10");
  const auto reg2 = registry_of(*engine, {own});
  CHECK(line_of(grade(*engine, *reg2, kU, day("2023-01-01")), "excluded", "old")->detail ==
        "expired on 2022-01-10");

  // measures: a pack copy whose strict-review measure has no window, so only the cap ends it
  const auto windowless = pack_with("measures.json", [](Json& j) {
    for (auto& m : j["measures"])
      if (m["id"] == "basic-serious-penalty-strict-review") m["trigger"].erase("window_months");
  });
  const Record later = penalty("later", "serious", "2019-06-10");  // the measure is in force from 2024-02-18
  const auto reg3 = registry_of(*windowless, {later});
  auto fires = [&](const char* as_of) {
    PrecheckQuery q;
    q.scenario = "admin_approval";
    q.uscc = kU;
    q.as_of = day(as_of);
    for (const auto& m : precheck(*windowless, *reg3, q).measures)
      if (m.measure->id == "basic-serious-penalty-strict-review") return true;
    return false;
  };
  CHECK(fires("2024-06-09"));
  CHECK_FALSE(fires("2024-06-10"));
}
