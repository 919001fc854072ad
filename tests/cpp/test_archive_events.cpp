// The archive's lifecycle (archive.hpp "lifecycle", docs/archive.md "Lifecycle"):
// objections step by step per objections.json, corrections, repairs, commitment breaches.
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecredit/ecredit.hpp"
#include "test_util.hpp"

using namespace ecredit;
using test_util::kData;
using test_util::TempDir;

namespace {

const char* kSeller = "91440111MA5H2K3L87";  // 广州某售电有限公司: one general penalty (2026-01-15)
const std::string kPenalty = "admin_penalty:穗发改能罚〔2026〕3号";

date::sys_days day(const char* iso) { return parse_iso_date(iso); }

std::unique_ptr<Archive> fresh(const TempDir& dir, std::shared_ptr<const Engine> engine = nullptr) {
  auto a = Archive::open(dir.str() + "/a.db", std::move(engine));
  a->import_dir(kData + "/precheck", "发改委", "2026-02-01");
  return a;
}

double score(Archive& a, const Engine& engine, const char* as_of) {
  return grade(engine, *a.registry(), kSeller, day(as_of)).score;
}

std::optional<Record> record_in(const Registry& reg, const std::string& id) {
  for (const Record& r : reg.records_of(kSeller))
    if (r.id == id) return r;
  return std::nullopt;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

KeyedRecord commitment(const std::string& no, const char* valid_until, const char* status) {
  return {{"commitment_no", no},
          {"commitment_type", "missing_documents"},
          {"matter", "容缺受理"},
          {"content", "按期补齐材料"},
          {"uscc", kSeller},
          {"name", "广州某售电有限公司"},
          {"subject_kind", "legal_person"},
          {"committed_on", "2026-01-10"},
          {"valid_until", valid_until},
          {"acceptor", "广州市发展和改革委员会"},
          {"disclosure_type", "public"},
          {"domain", "电力"},
          {"fulfilment_status", status}};
}

}  // namespace

TEST_CASE("archive events: an objection step by step (accept, platform check, provider verification)") {
  TempDir dir("events_objection", true);
  auto a = fresh(dir);
  const auto engine = Engine::default_engine();
  const double before = score(*a, *engine, "2026-06-30");
  CHECK(before < 100);

  // filed on Wednesday 2026-04-29, before 劳动节 (2026-05-01..05, calendar.json): accept is
  // due 2 working days later — 04-30 and 05-06, not 05-01 as weekdays alone would give
  const std::string id =
      a->file_objection(kPenalty, day("2026-04-29"), "处罚决定已撤销", "广州某售电有限公司");
  {
    const auto reg = a->registry();
    const auto r = record_in(*reg, kPenalty);
    REQUIRE(r.has_value());
    CHECK(r->under_objection);  // marked at once (art. 25)
    CHECK_FALSE(r->objection_accepted);
  }
  CHECK(score(*a, *engine, "2026-06-30") == doctest::Approx(before));  // keeps counting (built-in pack)
  auto list = a->objections();
  REQUIRE(list.size() == 1);
  CHECK(list[0].id == id);
  CHECK(list[0].status == "pending");
  CHECK(list[0].record_id == kPenalty);
  REQUIRE(list[0].steps.size() == 1);  // accept is due (reject shares its deadline)
  CHECK(list[0].steps[0].step == "accept");
  CHECK(list[0].steps[0].due == day("2026-05-06"));
  CHECK(a->objections("", day("2026-05-06")).empty());        // due that day: not overdue yet
  REQUIRE(a->objections("", day("2026-05-07")).size() == 1);  // overdue the day after
  CHECK(a->objections("", day("2026-05-07"))[0].steps[0].overdue);
  CHECK(a->objections("accepted").empty());

  // errors: out of order, unknown step, outcome not allowed, a second objection
  CHECK(error_of([&] {
          a->advance_objection(id, "platform_check", day("2026-04-30"));
        }).find("out of order: it follows 'accept'") != std::string::npos);
  CHECK(error_of([&] {
          a->advance_objection(id, "review", day("2026-04-30"));
        }).find("'review' is not a step of objections.json") != std::string::npos);
  CHECK(error_of([&] {
          a->advance_objection(id, "accept", day("2026-04-30"), "record_confirmed");
        }).find("outcome 'record_confirmed' is not one of this step's") != std::string::npos);
  CHECK(error_of([&] {
          a->advance_objection(id, "accept", day("2026-04-28"));
        }).find("before the filing day") != std::string::npos);
  CHECK(error_of([&] {
          a->file_objection(kPenalty, day("2026-04-30"), "again", "x");
        }).find("already has an open objection") != std::string::npos);
  CHECK(error_of([&] {
          a->advance_objection("objection-999", "accept", day("2026-04-30"));
        }).find("no objection 'objection-999'") != std::string::npos);
  CHECK(error_of([&] {
          a->file_objection("admin_penalty:nope", day("2026-04-30"), "", "x");
        }).find("no record 'admin_penalty:nope'") != std::string::npos);

  a->advance_objection(id, "accept", day("2026-05-06"), "", "受理", {}, "信用平台");
  {
    const auto reg = a->registry();
    const auto r = record_in(*reg, kPenalty);
    CHECK(r->under_objection);
    CHECK(r->objection_accepted);
  }
  CHECK(error_of([&] { a->advance_objection(id, "reject", day("2026-05-06")); }).find("replaces 'accept'") !=
        std::string::npos);
  list = a->objections("accepted");
  REQUIRE(list.size() == 1);
  REQUIRE(list[0].steps.size() == 2);
  CHECK(list[0].steps[0].done_on == day("2026-05-06"));
  CHECK(list[0].steps[1].step == "platform_check");
  CHECK(list[0].steps[1].due == day("2026-05-08"));
  a->advance_objection(id, "platform_check", day("2026-05-08"));
  list = a->objections();
  CHECK(list[0].steps.back().step == "provider_verification");
  CHECK(list[0].steps.back().due == day("2026-05-21"));  // 05-09 is an adjusted working Saturday
  a->advance_objection(id, "provider_verification", day("2026-05-20"), "record_confirmed", "核查无误");
  CHECK(a->objections()[0].status == "record_confirmed");
  {
    const auto reg = a->registry();
    CHECK_FALSE(record_in(*reg, kPenalty)->under_objection);  // mark removed
  }
  CHECK(error_of([&] {
          a->advance_objection(id, "provider_verification", day("2026-05-21"));
        }).find("the objection is closed (record_confirmed)") != std::string::npos);
  // journaled: filed + three steps, each with its actor, reason and basis
  int steps = 0;
  for (const JournalEntry& e : a->history(kPenalty).events) {
    if (e.kind == "objection_step") ++steps;
    if (e.kind == "objection_filed") {
      CHECK(e.actor == "广州某售电有限公司");
      CHECK(e.reason == "处罚决定已撤销");
      CHECK(e.basis.find("第二十五条") != std::string::npos);
    }
  }
  CHECK(steps == 3);
  CHECK(a->check().ok);
}

TEST_CASE("archive events: reject, corrected (new version or withdrawal), unresolved") {
  TempDir dir("events_outcomes", true);
  auto a = fresh(dir);
  const std::string r1 = a->file_objection(kPenalty, day("2026-04-29"), "g", "s");
  a->advance_objection(r1, "reject", day("2026-04-30"), "", "材料不全");
  CHECK(a->objections()[0].status == "rejected");
  CHECK_FALSE(record_in(*a->registry(), kPenalty)->under_objection);

  // corrected with values: a new version (op corrected); a value the catalog refuses is refused
  const std::string r2 = a->file_objection(kPenalty, day("2026-05-06"), "g", "s");
  a->advance_objection(r2, "accept", day("2026-05-06"));
  CHECK(error_of([&] {
          a->advance_objection(r2, "platform_check", day("2026-05-07"), "corrected", "",
                               {{"decision_date", "not a date"}});
        }).find("refused by the catalog") != std::string::npos);
  CHECK(error_of([&] {
          a->advance_objection(r2, "platform_check", day("2026-05-07"), "", "", {{"severity", "一般"}});
        }).find("corrected values need the outcome 'corrected'") != std::string::npos);
  a->advance_objection(r2, "platform_check", day("2026-05-07"), "corrected", "平台录入错误",
                       {{"severity", "轻微"}});
  {
    const auto h = a->history(kPenalty);
    REQUIRE(h.versions.size() == 2);
    CHECK(h.versions.back().op == "corrected");
    CHECK(h.versions.back().values.at("severity") == "minor");
    const auto reg = a->registry();
    CHECK(record_in(*reg, kPenalty)->severity == "minor");
    CHECK_FALSE(record_in(*reg, kPenalty)->under_objection);
  }

  // unresolved: closed, the dispute noted; then corrected without values withdraws the record
  const std::string r3 = a->file_objection(kPenalty, day("2026-06-01"), "g", "s");
  a->advance_objection(r3, "accept", day("2026-06-02"));
  a->advance_objection(r3, "platform_check", day("2026-06-03"));
  a->advance_objection(r3, "provider_verification", day("2026-06-10"), "unresolved", "无法确认");
  CHECK(a->objections("unresolved").size() == 1);
  const std::string r4 = a->file_objection(kPenalty, day("2026-06-11"), "g", "s");
  a->advance_objection(r4, "accept", day("2026-06-11"));
  a->advance_objection(r4, "platform_check", day("2026-06-12"));
  a->advance_objection(r4, "provider_verification", day("2026-06-15"), "corrected");
  CHECK_FALSE(record_in(*a->registry(), kPenalty).has_value());  // withdrawn
  CHECK(a->history(kPenalty).versions.back().op == "withdrawn");
  CHECK(a->objections("corrected").size() == 2);
  CHECK(error_of([&] { a->objections("open"); }).find("objection status 'open'") != std::string::npos);
  CHECK(a->check().ok);
}

TEST_CASE("archive events: a pack that excludes a record once its objection is accepted") {
  auto files = test_util::pack_files();
  auto j = nlohmann::ordered_json::parse(files.at("objections.json"));
  j["counting"]["accepted"] = "exclude";
  files["objections.json"] = j.dump(2);
  const auto engine = Engine::from_files(files, "gz-energy (accepted: exclude)");
  TempDir dir("events_counting", true);
  auto a = fresh(dir, engine);
  const double before = score(*a, *engine, "2026-06-30");
  const std::string id = a->file_objection(kPenalty, day("2026-04-29"), "g", "s");
  CHECK(score(*a, *engine, "2026-06-30") == doctest::Approx(before));  // pending: counts
  a->advance_objection(id, "accept", day("2026-05-06"));
  CHECK(score(*a, *engine, "2026-06-30") > before);  // accepted: excluded
  const Grade g = grade(*engine, *a->registry(), kSeller, day("2026-06-30"));
  bool excluded = false;
  for (const auto& t : g.trace)
    excluded = excluded || (t.kind == "excluded" && t.detail == "under objection (accepted)");
  CHECK(excluded);
  a->advance_objection(id, "platform_check", day("2026-05-07"));
  a->advance_objection(id, "provider_verification", day("2026-05-20"), "record_confirmed");
  CHECK(score(*a, *engine, "2026-06-30") == doctest::Approx(before));  // counts again
}

TEST_CASE("archive events: correct() makes a field-level version, validated") {
  TempDir dir("events_correct", true);
  auto a = fresh(dir);
  CHECK(error_of([&] {
          a->correct(kPenalty, {{"no_such_field", "x"}}, "r", "u");
        }).find("no field 'no_such_field'") != std::string::npos);
  CHECK(error_of([&] {
          a->correct(kPenalty, {{"severity", "很严重"}}, "r", "u");
        }).find("refused by the catalog") != std::string::npos);
  CHECK(error_of([&] { a->correct(kPenalty, {}, "r", "u"); }).find("no values") != std::string::npos);
  a->correct(kPenalty, {{"severity", "严重"}}, "原始数据录入错误", "数据管理员");
  const auto h = a->history(kPenalty);
  REQUIRE(h.versions.size() == 2);
  CHECK(h.versions.back().op == "corrected");
  CHECK(h.versions.back().values.at("severity") == "serious");
  CHECK(record_in(*a->registry(), kPenalty)->severity == "serious");
  bool journaled = false;
  for (const auto& e : h.events)
    journaled =
        journaled || (e.kind == "correction" && e.actor == "数据管理员" && e.reason == "原始数据录入错误");
  CHECK(journaled);
  CHECK(error_of([&] { a->correct(kPenalty, {{"severity", "严重"}}, "r", "u"); }).find("changes nothing") !=
        std::string::npos);
  // the catalog takes any text in responsible_ids, the registry only genuine resident IDs:
  // refused, nothing stored, and the archive still makes its snapshot
  const std::string subject = std::string("subject:") + kSeller;
  const std::size_t versions = a->history(subject).versions.size();
  const std::string why =
      error_of([&] { a->correct(subject, {{"responsible_ids", "440111197016309130"}}, "r", "u"); });
  CHECK(why.find("refused by the registry") != std::string::npos);
  CHECK(why.find("responsible_ids") != std::string::npos);
  CHECK(a->history(subject).versions.size() == versions);
  CHECK(a->registry()->subject(kSeller) != nullptr);
}

TEST_CASE("archive events: a repair application is decided; apply_repair stops counting from decided_on") {
  TempDir dir("events_repair", true);
  auto a = fresh(dir);
  const auto engine = Engine::default_engine();
  RepairEvidence ev{{"obligations_fulfilled", day("2026-04-01")}, {"commitment", day("2026-04-01")}};
  const std::string app = a->file_repair_application(kPenalty, day("2026-05-06"), ev, "广州某售电有限公司");
  CHECK(!app.empty());
  bool filed = false;
  for (const auto& e : a->history(kPenalty).events)
    if (e.kind == "repair_application") {
      filed = true;
      const auto d = nlohmann::json::parse(e.detail);
      CHECK(d["application"] == app);
      CHECK(!d["status"].get<std::string>().empty());
    }
  CHECK(filed);
  const std::int64_t before_repair = a->last_batch();
  const double counted = score(*a, *engine, "2026-06-30");
  a->apply_repair(kPenalty, day("2026-06-01"), std::nullopt, "市信用办");
  const auto reg = a->registry();
  // the snapshot: counts before decided_on, not from it
  CHECK(grade(*engine, *reg, kSeller, day("2026-05-31")).score == doctest::Approx(counted));
  CHECK(grade(*engine, *reg, kSeller, day("2026-06-01")).score > counted);
  CHECK(record_in(*reg, kPenalty)->repaired_on == day("2026-06-01"));
  // an earlier snapshot does not have it
  CHECK_FALSE(record_in(*a->registry_at_batch(before_repair), kPenalty)->repaired_on.has_value());
  CHECK(error_of([&] { a->apply_repair("admin_penalty:nope", day("2026-06-01")); }).find("no record") !=
        std::string::npos);
}

TEST_CASE("archive events: check_commitments turns an overdue unfulfilled commitment into one breach, once") {
  TempDir dir("events_commitments", true);
  auto a = fresh(dir);
  const ImportResult r =
      a->import_records({commitment("C1", "2026-03-31", ""), commitment("C2", "2026-12-31", ""),
                         commitment("C3", "2026-03-31", "fulfilled")},
                        "commitment", "发改委", "2026-01-10");
  CAPTURE(r.reports.at("commitment").to_json("en"));
  REQUIRE(r.counts.at("commitment").inserted == 3);
  CHECK(a->check_commitments(day("2026-03-31")).empty());  // the deadline day itself: not passed
  const auto made = a->check_commitments(day("2026-04-01"), "巡检");
  REQUIRE(made.size() == 1);
  CHECK(made[0] == "commitment:C1:breach");
  CHECK(a->check_commitments(day("2026-04-02")).empty());  // once
  const auto reg = a->registry();
  int breaches = 0;
  for (const Record& rec : reg->records_of(kSeller))
    if (rec.category == "commitment_breach") {
      ++breaches;
      CHECK(rec.id == "commitment:C1:breach");
      CHECK(rec.decision_date == day("2026-04-01"));
    }
  CHECK(breaches == 1);
  // journaled once
  int events = 0;
  for (const auto& e : a->journal())
    if (e.kind == "commitment_breach") {
      ++events;
      CHECK(e.entity == "commitment:C1");
      CHECK(e.actor == "巡检");
    }
  CHECK(events == 1);
  // an imported unfulfilled commitment is not made a second breach
  a->import_records({commitment("C4", "2026-03-31", "unfulfilled")}, "commitment", "发改委");
  CHECK(a->check_commitments(day("2026-05-01")).empty());
  CHECK(a->check().ok);
}
