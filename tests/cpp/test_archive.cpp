// The archive (include/ecredit/archive.hpp, docs/archive.md): import with reconciliation,
// the op column, one transaction per import, snapshots of earlier states, opening, check().
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/archive_impl.hpp"  // the internal write API (the events code writes through it)
#include "ecredit/ecredit.hpp"
#include "registry_access.hpp"  // the registry image (checkpoints)
#include "test_util.hpp"

using namespace ecredit;
using test_util::kData;
using test_util::TempDir;

namespace {

const char* kPower = "91440113MA9UQ8E11N";  // electricity, black list 2024-06-01 → 2027-06-01

/// A clock the test moves: 2025-03-01T08:00:00Z + `seconds`.
struct TestClock {
  std::shared_ptr<std::atomic<long>> seconds = std::make_shared<std::atomic<long>>(0);
  ArchiveClock fn() const {
    auto s = seconds;
    return [s] {
      return TimePoint(date::sys_days(date::year{2025} / 3 / 1) + std::chrono::hours(8) +
                       std::chrono::seconds(s->load()));
    };
  }
  TimePoint at(long s) const {
    return TimePoint(date::sys_days(date::year{2025} / 3 / 1) + std::chrono::hours(8) +
                     std::chrono::seconds(s));
  }
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// `csv` with a last column `label` whose value is `ops[i]` on data row i ("" past the end).
std::string with_op(const std::string& csv, const std::string& label, const std::vector<std::string>& ops) {
  std::istringstream in(csv);
  std::string line, out;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (n == 0)
      out += line + "," + label + "\n";
    else
      out += line + "," + (n - 1 < ops.size() ? ops[n - 1] : "") + "\n";
    ++n;
  }
  return out;
}

std::string header_and_row(const std::string& csv, std::size_t row) {
  std::istringstream in(csv);
  std::string line, header, out;
  std::getline(in, header);
  for (std::size_t i = 0; std::getline(in, line); ++i)
    if (i == row) out = line;
  return header + "\n" + out + "\n";
}

void check_reconciles(const ImportResult& r) {
  for (const auto& [ds, c] : r.counts) {
    CAPTURE(ds);
    CHECK(c.read == c.inserted + c.updated + c.unchanged + c.withdrawn + c.rejected);
  }
}

bool has_finding(const Report& r, const std::string& type, std::size_t row) {
  for (const auto& f : r.findings)
    if (f.type == type && f.row == row) return true;
  return false;
}

void raw_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  const std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, msg);
}

Decision bidding(const Registry& reg, const char* as_of) {
  PrecheckQuery q;
  q.scenario = "bidding";
  q.uscc = kPower;
  q.as_of = parse_iso_date(as_of);
  return precheck(*Engine::default_engine(), reg, q);
}

}  // namespace

TEST_CASE("archive: a folder imports as one batch; counts reconcile; the snapshot is the folder's registry") {
  TempDir dir("archive_import", true);
  TestClock clock;
  auto a = Archive::open(dir.str() + "/a.db", nullptr, clock.fn());
  CHECK(a->last_batch() == 0);
  CHECK(a->schema_version() == 3);
  const ImportResult r = a->import_dir(kData + "/precheck", "发改委", "2025-03-01");
  CHECK(r.batch == 1);
  CHECK(r.source == "发改委");
  CHECK(r.received_at == "2025-03-01");
  CHECK(r.recorded_at == clock.at(0));
  check_reconciles(r);
  LoadSummary sum;
  const auto from_dir = Registry::from_dir(*Engine::default_engine(), kData + "/precheck", &sum);
  REQUIRE(r.counts.count("black_list"));
  for (const auto& [ds, c] : r.counts) {
    CAPTURE(ds);
    CHECK(c.read == sum.reports.at(ds).stats.rows);
    CHECK(c.inserted == sum.reports.at(ds).stats.accepted);
    CHECK(c.rejected == sum.reports.at(ds).stats.rejected);
    CHECK(c.updated + c.unchanged + c.withdrawn == 0);
  }
  const auto snap = a->registry();
  CHECK(snap->record_count() == from_dir->record_count());
  CHECK(snap->subjects().size() == from_dir->subjects().size());
  CHECK(snap->list_entries().size() == from_dir->list_entries().size());
  CHECK(a->registry() == snap);  // cached until the next write
  CHECK(bidding(*snap, "2025-06-30").to_json() == bidding(*from_dir, "2025-06-30").to_json());

  SUBCASE("the same folder again changes nothing") {
    clock.seconds->store(60);
    const ImportResult again = a->import_dir(kData + "/precheck", "发改委", "2025-03-02");
    CHECK(again.batch == 2);
    check_reconciles(again);
    for (const auto& [ds, c] : again.counts) {
      CAPTURE(ds);
      CHECK(c.unchanged == r.counts.at(ds).inserted);
      CHECK(c.inserted + c.updated + c.withdrawn == 0);
    }
    CHECK(a->check().versions == a->check().entities);
    CHECK(a->changes_since(1).empty());
  }
  SUBCASE("the journal has the batch with its counts") {
    const auto j = a->journal();
    REQUIRE(j.size() == 1);
    CHECK(j[0].kind == "import");
    CHECK(j[0].seq == 1);
    CHECK(j[0].on == "2025-03-01");
    CHECK(j[0].actor == "发改委");
    CHECK(j[0].detail.find("\"black_list\"") != std::string::npos);
    CHECK(a->journal(1).empty());
  }
}

