// Snapshots: the Registry of the versions in force at a limit (a batch or event seq),
// built row by row through Registry::Builder::add_row, then the lifecycle marks in force
// (objection, repair) applied as Changes through Registry::apply_changes — the one
// definition of what a mark does to a record or list entry. Checkpoints: the image of a
// snapshot (src/registry_image.cpp) stored in the file, which a later snapshot starts
// from, applying the changes after it (changes_after, the same Changes the cached
// snapshot follows) instead of reading every version again.
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "archive/archive_impl.hpp"
#include "ecredit/error.hpp"
#include "ecredit/version.hpp"
#include "registry_access.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {
struct Mark {
  std::string kind, state;
  std::optional<date::sys_days> on;
};
}  // namespace

std::shared_ptr<const Registry> Archive::Impl::build_full(archive::Db& db, std::int64_t limit) {
  Registry::Builder b(*engine);
  {
    // the version in force per entity (SQLite: the bare columns of a max() aggregate come
    // from the row holding the max), in entity-id order
    archive::Stmt s(db,
                    "SELECT v.entity, max(v.seq), v.op, v.vals FROM version v "
                    "WHERE v.seq <= ? GROUP BY v.entity ORDER BY v.entity");
    s.bind(1, limit);
    std::vector<std::string> values;
    const Dataset* ds = nullptr;
    const archive::ValueCodec* values_of = nullptr;
    while (s.step()) {
      if (s.view(2) == "withdrawn") continue;
      const std::string_view of = archive::entity_dataset(s.view(0));
      if (ds == nullptr || ds->id != of) {
        ds = &dataset(of);
        values_of = &codec(*ds);
      }
      try {
        values_of->decode(s.view(3), values);
        b.add_row(*ds, 0, values);
      } catch (const InvalidInputError& err) {
        throw InvalidInputError("archive '" + path + "': entity " + s.text(0) + ": " + err.what());
      }
    }
  }
  std::shared_ptr<const Registry> reg = b.build();

  // the latest mark per (entity, kind) with seq <= limit
  std::vector<std::pair<std::string, Mark>> marks;
  {
    archive::Stmt s(db,
                    "SELECT entity, kind, max(seq), state, on_date FROM mark WHERE seq <= ? "
                    "GROUP BY entity, kind ORDER BY entity, kind");
    s.bind(1, limit);
    while (s.step()) {
      Mark m{s.text(1), s.text(3), std::nullopt};
      if (!s.is_null(4) && !s.view(4).empty()) m.on = parse_iso_date(s.view(4));
      marks.emplace_back(s.text(0), std::move(m));
    }
  }
  if (marks.empty()) return reg;
  // only marks on entries in the snapshot (a withdrawn record keeps its marks in the file)
  std::unordered_set<std::string_view> present;
  for (std::size_t i = 0; i < reg->record_count(); ++i) present.insert(GradingAccess::id(*reg, i));
  for (const ListEntry& e : reg->list_entries()) present.insert(e.id);
  std::vector<Change> changes;
  for (const auto& [id, m] : marks) {
    if (!present.count(id)) continue;
    Change c;
    c.id = id;
    if (m.kind == "objection") {
      c.op = Change::Op::objection;
      c.state = m.state;
    } else if (m.kind == "repair") {
      if (m.state.empty() || !m.on) continue;  // taken back
      c.op = Change::Op::repair;
      c.on = m.on;
    } else {
      continue;
    }
    changes.push_back(std::move(c));
  }
  if (changes.empty()) return reg;
  return reg->apply_changes(*engine, changes);
}

namespace {
/// Pages of records per checkpoint part: 256 pages of 256 records, some 15-60 MB a part
/// (a part is one BLOB; SQLite's limit is 1e9 bytes).
constexpr std::size_t kPagesPerPart = 256;
constexpr std::size_t kMaxPartBytes = 900u * 1000u * 1000u;
}  // namespace

std::string Archive::Impl::checkpoint_library() {
  return std::string(library_version()) + "/image-" + std::to_string(Registry::Impl::kImageFormat);
}

std::shared_ptr<const Registry> Archive::Impl::load_checkpoint(archive::Db& db, std::int64_t id) {
  archive::Stmt s(db, "SELECT part, data FROM checkpoint_part WHERE checkpoint = ? ORDER BY part");
  s.bind(1, id);
  std::optional<Registry::Impl::ImageLoader> loader;
  std::int64_t expect = 0;
  while (s.step()) {
    if (s.integer(0) != expect)
      throw InvalidInputError("checkpoint " + std::to_string(id) + ": part " + std::to_string(expect) +
                              " is missing");
    if (expect == 0)
      loader.emplace(s.blob(1));
    else
      loader->add_pages(s.blob(1));
    ++expect;
  }
  if (!loader) throw InvalidInputError("checkpoint " + std::to_string(id) + " has no parts");
  const std::int64_t parts = [&] {
    archive::Stmt n(db, "SELECT parts FROM checkpoint WHERE id = ?");
    n.bind(1, id);
    return n.step() ? n.integer(0) : -1;
  }();
  if (parts != expect)
    throw InvalidInputError("checkpoint " + std::to_string(id) + ": " + std::to_string(expect) +
                            " parts of " + std::to_string(parts));
  return loader->finish();
}

