#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecredit/ecredit.hpp"
#include "test_util.hpp"

using namespace ecredit;

namespace {

using test_util::kData;
using test_util::pack_files;
using test_util::split;
const char* kPower = "91440113MA9UQ8E11N";  // electricity, black list 2024-06-01 → 2027-06-01
const char* kRepPower = "440106198001011230";
const char* kRespPower = "440113199005053452";

std::shared_ptr<const Registry> sample() {
  static auto r = Registry::from_dir(*Engine::default_engine(), kData + "/precheck");
  return r;
}

Decision run(const std::string& scenario, const std::string& uscc, const std::string& person,
             const char* as_of, const std::string& department = {}) {
  PrecheckQuery q;
  q.scenario = scenario;
  q.uscc = uscc;
  q.person_id = person;
  q.department = department;
  q.as_of = parse_iso_date(as_of);
  return precheck(*Engine::default_engine(), *sample(), q);
}

bool has(const Decision& d, const std::string& id) {
  for (const auto& m : d.measures)
    if (m.measure->id == id) return true;
  return false;
}

}  // namespace

TEST_CASE("precheck: shared cases (tests/data/precheck_cases.tsv)") {
  int n = 0;
  for (const auto& c : test_util::case_rows("precheck_cases.tsv")) {
    REQUIRE(c.size() == 11);
    CAPTURE(c[0]);
    ++n;
    if (c[6] == "invalid-input") {
      CHECK_THROWS_AS(run(c[1], c[2], c[3], c[5].c_str(), c[4]), InvalidInputError);
      continue;
    }
    const Decision d = run(c[1], c[2], c[3], c[5].c_str(), c[4]);
    CHECK(effect_name(d.verdict) == c[6]);
    CHECK((d.credit_file ? "yes" : "no") == c[10]);
    for (const auto& id : split(c[7], ',')) CHECK_MESSAGE(has(d, id), "missing measure " << id);
    for (const auto& id : split(c[8], ',')) CHECK_MESSAGE(!has(d, id), "unexpected measure " << id);
    CHECK((d.commitment_allowed ? "yes" : "no") == c[9]);
    CHECK(d.pack_hash == Engine::default_engine()->hash());
  }
  CHECK(n >= 8);
}

TEST_CASE("precheck: decision details") {
  const Decision d = run("gov_procurement", kPower, "", "2025-06-30");
  REQUIRE(!d.measures.empty());
  // strongest first; every measure carries its basis; the memorandum is cited
  for (std::size_t i = 1; i < d.measures.size(); ++i)
    CHECK(static_cast<int>(d.measures[i - 1].measure->effect) <=
          static_cast<int>(d.measures[i].measure->effect));
  bool memorandum = false;
  for (const auto& m : d.measures) {
    CHECK(!m.measure->basis.empty());
    memorandum = memorandum || m.measure->basis.find("电力") != std::string::npos;
  }
  CHECK(memorandum);
  CHECK(d.lists.size() == 1);
  CHECK(d.lists[0].list == "black");
  CHECK(d.grade == "D");  // blacklisted: the grading veto
  const auto j = nlohmann::json::parse(d.to_json());
  CHECK(j["verdict"] == effect_name(d.verdict));
  CHECK(j["measures"].size() == d.measures.size());
  CHECK(j["trace"].back()["kind"] == "verdict");

  // a person's decision masks the ID in JSON
  const Decision p = run("gov_procurement", "", kRepPower, "2025-06-30");
  const std::string pj = p.to_json();
  CHECK(pj.find(kRepPower) == std::string::npos);
  CHECK(pj.find("440106********1230") != std::string::npos);
}

TEST_CASE("precheck: query errors") {
  CHECK_THROWS_AS(run("gov_procurement", kPower, kRepPower, "2025-06-30"), InvalidInputError);
  CHECK_THROWS_AS(run("gov_procurement", "", "", "2025-06-30"), InvalidInputError);
  CHECK_THROWS_AS(run("no_such_scenario", kPower, "", "2025-06-30"), NotFoundError);
  CHECK_THROWS_AS(run("gov_procurement", kPower, "", "2025-06-30", "no_such_department"), NotFoundError);
  CHECK_THROWS_AS(run("gov_procurement", "91440113MA9UQ8E11", "", "2025-06-30"), InvalidInputError);
  // a genuine USCC without a file is clear, and the trace says why
  const Decision d = run("gov_procurement", "91440101MA59U8YB6Y", "", "2025-06-30");
  CHECK(d.verdict == Effect::clear);
  CHECK(d.measures.empty());
  CHECK(d.trace[1].detail.find("no credit file") != std::string::npos);
  // scenario by Chinese label
  CHECK(run("政府采购", kPower, "", "2025-06-30").scenario == "gov_procurement");
}

