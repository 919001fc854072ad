/// The registry: credit files of market subjects (基本信息, records, list entries,
/// commitments), an immutable snapshot indexed by USCC and by person ID.
///
///     auto reg = ecredit::Registry::from_dir(*engine, "data/");   // <dataset_id>.csv / .jsonl
///     for (const ecredit::Record* r : reg->records_of("91440101MA59U8YB6Y")) …
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
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
#include "ecredit/validate.hpp"

ECREDIT_BEGIN_NAMESPACE

using Attributes = std::map<std::string, std::string>;

struct Subject {
  std::string uscc;       ///< "" for natural persons (see person_id)
  std::string person_id;  ///< natural persons: their ID number
  std::string name, kind, district, legal_rep_id;
  std::vector<std::string> domains, responsible_ids;
  Attributes attributes;
};

struct Record {
  std::string id;  ///< unique in the registry ("<dataset>:<primary key>" when loaded from files)
  std::string uscc, person_id;
  std::string category, severity, polarity, domain;
  date::sys_days decision_date{};
  std::optional<date::sys_days> expires_on, repaired_on;
  bool under_objection = false;  ///< an objection (异议) is open: filed, or accepted and under verification
  bool objection_accepted = false;  ///< the authority accepted the objection (verification under way)
  Attributes attributes;            ///< every other field; multi-code values are ';'-joined
};

struct ListEntry {
  std::string id, uscc, person_id, list, domain;
  date::sys_days included_on{};
  std::optional<date::sys_days> expires_on, removed_on;
  Attributes attributes;
  /// In force on `as_of`: included on or before, not removed or expired on or before.
  bool active(date::sys_days as_of) const noexcept;
};

struct Commitment {
  std::string id, uscc, person_id, type, status, domain;
  std::optional<date::sys_days> date;
  Attributes attributes;
};

/// A related party (关联关系): `party_id` has `role` in the subject `uscc` — its legal
/// representative, a shareholder holding `share`, its parent company … (code table
/// `relation_role`; relations.hpp queries them). In force from `from_date` (or always)
/// until the day before `to_date` (or still), as a list entry until its removed_on.
struct Relation {
  std::string id;          ///< unique in the registry ("relation:<primary key>" when loaded from files)
  std::string uscc;        ///< the subject
  std::string party_id;    ///< a person's ID number (person) or a USCC (organisation)
  std::string party_kind;  ///< code table `party_kind`: person / organisation
  std::string party_name, role, source;
  std::optional<double> share;  ///< 0–1: equity (or votes) the party holds in the subject
  std::optional<date::sys_days> from_date, to_date;
  Attributes attributes;
  /// In force on `as_of`: from on or before it (or no from), not ended on or before it.
  bool active(date::sys_days as_of) const noexcept;
};

/// Coverage of one domain (or "all"): market subjects known and those with a credit file.
struct Coverage {
  std::size_t subjects = 0;   ///< market subjects of the domain (or the host's total)
  std::size_t with_file = 0;  ///< of those, with a credit file
  double ratio() const noexcept {
    return subjects == 0 ? 0.0 : static_cast<double>(with_file) / static_cast<double>(subjects);
  }
};

/// What loading a folder did: one validation report per dataset file, and files skipped.
struct LoadSummary {
  std::map<std::string, Report>
      reports;                       ///< dataset id (or file name, for a second file of one dataset) → report
  std::vector<std::string> skipped;  ///< files not of a data extension (.csv/.tsv/.jsonl): not read
  std::size_t subjects = 0, records = 0, list_entries = 0, commitments = 0, relations = 0;
};

class ECREDIT_API Registry {
 public:
  /// Collects entries, then build() makes the immutable snapshot. Every code is
  /// checked against the engine's vocabulary — subject kind, domains and district,
  /// record category and polarity (the catalog's `maps_to`), severity, list kind,
  /// commitment type and status (its code tables; a table the pack lacks is not
  /// checked) — and every USCC must be genuine (valid or a legacy pilot code): add()
  /// throws InvalidInputError naming the entry and the field. Ids must be unique per
  /// kind (a record, list entry or commitment added twice would count twice), as must
  /// a subject's USCC or person ID: build() throws InvalidInputError naming the
  /// duplicate. `engine` must outlive the builder.
  class ECREDIT_API Builder {
   public:
    explicit Builder(const Engine& engine);
    ~Builder();
    Builder(Builder&&) noexcept;
    Builder& operator=(Builder&&) noexcept;
    Builder& add(Subject s);
    Builder& add(Record r);
    Builder& add(ListEntry e);
    Builder& add(Commitment c);
    /// A relation: a genuine subject USCC; a party of kind person (its ID normalised as a
    /// subject's person_id is) or organisation (a genuine USCC); a role of `relation_role`;
    /// a share within 0–1; from_date not after to_date.
    Builder& add(Relation r);
    /// Adds the accepted rows of a dataset through its maps_to (values as the
    /// validator normalised them, in the dataset's field order).
    Builder& add_row(const Dataset& ds, std::size_t row, const std::vector<std::string>& values);
    /// The checks add_row runs on a row (its entries mapped and checked as add() checks
    /// them), adding nothing: throws InvalidInputError naming the entry and the field.
    /// The archive runs it on every row it stores, so that no stored row can fail the
    /// snapshot built from them.
    void check_row(const Dataset& ds, std::size_t row, const std::vector<std::string>& values);
    std::shared_ptr<const Registry> build();

