// Related parties (relations.hpp): the relation dataset, related() and
// beneficial_owners() over the shared cases of tests/data/relations (README.md there),
// the relations a subject row implies, changes, the image, and properties over random graphs.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "ecredit/ecredit.hpp"
#include "registry_access.hpp"  // the registry image
#include "test_util.hpp"

using namespace ecredit;
using test_util::kData;

namespace {

date::sys_days day(const char* s) { return parse_iso_date(s); }

const std::string kPower = "91440113MA9REL01X2", kGas = "91440104MA5REL020F", kPv = "91440106MA5REL0399",
                  kA = "91440101MA5REL047U", kB = "91440103MA5REL055K", kC = "91440105MA5REL063B";
const std::string kX = "440106198001011230", kY = "440104197512122349", kZ = "440111198508154565",
                  kQ = "440113199005053452";

std::shared_ptr<const Registry> cases() {
  static auto r = Registry::from_dir(*Engine::default_engine(), kData + "/relations");
  return r;
}

// (party_id, uscc, role, hops) of each row
std::set<std::tuple<std::string, std::string, std::string, std::size_t>> edges(
    const std::vector<RelatedParty>& v) {
  std::set<std::tuple<std::string, std::string, std::string, std::size_t>> out;
  for (const auto& r : v) out.emplace(r.party_id, r.uscc, r.role, r.hops);
  return out;
}

// A relation of person `person` with `role` in `uscc`.
Relation person_in(const std::string& id, const std::string& uscc, const std::string& person,
                   const char* role) {
  Relation r;
  r.id = id;
  r.uscc = uscc;
  r.party_id = person;
  r.party_kind = "person";
  r.role = role;
  return r;
}

const BeneficialOwner* owner(const BeneficialOwners& b, const std::string& id) {
  for (const auto& o : b.owners)
    if (o.party_id == id) return &o;
  return nullptr;
}

}  // namespace

TEST_CASE("relations: the relation dataset loads, with its codes mapped") {
  const auto reg = cases();
  REQUIRE(reg->relations().size() == 8);
  const Relation& r = reg->relations()[0];
  CHECK(r.uscc == kPv);
  CHECK(r.party_kind == "person");
  CHECK(r.party_id == kX);
  CHECK(r.role == "director");
  CHECK(r.from_date == day("2020-01-01"));
  CHECK(r.to_date == day("2024-01-01"));
  CHECK(r.active(day("2023-12-31")));
  CHECK_FALSE(r.active(day("2024-01-01")));
  CHECK_FALSE(r.active(day("2019-12-31")));
  CHECK(reg->relations()[1].share == doctest::Approx(0.6));
  CHECK(reg->relations()[2].party_kind == "organisation");
  CHECK(reg->relations()[2].party_id == kA);
}

TEST_CASE("relations: related() follows subject rows and relation rows, as of a date") {
  const auto reg = cases();
  const auto now = related(*reg, kX, day("2025-06-30"));
  CHECK(edges(now) ==
        decltype(edges(now)){{kX, kPower, "legal_representative", 1}, {kX, kGas, "legal_representative", 1}});
  for (const auto& r : now) {
    CHECK(r.path.size() == 2);
    CHECK(r.path.front() == kX);
    CHECK(r.relation_id == "subject:" + r.uscc);  // implied by the subject rows
  }
  // the directorship of the PV firm ended on 2024-01-01
  const auto then = related(*reg, kX, day("2023-06-30"));
  CHECK(edges(then).count({kX, kPv, "director", 1}) == 1);
  CHECK(then.size() == 3);
  // two hops: the power firm's responsible person Q, and through Q the firm Q represents
  const auto two = related(*reg, kX, day("2025-06-30"), {{}, 2});
  CHECK(edges(two).count({kQ, kPower, "responsible_person", 2}) == 1);
  CHECK(edges(two).count({kQ, kC, "legal_representative", 3}) == 0);  // 3 hops away
  for (const auto& r : two)
    if (r.party_id == kQ) CHECK(r.path == std::vector<std::string>{kX, kPower, kQ});
  // a role filter follows only those roles
  const auto reps = related(*reg, kX, day("2023-06-30"), {{"director"}, 3});
  CHECK(edges(reps) == decltype(edges(reps)){{kX, kPv, "director", 1}});
  // from a subject: its people and owners
  const auto c = related(*reg, kC, day("2025-06-30"));
  CHECK(edges(c).count({kB, kC, "shareholder", 1}) == 1);
  CHECK(edges(c).count({kC, kA, "shareholder", 1}) == 1);  // C holds A: followed both ways
  CHECK(edges(c).count({kQ, kC, "actual_controller", 1}) == 1);
  CHECK(edges(c).count({kQ, kC, "legal_representative", 1}) == 1);
}

