// Reading the archive: history, journal, changes_since, check().
#include <nlohmann/json.hpp>

#include "archive/archive_impl.hpp"
#include "ecredit/error.hpp"
#include "registry_access.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

constexpr const char* kJournalColumns =
    "seq, kind, entity, recorded_at, on_date, actor, reason, basis, detail";

JournalEntry journal_entry(const archive::Stmt& s) {
  JournalEntry e;
  e.seq = s.integer(0);
  e.kind = s.text(1);
  e.entity = s.text(2);
  e.recorded_at = archive::parse_time(s.view(3));
  e.on = s.text(4);
  e.actor = s.text(5);
  e.reason = s.text(6);
  e.basis = s.text(7);
  e.detail = s.text(8);
  return e;
}

}  // namespace

EntityHistory Archive::history(const std::string& id) {
  Impl& m = *impl_;
  return m.read([&](archive::Db& db) {
    EntityHistory h;
    h.id = id;
    bool has_versions = false;
    {
      archive::Stmt s(db, "SELECT 1 FROM version WHERE entity = ? LIMIT 1");
      s.bind(1, id);
      has_versions = s.step();
    }
    {
      archive::Stmt s(db,
                      "SELECT v.seq, v.op, j.recorded_at, coalesce(b.received_at, j.on_date), "
                      "coalesce(b.source, ''), CASE WHEN j.kind = 'import' THEN '' ELSE j.actor END, "
                      "CASE WHEN j.kind = 'import' THEN '' ELSE j.reason END, v.vals "
                      "FROM version v JOIN journal j ON j.seq = v.seq LEFT JOIN batch b ON b.seq = v.seq "
                      "WHERE v.entity = ? ORDER BY v.seq");
      s.bind(1, id);
      while (s.step()) {
        EntityVersion v;
        v.batch = s.integer(0);
        v.op = s.text(1);
        v.recorded_at = archive::parse_time(s.view(2));
        v.received_at = s.text(3);
        v.source = s.text(4);
        v.actor = s.text(5);
        v.reason = s.text(6);
        const auto vals = nlohmann::json::parse(s.view(7));
        for (auto it = vals.begin(); it != vals.end(); ++it)
          if (it->is_string() && !it->get_ref<const std::string&>().empty())
            v.values[it.key()] = it->get<std::string>();
        h.versions.push_back(std::move(v));
      }
    }
    {
      archive::Stmt s(
          db, std::string("SELECT ") + kJournalColumns + " FROM journal WHERE entity = ? ORDER BY seq");
      s.bind(1, id);
      while (s.step()) h.events.push_back(journal_entry(s));
    }
    if (!has_versions && h.events.empty())
      throw NotFoundError("no entity '" + id + "' in archive '" + m.path + "'");
    h.dataset = std::string(archive::entity_dataset(id));
    if (!h.dataset.empty()) h.key = id.substr(h.dataset.size() + 1);
    return h;
  });
}

std::vector<JournalEntry> Archive::journal(std::int64_t since) {
  return impl_->read([&](archive::Db& db) {
    std::vector<JournalEntry> out;
    archive::Stmt s(db,
                    std::string("SELECT ") + kJournalColumns + " FROM journal WHERE seq > ? ORDER BY seq");
    s.bind(1, since);
    while (s.step()) out.push_back(journal_entry(s));
    return out;
  });
}

