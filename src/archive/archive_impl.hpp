// The archive's inside (struct Archive::Impl) and the INTERNAL API that every part of
// the archive writes through: src/archive/import.cpp (batches), src/archive/events*.cpp
// (objections, corrections, repairs, commitments). Nobody writes SQL on the archive's
// own tables (journal, batch, version, mark) except through these functions;
// the lifecycle's own tables (objection, objection_step, repair_application) are the
// events code's (src/archive/schema.cpp defines them, docs/archive.md "Schema"). The
// checkpoint tables are snapshot.cpp's alone (Archive::checkpoint): a cache, written
// under the write lock but without a journal entry.
//
// Writing:
//     impl.write([&](archive::WriteTx& tx) {
//       const std::int64_t seq = impl.append_event(tx, "objection_filed", record_id,
//                                                  "2025-03-04", by, grounds, basis, "{}");
//       impl.write_mark(tx, seq, record_id, "objection", "pending", std::nullopt);
//     });
// One write() is one transaction (all or nothing), serialised with every other write
// of this Archive (a mutex) and of other processes (BEGIN IMMEDIATE + busy timeout). An
// exception rolls everything back. Every write appends at least one journal entry
// (append_event; write() refuses to commit one that did not): that is how the cached
// snapshot knows it is out of date — registry() compares the last seq with its own and
// applies the changes since (changes_after) or rebuilds.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "archive/sqlite.hpp"
#include "archive/time.hpp"
#include "archive/values.hpp"
#include "ecredit/archive.hpp"
#include "ecredit/catalog.hpp"
#include "registry_rows.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace archive {

// ---- schema (schema.cpp) ----
/// One step of the schema: `sql` takes a file from version `version - 1` to `version`.
/// The list is append-only: a later table (or column, index) is a new step at the end,
/// never an edit of a step a released file may already have run.
struct Migration {
  int version;
  const char* sql;
};
const std::vector<Migration>& migrations();
/// The newest schema version this library writes (the last migration's).
int schema_version_supported();
/// Creates or migrates the file on `db` (WAL, busy timeout, foreign keys set first).
/// Throws IoError when the file is not an ecredit archive, InvalidInputError when its
/// schema is newer than this library's.
void open_schema(Db& db);
/// Per-connection settings (WAL, busy timeout, foreign keys).
void configure(Db& db);

// ---- time (archive.cpp; format_time / parse_time: time.hpp) ----
/// received_at: "" or an ISO date / date-time (returned as given); else InvalidInputError.
std::string check_received_at(const std::string& received_at);

/// A write transaction of the archive: everything written in it has its recorded_at.
struct WriteTx {
  Tx tx;
  std::string recorded_at;           ///< the archive's clock once the write lock is held (monotone)
  sqlite3_int64 changes_before = 0;  ///< sqlite3_total_changes64 when the write began
  explicit WriteTx(Db& db) : tx(db, true) {}
  Db& db() noexcept { return tx.db(); }
};

/// The latest version of an entity.
struct Current {
  std::string dataset;
  std::int64_t seq = 0;
  std::string op;                   ///< inserted, updated, withdrawn, corrected
  bool withdrawn = false;           ///< op == withdrawn
  std::vector<std::string> values;  ///< in the dataset's field order ({} when withdrawn)
};

/// The dataset of an entity id ('<dataset>:<key>'; "" when the id has no ':').
inline std::string_view entity_dataset(std::string_view id) {
  const auto colon = id.find(':');
  return colon == std::string_view::npos ? std::string_view() : id.substr(0, colon);
}
/// The SQL of the same, over version.entity.
constexpr const char* kEntityDatasetSql = "substr(v.entity, 1, instr(v.entity, ':') - 1)";

/// The latest version of an entity as stored (import compares `vals` as text).
struct Head {
  std::int64_t seq = 0;
  std::string op, vals;
};

}  // namespace archive

struct Archive::Impl {
  std::string path;
  std::shared_ptr<const Engine> engine;
  ArchiveClock clock;

  std::mutex write_mutex;  ///< one writer at a time on `wdb`
  archive::Db wdb;         ///< the writer's connection
  std::mutex read_mutex;   ///< readers share `rdb` (WAL: they see the last commit)
  archive::Db rdb;

  std::mutex cache_mutex;
  std::shared_ptr<const Registry> cached;  ///< the current snapshot (null: rebuild)
  std::int64_t cached_seq = -1;            ///< the last seq it includes

  std::mutex codec_mutex;
  std::map<const Dataset*, std::unique_ptr<archive::ValueCodec>> codecs;

  Impl(const std::string& p, std::shared_ptr<const Engine> e, ArchiveClock c);

  /// The stored form of `ds`'s values (values.hpp), made once per dataset.
  const archive::ValueCodec& codec(const Dataset& ds);

  /// The archive's clock now, never before the last recorded_at in the file.
  std::string now(archive::Db& db);