TEST_CASE("relations: a relation row stands for the one a subject row implies") {
  const Engine& e = *Engine::default_engine();
  Registry::Builder b(e);
  Subject s;
  s.uscc = kGas;
  s.kind = "legal_person";
  s.legal_rep_id = kX;
  s.responsible_ids = {kQ, kX};
  b.add(s);
  Relation r = person_in("relation:1", kGas, kX, "legal_representative");
  r.from_date = day("2022-01-01");
  b.add(r);
  const auto reg = b.build();
  const auto rows = related(*reg, kGas, day("2025-01-01"));
  // one legal representative (the row, with its dates), and Q as a responsible person; X
  // is not repeated as a responsible person
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].party_id == kX);  // by the far end's id
  CHECK(rows[0].role == "legal_representative");
  CHECK(rows[0].relation_id == "relation:1");
  CHECK(rows[0].from_date == day("2022-01-01"));
  CHECK(rows[1].party_id == kQ);
  CHECK(rows[1].role == "responsible_person");
  // before the row's from_date the row is not in force, and the subject row does not stand in
  CHECK(related(*reg, kGas, day("2021-01-01")).size() == 1);
}

TEST_CASE("relations: bad queries and bad relations are refused with what is wrong") {
  const auto reg = cases();
  CHECK_THROWS_WITH_AS(related(*reg, kX, day("2025-06-30"), {{}, 0}), "related: hops must be at least 1",
                       InvalidInputError);
  CHECK_THROWS_WITH_AS(related(*reg, kX, day("2025-06-30"), {{"chairman"}, 1}),
                       doctest::Contains("role 'chairman' is not in code table 'relation_role'"),
                       InvalidInputError);
  CHECK_THROWS_WITH_AS(related(*reg, "440106198001011231", day("2025-06-30")),
                       doctest::Contains("neither a genuine USCC"), InvalidInputError);
  CHECK_THROWS_AS(related(*reg, "", day("2025-06-30")), InvalidInputError);
  // a genuine party the registry does not know: no relations
  CHECK(related(*reg, "11010519491231002X", day("2025-06-30")).empty());
  // subject rows carry no dates: what they imply holds on any day
  CHECK(related(*reg, kY, day("2010-01-01")).size() == 1);

  const Engine& e = *Engine::default_engine();
  auto refused = [&](auto change, const char* message) {
    Relation r = person_in("relation:x", kGas, kX, "director");
    change(r);
    Registry::Builder b(e);
    CHECK_THROWS_WITH_AS(b.add(r), doctest::Contains(message), InvalidInputError);
  };
  refused([](Relation& r) { r.role = "chairman"; }, "role 'chairman' is not in code table 'relation_role'");
  refused([](Relation& r) { r.party_kind = "robot"; },
          "party_kind 'robot' is neither person nor organisation");
  refused([](Relation& r) { r.share = 1.5; }, "is outside 0–1");
  refused([](Relation& r) { r.party_id = "440106198001011231"; }, "is not a genuine resident ID");
  refused(
      [](Relation& r) {
        r.party_kind = "organisation";
        r.party_id = "91440104MA5REL020G";
      },
      "is not a genuine USCC");
  refused(
      [](Relation& r) {
        r.party_kind = "organisation";
        r.party_id = kGas;
      },
      "the party is the subject itself");
  refused(
      [](Relation& r) {
        r.from_date = day("2024-01-02");
        r.to_date = day("2024-01-01");
      },
      "to_date 2024-01-01 is before from_date 2024-01-02");
  refused([](Relation& r) { r.uscc.clear(); }, "needs the subject's uscc");
  Registry::Builder b(e);
  const Relation r = person_in("relation:x", kGas, kX, "director");
  b.add(r);
  b.add(r);
  CHECK_THROWS_WITH_AS(b.build(), doctest::Contains("relation id 'relation:x' is added twice"),
                       InvalidInputError);
}

