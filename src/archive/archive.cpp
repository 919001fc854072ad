// Archive: opening, the clock, the internal write API (archive_impl.hpp) and the snapshots'
// cache. Import: import.cpp; snapshots: snapshot.cpp; reading and check(): query.cpp.
#include <date/date.h>

#include <nlohmann/json.hpp>

#include "archive/archive_impl.hpp"
#include "ecredit/error.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace archive {

std::string format_time(TimePoint t) {
  return date::format("%FT%TZ", date::floor<std::chrono::microseconds>(t));
}

TimePoint parse_time(std::string_view text) {
  // the archive's own form, as format_time writes it; read by parse_iso_time (iso_time.cpp)
  const bool form = text.size() >= 20 && text[10] == 'T' && text.back() == 'Z';
  try {
    if (form) return parse_iso_time(text);
  } catch (const InvalidInputError&) {
  }
  throw InvalidInputError("not an archive time (YYYY-MM-DDTHH:MM:SS.ffffffZ): '" + std::string(text) + "'");
}

std::string check_received_at(const std::string& received_at) {
  if (received_at.empty()) return received_at;
  try {
    parse_iso_time(received_at);
  } catch (const InvalidInputError& e) {
    throw InvalidInputError(std::string("received_at ") + e.what());
  }
  return received_at;
}

}  // namespace archive

Archive::Impl::Impl(const std::string& p, std::shared_ptr<const Engine> e, ArchiveClock c)
    : path(p), engine(std::move(e)), clock(std::move(c)) {
  if (!engine) engine = Engine::default_engine();
  if (!clock) clock = [] { return std::chrono::system_clock::now(); };
  wdb = archive::Db(path, true);
  archive::open_schema(wdb);
  // the writer's page cache: 64 MiB instead of SQLite's 2 MiB, so that an import's index
  // pages are not spilled to the WAL and rewritten (fill: 31-41 k -> 48 k rows/s,
  // docs/BENCHMARKS.md "Archive"); readers keep the default (a snapshot reads each page once)
  wdb.exec("PRAGMA cache_size = -65536");
  rdb = archive::Db(path, false);
  archive::configure(rdb);
  rdb.exec("PRAGMA busy_timeout = 10000");
}

std::string Archive::Impl::now(archive::Db& db) {
  std::string t = archive::format_time(clock());
  // recorded_at never goes back: a clock set back cannot back-date into the past the
  // archive has reported (known_at queries filter on it)
  archive::Stmt s(db, "SELECT max(recorded_at) FROM journal");
  if (s.step() && !s.is_null(0) && std::string(s.view(0)) > t) t = s.text(0);
  return t;
}

std::int64_t Archive::Impl::last_seq(archive::Db& db) { return db.scalar("SELECT max(seq) FROM journal", 0); }

void Archive::Impl::commit(archive::WriteTx& tx, std::int64_t seq_before) {
  if (last_seq(tx.db()) == seq_before) {
    // A write that found nothing to do (check_commitments with nothing overdue) ends
    // without a journal entry; one that changed rows must have appended one (the cached
    // snapshot and changes_since follow the journal).
    if (sqlite3_total_changes64(tx.db().handle()) == tx.changes_before)
      return;  // rolled back: nothing written
    throw Error(
        "archive: a write that appends no journal entry (append_event) is refused (an internal error)");
  }
  tx.tx.commit();
}

const Dataset& Archive::Impl::dataset(std::string_view id) const {
  return engine->dataset(id);  // NotFoundError listing the known ids, as validate says it
}

