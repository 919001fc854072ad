// The archive's schema, versioned by SQLite's `PRAGMA user_version` and marked as an
// ecredit archive by `PRAGMA application_id` (docs/archive.md "Schema and migrations").
#include <string>

#include "archive/archive_impl.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace archive {

namespace {
/// "ECRA": what `PRAGMA application_id` holds in every ecredit archive.
constexpr std::int64_t kApplicationId = 0x45435241;

// Version 1. Times: recorded_at is sortable UTC text with microseconds
// (2025-03-01T08:00:00.000000Z); days are ISO dates (2025-03-01). Every row that an
// event made or changed carries that event's seq (journal.seq).
constexpr const char* kSchema1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- The append-only journal: one sequence for import batches and lifecycle events.
CREATE TABLE journal (
  seq         INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  entity      TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  on_date     TEXT NOT NULL DEFAULT '',
  actor       TEXT NOT NULL DEFAULT '',
  reason      TEXT NOT NULL DEFAULT '',
  basis       TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX journal_entity ON journal(entity) WHERE entity <> '';
CREATE INDEX journal_recorded ON journal(recorded_at);
-- An import batch (its journal entry has kind 'import').
CREATE TABLE batch (
  seq         INTEGER PRIMARY KEY REFERENCES journal(seq),
  source      TEXT NOT NULL,
  received_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  counts      TEXT NOT NULL,   -- JSON: dataset -> {read, inserted, ...}
  reports     TEXT NOT NULL    -- JSON: dataset -> the validation report (contract form)
);
-- An entity: dataset + primary key; id = '<dataset>:<key>' (Registry's record ids).
CREATE TABLE entity (
  id      TEXT PRIMARY KEY,
  dataset TEXT NOT NULL,
  key     TEXT NOT NULL
) WITHOUT ROWID;
-- Its versions: never overwritten; the one in force at limit L is the one with the
-- greatest seq <= L.
CREATE TABLE version (
  entity TEXT NOT NULL REFERENCES entity(id),
  seq    INTEGER NOT NULL REFERENCES journal(seq),
  op     TEXT NOT NULL CHECK (op IN ('inserted', 'updated', 'withdrawn', 'corrected')),
  vals   TEXT NOT NULL,        -- JSON object field -> normalised value ({} when withdrawn)
  UNIQUE (entity, seq)
);  -- a rowid table: its rows (~1-2 KB of JSON) are too large for a WITHOUT ROWID b-tree
CREATE INDEX version_seq ON version(seq);
-- Lifecycle marks the snapshots apply: the latest per (entity, kind) with seq <= L.
CREATE TABLE mark (
  entity  TEXT NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('objection', 'repair')),
  seq     INTEGER NOT NULL REFERENCES journal(seq),
  state   TEXT NOT NULL,
  on_date TEXT,
  PRIMARY KEY (entity, kind, seq)
) WITHOUT ROWID;
CREATE INDEX mark_seq ON mark(seq);
-- The lifecycle's own state (src/archive/events*.cpp). seq: the event that made the row,
-- updated_seq: the last event that changed it.
CREATE TABLE objection (
  id          TEXT PRIMARY KEY,
  record_id   TEXT NOT NULL,
  filed_on    TEXT NOT NULL,
  grounds     TEXT NOT NULL DEFAULT '',
  filed_by    TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL,
  seq         INTEGER NOT NULL REFERENCES journal(seq),
  updated_seq INTEGER NOT NULL REFERENCES journal(seq)
);
CREATE INDEX objection_record ON objection(record_id);
CREATE TABLE objection_step (
  objection_id TEXT NOT NULL REFERENCES objection(id),
  step         TEXT NOT NULL,
  due          TEXT,
  done_on      TEXT,
  outcome      TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  seq          INTEGER NOT NULL REFERENCES journal(seq),
  PRIMARY KEY (objection_id, step)
);
CREATE TABLE repair_application (
  id          TEXT PRIMARY KEY,
  record_id   TEXT NOT NULL,
  filed_on    TEXT NOT NULL,
  filed_by    TEXT NOT NULL DEFAULT '',
  evidence    TEXT NOT NULL DEFAULT '{}',  -- JSON (RepairEvidence)
  decision    TEXT NOT NULL DEFAULT '{}',  -- JSON (the engine's RepairDecision)
  status      TEXT NOT NULL,
  decided_on  TEXT,
  seq         INTEGER NOT NULL REFERENCES journal(seq),
  updated_seq INTEGER NOT NULL REFERENCES journal(seq)
);
CREATE INDEX repair_application_record ON repair_application(record_id);
)sql";

// Version 2: no `entity` table. An entity's id is '<dataset>:<key>' (dataset ids hold no
// ':'), so its dataset and key are read from the id (entity_dataset, archive_impl.hpp) and
// the entity exists while it has a version. Writing the table cost an import as much as
// the version row itself (docs/BENCHMARKS.md "Archive"). SQLite's way to drop a foreign
// key: a new table, the rows copied (rowids kept), the old one dropped, the new renamed.
constexpr const char* kSchema2 = R"sql(
CREATE TABLE version_2 (
  entity TEXT NOT NULL,        -- '<dataset>:<key>'
  seq    INTEGER NOT NULL REFERENCES journal(seq),
  op     TEXT NOT NULL CHECK (op IN ('inserted', 'updated', 'withdrawn', 'corrected')),
  vals   TEXT NOT NULL,        -- JSON object field -> normalised value ({} when withdrawn)
  UNIQUE (entity, seq)
);
INSERT INTO version_2(rowid, entity, seq, op, vals) SELECT rowid, entity, seq, op, vals FROM version;
DROP TABLE version;
ALTER TABLE version_2 RENAME TO version;
CREATE INDEX version_seq ON version(seq);
DROP TABLE entity;
)sql";
// Schema 3: checkpoints. A checkpoint is the registry image (src/registry_image.cpp) of
// the snapshot at `seq`, for the pack (`pack_hash`) and library version that made it: a
// cache that a snapshot starts from instead of reading every version (docs/archive.md
// "Checkpoints"). Not part of the credit files: deleting them loses nothing.
constexpr const char* kSchema3 = R"sql(
CREATE TABLE checkpoint (
  id         INTEGER PRIMARY KEY,
  seq        INTEGER NOT NULL REFERENCES journal(seq),
  pack_hash  TEXT NOT NULL,
  library    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  subjects   INTEGER NOT NULL,
  records    INTEGER NOT NULL,
  parts      INTEGER NOT NULL,
  bytes      INTEGER NOT NULL,
  UNIQUE (pack_hash, library, seq)
);
CREATE TABLE checkpoint_part (
  checkpoint INTEGER NOT NULL REFERENCES checkpoint(id) ON DELETE CASCADE,
  part       INTEGER NOT NULL,
  data       BLOB NOT NULL,
  UNIQUE (checkpoint, part)
);
)sql";
}  // namespace