TEST_CASE(
    "archive: a row the catalog accepts but the registry refuses is not stored (fuzz_archive finding)") {
  TempDir dir("archive_invalid_entry", true);
  TestClock clock;
  auto a = Archive::open(dir.str() + "/a.db", nullptr, clock.fn());
  // responsible_ids is free text in the catalog; the registry takes only genuine resident
  // IDs there (a birth date in month 16 is none), so a snapshot with this row cannot be made
  const std::string good =
      "91440113MA9UQ8E11N,广州某发电有限公司,法人及非法人组织,电力,power_generation,番禺,王五,身份证,"
      "440106198001011230,440113199005053452\n";
  const std::string bad =
      "91440111MA5H2K3L87,广州某售电有限公司,法人及非法人组织,电力,power_retail,白云,李四,身份证,"
      "440106198001011230,440111197016309130\n";
  const std::string header =
      "uscc,name,kind,domains,roles,district,legal_rep,legal_rep_id_type,legal_rep_id,"
      "responsible_ids\n";
  const ImportResult r = a->import_file(dir.file("subject.csv", header + good + bad), "subject", "x");
  check_reconciles(r);
  CHECK(r.counts.at("subject").inserted == 1);
  CHECK(r.counts.at("subject").rejected == 1);
  const Report& rep = r.reports.at("subject");
  CHECK(rep.counts.at("invalid-entry") == 1);
  bool found = false;
  for (const Finding& f : rep.findings) {
    if (f.type != "invalid-entry") continue;
    found = true;
    CHECK(f.message_en.find("responsible_ids") != std::string::npos);
    CHECK(f.message_en.find("not a genuine resident ID") != std::string::npos);
    CHECK(f.message_en.find("440111197016309130") == std::string::npos);  // masked
    CHECK(f.message_zh.find("不能成为档案中的条目") != std::string::npos);
  }
  CHECK(found);
  // the archive still makes its snapshot, with the good row only
  const auto reg = a->registry();
  CHECK(reg->subjects().size() == 1);
  CHECK(reg->subject("91440113MA9UQ8E11N") != nullptr);
  CHECK(a->check().ok);
  // the same check as the builder's: add_row refuses the row, check_row names the same field
  const auto engine = Engine::default_engine();
  Registry::Builder b(*engine);
  const Dataset& ds = engine->dataset("subject");
  std::vector<std::string> values(ds.fields.size());
  values[static_cast<std::size_t>(ds.field_index("uscc"))] = "91440111MA5H2K3L87";
  values[static_cast<std::size_t>(ds.field_index("name"))] = "广州某售电有限公司";
  values[static_cast<std::size_t>(ds.field_index("kind"))] = "legal_person";
  values[static_cast<std::size_t>(ds.field_index("domains"))] = "electricity";
  values[static_cast<std::size_t>(ds.field_index("responsible_ids"))] = "440111197016309130";
  CHECK_THROWS_WITH_AS(b.check_row(ds, 0, values), doctest::Contains("responsible_ids"), InvalidInputError);
  CHECK_THROWS_WITH_AS(b.add_row(ds, 0, values), doctest::Contains("responsible_ids"), InvalidInputError);
  values[static_cast<std::size_t>(ds.field_index("responsible_ids"))] = "440113199005053452";
  CHECK_NOTHROW(b.check_row(ds, 0, values));
  CHECK(b.build()->subjects().empty());  // check_row added nothing
}

TEST_CASE("archive: the op column (op / 操作类型; add, update, delete and their aliases)") {
  TempDir dir("archive_op", true);
  TestClock clock;
  auto a = Archive::open(dir.str() + "/a.db", nullptr, clock.fn());
  const std::string bl = read_text(kData + "/precheck/black_list.csv");  // two rows
  const std::string one = header_and_row(bl, 0), two = header_and_row(bl, 1);
  const std::string first = dir.file("black_list.csv", with_op(bl, "操作类型", {"新增", "I"}));
  const ImportResult r1 = a->import_file(first, "black_list", "能源局");
  check_reconciles(r1);
  CHECK(r1.counts.at("black_list").inserted == 2);
  // the catalog never sees the column: no extra-label finding
  CHECK(r1.reports.at("black_list").counts.count("extra-label") == 0);
  CHECK(r1.reports.at("black_list").valid());

  // row 2: an update (a later end) → updated; row 3: delete → withdrawn; row 4: an
  // unknown op → rejected at its row; row 5: delete of a key the archive does not hold
  std::string rows = with_op(one, "OP", {"U"});
  std::string changed = rows.substr(rows.find('\n') + 1);
  changed.replace(changed.find("2027-06-01"), 10, "2028-06-01");
  std::string del = with_op(two, "OP", {"delete"});
  del = del.substr(del.find('\n') + 1);
  std::string unknown = with_op(two, "op", {"X"});
  unknown = unknown.substr(unknown.find('\n') + 1);
  std::string ghost = del;
  ghost.replace(ghost.find("2023-03-01"), 10, "2023-03-02");  // another key (included_on is in it)
  std::string header = rows.substr(0, rows.find('\n') + 1);
  clock.seconds->store(10);
  const std::string second = dir.file("bl2.csv", header + changed + del + unknown + ghost);
  const ImportResult r2 = a->import_file(second, "black_list", "能源局", "2025-03-05T09:30:00+08:00");
  check_reconciles(r2);
  const ImportCounts& c = r2.counts.at("black_list");
  CHECK(c.read == 4);
  CHECK(c.updated == 1);
  CHECK(c.withdrawn == 1);
  CHECK(c.rejected == 2);
  const Report& rep = r2.reports.at("black_list");
  CHECK(has_finding(rep, "op-value", 4));
  CHECK(has_finding(rep, "op-unknown-key", 5));
  CHECK(rep.stats.rejected == 2);
  CHECK(rep.stats.accepted == 2);
  CHECK(a->registry()->list_entries().size() == 1);

  // delete of the withdrawn key again: rejected; an update of it too
  clock.seconds->store(20);
  const ImportResult r3 = a->import_file(dir.file("bl3.csv", header + del), "black_list", "能源局");
  CHECK(r3.counts.at("black_list").rejected == 1);
  CHECK(has_finding(r3.reports.at("black_list"), "op-unknown-key", 2));

  // history of the updated entity: inserted then updated, with their batches
  const auto& entry = a->registry()->list_entries().at(0);
  const EntityHistory h = a->history(entry.id);
  CHECK(h.dataset == "black_list");
  REQUIRE(h.versions.size() == 2);
  CHECK(h.versions[0].op == "inserted");
  CHECK(h.versions[0].batch == 1);
  CHECK(h.versions[1].op == "updated");
  CHECK(h.versions[1].batch == 2);
  CHECK(h.versions[1].received_at == "2025-03-05T09:30:00+08:00");
  CHECK(h.versions[1].values.at("expires_on") == "2028-06-01");
  CHECK_THROWS_AS(a->history("black_list:nothing"), NotFoundError);

  // changes after batch 1: the update and the withdrawal, in order
  const auto changes = a->changes_since(1);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].op != changes[1].op);
  CHECK(a->check().ok);
}

