// Registry::apply_changes: change events (upsert / withdraw by entity id, objection and
// repair marks) against a fresh build of the changed data (docs/archive.md "Without SQLite").
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ecredit/ecredit.hpp"
#include "ecredit/json.hpp"
#include "ecredit/registry.hpp"
#include "ecredit/sample.hpp"
#include "registry_access.hpp"  // pages and the registry image
#include "test_util.hpp"

using namespace ecredit;
using test_util::TempDir;
namespace fs = std::filesystem;

namespace {

date::sys_days day(const char* s) { return parse_iso_date(s); }

// One accepted row of a dataset file, as the validator normalised it.
struct Row {
  const Dataset* ds;
  std::vector<std::string> values;
  std::string key;  // its entity id
};

std::string key_of(const Dataset& ds, const std::vector<std::string>& v) {
  std::string k = ds.id + ":";
  for (std::size_t n = 0; n < ds.primary_key_index.size(); ++n)
    k += (n ? "|" : "") + v[ds.primary_key_index[n]];
  return k;
}

// The accepted rows of every dataset file in `dir`, in the order from_dir reads them.
std::vector<Row> rows_of(const Engine& engine, const std::string& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".csv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Row> rows;
  for (const fs::path& p : files) {
    const Dataset* ds = engine.catalog().find(p.stem().string());
    REQUIRE(ds != nullptr);
    ValidateOptions o;
    o.on_accepted = [&](std::size_t, const std::vector<std::string>& v) {
      rows.push_back({ds, v, key_of(*ds, v)});
    };
    validate_file(engine, ds->id, p.string(), o);
  }
  return rows;
}

std::shared_ptr<const Registry> build(const Engine& engine, const std::vector<Row>& rows) {
  Registry::Builder b(engine);
  for (std::size_t i = 0; i < rows.size(); ++i) b.add_row(*rows[i].ds, i, rows[i].values);
  return b.build();
}

// Every subject graded with its trace, as JSON, in USCC order.
std::vector<std::string> graded(const Engine& engine, const Registry& reg, date::sys_days as_of) {
  std::vector<std::string> out;
  for (const Grade& g : grade_all(engine, reg, as_of, "", 1, true)) out.push_back(to_json(g));
  return out;
}

Change upsert(const Row& r) {
  Change c;
  c.op = Change::Op::upsert;
  c.dataset = r.ds->id;
  c.values = r.values;
  return c;
}
Change withdraw(const std::string& id) {
  Change c;
  c.op = Change::Op::withdraw;
  c.id = id;
  return c;
}

// Two records with the same fields.
bool same_record(const Record& a, const Record& b) {
  return a.id == b.id && a.uscc == b.uscc && a.person_id == b.person_id && a.category == b.category &&
         a.severity == b.severity && a.polarity == b.polarity && a.domain == b.domain &&
         a.decision_date == b.decision_date && a.expires_on == b.expires_on &&
         a.repaired_on == b.repaired_on && a.under_objection == b.under_objection &&
         a.objection_accepted == b.objection_accepted && a.attributes == b.attributes;
}

std::set<std::string> record_ids(const Registry& reg) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < reg.record_count(); ++i) ids.insert(reg.record(i).id);
  return ids;
}

struct Sample {
  std::shared_ptr<const Engine> engine = Engine::default_engine();
  TempDir dir{"changes_sample"};
  std::vector<Row> rows;
  Sample() {
    SampleOptions o;
    o.subjects = 1000;
    o.unfiled_per_mille = 60;  // records of subjects without a file too
    o.bad_rows = false;
    write_sample(dir.str(), o);
    rows = rows_of(*engine, dir.str());
    for (const char* id : {"subject", "practitioner", "admin_penalty", "black_list", "commitment"})
      REQUIRE(nth(id) < rows.size());
  }
  // the index of the n-th row of dataset `id` (n counts from 0), or rows.size()
  std::size_t nth(const std::string& id, std::size_t n = 0,
                  bool (*pick)(const Engine&, const Row&) = nullptr) const {
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows[i].ds->id == id && (pick == nullptr || pick(*engine, rows[i])) && n-- == 0) return i;
    return rows.size();
  }
};

const std::string& field(const Row& r, const char* name) {
  return r.values[static_cast<std::size_t>(r.ds->field_index(name))];
}