const std::vector<Migration>& migrations() {
  // Append-only (archive_impl.hpp). A new table of the events code is a new step here.
  static const std::vector<Migration> list = {
      {1, kSchema1},
      {2, kSchema2},
      {3, kSchema3},
  };
  return list;
}

int schema_version_supported() { return migrations().back().version; }

void configure(Db& db) {
  db.exec("PRAGMA foreign_keys = ON");
  // journal_mode is persistent in the file; setting it needs no lock when it is WAL already
  Stmt s(db, "PRAGMA journal_mode = WAL");
  s.step();
  db.exec("PRAGMA synchronous = NORMAL");
}

void open_schema(Db& db) {
  // a second writer (another process) waits this long for the lock, then fails
  db.exec("PRAGMA busy_timeout = 10000");
  // The first read: a file that is not SQLite fails here (SQLITE_NOTADB → IoError).
  const std::int64_t app = db.scalar("PRAGMA application_id");
  const std::int64_t version = db.scalar("PRAGMA user_version");
  const std::int64_t tables = db.scalar("SELECT count(*) FROM sqlite_master");
  if (app != kApplicationId && !(app == 0 && version == 0 && tables == 0))
    throw IoError("cannot open archive (an SQLite file, but not an ecredit archive: application_id " +
                      std::to_string(app) + ")",
                  db.path(), std::error_code(SQLITE_NOTADB, sqlite_category()));
  if (version > schema_version_supported())
    throw InvalidInputError("archive '" + db.path() + "' has schema version " + std::to_string(version) +
                            ", newer than this library's " + std::to_string(schema_version_supported()) +
                            ": open it with a newer ecredit");
  configure(db);
  if (version == schema_version_supported()) return;
  Tx tx(db, true);
  // another process may have migrated it between the check and the lock
  const std::int64_t now_version = db.scalar("PRAGMA user_version");
  for (const Migration& m : migrations()) {
    if (m.version <= now_version) continue;
    db.exec(m.sql);
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
  }
  db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  tx.commit();
}

}  // namespace archive
ECREDIT_END_NAMESPACE