TEST_CASE("precheck: execution feedback") {
  const Decision d = run("gov_procurement", kPower, "", "2025-06-30", "finance");
  REQUIRE(!d.measures.empty());
  const Measure& m = *d.measures.front().measure;
  const Engine& e = *Engine::default_engine();
  const auto j =
      nlohmann::json::parse(d.feedback(e, m.id, "已惩戒", "CG-2025-0001", "", "2025-07-01T09:30:00+08:00"));
  CHECK(j["measure_id"] == m.id);
  CHECK(j["result"] == "已惩戒");
  CHECK(j["result_code"] == "punished");
  CHECK(j["department"] == "finance");
  CHECK(j["case_no"] == "CG-2025-0001");
  CHECK(j["subject"]["uscc"] == kPower);
  CHECK(j["time"] == "2025-07-01T09:30:00+08:00");
  CHECK(j["decision"]["pack_hash"] == e.hash());
  CHECK_THROWS_AS(d.feedback(e, m.id, "已激励", "C1", "", "2025-07-01"), InvalidInputError);  // punishment
  CHECK_THROWS_AS(d.feedback(e, m.id, "未实施", "C1", "", "2025-07-01"), InvalidInputError);  // no reason
  CHECK_NOTHROW(d.feedback(e, m.id, "未实施", "C1", "", "2025-07-01", "申请已撤回"));
  CHECK_THROWS_AS(d.feedback(e, m.id, "done", "C1", "", "2025-07-01"), InvalidInputError);
  CHECK_THROWS_AS(d.feedback(e, m.id, "已惩戒", "", "", "2025-07-01"), InvalidInputError);
  CHECK_THROWS_AS(d.feedback(e, m.id, "已惩戒", "C1", "", "2025-13-01"), InvalidInputError);
  CHECK_THROWS_AS(d.feedback(e, m.id, "已惩戒", "C1", "", "2025-07-01T25:00"), InvalidInputError);
  CHECK_THROWS_AS(d.feedback(e, "no-such-measure", "已惩戒", "C1", "", "2025-07-01"), NotFoundError);
}

TEST_CASE("precheck: measures.json errors name file, pointer and position") {
  auto files = pack_files();
  auto expect = [&](const std::string& from, const std::string& to, const std::string& what) {
    auto f = files;
    auto pos = f["measures.json"].find(from);
    REQUIRE_MESSAGE(pos != std::string::npos, from);
    f["measures.json"].replace(pos, from.size(), to);
    try {
      Engine::from_files(f, "pack");
      FAIL("no error for " << to);
    } catch (const PolicyError& e) {
      CAPTURE(e.what());
      CHECK(std::string(e.what()).find("measures.json") != std::string::npos);
      CHECK(std::string(e.what()).find(what) != std::string::npos);
    }
  };
  expect("\"effect\": \"prohibit\"", "\"effect\": \"ban\"", "effect must be");
  expect("\"kind\": \"reward\"", "\"kind\": \"gift\"", "kind must be");
  expect("\"scenarios\": [", "\"scenarios\": [\"no_such_scenario\", ", "not a code of table 'scenario'");
  expect("\"targets\": [", "\"targets\": [\"director\", ", "a target is");
  expect("\"mandatory\"", "\"mandatroy\"", "unknown member");
  expect("\"measures\": [", "\"measures\": [1, ", "expected an object");
  CHECK_NOTHROW(Engine::from_files(files, "pack"));
}

