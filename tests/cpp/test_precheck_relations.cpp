// The precheck of a person through relation rows (docs/measures.md, Targets): a
// natural-person shareholder, an actual controller and the responsible roles of a
// black-listed company reach the measures aimed at them while the relation is in force.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "ecredit/ecredit.hpp"
#include "test_util.hpp"

using namespace ecredit;

namespace {

date::sys_days day(const char* s) { return parse_iso_date(s); }

// Genuine codes: a USCC from test_util's own GB 32100 / GB 11714 arithmetic, resident IDs
// with their ISO 7064 MOD 11-2 check character (bench/bench_relations.py resident_id).
const std::string kCo = test_util::genuine_uscc(20250615);  // electricity, black list from 2024-06-01
const std::string kRep = "440106198001011230";              // its legal representative (subject row)
const std::string kHolder = "440106197804122132";           // natural-person shareholder, 5 %
const std::string kCtrl = "440104198209231571";             // actual controller
const std::string kPrincipal = "440113196901053182";        // 主要负责人 (relation role principal)
const char* kUntil = "2025-09-01";                          // every relation row ends on this day

Relation person_in(const std::string& person, const char* role) {
  Relation r;
  r.id = "relation:" + kCo + "|" + role + "|person||" + person + "|2020-01-01";
  r.uscc = kCo;
  r.party_id = person;
  r.party_kind = "person";
  r.role = role;
  r.from_date = day("2020-01-01");
  r.to_date = day(kUntil);
  return r;
}

std::shared_ptr<const Registry> market(const Engine& engine) {
  Registry::Builder b(engine);
  Subject s;
  s.uscc = kCo;
  s.name = "广州某发电（关联核查）有限公司";
  s.kind = "legal_person";
  s.domains = {"electricity"};
  s.legal_rep_id = kRep;
  b.add(s);
  ListEntry e;
  e.id = "black_list:" + kCo;
  e.uscc = kCo;
  e.list = "black";
  e.domain = "electricity";
  e.included_on = day("2024-06-01");
  e.expires_on = day("2027-06-01");
  b.add(e);
  Relation holder = person_in(kHolder, "shareholder");
  holder.share = 0.05;
  b.add(holder);
  b.add(person_in(kCtrl, "actual_controller"));
  b.add(person_in(kPrincipal, "principal"));
  b.add(person_in(kRep, "shareholder"));  // the legal representative holds shares too
  b.add(person_in(kHolder, "director"));  // a role no measure target stands for
  return b.build();
}

Decision run(const Engine& engine, const Registry& reg, const std::string& scenario,
             const std::string& person, const char* as_of) {
  PrecheckQuery q;
  q.scenario = scenario;
  q.person_id = person;
  q.as_of = day(as_of);
  return precheck(engine, reg, q);
}

const MatchedMeasure* find(const Decision& d, const std::string& id) {
  for (const auto& m : d.measures)
    if (m.measure->id == id) return &m;
  return nullptr;
}

const DecisionTrace* relation_line(const Decision& d) {
  for (const auto& t : d.trace)
    if (t.kind == "relation") return &t;
  return nullptr;
}

// The built-in pack with elec-bl-bidding aimed at actual controllers and beneficial owners too.
std::shared_ptr<const Engine> pack_with_controllers() {
  auto files = test_util::pack_files();
  auto j = nlohmann::json::parse(files["measures.json"]);
  for (auto& m : j["measures"])
    if (m["id"] == "elec-bl-bidding") {
      m["targets"].push_back("actual_controller");
      m["targets"].push_back("beneficial_owner");
    }
  files["measures.json"] = j.dump(2);
  return Engine::from_files(files, "gz-energy (elec-bl-bidding aimed at actual controllers)");
}

}  // namespace

TEST_CASE("precheck relations: the test codes are genuine") {
  CHECK(check_uscc(kCo).genuine());
  for (const auto& id : {kRep, kHolder, kCtrl, kPrincipal}) CHECK(check_resident_id(id).genuine());
}

TEST_CASE("precheck relations: a natural-person shareholder reaches the measures aimed at shareholders") {
  const Engine& e = *Engine::default_engine();
  const auto reg = market(e);
  const Decision d = run(e, *reg, "bidding", kHolder, "2025-06-30");
  CHECK(d.verdict == Effect::prohibit);
  CHECK(d.credit_file);
  const MatchedMeasure* m = find(d, "elec-bl-bidding");
  REQUIRE(m != nullptr);
  CHECK(m->target == "shareholder");
  CHECK(m->via == kCo);
  CHECK(m->triggers == std::vector<std::string>{"black_list:" + kCo});
  for (const auto& x : d.measures) CHECK((x.measure->targets & target_shareholder) != 0);
  REQUIRE(d.lists.size() == 1);
  CHECK(d.lists[0].via == kCo);
  // the relation is in the decision's facts: a trace line with its id, person ID masked
  const DecisionTrace* t = relation_line(d);
  REQUIRE(t != nullptr);
  CHECK(t->rule == "relation:" + kCo + "|shareholder|person||" + mask_id(kHolder) + "|2020-01-01");
  CHECK(t->detail.find("shareholder (share 0.05) of " + kCo) != std::string::npos);
  CHECK(t->detail.find("until " + std::string(kUntil)) != std::string::npos);
  CHECK(t->detail.find("targets shareholder") != std::string::npos);
  const std::string json = d.to_json();
  CHECK(json.find(kHolder) == std::string::npos);
  CHECK(nlohmann::json::parse(json)["measures"][0]["target"] == "shareholder");

  // a measure aimed at the subject alone does not reach the shareholder
  const Decision funds = run(e, *reg, "fiscal_funds", kHolder, "2025-06-30");
  CHECK(find(funds, "elec-bl-fiscal-funds") == nullptr);
  CHECK(funds.verdict == Effect::clear);

  // gov_procurement: every measure found is one aimed at shareholders
  const Decision proc = run(e, *reg, "gov_procurement", kHolder, "2025-06-30");
  REQUIRE(find(proc, "elec-bl-procurement") != nullptr);
  CHECK(find(proc, "elec-bl-procurement")->target == "shareholder");
}