// A fresh registry of the sample, graded: the starting point of a test.
struct Start {
  Sample s;
  const Engine& engine = *s.engine;
  const date::sys_days as_of = day("2025-06-30");
  std::shared_ptr<const Registry> reg = build(engine, s.rows);
  std::vector<std::string> before = graded(engine, *reg, as_of);
  std::vector<Row> changed = s.rows;  // the data as the changes leave it (fresh build)
  std::vector<Change> changes;
  // `count` penalties (every `step`-th) made serious: replaced in place
  void make_serious(std::size_t count, std::size_t step) {
    for (std::size_t n = 0; n < count; ++n) {
      const std::size_t i = s.nth("admin_penalty", n * step);
      REQUIRE(i < s.rows.size());
      Row r = s.rows[i];
      r.values[static_cast<std::size_t>(r.ds->field_index("severity"))] = "serious";
      changed[i] = r;
      changes.push_back(upsert(r));
    }
  }
};

}  // namespace

TEST_CASE("changes: apply_changes equals a fresh build of the changed data; the old snapshot is unchanged") {
  Start st;
  const Sample& s = st.s;
  const Engine& engine = st.engine;
  const auto as_of = st.as_of;
  const auto& reg = st.reg;
  const auto& before = st.before;
  auto& changed = st.changed;
  auto& changes = st.changes;
  const std::size_t records_before = reg->record_count();
  std::vector<Row> added;
  st.make_serious(3, 7);
  // a new penalty for an existing subject (a new key: added after the existing records)
  {
    Row r = s.rows[s.nth("admin_penalty", 1)];
    r.values[static_cast<std::size_t>(r.ds->field_index("decision_no"))] += "-新";
    r.key = key_of(*r.ds, r.values);
    added.push_back(r);
    changes.push_back(upsert(r));
  }
  // withdrawals: a penalty, a subject row, a black-list entry, an unfulfilled commitment
  // (its breach record goes with it)
  std::vector<std::string> withdrawn;
  withdrawn.push_back(s.rows[s.nth("admin_penalty", 2)].key);
  withdrawn.push_back(s.rows[s.nth("subject", 5)].key);
  withdrawn.push_back(s.rows[s.nth("practitioner", 2)].key);  // "practitioner:<id_type>|<id_no>"
  const std::size_t black = s.nth("black_list");
  REQUIRE(black < s.rows.size());
  withdrawn.push_back(s.rows[black].key);
  const std::size_t broken = s.nth("commitment", 0, [](const Engine&, const Row& r) {
    return field(r, "fulfilment_status") == "unfulfilled" && !field(r, "committed_on").empty();
  });
  REQUIRE(broken < s.rows.size());
  withdrawn.push_back(s.rows[broken].key);
  REQUIRE(record_ids(*reg).count(s.rows[broken].key + ":breach") == 1);
  for (const std::string& id : withdrawn) {
    changes.push_back(withdraw(id));
    changed.erase(std::find_if(changed.begin(), changed.end(), [&](const Row& r) { return r.key == id; }));
  }
  changed.insert(changed.end(), added.begin(), added.end());

  const auto next = reg->apply_changes(engine, changes);
  const auto fresh = build(engine, changed);
  CHECK(next->record_count() == fresh->record_count());
  CHECK(next->subjects().size() == fresh->subjects().size());
  CHECK(next->list_entries().size() == fresh->list_entries().size());
  CHECK(next->commitments().size() == fresh->commitments().size());
  CHECK(next->usccs() == fresh->usccs());
  CHECK(record_ids(*next) == record_ids(*fresh));
  CHECK(record_ids(*next).count(s.rows[broken].key + ":breach") == 0);
  const auto a = graded(engine, *next, as_of), b = graded(engine, *fresh, as_of);
  REQUIRE(a.size() == b.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) differ += a[i] != b[i];
  CHECK(differ == 0);
  CHECK(a != before);  // the changes changed some grades
  const auto ca = next->coverage(), cb = fresh->coverage();
  REQUIRE(ca.size() == cb.size());
  for (const auto& [domain, c] : ca) {
    CHECK(c.subjects == cb.at(domain).subjects);
    CHECK(c.with_file == cb.at(domain).with_file);
  }
  // the old snapshot is unchanged
  CHECK(reg->record_count() == records_before);
  CHECK(graded(engine, *reg, as_of) == before);
  CHECK(record_ids(*reg).count(withdrawn[0]) == 1);
}