TEST_CASE("precheck: a genuine code without a credit file, and the policy setting for 告知承诺制") {
  const Decision d = run("bidding", "91440101MA59U8YB6Y", "", "2025-06-30");
  CHECK(!d.credit_file);
  CHECK(d.verdict == Effect::clear);
  CHECK(d.commitment_allowed);  // the built-in default, with its basis (国办发〔2020〕42号)
  CHECK(Engine::default_engine()->measures().commitment.no_credit_file.basis.find("42号") !=
        std::string::npos);
  CHECK(nlohmann::json::parse(d.to_json()).at("credit_file") == false);
  CHECK(run("bidding", kPower, "", "2025-06-30").credit_file);

  // a pack that asks for a credit file first
  auto files = pack_files();
  const std::string from = "\"no_credit_file\": {\n      \"allowed\": true";
  const auto at = files["measures.json"].find(from);
  REQUIRE(at != std::string::npos);
  files["measures.json"].replace(at, from.size(), "\"no_credit_file\": {\n      \"allowed\": false");
  const auto strict = Engine::from_files(files, "pack");
  PrecheckQuery q;
  q.scenario = "bidding";
  q.uscc = "91440101MA59U8YB6Y";
  q.as_of = parse_iso_date("2025-06-30");
  const Decision s = precheck(*strict, *sample(), q);
  CHECK(!s.commitment_allowed);
  CHECK(s.commitment_reason.find("no credit file") != std::string::npos);
  q.uscc = kPower;  // a subject with a file is judged by its records, as before
  CHECK(!precheck(*strict, *sample(), q).commitment_allowed);
  q.uscc = "91440113MA9UQ8E11M";  // the blacklisted company's code with its check char changed
  CHECK_THROWS_WITH_AS(precheck(*strict, *sample(), q), doctest::Contains("not a genuine USCC"),
                       InvalidInputError);
}