  /// Runs `fn(WriteTx&)` as one write transaction (see the top of this file).
  template <class F>
  auto write(F&& fn) -> decltype(fn(std::declval<archive::WriteTx&>())) {
    std::lock_guard<std::mutex> lock(write_mutex);
    archive::WriteTx tx(wdb);
    tx.recorded_at = now(wdb);  // under the write lock: monotone across processes too
    const std::int64_t before = last_seq(wdb);
    tx.changes_before = sqlite3_total_changes64(wdb.handle());
    if constexpr (std::is_void_v<decltype(fn(tx))>) {
      fn(tx);
      commit(tx, before);
    } else {
      auto result = fn(tx);
      commit(tx, before);
      return result;
    }
  }
  /// Runs `fn(Db&)` on the readers' connection in one read transaction (a consistent view).
  template <class F>
  auto read(F&& fn) -> decltype(fn(std::declval<archive::Db&>())) {
    std::lock_guard<std::mutex> lock(read_mutex);
    archive::Tx tx(rdb, false);
    return fn(rdb);
  }
  static std::int64_t last_seq(archive::Db& db);
  /// Commits, after checking that the transaction appended a journal entry.
  void commit(archive::WriteTx& tx, std::int64_t seq_before);

  // ---- the internal write API ----
  /// Appends a journal entry; returns its seq (ONE sequence numbers batches and events).
  /// `on`: the event's own date (ISO) or the batch's received_at; `detail_json`: a JSON
  /// object ("{}" when there is nothing more).
  std::int64_t append_event(archive::WriteTx& tx, std::string_view kind, std::string_view entity_id,
                            std::string_view on, std::string_view actor, std::string_view reason,
                            std::string_view basis, std::string_view detail_json);
  /// A new version of `entity_id` (dataset `dataset`) made by `seq`: op inserted, updated,
  /// withdrawn (values {}) or corrected; `values` in the dataset's field order.
  void write_version(archive::WriteTx& tx, std::int64_t seq, std::string_view entity_id,
                     std::string_view dataset, std::string_view op, const std::vector<std::string>& values);
  /// A lifecycle mark from `seq` on: kind "objection" (state "", "pending", "accepted")
  /// or "repair" (state "applied" with `on`; state "" removes it). A snapshot applies the
  /// latest mark per (entity, kind) with seq ≤ its limit.
  void write_mark(archive::WriteTx& tx, std::int64_t seq, std::string_view entity_id, std::string_view kind,
                  std::string_view state, std::optional<date::sys_days> on);
  /// write_version with the values in their stored form (codec(ds).encode).
  void write_version_json(archive::WriteTx& tx, std::int64_t seq, std::string_view entity_id,
                          const Dataset& ds, std::string_view op, const std::string& vals_json);
  /// The latest stored version of `entity_id` in this transaction (nullopt: unknown).
  std::optional<archive::Head> head(archive::WriteTx& tx, std::string_view entity_id);
  /// The latest version of `entity_id`, as this transaction sees it (nullopt: unknown).
  std::optional<archive::Current> current(archive::WriteTx& tx, std::string_view entity_id);
  /// The same, committed state (the readers' connection).
  std::optional<archive::Current> current(std::string_view entity_id);
  /// The dataset `id` of the engine's catalog; NotFoundError when unknown (Engine::dataset).
  const Dataset& dataset(std::string_view id) const;

  // ---- snapshots (snapshot.cpp), changes (query.cpp) ----
  /// The changes after `batch` up to seq `limit` (Archive::changes_since) on `db`.
  std::vector<Change> changes_after(archive::Db& db, std::int64_t batch, std::int64_t limit = INT64_MAX);
  /// The registry of the versions and marks with seq ≤ `limit`: from the newest usable
  /// checkpoint at or before `limit` and the changes after it, else built from scratch.
  std::shared_ptr<const Registry> build_snapshot(archive::Db& db, std::int64_t limit);
  /// The same, always from scratch (every version in force at `limit`).
  std::shared_ptr<const Registry> build_full(archive::Db& db, std::int64_t limit);
  /// What checkpoints are keyed by besides the pack hash: the library version and the
  /// registry image format ("0.1.0/image-1"); only those of this library are used.
  static std::string checkpoint_library();
  /// The snapshot of checkpoint `id` (InvalidInputError when its image is damaged).
  std::shared_ptr<const Registry> load_checkpoint(archive::Db& db, std::int64_t id);
  /// More changes than this after the cached snapshot or a checkpoint: a full build
  /// instead of applying them.
  static constexpr std::size_t kIncrementalMax = 200000;
  /// How the last build_snapshot went (tests, benchmarks): the seq of the checkpoint it
  /// started from (-1: none, a full build) and the changes it applied to it.
  struct BuildTrace {
    std::int64_t checkpoint_seq = -1;
    std::size_t changes = 0;
  };
  std::mutex trace_mutex;
  BuildTrace last_build;
};

ECREDIT_END_NAMESPACE
