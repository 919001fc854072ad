/// The archive: living credit files (信用档案) in one durable file (SQLite, WAL mode).
/// It keeps every version of every entity (a subject, record, list entry or commitment,
/// identified by dataset + primary key: "admin_penalty:粤罚〔2025〕1号"), never overwrites,
/// journals every lifecycle event (objections, corrections, repairs, commitment breaches)
/// and hands the engines Registry snapshots of the current state or of any earlier one
/// (docs/archive.md).
///
///     auto engine = ecredit::Engine::default_engine();
///     auto archive = ecredit::Archive::open("credit.db", engine);
///     ecredit::ImportResult r = archive->import_dir("day1/", "发改委", "2025-03-01");
///     r.counts["admin_penalty"].inserted;          // reconciliation per dataset
///     auto now = archive->registry();              // the current snapshot
///     auto then = archive->registry_at_batch(r.batch);
///
/// Thread safety: one Archive object may be used from several threads (calls are
/// serialised inside); snapshots are immutable and may be read anywhere while a writer
/// imports. Several processes may open one file: SQLite's WAL lets readers work while
/// one writer imports; a second writer waits (busy timeout) and then fails with IoError.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/change.hpp"
#include "ecredit/config.hpp"
#include "ecredit/date.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/registry.hpp"
#include "ecredit/repair.hpp"
#include "ecredit/validate.hpp"

ECREDIT_BEGIN_NAMESPACE

/// The archive's clock: the time it records (recorded_at). Tests inject one.
using ArchiveClock = std::function<std::chrono::system_clock::time_point()>;
using TimePoint = std::chrono::system_clock::time_point;

/// A time given as text: an ISO 8601 date-time ("2025-03-01T08:30:00Z", "…+08:00"; no offset
/// = UTC) or a date (its start, UTC); how `received_at` is checked. InvalidInputError
/// naming the text otherwise.
ECREDIT_API TimePoint parse_iso_time(std::string_view text);
/// The last microsecond of day `d` (UTC).
ECREDIT_API TimePoint end_of_day(date::sys_days d);
/// `known_at` given as text (ecr_archive_registry, Python's Archive.registry): a date-time
/// as parse_iso_time reads it, or a date alone meaning the end of that day (UTC) — "as the
/// archive knew it that day". InvalidInputError naming the text otherwise.
ECREDIT_API TimePoint parse_known_at(std::string_view text);

/// Reconciliation of one dataset in one import: read = inserted + updated + unchanged +
/// withdrawn + rejected.
struct ImportCounts {
  std::size_t read = 0, inserted = 0, updated = 0, unchanged = 0, withdrawn = 0, rejected = 0;
};

/// What one import did. An import is one transaction: all of it is stored or nothing.
struct ImportResult {
  std::int64_t batch = 0;                      ///< the batch number (every import gets one)
  std::string source, received_at;             ///< as given
  TimePoint recorded_at{};                     ///< the archive's clock when it stored the batch
  std::map<std::string, ImportCounts> counts;  ///< dataset id → counts
  std::map<std::string, Report> reports;       ///< dataset id (or file name) → validation report
  std::vector<std::string> skipped;            ///< files of a folder not read (not .csv/.tsv/.jsonl)
};

/// One version of an entity.
struct EntityVersion {
  std::int64_t batch = 0;  ///< the batch or event that made it
  std::string op;          ///< inserted, updated, withdrawn, corrected
  TimePoint recorded_at{};
  std::string received_at, source;            ///< of the batch
  std::string actor, reason;                  ///< corrections: who and why
  std::map<std::string, std::string> values;  ///< field name → normalised value ({} when withdrawn)
};

/// One entry of the append-only journal: an import batch or a lifecycle event.
struct JournalEntry {
  std::int64_t seq = 0;  ///< batch / event number (one sequence for both)
  std::string kind;      ///< import, objection_filed, objection_step, correction,
                         ///< repair_application, repair_applied, commitment_breach
  std::string entity;    ///< the entity id ("" for an import)
  TimePoint recorded_at{};
  std::string on;  ///< the event's own date (filed_on, decided_on …, ISO) or received_at
  std::string actor, reason, basis;
  std::string detail;  ///< a JSON object (counts of an import, the step and outcome …)
};

/// Everything the archive knows of one entity: its versions, oldest first, and its events.
struct EntityHistory {
  std::string id, dataset, key;
  std::vector<EntityVersion> versions;
  std::vector<JournalEntry> events;
};

/// One step of an objection's procedure (objections.json) with its deadline.
struct ObjectionStep {
  std::string step;  ///< accept, reject, platform_check, provider_verification
  std::string title, basis;
  int working_days = 0;
  date::sys_days due{};
  std::optional<date::sys_days> done_on;
  std::string outcome, note;
  bool overdue = false;  ///< not done and `due` before the day asked about
};

/// An objection (异议) to a record.
struct Objection {
  std::string id, record_id, grounds, by;
  date::sys_days filed_on{};
  /// pending (filed, not yet accepted), accepted (under verification), rejected,
  /// corrected, record_confirmed, unresolved
  std::string status;
  std::vector<ObjectionStep> steps;  ///< done steps and the next one due
};