TEST_CASE("relations: beneficial owners along a chain with a cycle (the shared case)") {
  const auto reg = cases();
  const BeneficialOwners b = beneficial_owners(*reg, kC, day("2025-06-30"), 0.25);
  CHECK(b.uscc == kC);
  REQUIRE(b.owners.size() == 3);
  const BeneficialOwner* y = owner(b, kY);
  REQUIRE(y != nullptr);
  CHECK(y->share == doctest::Approx(0.3));  // 60 % × 50 %
  CHECK(y->paths == std::vector<std::vector<std::string>>{{kY, kB, kC}});
  CHECK(y->reasons == std::vector<std::string>{"share"});
  const BeneficialOwner* z = owner(b, kZ);
  REQUIRE(z != nullptr);
  CHECK(z->share == doctest::Approx(0.3));
  CHECK(z->paths == std::vector<std::vector<std::string>>{{kZ, kC}});
  const BeneficialOwner* q = owner(b, kQ);
  REQUIRE(q != nullptr);
  CHECK(q->share == 0.0);
  CHECK(q->reasons == std::vector<std::string>{"actual_controller"});
  CHECK(b.notes.empty());
  // a higher threshold leaves the controller alone
  const BeneficialOwners high = beneficial_owners(*reg, kC, day("2025-06-30"), 0.35);
  REQUIRE(high.owners.size() == 1);
  CHECK(high.owners[0].party_id == kQ);
  // before C's shareholders came in (2020-05-01): nobody but the controller's row is not in force either
  CHECK(beneficial_owners(*reg, kC, day("2020-01-01"), 0.25).owners.empty());
  // B: Y 60 % directly; A's 40 % leads to C, which holds A: through C, Z and B again
  const BeneficialOwners ob = beneficial_owners(*reg, kB, day("2025-06-30"), 0.05);
  const BeneficialOwner* yb = owner(ob, kY);
  REQUIRE(yb != nullptr);
  CHECK(yb->share == doctest::Approx(0.6));  // B → A → C → B is a cycle: not counted again
  const BeneficialOwner* zb = owner(ob, kZ);
  REQUIRE(zb != nullptr);
  CHECK(zb->share == doctest::Approx(0.4 * 1.0 * 0.3));
  CHECK_THROWS_AS(beneficial_owners(*reg, kC, day("2025-06-30"), 0.0), InvalidInputError);
  CHECK_THROWS_AS(beneficial_owners(*reg, kC, day("2025-06-30"), 1.5), InvalidInputError);
  CHECK_THROWS_AS(beneficial_owners(*reg, "91440105MA5REL063C", day("2025-06-30"), 0.25), InvalidInputError);
}

TEST_CASE("relations: shares that add up to more than 1 are scaled and said so; missing shares noted") {
  const Engine& e = *Engine::default_engine();
  Registry::Builder b(e);
  auto holder = [&](const std::string& id, const std::string& person, std::optional<double> share) {
    Relation r = person_in(id, kGas, person, "shareholder");
    r.share = share;
    b.add(r);
  };
  holder("relation:1", kX, 0.8);
  holder("relation:2", kY, 0.7);
  holder("relation:3", kZ, std::nullopt);
  const auto reg = b.build();
  const BeneficialOwners o = beneficial_owners(*reg, kGas, day("2025-01-01"), 0.25);
  REQUIRE(o.owners.size() == 2);
  CHECK(o.owners[0].share == doctest::Approx(0.8 / 1.5));
  CHECK(o.owners[1].share == doctest::Approx(0.7 / 1.5));
  REQUIRE(o.notes.size() == 2);
  CHECK(o.notes[0].find("has no share") != std::string::npos);
  CHECK(o.notes[0].find(kZ) == std::string::npos);  // masked
  CHECK(o.notes[1].find("add up to 1.5") != std::string::npos);
}