TEST_CASE("archive: two rows of one key in one batch — the validator rejects the second") {
  TempDir dir("archive_dupkey", true);
  auto a = Archive::open(dir.str() + "/a.db");
  const std::string bl = read_text(kData + "/precheck/black_list.csv");
  const std::string one = header_and_row(bl, 0);
  const std::string row = one.substr(one.find('\n') + 1);
  const ImportResult r = a->import_file(dir.file("bl.csv", one + row), "black_list", "x");
  CHECK(r.counts.at("black_list").inserted == 1);
  CHECK(r.counts.at("black_list").rejected == 1);
  check_reconciles(r);
}

TEST_CASE("archive: a failing import leaves nothing") {
  TempDir dir("archive_fail", true);
  auto a = Archive::open(dir.str() + "/a.db");
  a->import_dir(kData + "/precheck", "x");
  const auto before = a->registry();
  // a folder where a file is expected: refused by the reader inside the transaction
  CHECK_THROWS_AS(a->import_file(dir.str(), "black_list", "x"), IoError);
  CHECK_THROWS_AS(a->import_file(dir.str() + "/none.csv", "black_list", "x"), PathNotFoundError);
  CHECK_THROWS_AS(a->import_dir(dir.str() + "/none", "x"), PathNotFoundError);
  CHECK(a->last_batch() == 1);
  CHECK(a->journal().size() == 1);
  CHECK(a->registry() == before);
  CHECK(a->check().ok);
}