std::shared_ptr<const Registry> Archive::Impl::build_snapshot(archive::Db& db, std::int64_t limit) {
  archive::Stmt s(db,
                  "SELECT id, seq FROM checkpoint WHERE pack_hash = ? AND library = ? AND seq <= ? "
                  "ORDER BY seq DESC LIMIT 1");
  s.bind(1, engine->hash()).bind(2, checkpoint_library()).bind(3, limit);
  if (s.step()) {
    const std::int64_t id = s.integer(0), seq = s.integer(1);
    // A damaged checkpoint or changes that do not apply to it: the full build, which
    // gives the same snapshot (check() reports a damaged checkpoint).
    auto traced = [&](std::shared_ptr<const Registry> reg, std::size_t changes) {
      std::lock_guard<std::mutex> lock(trace_mutex);
      last_build = {seq, changes};
      return reg;
    };
    try {
      std::shared_ptr<const Registry> reg = load_checkpoint(db, id);
      if (seq == limit) return traced(reg, 0);
      const std::vector<Change> changes = changes_after(db, seq, limit);
      if (changes.size() <= kIncrementalMax)
        return traced(reg->apply_changes(*engine, changes), changes.size());
    } catch (const Error&) {
    }
  }
  {
    std::lock_guard<std::mutex> lock(trace_mutex);
    last_build = {};
  }
  return build_full(db, limit);
}

Archive::CheckpointInfo Archive::checkpoint() {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.write_mutex);
  archive::Tx tx(m.wdb, true);
  CheckpointInfo info;
  info.seq = Impl::last_seq(m.wdb);
  if (info.seq == 0) return info;  // nothing imported yet: the empty snapshot needs no cache
  // the snapshot at that seq: the cached one when it is current, else built (the write
  // lock is held: no import can come between)
  std::shared_ptr<const Registry> reg;
  {
    std::lock_guard<std::mutex> c(m.cache_mutex);
    if (m.cached && m.cached_seq == info.seq) reg = m.cached;
  }
  if (!reg) reg = m.build_snapshot(m.wdb, info.seq);
  info.subjects = reg->subjects().size();
  info.records = reg->record_count();
  const std::string pack = m.engine->hash(), library = Impl::checkpoint_library();
  // one checkpoint per pack and library: the earlier ones go (a checkpoint is a cache)
  {
    archive::Stmt d(m.wdb,
                    "DELETE FROM checkpoint_part WHERE checkpoint IN "
                    "(SELECT id FROM checkpoint WHERE pack_hash = ? AND library = ?)");
    d.bind(1, pack).bind(2, library).run();
    archive::Stmt d2(m.wdb, "DELETE FROM checkpoint WHERE pack_hash = ? AND library = ?");
    d2.bind(1, pack).bind(2, library).run();
  }
  archive::Stmt head(
      m.wdb,
      "INSERT INTO checkpoint(seq, pack_hash, library, created_at, subjects, records, parts, bytes) "
      "VALUES (?, ?, ?, ?, ?, ?, 0, 0)");
  head.bind(1, info.seq).bind(2, pack).bind(3, library).bind(4, archive::format_time(m.clock()));
  head.bind(5, static_cast<std::int64_t>(info.subjects))
      .bind(6, static_cast<std::int64_t>(info.records))
      .run();
  const std::int64_t id = sqlite3_last_insert_rowid(m.wdb.handle());
  archive::Stmt part(m.wdb, "INSERT INTO checkpoint_part(checkpoint, part, data) VALUES (?, ?, ?)");
  Registry::Impl::save_image(*reg, kPagesPerPart, [&](std::string&& bytes) {
    if (bytes.size() > kMaxPartBytes)
      throw Error("archive '" + m.path + "': checkpoint part " + std::to_string(info.parts) + " of " +
                  std::to_string(bytes.size()) + " bytes is over the " + std::to_string(kMaxPartBytes) +
                  "-byte limit of one part (too many subjects, list entries or commitments for one part)");
    part.bind(1, id).bind(2, static_cast<std::int64_t>(info.parts)).bind_blob(3, bytes).run();
    ++info.parts;
    info.bytes += bytes.size();
  });
  archive::Stmt fin(m.wdb, "UPDATE checkpoint SET parts = ?, bytes = ? WHERE id = ?");
  fin.bind(1, static_cast<std::int64_t>(info.parts))
      .bind(2, static_cast<std::int64_t>(info.bytes))
      .bind(3, id)
      .run();
  tx.commit();
  return info;
}

ECREDIT_END_NAMESPACE