TEST_CASE("precheck relations: an ended relation reaches nobody") {
  const Engine& e = *Engine::default_engine();
  const auto reg = market(e);
  for (const char* as_of : {kUntil, "2026-01-01"}) {
    CAPTURE(as_of);
    const Decision d = run(e, *reg, "bidding", kHolder, as_of);
    CHECK(d.verdict == Effect::clear);
    CHECK(d.measures.empty());
    CHECK(d.lists.empty());
    CHECK(relation_line(d) == nullptr);
    CHECK_FALSE(d.credit_file);  // no own file, no related subject on the day
  }
  // the day before it ends, it is still in force
  CHECK(run(e, *reg, "bidding", kHolder, "2025-08-31").verdict == Effect::prohibit);
  // and before it starts, not yet
  CHECK(run(e, *reg, "bidding", kHolder, "2019-12-31").verdict == Effect::clear);
}

TEST_CASE("precheck relations: actual controllers and beneficial owners") {
  // no measure of the built-in pack is aimed at actual controllers (no memorandum it cites names them)
  const Engine& builtin = *Engine::default_engine();
  for (const auto& m : builtin.measures().measures)
    CHECK((m.targets & (target_actual_controller | target_beneficial_owner)) == 0);
  const auto reg0 = market(builtin);
  const Decision none = run(builtin, *reg0, "bidding", kCtrl, "2025-06-30");
  CHECK(none.verdict == Effect::clear);
  REQUIRE(relation_line(none) != nullptr);  // the relation was followed; nothing is aimed at the role
  CHECK(relation_line(none)->detail.find("targets actual_controller, beneficial_owner") != std::string::npos);

  // a pack whose measure is aimed at them
  const auto engine = pack_with_controllers();
  const auto reg = market(*engine);
  const Decision d = run(*engine, *reg, "bidding", kCtrl, "2025-06-30");
  CHECK(d.verdict == Effect::prohibit);
  REQUIRE(d.measures.size() == 1);
  CHECK(d.measures[0].measure->id == "elec-bl-bidding");
  CHECK(d.measures[0].target == "actual_controller");
  CHECK(d.measures[0].via == kCo);
  CHECK(run(*engine, *reg, "bidding", kCtrl, kUntil).verdict == Effect::clear);
  // a shareholder is not an actual controller: the edited measure reaches them as a shareholder only
  CHECK(run(*engine, *reg, "bidding", kHolder, "2025-06-30").measures[0].target == "shareholder");
}

TEST_CASE("precheck relations: responsible roles, a second role in one subject, roles without a target") {
  const Engine& e = *Engine::default_engine();
  const auto reg = market(e);
  // principal (主要负责人) → responsible_person
  const Decision p = run(e, *reg, "bidding", kPrincipal, "2025-06-30");
  REQUIRE(find(p, "elec-bl-bidding") != nullptr);
  CHECK(find(p, "elec-bl-bidding")->target == "responsible_person");

  // the legal representative (subject row) who is also a shareholder (relation row): one
  // file, listed once, the first role as target; the subject row holds after the row ends
  const Decision rep = run(e, *reg, "bidding", kRep, "2025-06-30");
  CHECK(rep.lists.size() == 1);
  REQUIRE(find(rep, "elec-bl-bidding") != nullptr);
  CHECK(find(rep, "elec-bl-bidding")->target == "legal_representative");
  CHECK(find(rep, "elec-bl-bidding")->triggers.size() == 1);
  const Decision later = run(e, *reg, "bidding", kRep, "2026-01-01");
  REQUIRE(find(later, "elec-bl-bidding") != nullptr);
  CHECK(find(later, "elec-bl-bidding")->target == "legal_representative");
  CHECK(relation_line(later) == nullptr);
}

TEST_CASE("precheck relations: a relation to a subject without a credit file adds no file") {
  const Engine& e = *Engine::default_engine();
  Registry::Builder b(e);
  Relation r;
  r.id = "relation:unknown";
  r.uscc = test_util::genuine_uscc(20250616);
  r.party_id = kHolder;
  r.party_kind = "person";
  r.role = "shareholder";
  b.add(r);
  const auto reg = b.build();
  const Decision d = run(e, *reg, "bidding", kHolder, "2025-06-30");
  CHECK(d.verdict == Effect::clear);
  CHECK(d.credit_file);  // related to a subject on the day
  REQUIRE(relation_line(d) != nullptr);
  CHECK(relation_line(d)->detail.find("no credit file for the subject") != std::string::npos);
}