TEST_CASE("precheck: concurrent prechecks while the host swaps registry snapshots") {
  // Snapshot k has the power company blacklisted when k is even. Readers take the
  // current snapshot, precheck, and check the verdict against that snapshot's parity.
  const auto engine = Engine::default_engine();
  auto make = [&](int k) {
    Registry::Builder b(*engine);
    Subject s;
    s.uscc = kPower;
    s.name = "v" + std::to_string(k);
    s.kind = "legal_person";
    s.domains = {"electricity"};
    s.legal_rep_id = kRepPower;
    s.responsible_ids = {kRespPower};
    b.add(s);
    if (k % 2 == 0) {
      ListEntry e;
      e.id = "black:" + std::to_string(k);
      e.uscc = kPower;
      e.list = "black";
      e.domain = "electricity";
      e.included_on = parse_iso_date("2024-06-01");
      b.add(e);
    }
    return b.build();
  };
  std::shared_ptr<const Registry> current = make(0);
  std::atomic<bool> stop{false};
  std::atomic<int> checked{0}, wrong{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t)
    readers.emplace_back([&, t] {
      PrecheckQuery q;
      q.scenario = t % 2 ? "bidding" : "gov_procurement";
      q.as_of = parse_iso_date("2025-06-30");
      if (t == 3)
        q.person_id = kRespPower;
      else
        q.uscc = kPower;
      while (!stop.load()) {
        const auto snap = std::atomic_load(&current);
        const Decision d = precheck(*engine, *snap, q);
        const bool even = std::stoi(snap->subjects().front().name.substr(1)) % 2 == 0;
        const bool punished = d.verdict == Effect::prohibit || d.verdict == Effect::restrict;
        if (punished != even) ++wrong;
        ++checked;
      }
    });
  for (int k = 1; k <= 40; ++k) {
    std::atomic_store(&current, make(k * 2 % 10 + k % 2));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  stop = true;
  for (auto& th : readers) th.join();
  CHECK(wrong.load() == 0);
  CHECK(checked.load() > 40);
}

TEST_CASE("citations: a basis carries its confirmation status as data, never as text") {
  const Decision d = run("bidding", kPower, "", "2025-06-30");
  REQUIRE(!d.measures.empty());
  const Measure& m = *d.measures.front().measure;
  CHECK(m.id == "elec-bl-bidding");
  // the citation is clean; what is not confirmed is a field
  CHECK(m.basis.find("946号") != std::string::npos);
  CHECK(m.basis.find("[unconfirmed") == std::string::npos);
  CHECK(m.basis.find("DOMAIN.md") == std::string::npos);
  CHECK_FALSE(m.basis_confirmed);
  CHECK(m.basis_unconfirmed.find("文号") != std::string::npos);
  CHECK(basis_mark(m.basis_confirmed, m.basis_unconfirmed) == "（待核实：" + m.basis_unconfirmed + "）");
  CHECK(basis_mark(false, "") == "（待核实）");
  CHECK(basis_mark(true, "文号").empty());
  // every loaded citation of the measures file is clean
  const Engine& e = *Engine::default_engine();
  for (const Measure& x : e.measures().measures) {
    CAPTURE(x.id);
    CHECK(x.basis.find("[unconfirmed") == std::string::npos);
    CHECK(x.basis_confirmed == x.basis_unconfirmed.empty());
  }
  for (const Dataset& ds : e.catalog().datasets) {
    CAPTURE(ds.id);
    CHECK(ds.basis.find("[unconfirmed") == std::string::npos);
    CHECK(ds.basis.find("DOMAIN.md") == std::string::npos);
  }
  // precheck JSON: the status in its own fields
  const auto j = nlohmann::json::parse(d.to_json());
  CHECK(j["measures"][0]["basis"] == m.basis);
  CHECK(j["measures"][0]["basis_confirmed"] == false);
  CHECK(j["measures"][0]["basis_unconfirmed"] == m.basis_unconfirmed);
  // the feedback record for the credit platform: no status marks in its text
  const std::string fb = d.feedback(e, m.id, "已惩戒", "ZB-1", "public_resources", "2025-07-01");
  CHECK(fb.find("[unconfirmed") == std::string::npos);
  CHECK(fb.find("待核实") == std::string::npos);
  CHECK(nlohmann::json::parse(fb)["basis"] == m.basis);
}

TEST_CASE("citations: basis objects are checked in every policy file, with file and pointer") {
  auto files = pack_files();
  // replaces the first `from` in `file` (after `after`, when given); expects a PolicyError there
  auto expect = [&](const std::string& file, const std::string& after, const std::string& from,
                    const std::string& to, const std::string& pointer_part, const std::string& what) {
    auto f = files;
    const auto start = after.empty() ? 0 : f[file].find(after);
    REQUIRE_MESSAGE(start != std::string::npos, after);
    const auto pos = f[file].find(from, start);
    REQUIRE_MESSAGE(pos != std::string::npos, from);
    f[file].replace(pos, from.size(), to);
    try {
      Engine::from_files(f, "pack");
      FAIL("no error for " << to << " in " << file);
    } catch (const PolicyError& e) {
      CAPTURE(e.what());
      CHECK(e.file() == "pack/" + file);
      CHECK(e.pointer().find(pointer_part) != std::string::npos);
      CHECK(e.line() > 0);
      CHECK(std::string(e.what()).find(what) != std::string::npos);
    }
  };
  // an unknown key: a measure's basis (read by the loader) …
  expect("measures.json", "\"id\": \"elec-bl-bidding\"", "\"basis\": {", "\"basis\": {\"pages\": \"3\", ",
         "/basis/pages", "unknown member 'pages' in a basis");
  // … a field's basis in the catalog (documentation only) …
  expect("catalog.json", "\"fields\": [", "\"basis\": {", "\"basis\": {\"status\": \"unconfirmed\", ",
         "/fields/0/basis/status", "unknown member 'status'");
  // … and the other files
  expect("grading.json", "", "\"basis\": {", "\"basis\": {\"confirmd\": false, ", "/basis/confirmd",
         "unknown member 'confirmd'");
  expect("repair.json", "", "\"basis\": {", "\"basis\": {\"comment\": \"x\", ", "/basis/comment",
         "unknown member 'comment'");
  expect("codes.json", "\"veto_cause\"", "\"basis\": {", "\"basis\": {\"note\": \"x\", ",
         "/tables/veto_cause/basis/note", "unknown member 'note'");
  // wrong types and contradictions
  expect("measures.json", "\"id\": \"elec-bl-bidding\"", "\"confirmed\": false", "\"confirmed\": \"no\"",
         "/basis/confirmed", "expected true or false");
  expect("measures.json", "\"id\": \"elec-bl-bidding\"", "\"confirmed\": false", "\"confirmed\": true",
         "/basis/confirmed", "contradicts 'unconfirmed'");
  expect("measures.json", "\"id\": \"elec-bl-bidding\"", "\"doc\": \"关于对电力行业",
         "\"title\": \"关于对电力行业", "/basis", "unknown member 'title'");
  expect("measures.json", "\"id\": \"elec-bl-bidding\"", "\"basis\": {", "\"basis\": 42, \"x\": {", "/basis",
         "basis must be a string or");
  CHECK_NOTHROW(Engine::from_files(files, "pack"));

  // without "confirmed", naming what is unconfirmed makes the citation unconfirmed
  auto f = files;
  const auto at =
      f["measures.json"].find("\"confirmed\": false", f["measures.json"].find("\"id\": \"elec-bl-bidding\""));
  REQUIRE(at != std::string::npos);
  f["measures.json"].replace(at, std::string("\"confirmed\": false").size(), "\"source\": \"x\"");
  const auto eng = Engine::from_files(f, "pack");
  for (const Measure& x : eng->measures().measures)
    if (x.id == "elec-bl-bidding") CHECK_FALSE(x.basis_confirmed);
}