std::int64_t Archive::Impl::append_event(archive::WriteTx& tx, std::string_view kind,
                                         std::string_view entity_id, std::string_view on,
                                         std::string_view actor, std::string_view reason,
                                         std::string_view basis, std::string_view detail_json) {
  archive::Stmt s(
      tx.db(),
      "INSERT INTO journal(seq, kind, entity, recorded_at, on_date, actor, reason, basis, detail) "
      "VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM journal), ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, kind).bind(2, entity_id).bind(3, tx.recorded_at).bind(4, on).bind(5, actor).bind(6, reason);
  s.bind(7, basis).bind(8, detail_json.empty() ? std::string_view("{}") : detail_json);
  s.run();
  return sqlite3_last_insert_rowid(tx.db().handle());
}

const archive::ValueCodec& Archive::Impl::codec(const Dataset& ds) {
  std::lock_guard<std::mutex> lock(codec_mutex);
  auto& c = codecs[&ds];
  if (!c) c = std::make_unique<archive::ValueCodec>(ds);
  return *c;
}

void Archive::Impl::write_version(archive::WriteTx& tx, std::int64_t seq, std::string_view entity_id,
                                  std::string_view dataset_id, std::string_view op,
                                  const std::vector<std::string>& values) {
  const Dataset& ds = dataset(dataset_id);
  write_version_json(tx, seq, entity_id, ds, op, op == "withdrawn" ? "{}" : codec(ds).encode(values));
}

void Archive::Impl::write_version_json(archive::WriteTx& tx, std::int64_t seq, std::string_view id,
                                       const Dataset& ds, std::string_view op, const std::string& vals_json) {
  if (archive::entity_dataset(id) != ds.id)
    throw InvalidInputError("entity id '" + std::string(id) + "' is not of dataset " + ds.id);
  archive::Stmt& v = tx.db().cached("INSERT INTO version(entity, seq, op, vals) VALUES (?, ?, ?, ?)");
  v.bind(1, id).bind(2, seq).bind(3, op).bind(4, vals_json).run();
}

std::optional<archive::Head> Archive::Impl::head(archive::WriteTx& tx, std::string_view id) {
  archive::Stmt& s =
      tx.db().cached("SELECT seq, op, vals FROM version WHERE entity = ? ORDER BY seq DESC LIMIT 1");
  archive::ResetOnExit reset{s};
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return archive::Head{s.integer(0), s.text(1), s.text(2)};
}

void Archive::Impl::write_mark(archive::WriteTx& tx, std::int64_t seq, std::string_view entity_id,
                               std::string_view kind, std::string_view state,
                               std::optional<date::sys_days> on) {
  archive::Stmt s(tx.db(), "INSERT INTO mark(entity, kind, seq, state, on_date) VALUES (?, ?, ?, ?, ?)");
  s.bind(1, entity_id).bind(2, kind).bind(3, seq).bind(4, state);
  if (on)
    s.bind(5, format_iso_date(*on));
  else
    s.bind_null(5);
  s.run();
}

namespace {
std::optional<archive::Current> current_in(Archive::Impl& impl, archive::Db& db, std::string_view id) {
  archive::Stmt s(db,
                  "SELECT v.seq, v.op, v.vals FROM version v WHERE v.entity = ? ORDER BY v.seq DESC LIMIT 1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  archive::Current c;
  c.dataset = std::string(archive::entity_dataset(id));
  c.seq = s.integer(0);
  c.op = s.text(1);
  c.withdrawn = c.op == "withdrawn";
  if (!c.withdrawn) impl.codec(impl.dataset(c.dataset)).decode(s.view(2), c.values);
  return c;
}
}  // namespace

std::optional<archive::Current> Archive::Impl::current(archive::WriteTx& tx, std::string_view entity_id) {
  return current_in(*this, tx.db(), entity_id);
}
std::optional<archive::Current> Archive::Impl::current(std::string_view entity_id) {
  return read([&](archive::Db& db) { return current_in(*this, db, entity_id); });
}

// ---- Archive ----

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::~Archive() = default;

std::unique_ptr<Archive> Archive::open(const std::string& path, std::shared_ptr<const Engine> engine,
                                       ArchiveClock clock) {
  return std::unique_ptr<Archive>(
      new Archive(std::make_unique<Impl>(path, std::move(engine), std::move(clock))));
}

const Engine& Archive::engine() const noexcept { return *impl_->engine; }
const std::string& Archive::path() const noexcept { return impl_->path; }

int Archive::schema_version() const {
  return static_cast<int>(impl_->read([](archive::Db& db) { return db.scalar("PRAGMA user_version"); }));
}

std::int64_t Archive::last_batch() {
  return impl_->read([](archive::Db& db) { return db.scalar("SELECT max(seq) FROM journal", 0); });
}

std::shared_ptr<const Registry> Archive::registry() {
  Impl& m = *impl_;
  return m.read([&](archive::Db& db) {
    const std::int64_t last = db.scalar("SELECT max(seq) FROM journal", 0);
    std::shared_ptr<const Registry> base;
    std::int64_t base_seq = 0;
    {
      std::lock_guard<std::mutex> lock(m.cache_mutex);
      if (m.cached && m.cached_seq == last) return m.cached;
      base = m.cached;
      base_seq = m.cached_seq;
    }
    std::shared_ptr<const Registry> reg;
    if (base && base_seq < last) {
      // incremental: the changes since the cached snapshot applied to it (it shares the
      // unchanged parts, Registry::apply_changes); a full build when that cannot apply
      try {
        const std::vector<Change> changes = m.changes_after(db, base_seq);
        if (changes.size() <= Impl::kIncrementalMax) reg = base->apply_changes(*m.engine, changes);
      } catch (const Error&) {
        reg.reset();
      }
    }
    if (!reg) reg = m.build_snapshot(db, last);
    std::lock_guard<std::mutex> lock(m.cache_mutex);
    m.cached = reg;
    m.cached_seq = last;
    return reg;
  });
}

std::shared_ptr<const Registry> Archive::registry_known_at(TimePoint known_at) {
  Impl& m = *impl_;
  return m.read([&](archive::Db& db) {
    archive::Stmt s(db, "SELECT coalesce(max(seq), 0) FROM journal WHERE recorded_at <= ?");
    s.bind(1, archive::format_time(known_at));
    s.step();
    return m.build_snapshot(db, s.integer(0));
  });
}

std::shared_ptr<const Registry> Archive::registry_at_batch(std::int64_t batch) {
  Impl& m = *impl_;
  return m.read([&](archive::Db& db) {
    const std::int64_t last = db.scalar("SELECT max(seq) FROM journal", 0);
    if (batch < 0 || batch > last)
      throw NotFoundError("no batch or event " + std::to_string(batch) + " in archive '" + m.path +
                          "' (the last is " + std::to_string(last) + ")");
    return m.build_snapshot(db, batch);
  });
}

ECREDIT_END_NAMESPACE