class ECREDIT_API Archive {
 public:
  /// Creates or opens the archive at `path` (migrating an older schema). `engine`
  /// (default: the built-in pack) validates imports and builds snapshots; `clock`
  /// (default: the system clock) gives recorded_at. Throws IoError when the file cannot
  /// be opened or is not an ecredit archive, InvalidInputError when its schema is newer
  /// than this library.
  static std::unique_ptr<Archive> open(const std::string& path,
                                       std::shared_ptr<const Engine> engine = nullptr,
                                       ArchiveClock clock = {});
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  const Engine& engine() const noexcept;
  const std::string& path() const noexcept;
  /// The schema version of the file.
  int schema_version() const;

  // ---- import (docs/archive.md "Import") ----
  /// Every `<dataset_id>.csv/.tsv/.jsonl` of a folder, as one batch. `received_at`: the
  /// caller's date or date-time (ISO 8601), "" when not known.
  ImportResult import_dir(const std::string& dir, const std::string& source,
                          const std::string& received_at = "");
  ImportResult import_file(const std::string& path, const std::string& dataset, const std::string& source,
                           const std::string& received_at = "");
  /// Keyed rows (label → value, as validate_records takes them).
  ImportResult import_records(const std::vector<KeyedRecord>& rows, const std::string& dataset,
                              const std::string& source, const std::string& received_at = "");

  // ---- snapshots ----
  /// The current state.
  std::shared_ptr<const Registry> registry();
  /// The state as the archive knew it at `known_at` (filters on recorded_at).
  std::shared_ptr<const Registry> registry_known_at(TimePoint known_at);
  /// The state after batch (or event) `batch`.
  std::shared_ptr<const Registry> registry_at_batch(std::int64_t batch);
  /// The changes after batch `batch` up to now, in order (for hosts that mirror).
  std::vector<Change> changes_since(std::int64_t batch);
  /// The last batch / event number (0 for an empty archive).
  std::int64_t last_batch();

  // ---- reading ----
  EntityHistory history(const std::string& id);
  /// Journal entries with seq > `since`.
  std::vector<JournalEntry> journal(std::int64_t since = 0);

  // ---- lifecycle (docs/archive.md "Lifecycle") ----
  /// Files an objection to record `record_id`; returns its id.
  std::string file_objection(const std::string& record_id, date::sys_days filed_on,
                             const std::string& grounds, const std::string& by);
  /// Records step `step` (accept, reject, platform_check, provider_verification) done on
  /// `on`; `outcome` (corrected, record_confirmed, unresolved) closes the objection.
  /// `corrected_values` (field → value) with outcome "corrected" makes the new version;
  /// empty with "corrected" withdraws the record.
  void advance_objection(const std::string& objection_id, const std::string& step, date::sys_days on,
                         const std::string& outcome = "", const std::string& note = "",
                         const std::map<std::string, std::string>& corrected_values = {},
                         const std::string& actor = "");
  /// Objections with `status` ("" = all); with `overdue_on`, only those with a step overdue on that day.
  std::vector<Objection> objections(const std::string& status = "",
                                    std::optional<date::sys_days> overdue_on = std::nullopt);
  /// A correction (更正): changes fields of an entity as a new version.
  void correct(const std::string& id, const std::map<std::string, std::string>& values,
               const std::string& reason, const std::string& actor);
  /// Records a repair application; returns its id. The engine's decision on it (repair())
  /// is stored with it.
  std::string file_repair_application(const std::string& record_id, date::sys_days filed_on,
                                      const RepairEvidence& evidence, const std::string& by);
  /// Stores the outcome: from `decided_on` the record no longer counts. `decision` (the
  /// RepairDecision, optional) is stored as given.
  void apply_repair(const std::string& record_id, date::sys_days decided_on,
                    const std::optional<RepairDecision>& decision = std::nullopt,
                    const std::string& actor = "");
  /// Turns each overdue, unfulfilled commitment into one breach record (`<commitment id>:breach`),
  /// once, journaled; returns the breach ids made now.
  std::vector<std::string> check_commitments(date::sys_days as_of, const std::string& actor = "");

  // ---- checkpoints (docs/archive.md "Checkpoints") ----
  /// What checkpoint() stored.
  struct CheckpointInfo {
    std::int64_t seq = 0;  ///< the batch or event whose snapshot it holds (the last one)
    std::size_t subjects = 0, records = 0, parts = 0;
    std::uint64_t bytes = 0;  ///< the image's size
  };
  /// Stores the current snapshot's image in the file, for this pack and library version,
  /// in place of the earlier checkpoint of both: registry(), registry_known_at() and
  /// registry_at_batch() then start from the newest checkpoint at or before the state
  /// asked for and apply the changes after it, instead of reading every version (the
  /// same snapshot, sooner). A cache, not credit data: no journal entry; a checkpoint of
  /// another pack or library version is not used; a damaged one is ignored (check()
  /// reports it). An archive with no batch or event yet has nothing to keep: nothing is
  /// stored and the result says seq 0, parts 0.
  CheckpointInfo checkpoint();

  // ---- integrity ----
  struct CheckResult {
    bool ok = true;
    std::vector<std::string> problems;
    std::size_t batches = 0, entities = 0, versions = 0, events = 0;
  };
  /// SQLite's integrity check plus the archive's own invariants (counts reconcile, one
  /// version chain per entity, no duplicate versions, the journal is gap-free, every
  /// checkpoint of this pack and library reads and matches its counts).
  CheckResult check();

  struct Impl;

 private:
  explicit Archive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

ECREDIT_END_NAMESPACE