TEST_CASE("changes: objection and repair marks; apply_repair is one repair change") {
  Sample s;
  const Engine& engine = *s.engine;
  const auto reg = build(engine, s.rows);
  const std::string id = s.rows[s.nth("admin_penalty", 3)].key;
  auto find = [&](const Registry& r) {
    for (std::size_t i = 0; i < r.record_count(); ++i)
      if (r.record(i).id == id) return r.record(i);
    FAIL("record not found");
    return Record{};
  };
  Change pending;
  pending.op = Change::Op::objection;
  pending.id = id;
  pending.state = "pending";
  const auto p = reg->apply_changes(engine, {pending});
  CHECK(find(*p).under_objection);
  CHECK_FALSE(find(*p).objection_accepted);
  CHECK_FALSE(find(*reg).under_objection);
  Change accepted = pending;
  accepted.state = "accepted";
  const auto acc = p->apply_changes(engine, {accepted});
  CHECK(find(*acc).under_objection);
  CHECK(find(*acc).objection_accepted);
  Change cleared = pending;
  cleared.state = "";
  CHECK_FALSE(acc->apply_changes(engine, {cleared}) == nullptr);
  CHECK_FALSE(find(*acc->apply_changes(engine, {cleared})).under_objection);

  Change repair;
  repair.op = Change::Op::repair;
  repair.id = id;
  repair.on = day("2025-01-02");
  const auto r1 = reg->apply_changes(engine, {repair});
  const auto r2 = reg->apply_repair(id, day("2025-01-02"));
  CHECK(find(*r1).repaired_on == day("2025-01-02"));
  CHECK(find(*r2).repaired_on == day("2025-01-02"));
  CHECK_FALSE(find(*reg).repaired_on.has_value());
  // a list entry's repair counts as its removal
  const std::string black = s.rows[s.nth("black_list")].key;
  repair.id = black;
  const auto r3 = reg->apply_changes(engine, {repair});
  for (const ListEntry& e : r3->list_entries())
    if (e.id == black) CHECK(e.removed_on == day("2025-01-02"));

  // changes apply in order: an upsert then a mark on the new version
  Row row = s.rows[s.nth("admin_penalty", 3)];
  row.values[static_cast<std::size_t>(row.ds->field_index("severity"))] = "serious";
  const auto both = reg->apply_changes(engine, {upsert(row), pending});
  CHECK(find(*both).severity == "serious");
  CHECK(find(*both).under_objection);
  CHECK(both->record_count() == reg->record_count());
}

TEST_CASE("changes: errors name the change and the entity") {
  Sample s;
  const Engine& engine = *s.engine;
  const auto reg = build(engine, s.rows);
  CHECK_THROWS_WITH_AS(reg->apply_changes(engine, {withdraw("admin_penalty:no-such")}),
                       doctest::Contains("admin_penalty:no-such"), NotFoundError);
  Change mark;
  mark.op = Change::Op::objection;
  mark.id = "admin_penalty:no-such";
  mark.state = "pending";
  CHECK_THROWS_AS(reg->apply_changes(engine, {mark}), NotFoundError);
  mark.id = s.rows[s.nth("admin_penalty")].key;
  mark.state = "maybe";
  CHECK_THROWS_WITH_AS(reg->apply_changes(engine, {mark}), doctest::Contains("maybe"), InvalidInputError);
  mark.id = s.rows[s.nth("black_list")].key;  // a list entry has no objection mark
  mark.state = "pending";
  CHECK_THROWS_AS(reg->apply_changes(engine, {mark}), NotFoundError);
  CHECK_THROWS_AS(reg->apply_repair("no-such-record", day("2024-05-01")), NotFoundError);
  // withdrawing twice: the second finds nothing
  const std::string id = s.rows[s.nth("admin_penalty")].key;
  CHECK_THROWS_AS(reg->apply_changes(engine, {withdraw(id), withdraw(id)}), NotFoundError);
  // upserts: unknown dataset, wrong number of values, a value the builder refuses
  Row r = s.rows[s.nth("admin_penalty")];
  Change c = upsert(r);
  c.dataset = "no_such_dataset";
  CHECK_THROWS_WITH_AS(reg->apply_changes(engine, {c}), doctest::Contains("no_such_dataset"),
                       InvalidInputError);
  c = upsert(r);
  c.values.pop_back();
  CHECK_THROWS_WITH_AS(reg->apply_changes(engine, {c}), doctest::Contains("values"), InvalidInputError);
  c = upsert(r);
  c.values[static_cast<std::size_t>(r.ds->field_index("severity"))] = "apocalyptic";
  CHECK_THROWS_WITH_AS(reg->apply_changes(engine, {c}), doctest::Contains("apocalyptic"), InvalidInputError);
  c = upsert(r);
  c.id = "admin_penalty:another-key";  // the id must be the row's key
  CHECK_THROWS_AS(reg->apply_changes(engine, {c}), InvalidInputError);
  // a new subject row with the USCC of an existing one would be a second file
  Row sub = s.rows[s.nth("subject")];
  Change dup = upsert(sub);
  dup.dataset = "subject";
  CHECK_NOTHROW(reg->apply_changes(engine, {dup}));  // same key: replaced, not duplicated
  CHECK(reg->apply_changes(engine, {dup})->subjects().size() == reg->subjects().size());
  // after an error the snapshot is unchanged
  CHECK(reg->record_count() == build(engine, s.rows)->record_count());
}