std::vector<Change> Archive::Impl::changes_after(archive::Db& db, std::int64_t batch, std::int64_t limit) {
  std::vector<Change> out;
  // the version in force of an entity at a seq (a mark on an entity not in force is no Change)
  archive::Stmt live(db, "SELECT op FROM version WHERE entity = ? AND seq <= ? ORDER BY seq DESC LIMIT 1");
  auto in_force = [&](const std::string& id, std::int64_t seq) {
    live.bind(1, id).bind(2, seq);
    const bool yes = live.step() && live.view(0) != "withdrawn";
    live.reset();
    return yes;
  };
  // the marks in force on an entity before a seq: an upsert replaces the entry, so they
  // are given again after it (a snapshot keeps an entity's marks across its versions)
  archive::Stmt before(db,
                       "SELECT kind, max(seq), state, on_date FROM mark WHERE entity = ? AND seq < ? "
                       "GROUP BY kind ORDER BY kind");
  auto mark_change = [](const std::string& id, std::string_view kind, std::string_view state,
                        const archive::Stmt& s, int on_col) -> std::optional<Change> {
    Change c;
    c.id = id;
    if (kind == "objection") {
      c.op = Change::Op::objection;
      c.state = std::string(state);
      return c;
    }
    if (state.empty() || s.is_null(on_col)) return std::nullopt;  // a repair mark taken back
    c.op = Change::Op::repair;
    c.on = parse_iso_date(s.view(on_col));
    return c;
  };
  // versions, then the marks of one seq, in seq order
  archive::Stmt s(db, std::string("SELECT v.seq, 0, v.entity, ") + archive::kEntityDatasetSql +
                          ", v.op, v.vals, '', NULL FROM version v WHERE v.seq > ?1 AND v.seq <= ?2 "
                          "UNION ALL SELECT seq, 1, entity, kind, '', '', state, on_date FROM mark WHERE seq "
                          "> ?1 AND seq <= ?2 "
                          "ORDER BY 1, 2, 3");
  s.bind(1, batch).bind(2, limit);
  while (s.step()) {
    const std::int64_t seq = s.integer(0);
    const std::string id = s.text(2);
    if (s.integer(1) == 0) {
      Change c;
      c.id = id;
      c.dataset = s.text(3);
      if (s.view(4) == "withdrawn") {
        c.op = Change::Op::withdraw;
        out.push_back(std::move(c));
        continue;
      }
      c.op = Change::Op::upsert;
      codec(dataset(c.dataset)).decode(s.view(5), c.values);
      out.push_back(std::move(c));
      before.bind(1, id).bind(2, seq);
      while (before.step()) {
        if (before.view(0) == "objection" && before.view(2).empty()) continue;  // no objection: as upserted
        if (auto m = mark_change(id, before.view(0), before.view(2), before, 3)) out.push_back(std::move(*m));
      }
      before.reset();
    } else {
      if (!in_force(id, seq)) continue;
      if (auto m = mark_change(id, s.view(3), s.view(6), s, 7)) out.push_back(std::move(*m));
    }
  }
  return out;
}

std::vector<Change> Archive::changes_since(std::int64_t batch) {
  Impl& m = *impl_;
  return m.read([&](archive::Db& db) { return m.changes_after(db, batch); });
}