TEST_CASE("archive: received_at must be an ISO date or date-time") {
  TempDir dir("archive_received", true);
  auto a = Archive::open(dir.str() + "/a.db");
  for (const char* bad :
       {"yesterday", "2025-13-01", "2025-03-01T25:00:00", "2025/03/01", "2025-03-01T08:00:00xx"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(a->import_dir(kData + "/precheck", "x", bad), InvalidInputError);
  }
  CHECK(a->last_batch() == 0);
  for (const char* good :
       {"2025-03-01", "2025-03-01T08:00:00", "2025-03-01T08:00:00Z", "2025-03-01T08:00:00+08:00"}) {
    CAPTURE(good);
    CHECK(a->import_dir(kData + "/precheck", "x", good).received_at == good);
  }
}

TEST_CASE("archive: an earlier state is reproduced exactly (registry_at_batch, registry_known_at)") {
  TempDir dir("archive_asof", true);
  TestClock clock;
  auto a = Archive::open(dir.str() + "/a.db", nullptr, clock.fn());
  const ImportResult day1 = a->import_dir(kData + "/precheck", "发改委", "2025-03-01");
  const std::string march = bidding(*a->registry(), "2025-03-15").to_json();
  CHECK(march.find("prohibit") != std::string::npos);

  // day 2: the black-list entry of kPower is withdrawn
  clock.seconds->store(86400);
  const std::string bl = read_text(kData + "/precheck/black_list.csv");
  TempDir day2("archive_asof_day2", true);
  day2.file("black_list.csv", with_op(header_and_row(bl, 0), "op", {"D"}));
  const ImportResult r2 = a->import_dir(day2.str(), "能源局", "2025-03-02");
  CHECK(r2.counts.at("black_list").withdrawn == 1);
  const std::string now = bidding(*a->registry(), "2025-03-15").to_json();
  CHECK(now != march);  // the later batch changed that subject's decision

  CHECK(bidding(*a->registry_at_batch(day1.batch), "2025-03-15").to_json() == march);
  CHECK(bidding(*a->registry_known_at(clock.at(3600)), "2025-03-15").to_json() == march);
  CHECK(bidding(*a->registry_known_at(clock.at(86400)), "2025-03-15").to_json() == now);
  CHECK(a->registry_known_at(clock.at(-1))->record_count() == 0);  // before anything was known
  CHECK_THROWS_AS(a->registry_at_batch(3), NotFoundError);

  // reopening: the same
  a.reset();
  auto b = Archive::open(dir.str() + "/a.db", nullptr, clock.fn());
  CHECK(bidding(*b->registry_at_batch(1), "2025-03-15").to_json() == march);
  CHECK(bidding(*b->registry(), "2025-03-15").to_json() == now);
}

TEST_CASE("archive: recorded_at never goes back (a clock set back cannot back-date)") {
  TempDir dir("archive_clock", true);
  TestClock clock;
  clock.seconds->store(1000);
  auto a = Archive::open(dir.str() + "/a.db", nullptr, clock.fn());
  const ImportResult r1 = a->import_dir(kData + "/precheck", "x");
  clock.seconds->store(0);
  const ImportResult r2 = a->import_dir(kData + "/precheck", "x");
  CHECK(r2.recorded_at >= r1.recorded_at);
}

TEST_CASE("archive: opening what is not an archive") {
  TempDir dir("archive_open", true);
  // not SQLite
  const std::string text = dir.file("notes.db", "these are not the droids\n");
  CHECK_THROWS_AS(Archive::open(text), IoError);
  // SQLite, but not an ecredit archive
  const std::string other = dir.str() + "/other.db";
  raw_sql(other, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
  try {
    Archive::open(other);
    FAIL("opened a foreign SQLite file");
  } catch (const IoError& e) {
    CHECK(std::string(e.what()).find("not an ecredit archive") != std::string::npos);
    CHECK(e.path() == other);
  }
  // a folder that does not exist
  CHECK_THROWS_AS(Archive::open(dir.str() + "/no/such/dir/a.db"), IoError);
  // a newer schema
  const std::string newer = dir.str() + "/newer.db";
  Archive::open(newer).reset();
  raw_sql(newer, "PRAGMA user_version = 99;");
  try {
    Archive::open(newer);
    FAIL("opened a newer schema");
  } catch (const InvalidInputError& e) {
    CHECK(std::string(e.what()).find("schema version 99") != std::string::npos);
  }
}

TEST_CASE("archive: check() passes, and reports a tampered file") {
  TempDir dir("archive_check", true);
  const std::string path = dir.str() + "/a.db";
  auto a = Archive::open(path);
  a->import_dir(kData + "/precheck", "x");
  const Archive::CheckResult ok = a->check();
  CHECK(ok.ok);
  CHECK(ok.problems.empty());
  CHECK(ok.batches == 1);
  CHECK(ok.versions == ok.entities);
  CHECK(ok.versions > 0);
  a.reset();
  raw_sql(path, "DELETE FROM version WHERE entity = (SELECT entity FROM version ORDER BY entity LIMIT 1);");
  auto b = Archive::open(path);
  const Archive::CheckResult bad = b->check();
  CHECK_FALSE(bad.ok);
  REQUIRE_FALSE(bad.problems.empty());
  bool counted = false;
  for (const auto& p : bad.problems) counted = counted || p.find("versions stored") != std::string::npos;
  CHECK(counted);
}

TEST_CASE("archive: concurrent readers take snapshots and grade while a writer imports") {
  TempDir dir("archive_concurrent", true);
  auto a = Archive::open(dir.str() + "/a.db");
  a->import_dir(kData + "/precheck", "x");
  const std::string bl = read_text(kData + "/precheck/black_list.csv");
  TempDir del("archive_concurrent_del", true), add("archive_concurrent_add", true);
  del.file("black_list.csv", with_op(header_and_row(bl, 0), "op", {"D"}));
  add.file("black_list.csv", header_and_row(bl, 0));
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, errors{0};
  auto reader = [&] {
    const auto engine = Engine::default_engine();
    while (!done.load()) {
      try {
        const auto snap = a->registry();
        const Decision d = bidding(*snap, "2025-06-30");
        const Grade g = grade(*engine, *snap, kPower, parse_iso_date("2025-06-30"));
        if (d.to_json().empty() || g.uscc != kPower) ++errors;
        ++reads;
      } catch (const std::exception&) {
        ++errors;
      }
    }
  };
  std::thread r1(reader), r2(reader);
  for (int i = 0; i < 6; ++i) a->import_dir(i % 2 == 0 ? del.str() : add.str(), "w");
  while (reads.load() < 4) std::this_thread::yield();
  done = true;
  r1.join();
  r2.join();
  CHECK(errors.load() == 0);
  CHECK(a->last_batch() == 7);
  CHECK(a->check().ok);
}

TEST_CASE("archive: the next snapshot after a small import applies the changes; it equals a full build") {
  TempDir dir("archive_incremental", true);
  TestClock clock;
  auto a = Archive::open(dir.str() + "/a.db", nullptr, clock.fn());
  a->import_dir(kData + "/precheck", "x");
  const auto first = a->registry();
  // day 2: a black-list entry withdrawn, the other changed, a new penalty for kPower
  const std::string bl = read_text(kData + "/precheck/black_list.csv");
  std::string two = header_and_row(bl, 1);
  two.replace(two.find("2024-03-01"), 10, "2026-03-01");
  TempDir day2("archive_incremental_day2", true);
  day2.file("black_list.csv", with_op(header_and_row(bl, 0), "op", {"D"}) +
                                  with_op(two, "op", {"U"}).substr(with_op(two, "op", {"U"}).find('\n') + 1));
  const std::string pen = read_text(kData + "/precheck/admin_penalty.csv");
  std::string row = header_and_row(pen, 0);
  const std::string header = row.substr(0, row.find('\n') + 1);
  std::string body = row.substr(row.find('\n') + 1);
  body.replace(body.find("穗发改能罚〔2026〕3号"), std::string("穗发改能罚〔2026〕3号").size(),
               "穗发改能罚〔2026〕99号");
  body.replace(body.find("91440111MA5H2K3L87"), 18, kPower);
  day2.file("admin_penalty.csv", header + body);
  clock.seconds->store(100);
  const ImportResult r2 = a->import_dir(day2.str(), "y");
  CHECK(r2.counts.at("black_list").withdrawn == 1);
  CHECK(r2.counts.at("black_list").updated == 1);
  CHECK(r2.counts.at("admin_penalty").inserted == 1);
  const auto next = a->registry();  // from `first` plus changes_since(1)
  const auto full = a->registry_at_batch(r2.batch);
  CHECK(next != first);
  CHECK(next->record_count() == full->record_count());
  CHECK(next->list_entries().size() == full->list_entries().size());
  CHECK(next->subjects().size() == full->subjects().size());
  const auto engine = Engine::default_engine();
  for (const char* day : {"2025-06-30", "2026-06-30"}) {
    CAPTURE(day);
    CHECK(bidding(*next, day).to_json() == bidding(*full, day).to_json());
    const auto gn = grade_all(*engine, *next, parse_iso_date(day), {}, 1, true);
    const auto gf = grade_all(*engine, *full, parse_iso_date(day), {}, 1, true);
    REQUIRE(gn.size() == gf.size());
    for (std::size_t i = 0; i < gn.size(); ++i) CHECK(gn[i].to_json() == gf[i].to_json());
  }
}

TEST_CASE(
    "archive: the contract documents (import-result, entity-history, journal-entry, archive-check, "
    "archive-checkpoint)") {
  TempDir dir("archive_json", true);
  TestClock clock;
  auto a = Archive::open(dir.str() + "/a.db", nullptr, clock.fn());
  const ImportResult r = a->import_dir(kData + "/precheck", "发改委", "2025-03-01");
  const auto j = nlohmann::json::parse(to_json(r, "en"));
  CHECK(j["batch"] == 1);
  CHECK(j["recorded_at"] == "2025-03-01T08:00:00.000000Z");
  CHECK(j["received_at"] == "2025-03-01");
  CHECK(j["counts"]["black_list"]["inserted"] == r.counts.at("black_list").inserted);
  CHECK(j["reports"]["black_list"]["dataset"] == "black_list");
  const auto e = nlohmann::json::parse(to_json(a->journal().at(0)));
  CHECK(e["kind"] == "import");
  CHECK(e["detail"]["counts"]["black_list"]["read"] == r.counts.at("black_list").read);
  // the subject's legal representative's ID is masked in its history
  const EntityHistory h = a->history(std::string("subject:") + kPower);
  REQUIRE(h.versions.size() == 1);
  const std::string rep = h.versions[0].values.at("legal_rep_id");
  const auto hj = nlohmann::json::parse(to_json(h));
  CHECK(hj["versions"][0]["op"] == "inserted");
  CHECK(hj["versions"][0]["values"]["legal_rep_id"] == mask_id(rep));
  CHECK(hj["versions"][0]["values"]["legal_rep_id"] != rep);
  const auto cj = nlohmann::json::parse(to_json(a->check()));
  CHECK(cj["ok"] == true);
  CHECK(cj["batches"] == 1);
  const auto kj = nlohmann::json::parse(to_json(a->checkpoint()));
  CHECK(kj["seq"] == 1);
  CHECK(kj["records"] == a->registry()->record_count());
  CHECK(kj["parts"] == 2);
  CHECK(kj.size() == 5);  // seq, subjects, records, parts, bytes (schemas/archive-checkpoint.schema.json)
}

TEST_CASE("archive: lifecycle marks written through the internal API reach the snapshots") {
  TempDir dir("archive_marks", true);
  const std::string path = dir.str() + "/a.db";
  TestClock clock;
  auto a = Archive::open(path, nullptr, clock.fn());
  a->import_dir(kData + "/precheck", "x");
  const auto before = a->registry();  // cached at batch 1
  const std::string penalty = "admin_penalty:穗发改能罚〔2026〕3号";
  const std::string listing = before->lists_of(kPower).at(0)->id;
  // another connection (as the events code, or another process, writes)
  {
    Archive::Impl impl(path, Engine::default_engine(), clock.fn());
    impl.write([&](archive::WriteTx& tx) {
      const std::int64_t seq =
          impl.append_event(tx, "objection_filed", penalty, "2025-03-04", "甲", "有误", "", "{}");
      impl.write_mark(tx, seq, penalty, "objection", "pending", std::nullopt);
    });
    impl.write([&](archive::WriteTx& tx) {
      const std::int64_t seq =
          impl.append_event(tx, "repair_applied", listing, "2025-03-05", "乙", "", "", "{}");
      impl.write_mark(tx, seq, listing, "repair", "applied", parse_iso_date("2025-03-05"));
    });
    // a write that journals nothing is refused, and leaves nothing
    CHECK_THROWS_AS(impl.write([&](archive::WriteTx& tx) {
      impl.write_mark(tx, 2, penalty, "objection", "", std::nullopt);
    }),
                    Error);
  }
  CHECK(a->last_batch() == 3);
  const auto changes = a->changes_since(1);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].op == Change::Op::objection);
  CHECK(changes[0].state == "pending");
  CHECK(changes[1].op == Change::Op::repair);
  auto record_of = [&](const Registry& reg, const std::string& id) {
    for (std::size_t i = 0; i < reg.record_count(); ++i)
      if (reg.record(i).id == id) return reg.record(i);
    FAIL("no record " << id);
    return Record{};
  };
  const auto now = a->registry();  // incremental: `before` + the two marks
  const auto full = a->registry_at_batch(3);
  for (const auto* reg : {now.get(), full.get()}) {
    CHECK(record_of(*reg, penalty).under_objection);
    CHECK_FALSE(record_of(*reg, penalty).objection_accepted);
    CHECK(reg->lists_of(kPower).at(0)->removed_on == parse_iso_date("2025-03-05"));
  }
  CHECK_FALSE(record_of(*a->registry_at_batch(1), penalty).under_objection);
  CHECK_FALSE(a->registry_at_batch(2)->lists_of(kPower).at(0)->removed_on.has_value());
  CHECK(bidding(*now, "2025-06-30").to_json() == bidding(*full, "2025-06-30").to_json());

  // a new version of the record keeps its objection (marks belong to the entity)
  std::string pen = read_text(kData + "/precheck/admin_penalty.csv");
  pen.replace(pen.find("罚款五万元"), std::string("罚款五万元").size(), "罚款六万元");
  TempDir upd("archive_marks_upd", true);
  upd.file("admin_penalty.csv", pen);
  CHECK(a->import_dir(upd.str(), "y").counts.at("admin_penalty").updated == 1);
  CHECK(record_of(*a->registry(), penalty).under_objection);
  CHECK(record_of(*a->registry_at_batch(4), penalty).under_objection);
  CHECK(a->check().ok);
}