TEST_CASE("changes: updated records and marks share the unchanged parts of the snapshot") {
  Start st;
  const Sample& s = st.s;
  const Engine& engine = st.engine;
  const auto as_of = st.as_of;
  const auto& reg = st.reg;
  const auto& before = st.before;
  auto& changed = st.changed;
  auto& changes = st.changes;
  st.make_serious(6, 5);
  const auto next = reg->apply_changes(engine, changes);
  // subjects, list entries and the indexes are the old snapshot's own (shared, not copied)
  CHECK(&next->subjects() == &reg->subjects());
  CHECK(&next->list_entries() == &reg->list_entries());
  const auto fresh = build(engine, changed);
  CHECK(graded(engine, *next, as_of) == graded(engine, *fresh, as_of));
  CHECK(graded(engine, *next, as_of) != before);
  CHECK(graded(engine, *reg, as_of) == before);  // the old snapshot's pages are unchanged
  for (std::size_t i = 0; i < fresh->record_count(); ++i)
    CHECK(same_record(next->record(i), fresh->record(i)));

  // a mark on top, then a second update of the same record: still shared, and in order
  Change mark;
  mark.op = Change::Op::objection;
  mark.id = s.rows[s.nth("admin_penalty", 0)].key;
  mark.state = "accepted";
  const auto marked = next->apply_changes(engine, {mark});
  CHECK(&marked->subjects() == &reg->subjects());
  std::size_t flagged = 0;
  for (std::size_t i = 0; i < marked->record_count(); ++i) flagged += marked->record(i).objection_accepted;
  CHECK(flagged == 1);
  for (std::size_t i = 0; i < next->record_count(); ++i) CHECK_FALSE(next->record(i).under_objection);

  // a withdrawal or a new record is not in place: a snapshot of its own
  const auto other = next->apply_changes(engine, {withdraw(s.rows[s.nth("admin_penalty", 1)].key)});
  CHECK(&other->subjects() != &next->subjects());
  CHECK(other->record_count() + 1 == next->record_count());

  // records found by id (the record-id index): on a snapshot made in place (it shares
  // `next`'s index) and on one made anew (its indexes shifted by the withdrawal)
  const auto flagged_ids = [](const Registry& r) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < r.record_count(); ++i)
      if (r.record(i).under_objection) ids.push_back(r.record(i).id);
    return ids;
  };
  for (const auto& snap : {marked, other}) {
    for (int n : {2, 3}) {
      Change m;
      m.op = Change::Op::objection;
      m.id = s.rows[s.nth("admin_penalty", n)].key;
      m.state = "pending";
      const auto after = snap->apply_changes(engine, {m});
      std::vector<std::string> want = flagged_ids(*snap);
      want.push_back(m.id);
      std::sort(want.begin(), want.end());
      std::vector<std::string> got = flagged_ids(*after);
      std::sort(got.begin(), got.end());
      CHECK(got == want);
    }
    Change gone;
    gone.op = Change::Op::objection;
    gone.id = "admin_penalty:no such record";
    gone.state = "pending";
    CHECK_THROWS_AS(snap->apply_changes(engine, {gone}), NotFoundError);
  }
  // the withdrawn record is not found in the snapshot without it
  Change late;
  late.op = Change::Op::objection;
  late.id = s.rows[s.nth("admin_penalty", 1)].key;
  late.state = "pending";
  CHECK_THROWS_AS(other->apply_changes(engine, {late}), NotFoundError);
}