   private:
    friend class Registry;  // apply_changes checks upserted rows through a builder
    struct Vocabulary;
    // add()'s checks: the entry normalised in place, nothing added (a record's code ids
    // in this builder are returned)
    std::array<std::uint16_t, 4> check(Record& r);
    void check(Subject& s);
    void check(ListEntry& e);
    void check(Commitment& c);
    void check(Relation& r);
    // check_row's checks on a row's mapped entries (src/registry.cpp's RowEntities)
    template <class Entities>
    void check_entries(Entities& e);
    bool checking_ = false;  // in check_entries: entries are named without an index
    std::shared_ptr<Registry> r_;
    std::unique_ptr<Vocabulary> vocab_;
  };

  /// Loads `<dataset_id>.csv` / `.tsv` / `.jsonl` files of a folder, validating each
  /// against the engine's catalog; only accepted rows are used. Files of other
  /// extensions (notes, READMEs) are not read and listed in `summary->skipped`.
  /// `summary` (optional) receives the reports. Throws PathNotFoundError when the folder
  /// does not exist, IoError when it (or a file in it) cannot be read, and
  /// InvalidInputError when it holds no dataset file or a `.csv` / `.tsv` / `.jsonl`
  /// file whose name is no dataset id (it would silently be missing from every grade).
  static std::shared_ptr<const Registry> from_dir(const Engine& engine, const std::string& dir,
                                                  LoadSummary* summary = nullptr);

  const std::vector<Subject>& subjects() const noexcept;
  /// Records are stored column-wise (compact; docs/grading.md "Memory"): count them,
  /// and rebuild one as a Record value on request.
  std::size_t record_count() const noexcept;
  Record record(std::size_t i) const;
  const std::vector<ListEntry>& list_entries() const noexcept;
  const std::vector<Commitment>& commitments() const noexcept;
  /// The relations added as such (relation rows); those a subject row's legal_rep_id and
  /// responsible_ids imply are not among them (relations.hpp's queries add them).
  const std::vector<Relation>& relations() const noexcept;

  const Subject* subject(std::string_view uscc) const;
  const Subject* person(std::string_view person_id) const;
  std::vector<Record> records_of(std::string_view uscc) const;
  std::vector<const ListEntry*> lists_of(std::string_view uscc) const;
  std::vector<Record> records_of_person(std::string_view person_id) const;
  std::vector<const ListEntry*> lists_of_person(std::string_view person_id) const;
  /// Subjects whose legal representative or responsible person is `person_id`.
  std::vector<const Subject*> subjects_of_person(std::string_view person_id) const;
  /// Every USCC with a file or with records / list entries, sorted.
  std::vector<std::string> usccs() const;

  /// A new snapshot in which record (or list entry) `id` is repaired on `on`: from that
  /// day it no longer counts for grading or measures (a list entry counts as removed).
  /// This snapshot is unchanged. Throws NotFoundError for an unknown id.
  std::shared_ptr<const Registry> apply_repair(std::string_view id, date::sys_days on) const;

  /// A new snapshot with `changes` applied in order (upserts and withdrawals of entities
  /// by dataset row, objection and repair marks); this snapshot is unchanged and the new
  /// one shares its unchanged parts. Rows are checked as Builder::add_row checks them;
  /// an unknown id to withdraw or mark throws NotFoundError naming it.
  ///
  /// Entity ids are "<dataset>:<primary key>" as the builder gives records from rows
  /// (subjects too: "subject:<uscc>", "practitioner:<id_type>|<id_no>"; a subject added
  /// through Builder::add(Subject) is "subject:<uscc>"). Withdrawing a commitment also
  /// withdraws its breach record ("<id>:breach"); an upsert replaces the entity in place
  /// (a new one comes after the existing ones). docs/archive.md "Without SQLite".
  std::shared_ptr<const Registry> apply_changes(const Engine& engine,
                                                const std::vector<Change>& changes) const;

  /// Per domain (and "all"): market subjects and those with a credit file
  /// (docs/grading.md). `totals` (domain → number of market subjects) overrides the
  /// counts the registry can see.
  std::map<std::string, Coverage> coverage(const std::map<std::string, std::size_t>* totals = nullptr) const;

  /// The storage (a column store of records, interned codes, the USCC index): defined
  /// in src/registry_access.hpp, opaque outside the library.
  struct Impl;
  const Impl& impl() const noexcept { return *impl_; }

  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

 private:
  explicit Registry(std::unique_ptr<Impl> impl);
  // apply_changes and apply_repair; `engine` may be null when no change is an upsert
  std::shared_ptr<const Registry> apply(const Engine* engine, const std::vector<Change>& changes) const;
  std::unique_ptr<Impl> impl_;
};

ECREDIT_END_NAMESPACE