TEST_CASE("parse_iso_time: the forms a host writes, each offset applied, nonsense refused") {
  using std::chrono::hours;
  using std::chrono::microseconds;
  using std::chrono::minutes;
  const TimePoint midnight(parse_iso_date("2025-03-01"));
  CHECK(parse_iso_time("2025-03-01") == midnight);
  CHECK(parse_iso_time("2025-03-01T08:30") == midnight + hours(8) + minutes(30));
  CHECK(parse_iso_time("2025-03-01 08:30:15") ==
        midnight + hours(8) + minutes(30) + std::chrono::seconds(15));
  CHECK(parse_iso_time("2025-03-01T08:30:00Z") == midnight + hours(8) + minutes(30));
  CHECK(parse_iso_time("2025-03-01T08:30:00+08:00") == midnight + minutes(30));
  CHECK(parse_iso_time("2025-03-01T08:30+0800") == midnight + minutes(30));
  CHECK(parse_iso_time("2025-03-01T00:00:00-01:30") == midnight + hours(1) + minutes(30));
  CHECK(parse_iso_time("2025-03-01T00:00:00.25Z") == midnight + microseconds(250000));
  CHECK(parse_iso_time("2025-03-01T00:00:00.1234567Z") == midnight + microseconds(123456));
  for (const char* bad :
       {"", "2025-3-1", "2025-02-30", "2025-03-01T", "2025-03-01T8:30", "2025-03-01T24:00",
        "2025-03-01T08:60", "2025-03-01T08:30:61", "2025-03-01T08:30:00.Z", "2025-03-01T08:30Zx",
        "2025-03-01T08:30+8", "2025-03-01T08:30+08:00x", "2025-03-01x08:30", "yesterday"})
    CHECK_THROWS_AS(parse_iso_time(bad), InvalidInputError);
  // known_at: a date alone is the end of that day ("as the archive knew it that day")
  CHECK(end_of_day(parse_iso_date("2025-03-01")) == midnight + hours(24) - microseconds(1));
  CHECK(parse_known_at("2025-03-01") == end_of_day(parse_iso_date("2025-03-01")));
  CHECK(parse_known_at("2025-03-01T08:30:00+08:00") == midnight + minutes(30));
  CHECK_THROWS_AS(parse_known_at("2025-02-30"), InvalidInputError);
  CHECK_THROWS_AS(parse_known_at("yesterday"), InvalidInputError);
}