Archive::CheckResult Archive::check() {
  Impl& m = *impl_;
  return m.read([&](archive::Db& db) {
    CheckResult r;
    auto problem = [&](std::string p) {
      r.ok = false;
      r.problems.push_back(std::move(p));
    };
    {
      archive::Stmt s(db, "PRAGMA integrity_check");
      while (s.step())
        if (s.view(0) != "ok") problem("SQLite integrity_check: " + s.text(0));
    }
    {
      archive::Stmt s(db, "PRAGMA foreign_key_check");
      while (s.step()) problem("a row of table " + s.text(0) + " refers to a missing " + s.text(2) + " row");
    }
    r.batches = static_cast<std::size_t>(db.scalar("SELECT count(*) FROM batch"));
    r.entities = static_cast<std::size_t>(db.scalar("SELECT count(DISTINCT entity) FROM version"));
    r.versions = static_cast<std::size_t>(db.scalar("SELECT count(*) FROM version"));
    r.events = static_cast<std::size_t>(db.scalar("SELECT count(*) FROM journal WHERE kind <> 'import'"));
    // the journal: seq 1..n without a gap
    const std::int64_t n = db.scalar("SELECT count(*) FROM journal");
    const std::int64_t max = db.scalar("SELECT max(seq) FROM journal", 0);
    const std::int64_t min = db.scalar("SELECT min(seq) FROM journal", 1);
    if (max != n || (n > 0 && min != 1))
      problem("the journal is not gap-free: " + std::to_string(n) + " entries, seq " + std::to_string(min) +
              ".." + std::to_string(max));
    // every import entry has its batch, every batch its import entry
    {
      archive::Stmt s(db,
                      "SELECT j.seq FROM journal j LEFT JOIN batch b ON b.seq = j.seq "
                      "WHERE j.kind = 'import' AND b.seq IS NULL LIMIT 20");
      while (s.step()) problem("journal entry " + s.text(0) + " is an import without its batch");
    }
    {
      archive::Stmt s(db,
                      "SELECT b.seq FROM batch b LEFT JOIN journal j ON j.seq = b.seq "
                      "WHERE j.seq IS NULL OR j.kind <> 'import' LIMIT 20");
      while (s.step()) problem("batch " + s.text(0) + " has no import entry in the journal");
    }
    // every version: its batch or event exists, its entity is of a dataset of the catalog,
    // one per (entity, seq)
    {
      archive::Stmt s(db,
                      "SELECT v.entity, v.seq FROM version v LEFT JOIN journal j ON j.seq = v.seq "
                      "WHERE j.seq IS NULL LIMIT 20");
      while (s.step()) problem("version " + s.text(1) + " of " + s.text(0) + ": no such batch or event");
    }
    {
      archive::Stmt s(db, "SELECT DISTINCT " + std::string(archive::kEntityDatasetSql) + " FROM version v");
      while (s.step())
        if (m.engine->catalog().find(s.text(0)) == nullptr)
          problem("versions of dataset '" + s.text(0) + "', which pack " + m.engine->id() + " does not have");
    }
    {
      archive::Stmt s(db,
                      "SELECT entity, seq FROM version GROUP BY entity, seq HAVING count(*) > 1 LIMIT 20");
      while (s.step()) problem("two versions of " + s.text(0) + " made by " + s.text(1));
    }
    {
      archive::Stmt s(db,
                      "SELECT v.entity FROM version v GROUP BY v.entity "
                      "HAVING (SELECT w.op FROM version w WHERE w.entity = v.entity ORDER BY w.seq LIMIT 1) "
                      "<> 'inserted' "
                      "LIMIT 20");
      while (s.step()) problem("entity " + s.text(0) + ": its version chain does not start with 'inserted'");
    }
    // the batches' counts reconcile with their versions
    {
      archive::Stmt s(db, "SELECT seq, counts FROM batch ORDER BY seq");
      archive::Stmt v(db, std::string("SELECT ") + archive::kEntityDatasetSql +
                              ", v.op, count(*) FROM version v WHERE v.seq = ? GROUP BY 1, 2");
      while (s.step()) {
        const std::int64_t seq = s.integer(0);
        std::map<std::string, std::map<std::string, std::int64_t>> stored;
        v.bind(1, seq);
        while (v.step()) stored[v.text(0)][v.text(1)] = v.integer(2);
        v.reset();
        nlohmann::json counts;
        try {
          counts = nlohmann::json::parse(s.view(1));
        } catch (const nlohmann::json::exception&) {
          problem("batch " + std::to_string(seq) + ": its counts are not JSON");
          continue;
        }
        for (const auto& item : counts.items()) {
          // not a structured binding: C++17 lambdas cannot capture one (clang refuses)
          const std::string& ds = item.key();
          const nlohmann::json& c = item.value();
          const auto get = [&](const char* k) { return c.value(k, std::int64_t{0}); };
          if (get("read") !=
              get("inserted") + get("updated") + get("unchanged") + get("withdrawn") + get("rejected"))
            problem("batch " + std::to_string(seq) + ", " + ds +
                    ": read != inserted + updated + unchanged + "
                    "withdrawn + rejected");
          for (const char* op : {"inserted", "updated", "withdrawn"}) {
            const std::int64_t have = stored[ds][op];
            if (have != get(op))
              problem("batch " + std::to_string(seq) + ", " + ds + ": " + std::to_string(get(op)) + " " + op +
                      " counted, " + std::to_string(have) + " versions stored");
          }
          stored.erase(ds);
        }
        for (const auto& [ds, ops] : stored)
          problem("batch " + std::to_string(seq) + ": versions of " + ds + " it does not count");
      }
    }
    // the checkpoints this library would use: each reads, and holds what its row says
    {
      archive::Stmt s(db,
                      "SELECT id, seq, subjects, records FROM checkpoint WHERE pack_hash = ? AND library = ? "
                      "ORDER BY seq");
      s.bind(1, m.engine->hash()).bind(2, Impl::checkpoint_library());
      while (s.step()) {
        const std::string name = "checkpoint " + s.text(0) + " (seq " + s.text(1) + ")";
        try {
          const std::shared_ptr<const Registry> reg = m.load_checkpoint(db, s.integer(0));
          if (static_cast<std::int64_t>(reg->subjects().size()) != s.integer(2) ||
              static_cast<std::int64_t>(reg->record_count()) != s.integer(3))
            problem(name + ": holds " + std::to_string(reg->subjects().size()) + " subjects and " +
                    std::to_string(reg->record_count()) + " records, its row says " + s.text(2) + " and " +
                    s.text(3));
        } catch (const Error& e) {
          problem(name + " is damaged (snapshots build without it): " + e.what());
        }
      }
    }
    return r;
  });
}

ECREDIT_END_NAMESPACE