TEST_CASE("relations: changes upsert and withdraw relation rows; the image keeps them") {
  const Engine& e = *Engine::default_engine();
  const auto reg = cases();
  const Dataset& ds = *e.catalog().find("relation");
  std::vector<std::string> v(ds.fields.size());
  auto set = [&](const char* f, const std::string& x) { v[static_cast<std::size_t>(ds.field_index(f))] = x; };
  set("uscc", kGas);
  set("party_kind", "person");
  set("party_id_type", "id_card");
  set("party_id_no", kY);
  set("role", "director");
  set("from_date", "2025-01-01");
  Change c;
  c.op = Change::Op::upsert;
  c.dataset = "relation";
  c.values = v;
  const auto next = reg->apply_changes(e, {c});
  REQUIRE(next->relations().size() == 9);
  const std::string id = next->relations().back().id;
  CHECK(id == "relation:" + kGas + "|director|person||" + kY + "|2025-01-01");
  CHECK(edges(related(*next, kY, day("2025-06-30"))).count({kY, kGas, "director", 1}) == 1);
  CHECK(reg->relations().size() == 8);  // the old snapshot is unchanged
  Change w;
  w.op = Change::Op::withdraw;
  w.id = id;
  const auto back = next->apply_changes(e, {w});
  CHECK(back->relations().size() == 8);
  CHECK(edges(related(*back, kY, day("2025-06-30"))).count({kY, kGas, "director", 1}) == 0);
  // a change the registry would refuse (an organisation party that is not a genuine USCC)
  set("party_kind", "organisation");
  set("party_uscc", "91440104MA5REL020G");
  c.values = v;
  CHECK_THROWS_AS(reg->apply_changes(e, {c}), InvalidInputError);

  // the image: relations and the role table come back as they were
  std::vector<std::string> parts;
  Registry::Impl::save_image(*next, 4, [&](std::string&& p) { parts.push_back(std::move(p)); });
  Registry::Impl::ImageLoader loader(parts[0]);
  for (std::size_t i = 1; i < parts.size(); ++i) loader.add_pages(parts[i]);
  const auto loaded = loader.finish();
  REQUIRE(loaded->relations().size() == 9);
  for (std::size_t i = 0; i < 9; ++i) {
    const Relation& a = next->relations()[i];
    const Relation& b = loaded->relations()[i];
    CHECK(a.id == b.id);
    CHECK(a.share == b.share);
    CHECK(a.from_date == b.from_date);
    CHECK(a.to_date == b.to_date);
    CHECK(a.attributes == b.attributes);
  }
  CHECK(edges(related(*loaded, kY, day("2025-06-30"), {{}, 3})) ==
        edges(related(*next, kY, day("2025-06-30"), {{}, 3})));
  CHECK_THROWS_AS(related(*loaded, kY, day("2025-06-30"), {{"chairman"}, 1}), InvalidInputError);
}

TEST_CASE("relations: properties over random graphs") {
  const Engine& e = *Engine::default_engine();
  std::mt19937 rng(20261203);
  // genuine identifiers from the sample generator's helpers would do; the cases' ten suffice
  const std::vector<std::string> orgs = {kPower, kGas, kPv, kA, kB, kC};
  const std::vector<std::string> people = {kX, kY, kZ, kQ};
  const std::vector<std::string> roles = {"shareholder", "director", "legal_representative", "parent"};
  for (int round = 0; round < 40; ++round) {
    Registry::Builder b(e);
    std::map<std::string, double> room;  // share not yet held, per company
    for (const auto& o : orgs) room[o] = 1.0;
    const int n = 4 + static_cast<int>(rng() % 14);
    for (int k = 0; k < n; ++k) {
      Relation r;
      r.id = "relation:" + std::to_string(k);
      r.uscc = orgs[rng() % orgs.size()];
      const bool person = rng() % 2 == 0;
      r.party_kind = person ? "person" : "organisation";
      r.party_id = person ? people[rng() % people.size()] : orgs[rng() % orgs.size()];
      if (r.party_id == r.uscc) continue;
      r.role = roles[rng() % roles.size()];
      if (r.role == "shareholder") {
        const double s = room[r.uscc] * static_cast<double>(rng() % 100) / 100.0;
        room[r.uscc] -= s;
        r.share = s;
      }
      if (rng() % 4 == 0) r.to_date = day("2024-01-01");
      b.add(r);
    }
    const auto reg = b.build();
    const date::sys_days on = day("2025-01-01");
    std::vector<std::string> nodes = orgs;
    nodes.insert(nodes.end(), people.begin(), people.end());
    for (std::size_t hops = 1; hops <= 3; ++hops) {
      std::map<std::string, std::set<std::string>> reach;
      for (const auto& a : nodes)
        for (const auto& r : related(*reg, a, on, {{}, hops}))
          for (const auto& p : r.path) reach[a].insert(p);
      for (const auto& a : nodes)
        for (const auto& b2 : nodes)
          if (a != b2) CHECK_MESSAGE(reach[a].count(b2) == reach[b2].count(a), a, " ", b2, " hops ", hops);
    }
    for (const auto& o : orgs) {
      const auto bo = beneficial_owners(*reg, o, on, 0.01);
      double total = 0;
      for (const auto& x : bo.owners) {
        CHECK(x.share <= 1.0 + 1e-12);
        total += x.share;
      }
      CHECK(total <= 1.0 + 1e-9);  // the persons together hold no more than the whole
    }
  }
}