TEST_CASE("ValueCodec: the stored values are nlohmann's text byte for byte, and read back as written") {
  const auto engine = Engine::default_engine();
  const Dataset& ds = *engine->catalog().find("admin_penalty");
  const archive::ValueCodec codec(ds);
  const auto reference = [&](const std::vector<std::string>& values) {
    nlohmann::json o = nlohmann::json::object();
    for (std::size_t i = 0; i < values.size(); ++i) o[ds.fields[i].name] = values[i];
    return o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           "0",
                                           " ",
                                           "\"",
                                           "\\",
                                           "/",
                                           "\n",
                                           "\r",
                                           "\t",
                                           "\b",
                                           "\f",
                                           std::string(1, '\0'),
                                           "\x01",
                                           "\x1f",
                                           "\x7f",
                                           "行政处罚",
                                           "罚款五万元",
                                           "\xF0\x9F\x98\x80",
                                           "\xC2\xA9",
                                           "\xEF\xBF\xBD"};
  const std::vector<std::string> invalid = {"\xff", "\xC0\xAF", "\xED\xA0\x80", "\xE4\xB8",
                                            "\xF4\x90\x80\x80"};
  std::mt19937 rng(20261202);
  std::size_t fallbacks = 0;
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> values(ds.fields.size());
    bool utf8 = true;
    for (auto& v : values) {
      const int n = static_cast<int>(rng() % 6);
      for (int k = 0; k < n; ++k) v += pieces[rng() % pieces.size()];
      if (rng() % 50 == 0) {
        v += invalid[rng() % invalid.size()];
        utf8 = false;
      }
    }
    const std::string text = codec.encode(values);
    REQUIRE(text == reference(values));
    std::vector<std::string> back;
    codec.decode(text, back);
    if (utf8) {
      CHECK(back == values);
    } else {
      ++fallbacks;  // invalid bytes became U+FFFD, as nlohmann writes them
      CHECK(back.size() == values.size());
    }
  }
  CHECK(fallbacks > 0);

  // text the fast reader does not expect: whitespace, \u escapes, keys out of order, a key
  // the catalog does not have, a missing field
  const std::string first = ds.fields[0].name, second = ds.fields[1].name;
  std::vector<std::string> out;
  codec.decode(
      "{ \"zz_gone\": \"x\", \"" + second + "\" : \"\\u884c\\ud83d\\ude00\", \"" + first + "\":\"1\" }", out);
  CHECK(out.at(0) == "1");
  CHECK(out.at(1) == "行\xF0\x9F\x98\x80");
  CHECK(out.at(2).empty());
  for (const std::string& bad : {std::string(), std::string("[]"), "{\"" + first + "\":1}",
                                 std::string("{\"a\":\"x\""), std::string("nonsense")})
    CHECK_THROWS_AS(codec.decode(bad, out), InvalidInputError);
  CHECK_THROWS_AS(codec.encode({"too", "few"}), InvalidInputError);
}

TEST_CASE(
    "archive: a schema-1 file (written by the schema-1 library) migrates to the current schema and keeps its "
    "state") {
  // tests/data/archive/v1.db: `ecredit archive` of schema 1 — import of tests/data/precheck
  // (2025-03-01), the penalty re-sent with 罚款六万元 (2025-03-02), an objection to it filed
  TempDir dir("archive_v1", true);
  const std::string path = dir.str() + "/v1.db";
  std::filesystem::copy_file(kData + "/archive/v1.db", path);
  const std::string penalty = "admin_penalty:穗发改能罚〔2026〕3号";
  auto a = Archive::open(path);
  CHECK(a->schema_version() == 3);
  const Archive::CheckResult ok = a->check();
  CHECK_MESSAGE(ok.ok, (ok.problems.empty() ? std::string() : ok.problems.front()));
  CHECK(ok.entities == 13);
  CHECK(ok.versions == 14);
  CHECK(ok.batches == 2);
  const EntityHistory h = a->history(penalty);
  CHECK(h.dataset == "admin_penalty");
  CHECK(h.key == "穗发改能罚〔2026〕3号");
  REQUIRE(h.versions.size() == 2);
  CHECK(h.versions[0].op == "inserted");
  CHECK(h.versions[1].op == "updated");
  CHECK(h.versions[1].values.at("penalty_content") == "罚款六万元");
  REQUIRE(a->objections("pending").size() == 1);

  // the same story told to a new archive gives the same decisions
  TempDir fresh_dir("archive_v1_fresh", true);
  auto fresh = Archive::open(fresh_dir.str() + "/a.db");
  fresh->import_dir(kData + "/precheck", "发改委", "2025-03-01");
  std::string pen = read_text(kData + "/precheck/admin_penalty.csv");
  pen.replace(pen.find("罚款五万元"), std::string("罚款五万元").size(), "罚款六万元");
  std::filesystem::create_directories(fresh_dir.path / "day2");
  fresh_dir.file("day2/admin_penalty.csv", pen);
  fresh->import_dir(fresh_dir.str() + "/day2", "发改委", "2025-03-02");
  fresh->file_objection(penalty, parse_iso_date("2025-03-04"), "金额有误", "广州某售电有限公司");
  CHECK(bidding(*a->registry(), "2025-06-30").to_json() ==
        bidding(*fresh->registry(), "2025-06-30").to_json());
  CHECK(bidding(*a->registry_at_batch(1), "2025-06-30").to_json() ==
        bidding(*fresh->registry_at_batch(1), "2025-06-30").to_json());
  // re-sending the day-2 file to the migrated archive changes nothing (the stored form compares)
  CHECK(
      a->import_dir(fresh_dir.str() + "/day2", "发改委", "2025-03-03").counts.at("admin_penalty").unchanged ==
      1);
  CHECK(a->check().ok);
}