TEST_CASE("changes: a page changed in place shares the old page's text; its image loads the same") {
  Start st;
  const Sample& s = st.s;
  const Engine& engine = st.engine;
  const auto& reg = st.reg;
  // penalty 0's remarks changed (new attribute text), then a mark on penalty 1 of that copy
  Row r = s.rows[s.nth("admin_penalty", 0)];
  r.values[static_cast<std::size_t>(r.ds->field_index("remarks"))] = "备注已更正";
  const auto once = reg->apply_changes(engine, {upsert(r)});
  Change mark;
  mark.op = Change::Op::objection;
  mark.id = s.rows[s.nth("admin_penalty", 1)].key;
  mark.state = "accepted";
  const auto twice = once->apply_changes(engine, {mark});
  const auto index_of = [](const Registry& g, const std::string& id) {
    for (std::size_t i = 0; i < g.record_count(); ++i)
      if (g.record(i).id == id) return i;
    return SIZE_MAX;
  };
  const std::size_t i0 = index_of(*reg, r.key), i1 = index_of(*reg, mark.id);
  REQUIRE(i0 != SIZE_MAX);
  REQUIRE(i1 != SIZE_MAX);
  const std::size_t p0 = i0 >> Registry::Impl::kPageBits;
  const Registry::Impl::Page& base = *reg->impl().pages_[p0];
  const Registry::Impl::Page& copy = *once->impl().pages_[p0];
  REQUIRE(base.shared != nullptr);
  CHECK(base.pool.empty());                                  // a built page's text is all shared
  CHECK(copy.shared == base.shared);                         // the copy shares it, not copies it
  CHECK(copy.pool.find("备注已更正") != std::string::npos);  // only the new text is its own
  CHECK(copy.pool.size() < base.shared->size());
  REQUIRE((i1 >> Registry::Impl::kPageBits) == p0);  // the mark is on the same page
  const Registry::Impl::Page& copy2 = *twice->impl().pages_[p0];
  CHECK(&copy2 != &copy);  // a copy of the copy
  CHECK(copy2.shared == base.shared);
  CHECK(copy2.pool == copy.pool);  // a mark leaves the attributes as they are: no new text
  CHECK(once->record(i0).attributes.at("remarks") == "备注已更正");
  CHECK(reg->record(i0).attributes != once->record(i0).attributes);  // the old snapshot is unchanged
  CHECK(twice->record(i1).objection_accepted);
  CHECK_FALSE(once->record(i1).objection_accepted);
  const auto fresh = [&] {
    std::vector<Row> rows = s.rows;
    rows[s.nth("admin_penalty", 0)] = r;
    return build(engine, rows);
  }();
  for (std::size_t i = 0; i < fresh->record_count(); ++i) {
    CAPTURE(i);
    CHECK(same_record(once->record(i), fresh->record(i)));
  }
  // the image of `twice` holds each page's text as one string, and loads as `twice`
  std::vector<std::string> parts;
  Registry::Impl::save_image(*twice, 1, [&](std::string&& b) { parts.push_back(std::move(b)); });
  Registry::Impl::ImageLoader l(parts.at(0));
  for (std::size_t i = 1; i < parts.size(); ++i) l.add_pages(parts[i]);
  const auto loaded = l.finish();
  REQUIRE(loaded->record_count() == twice->record_count());
  for (std::size_t i = 0; i < loaded->record_count(); ++i) {
    CAPTURE(i);
    CHECK(same_record(loaded->record(i), twice->record(i)));
  }
  CHECK(loaded->impl().pages_[p0]->text_size() == twice->impl().pages_[p0]->text_size());
}