namespace {
// Everything a snapshot holds, in a fixed order (snapshots built different ways may
// order their entries differently): equal when the two snapshots hold the same.
std::vector<std::string> contents(const Registry& reg) {
  std::vector<std::string> out;
  auto attrs = [](const Attributes& a) {
    std::string s;
    for (const auto& [k, v] : a) s += k + "=" + v + ";";
    return s;
  };
  auto day = [](const std::optional<date::sys_days>& d) {
    return d ? format_iso_date(*d) : std::string("-");
  };
  for (const Subject& s : reg.subjects()) {
    std::string line = "S " + s.uscc + "|" + s.person_id + "|" + s.name + "|" + s.kind + "|" + s.district +
                       "|" + s.legal_rep_id + "|";
    for (const auto& d : s.domains) line += d + ",";
    for (const auto& p : s.responsible_ids) line += p + ",";
    out.push_back(line + "|" + attrs(s.attributes));
  }
  for (std::size_t i = 0; i < reg.record_count(); ++i) {
    const Record r = reg.record(i);
    out.push_back("R " + r.id + "|" + r.uscc + "|" + r.person_id + "|" + r.category + "|" + r.severity + "|" +
                  r.polarity + "|" + r.domain + "|" + format_iso_date(r.decision_date) + "|" +
                  day(r.expires_on) + "|" + day(r.repaired_on) + "|" + (r.under_objection ? "o" : "-") +
                  (r.objection_accepted ? "a" : "-") + "|" + attrs(r.attributes));
  }
  for (const ListEntry& e : reg.list_entries())
    out.push_back("L " + e.id + "|" + e.uscc + "|" + e.person_id + "|" + e.list + "|" + e.domain + "|" +
                  format_iso_date(e.included_on) + "|" + day(e.expires_on) + "|" + day(e.removed_on) + "|" +
                  attrs(e.attributes));
  for (const Commitment& c : reg.commitments())
    out.push_back("C " + c.id + "|" + c.uscc + "|" + c.person_id + "|" + c.type + "|" + c.status + "|" +
                  c.domain + "|" + day(c.date) + "|" + attrs(c.attributes));
  std::sort(out.begin(), out.end());
  return out;
}

void same_decisions(const Registry& a, const Registry& b) {
  CHECK(contents(a) == contents(b));
  const auto engine = Engine::default_engine();
  for (const char* d : {"2025-06-30", "2026-06-30"}) {
    CAPTURE(d);
    CHECK(bidding(a, d).to_json() == bidding(b, d).to_json());
    const auto ga = grade_all(*engine, a, parse_iso_date(d), {}, 1, true);
    const auto gb = grade_all(*engine, b, parse_iso_date(d), {}, 1, true);
    REQUIRE(ga.size() == gb.size());
    for (std::size_t i = 0; i < ga.size(); ++i) CHECK(ga[i].to_json() == gb[i].to_json());
  }
}
}  // namespace

TEST_CASE(
    "archive: a checkpoint gives the same snapshots as reading every version; a damaged one is not used") {
  TempDir dir("archive_checkpoint", true);
  const std::string path = dir.str() + "/a.db", plain = dir.str() + "/plain.db";
  TestClock clock;
  const std::string penalty = "admin_penalty:穗发改能罚〔2026〕3号";
  auto a = Archive::open(path, nullptr, clock.fn());
  // an archive with nothing in it yet: nothing to keep, and no error (found by fuzz_archive:
  // the checkpoint row's seq must name a journal entry)
  const Archive::CheckpointInfo none = a->checkpoint();
  CHECK(none.seq == 0);
  CHECK(none.parts == 0);
  CHECK(a->check().ok);
  a->import_dir(kData + "/precheck", "x", "2025-03-01");
  clock.seconds->store(10);
  const std::string objection = a->file_objection(penalty, parse_iso_date("2025-03-04"), "金额有误", "甲");
  CHECK(a->last_batch() == 2);
  const Archive::CheckpointInfo cp = a->checkpoint();
  CHECK(cp.seq == 2);
  CHECK(cp.records == a->registry()->record_count());
  CHECK(cp.subjects == a->registry()->subjects().size());
  CHECK(cp.parts == 2);  // part 0 and one part of pages
  CHECK(cp.bytes > 0);
  CHECK(a->last_batch() == 2);  // a checkpoint is no event
  CHECK(a->check().ok);

  // after it: a withdrawal, an update, a new penalty; the objection accepted; a repair
  const std::string bl = read_text(kData + "/precheck/black_list.csv");
  std::string two = header_and_row(bl, 1);
  two.replace(two.find("2024-03-01"), 10, "2026-03-01");
  TempDir day2("archive_checkpoint_day2", true);
  day2.file("black_list.csv", with_op(header_and_row(bl, 0), "op", {"D"}) +
                                  with_op(two, "op", {"U"}).substr(with_op(two, "op", {"U"}).find('\n') + 1));
  const std::string pen = read_text(kData + "/precheck/admin_penalty.csv");
  std::string row = header_and_row(pen, 0);
  const std::string header = row.substr(0, row.find('\n') + 1);
  std::string body = row.substr(row.find('\n') + 1);
  body.replace(body.find("穗发改能罚〔2026〕3号"), std::string("穗发改能罚〔2026〕3号").size(),
               "穗发改能罚〔2026〕99号");
  body.replace(body.find("91440111MA5H2K3L87"), 18, kPower);
  day2.file("admin_penalty.csv", header + body);
  clock.seconds->store(100);
  a->import_dir(day2.str(), "y", "2025-03-06");
  a->advance_objection(objection, "accept", parse_iso_date("2025-03-07"));
  a->apply_repair("admin_penalty:穗发改能罚〔2026〕99号", parse_iso_date("2025-03-08"));
  const std::int64_t last = a->last_batch();
  CHECK(last == 5);

  // the same file without its checkpoint builds every snapshot from the versions
  a.reset();
  std::filesystem::copy_file(path, plain);
  for (const char* wal : {"-wal", "-shm"})
    if (std::filesystem::exists(path + wal)) std::filesystem::copy_file(path + wal, plain + wal);
  raw_sql(plain, "DELETE FROM checkpoint_part; DELETE FROM checkpoint;");
  auto with = Archive::open(path, nullptr, clock.fn());
  auto without = Archive::open(plain, nullptr, clock.fn());
  for (std::int64_t seq = 0; seq <= last; ++seq) {
    CAPTURE(seq);  // before the checkpoint: a full build either way; from it: checkpoint + changes
    same_decisions(*with->registry_at_batch(seq), *without->registry_at_batch(seq));
  }
  // how a snapshot of `path` at `seq` is built (the archive's own trace of it)
  auto built = [&](const std::string& file, std::int64_t seq) {
    Archive::Impl impl(file, Engine::default_engine(), clock.fn());
    impl.read([&](archive::Db& db) { return impl.build_snapshot(db, seq); });
    return impl.last_build;
  };
  CHECK(built(path, 1).checkpoint_seq == -1);
  CHECK(built(path, 2).checkpoint_seq == 2);
  CHECK(built(path, 2).changes == 0);
  CHECK(built(path, last).checkpoint_seq == 2);
  CHECK(built(path, last).changes >= 4);  // withdrawal, update, insert, objection step, repair
  CHECK(built(plain, last).checkpoint_seq == -1);
  same_decisions(*with->registry(), *without->registry());
  same_decisions(*with->registry_known_at(clock.at(50)), *without->registry_known_at(clock.at(50)));
  CHECK(with->check().ok);

  // a second checkpoint replaces the first
  const Archive::CheckpointInfo cp2 = with->checkpoint();
  CHECK(cp2.seq == last);
  same_decisions(*with->registry_at_batch(3), *without->registry_at_batch(3));  // before it: a full build
  with.reset();
  {
    auto again = Archive::open(path, nullptr, clock.fn());
    same_decisions(*again->registry(), *without->registry());
  }

  // damage: one byte of the pages changed, then part 1 cut short
  raw_sql(path,
          "UPDATE checkpoint_part SET data = substr(data, 1, 40) || "
          "CAST(x'7a' AS BLOB) || substr(data, 42) WHERE part = 1");
  {
    auto damaged = Archive::open(path, nullptr, clock.fn());
    same_decisions(*damaged->registry(), *without->registry());  // built without it
    CHECK(built(path, last).checkpoint_seq == -1);
    const Archive::CheckResult r = damaged->check();
    CHECK_FALSE(r.ok);
    REQUIRE_FALSE(r.problems.empty());
    CHECK(r.problems.back().find("is damaged") != std::string::npos);
    CHECK(r.problems.back().find("does not match its check") != std::string::npos);
  }
  raw_sql(path, "DELETE FROM checkpoint_part WHERE part = 1");
  {
    auto damaged = Archive::open(path, nullptr, clock.fn());
    same_decisions(*damaged->registry(), *without->registry());
    const Archive::CheckResult r = damaged->check();
    CHECK_FALSE(r.ok);
    REQUIRE_FALSE(r.problems.empty());
    CHECK(r.problems.back().find("parts of 2") != std::string::npos);
  }
}

TEST_CASE("registry image: every truncation and every flipped byte of an image is refused, never a crash") {
  auto reg = Registry::from_dir(*Engine::default_engine(), kData + "/precheck");
  std::vector<std::string> parts;
  Registry::Impl::save_image(*reg, 1, [&](std::string&& b) { parts.push_back(std::move(b)); });
  REQUIRE(parts.size() >= 2);
  auto load = [&](const std::vector<std::string>& ps) {
    Registry::Impl::ImageLoader l(ps.at(0));
    for (std::size_t i = 1; i < ps.size(); ++i) l.add_pages(ps[i]);
    return l.finish();
  };
  CHECK(contents(*load(parts)) == contents(*reg));
  std::size_t tries = 0;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    for (std::size_t cut = 0; cut < parts[p].size(); cut += 7) {
      std::vector<std::string> bad = parts;
      bad[p].resize(cut);
      ++tries;
      CHECK_THROWS_AS(load(bad), InvalidInputError);
    }
    for (std::size_t at = 0; at < parts[p].size(); at += 5) {
      std::vector<std::string> bad = parts;
      bad[p][at] = static_cast<char>(bad[p][at] ^ 0x20);
      ++tries;
      CHECK_THROWS_AS(load(bad), InvalidInputError);
    }
  }
  CHECK(tries > 100);  // the loops above ran over the bytes
  // a missing page part
  std::vector<std::string> missing(parts.begin(), parts.end() - 1);
  CHECK_THROWS_WITH_AS(load(missing), doctest::Contains("is missing"), InvalidInputError);
}
