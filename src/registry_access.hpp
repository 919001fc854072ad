// Internal: the registry's storage (Registry::Impl), access to its column store and interned codes, and
// selectors compiled against them (grading, measures). Not installed.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ecredit/grading.hpp"
#include "ecredit/registry.hpp"

ECREDIT_BEGIN_NAMESPACE

class Engine;

// The registry's storage (Registry::impl()). Records are kept column by column: strings
// (ids, person ids, attributes) live in one pool; code values (category, severity,
// polarity, domain, list) are interned into small integers (0 = the empty value) so
// grading compares integers.
struct Registry::Impl {
  // Per-registry cache of compiled forms (one per pack hash and name), built on first use
  // under a mutex; entries are immutable once built. Keyed by the pack's content hash, so
  // a different Engine object with the same files shares the entry (the compiled forms
  // copy what they need from the policy: nothing points into an engine).
  struct Cache {
    struct Entry {
      std::string hash, name;
      std::shared_ptr<const void> value;
    };
    std::mutex mu;
    std::vector<Entry> items;
  };

  struct Span {
    std::uint32_t off = 0, len = 0;
  };
  static constexpr std::uint32_t kNoSlot = 0xFFFFFFFFu;
  struct Slot {
    const std::vector<std::uint32_t>* first = nullptr;  // record indexes
    const std::vector<std::size_t>* second = nullptr;   // list-entry indexes
    std::uint32_t subject = kNoSlot;                    // index into subjects_
  };
  // Open addressing USCC → slot; the USCC text is kept in the entry (up to 19 bytes) so a
  // lookup touches one entry and one slot (the precheck's hot path).
  struct SlotKey {
    std::uint32_t slot = kNoSlot;
    std::uint8_t len = 0;  // 0xFF: longer than `text`, compare with sorted_usccs_
    char text[19] = {};
  };

  // Records, column by column, in pages of kPageSize records: a page is immutable once
  // its snapshot is built, and snapshots made by apply_changes share the pages they do not
  // change (a changed record copies its page: docs/grading.md "Memory").
  static constexpr unsigned kPageBits = 8;
  static constexpr std::size_t kPageSize = std::size_t{1} << kPageBits;
  struct Page {
    // The page's text: `shared` (immutable, shared with the pages copied from this one),
    // then `pool` (what was added since). A span's offset counts across both.
    std::shared_ptr<const std::string> shared;
    std::string pool;
    std::size_t shared_size() const noexcept { return shared ? shared->size() : 0; }
    std::size_t text_size() const noexcept { return shared_size() + pool.size(); }
    std::string_view text(Span sp) const noexcept {
      const std::size_t b = shared_size();
      return sp.off < b ? std::string_view(*shared).substr(sp.off, sp.len)
                        : std::string_view(pool).substr(sp.off - b, sp.len);
    }
    Span put(std::string_view text);  // appended to `pool`
    // `pool` made the shared part (its owner has finished writing it): later copies share it
    void freeze();
    std::vector<Span> id, person, attrs;  // attributes as "name\x1Fvalue\x1E…"
    std::vector<std::uint32_t> uscc;      // index into uscc_table_, or kNone
    // what grading reads of every record, side by side (one cache line per record)
    struct Hot {
      std::array<std::uint16_t, 4> codes;    // category, severity, polarity, domain
      std::int32_t date, expires, repaired;  // days since 1970-01-01; kNoDay
      std::uint8_t objection;                // 0 none, 1 pending, 2 accepted (Record::objection_accepted)
    };
    std::vector<Hot> hot;
  };
  std::vector<std::shared_ptr<Page>> pages_;
  std::size_t rec_n_ = 0;
  const Page& page(std::size_t i) const { return *pages_[i >> kPageBits]; }
  static std::size_t at(std::size_t i) { return i & (kPageSize - 1); }

  // Everything but the records and the code table: subjects, list entries, commitments
  // and the indexes. Shared by snapshots whose changes left it as it was.
  struct Index {
    std::vector<Subject> subjects_;
    // Entity ids of subjects (apply_changes) that are not "subject:<uscc>" (practitioner
    // rows: "practitioner:<id_type>|<id_no>"), by index into subjects_; most subjects have none.
    std::unordered_map<std::size_t, std::string> subject_ids_;
    std::vector<ListEntry> lists_;
    std::vector<Commitment> commitments_;
    std::vector<Relation> relations_;
    // relation indexes by subject USCC and by party ID (a person's ID or a USCC)
    std::unordered_map<std::string, std::vector<std::size_t>> relations_by_uscc_, relations_by_party_;
    // the pack's relation roles (code table relation_role), sorted, for queries that name
    // roles (relations.hpp); empty when the pack has no such table
    std::vector<std::string> role_codes_;
    std::unordered_map<std::string, std::size_t> subject_by_uscc_, subject_by_person_;
    std::unordered_map<std::string, std::vector<std::size_t>> lists_by_uscc_, lists_by_person_,
        subjects_by_related_;
    std::vector<std::string> uscc_table_;
    std::unordered_map<std::string, std::uint32_t> uscc_index_;
    std::vector<std::vector<std::uint32_t>> records_by_uscc_;  // by uscc_table_ index
    std::unordered_map<std::string, std::vector<std::uint32_t>> records_by_person_;
    std::vector<std::array<std::uint16_t, 2>> list_codes_;  // list, domain
    // Every USCC, sorted, with its record and list-entry indexes (nullptr when none):
    // batch grading walks these without hashing a string per subject.
    std::vector<std::string> sorted_usccs_;
    // One slot per USCC: its record and list-entry index lists and its subject row.
    std::vector<Slot> slots_;
    std::vector<SlotKey> slot_index_;
  };
  std::shared_ptr<Index> ix_ = std::make_shared<Index>();
  void set_subject_id(std::size_t i, const std::string& id) {
    const std::string& u = ix_->subjects_[i].uscc;
    if (!u.empty() && id.size() == 8 + u.size() && id.compare(0, 8, "subject:") == 0 &&
        id.compare(8, u.size(), u) == 0)
      return;
    ix_->subject_ids_[i] = id;
  }

  std::unordered_map<std::string, std::uint16_t> code_ids_;  // only grows (apply_changes copies it)
  std::vector<std::string> code_names_;
  // Compiled forms of policy rules for this snapshot.
  std::shared_ptr<Cache> cache_ = std::make_shared<Cache>();
  // Record id → record index, made on first use (apply_changes: marks, withdrawals and new
  // records name a record by its id alone) and shared by the snapshots apply_changes makes
  // in place from this one (the same ids at the same indexes). Open addressing over
  // indexes, at most 5/8 full: about 6 bytes a record.
  struct IdIndex {
    std::once_flag once;
    std::vector<std::uint32_t> table;  // record index, or kNoSlot
  };
  std::shared_ptr<IdIndex> ids_ = std::make_shared<IdIndex>();
  // The index of the record with id `id`, or SIZE_MAX.
  std::size_t find_record(std::string_view id) const;

  static std::uint64_t slot_hash(std::string_view s) noexcept;
  std::uint32_t slot_of(std::string_view uscc) const noexcept;  // kNoSlot when unknown
  std::uint16_t intern(const std::string& value);
  void add_record(const Record& r, const std::array<std::uint16_t, 4>& codes);
  // Record `i` rewritten in place (the same id, USCC and person ID) with its attributes as
  // `blob` (attribute_blob; nullopt: the same as before, no text added): its page must be
  // this snapshot's own (apply_changes copies it first, with copy_page).
  void set_record(std::size_t i, const Record& r, const std::optional<std::string>& blob,
                  const std::array<std::uint16_t, 4>& codes);
  // A copy of `from` for set_record: it shares `from`'s frozen text, copies the columns and
  // the unfrozen text, and keeps `room` bytes spare for what set_record appends.
  static std::shared_ptr<Page> copy_page(const Page& from, std::size_t room);
  Page& page_for_new();  // the page the next record goes into
  std::uint32_t uscc_slot(const std::string& uscc, std::uint32_t index);  // kNone for ""
  // Record `i` of `from` appended as it is (its code ids must mean the same here: copy
  // `from`'s code table first).
  void copy_record(const Impl& from, std::size_t i);
  // The indexes over the entries (per USCC, per person, sorted USCCs, slots); refuses
  // duplicate ids when `check_ids` (subjects' USCCs and person IDs always). Called once,
  // by Builder::build() or apply_changes.
  void finish(bool check_ids);
  std::string_view record_id(std::size_t i) const {
    const Page& p = page(i);
    return p.text(p.id[at(i)]);
  }
  Record record(std::size_t i) const;
  const Subject* subject(std::string_view uscc) const;
  const Subject* person(std::string_view person_id) const;
  std::vector<Record> records_of(std::string_view uscc) const;
  std::vector<Record> records_of_person(std::string_view person_id) const;
  std::map<std::string, Coverage> coverage(const std::map<std::string, std::size_t>* totals) const;

  // The snapshot around `impl` (Impl is a member of Registry: it may construct one).
  static std::shared_ptr<const Registry> wrap(std::unique_ptr<Impl> impl) {
    return std::shared_ptr<const Registry>(new Registry(std::move(impl)));
  }

  // The registry's image (src/registry_image.cpp; the archive's checkpoints): part 0
  // (codes, subjects, list entries, commitments, relations), then the record pages,
  // `pages_per_part` to a part, each handed to `emit` as it is made.
  // The image's format: a new number whenever the bytes or what they mean change (the
  // fields of a page, how a row maps to entries): checkpoints of another are not used.
  static constexpr std::uint32_t kImageFormat = 2;  // 2: relations in part 0
  static void save_image(const Registry& reg, std::size_t pages_per_part,
                         const std::function<void(std::string&&)>& emit);
  // Reads an image part by part (part 0 first, then the page parts in any order) and
  // makes the snapshot; InvalidInputError naming the part and byte on damaged bytes.
  class ImageLoader {
   public:
    explicit ImageLoader(std::string_view part0);
    ~ImageLoader();
    void add_pages(std::string_view part);
    std::shared_ptr<const Registry> finish();

   private:
    std::unique_ptr<Impl> impl_;
    std::size_t rec_n_ = 0, pages_ = 0, parts_ = 0;
  };
};

struct GradingAccess {
  static const std::vector<std::uint32_t>* records(const Registry& r, const std::string& u) {
    auto it = r.impl().ix_->uscc_index_.find(u);
    return it == r.impl().ix_->uscc_index_.end() ? nullptr : &r.impl().ix_->records_by_uscc_[it->second];
  }
  static const std::vector<std::size_t>* lists(const Registry& r, const std::string& u) {
    auto it = r.impl().ix_->lists_by_uscc_.find(u);
    return it == r.impl().ix_->lists_by_uscc_.end() ? nullptr : &it->second;
  }
  static const std::array<std::uint16_t, 4>& record_codes(const Registry& r, std::size_t i) {
    return r.impl().page(i).hot[Registry::Impl::at(i)].codes;
  }
  static const std::array<std::uint16_t, 2>& list_codes(const Registry& r, std::size_t i) {
    return r.impl().ix_->list_codes_[i];
  }
  static std::size_t code_count(const Registry& r) { return r.impl().code_names_.size(); }
  static const std::vector<std::string>& sorted_usccs(const Registry& r) {
    return r.impl().ix_->sorted_usccs_;
  }
  static const Registry::Impl::Slot& slot(const Registry& r, std::size_t i) {
    return r.impl().ix_->slots_[i];
  }
  static int code_id(const Registry& r, const std::string& v) {
    auto it = r.impl().code_ids_.find(v);
    return it == r.impl().code_ids_.end() ? -1 : it->second;
  }
  // Column access for one record.
  static date::sys_days date_of(const Registry& r, std::size_t i) {
    return date::sys_days{date::days{r.impl().page(i).hot[Registry::Impl::at(i)].date}};
  }
  static std::optional<date::sys_days> day_or_none(std::int32_t d) {
    if (d == INT32_MIN) return std::nullopt;
    return date::sys_days{date::days{d}};
  }
  static std::optional<date::sys_days> expires(const Registry& r, std::size_t i) {
    return day_or_none(r.impl().page(i).hot[Registry::Impl::at(i)].expires);
  }
  static std::optional<date::sys_days> repaired(const Registry& r, std::size_t i) {
    return day_or_none(r.impl().page(i).hot[Registry::Impl::at(i)].repaired);
  }
  static bool objection(const Registry& r, std::size_t i) {
    return r.impl().page(i).hot[Registry::Impl::at(i)].objection != 0;
  }
  // 0 none, 1 pending, 2 accepted (Record::under_objection / objection_accepted).
  static std::uint8_t objection_state(const Registry& r, std::size_t i) {
    return r.impl().page(i).hot[Registry::Impl::at(i)].objection;
  }
  static std::string_view id(const Registry& r, std::size_t i) { return r.impl().record_id(i); }
  static std::string_view attrs(const Registry& r, std::size_t i) {
    const Registry::Impl::Page& p = r.impl().page(i);
    return p.text(p.attrs[Registry::Impl::at(i)]);
  }
  static const std::string& code_name(const Registry& r, std::uint16_t id) {
    return r.impl().code_names_[id];
  }
  static Registry::Impl::Cache& cache(const Registry& r) { return *r.impl().cache_; }
  // Everything the registry holds on one USCC, found with one probe sequence.
  struct Slot {
    const Subject* subject = nullptr;
    const std::vector<std::uint32_t>* records = nullptr;
    const std::vector<std::size_t>* lists = nullptr;
    bool found = false;
  };
  static Slot slot(const Registry& r, std::string_view uscc) {
    const std::uint32_t i = r.impl().slot_of(uscc);
    if (i == Registry::Impl::kNoSlot) return {};
    const Registry::Impl::Slot& sl = r.impl().ix_->slots_[i];
    return {sl.subject == Registry::Impl::kNoSlot ? nullptr : &r.impl().ix_->subjects_[sl.subject], sl.first,
            sl.second, true};
  }
  static const std::vector<std::uint32_t>* person_records(const Registry& r, const std::string& p) {
    auto it = r.impl().ix_->records_by_person_.find(p);
    return it == r.impl().ix_->records_by_person_.end() ? nullptr : &it->second;
  }
  static const std::vector<std::size_t>* person_lists(const Registry& r, const std::string& p) {
    auto it = r.impl().ix_->lists_by_person_.find(p);
    return it == r.impl().ix_->lists_by_person_.end() ? nullptr : &it->second;
  }
  static const std::vector<std::size_t>* related_subjects(const Registry& r, const std::string& p) {
    auto it = r.impl().ix_->subjects_by_related_.find(p);
    return it == r.impl().ix_->subjects_by_related_.end() ? nullptr : &it->second;
  }
};

namespace detail {

// A ';'-joined multi-value attribute matches when one of its values is accepted.
bool attribute_matches(std::string_view value, const std::vector<std::string>& accepted);
bool attributes_match(const Selector& s, const Record& r);
// The same on a registry's attribute blob ("name\x1Fvalue\x1E…").
bool attributes_match(const Selector& s, std::string_view blob);

// A selector compiled against one registry's interned codes: matching is a few
// table lookups instead of string comparisons.
struct CompiledSelector {
  Selector sel;  // a copy: the compiled form may outlive the engine that made it (Registry cache)
  std::array<std::vector<std::uint8_t>, 4> allow;  // empty = any value
  bool impossible = false;                         // a value list none of whose values occurs

  CompiledSelector(const Selector& s, const Registry& reg) : sel(s) {
    const std::size_t n = GradingAccess::code_count(reg);
    auto compile = [&](std::size_t k, const std::vector<std::string>& values) {
      if (values.empty()) return;
      allow[k].assign(n, 0);
      for (const auto& v : values) {
        const int id = GradingAccess::code_id(reg, v);
        if (id >= 0) allow[k][static_cast<std::size_t>(id)] = 1;
      }
    };
    if (s.for_lists) {
      compile(0, s.list);
      compile(1, s.domain);
    } else {
      compile(0, s.category);
      compile(1, s.severity);
      compile(2, s.polarity);
      compile(3, s.domain);
    }
  }

  template <std::size_t N>
  bool codes_match(const std::array<std::uint16_t, N>& c) const {
    for (std::size_t k = 0; k < N; ++k)
      if (!allow[k].empty() && !allow[k][c[k]]) return false;
    return true;
  }
  bool record(const Registry& reg, std::size_t i) const {
    return !sel.for_lists && codes_match(GradingAccess::record_codes(reg, i)) &&
           (sel.attributes.empty() || attributes_match(sel, GradingAccess::attrs(reg, i)));
  }
  bool list(const Registry& reg, std::size_t i) const {
    return sel.for_lists && codes_match(GradingAccess::list_codes(reg, i));
  }
};

struct CompiledModel {
  std::vector<CompiledSelector> indicators, vetoes;
  // With at most 64 indicators, mask[d][code] has bit k set when record indicator k
  // accepts `code` in dimension d (category, severity, polarity, domain): a record's
  // candidate indicators are the AND of four lookups, computed once per record.
  bool use_masks = false;
  std::array<std::vector<std::uint64_t>, 4> mask;

  CompiledModel(const GradingModel& m, const Registry& reg) {
    for (const auto& ind : m.indicators) indicators.emplace_back(ind.select, reg);
    for (const auto& v : m.vetoes) vetoes.emplace_back(v.when, reg);
    use_masks = m.indicators.size() <= 64;
    if (!use_masks) return;
    const std::size_t n = GradingAccess::code_count(reg);
    for (auto& dim : mask) dim.assign(n, 0);
    for (std::size_t k = 0; k < indicators.size(); ++k) {
      if (indicators[k].sel.for_lists) continue;
      for (std::size_t d = 0; d < 4; ++d)
        for (std::size_t c = 0; c < n; ++c)
          if (indicators[k].allow[d].empty() || indicators[k].allow[d][c])
            mask[d][c] |= std::uint64_t{1} << k;
    }
  }

  std::uint64_t candidates(const Registry& reg, std::size_t i) const {
    const auto& c = GradingAccess::record_codes(reg, i);
    return mask[0][c[0]] & mask[1][c[1]] & mask[2][c[2]] & mask[3][c[3]];
  }
};

// The compiled form `name` of a registry for the pack with content hash `hash`, made by
// `make` once and shared afterwards. The lookup allocates nothing.
template <class T, class Make>
std::shared_ptr<const T> cached(const Registry& reg, const std::string& hash, std::string_view name,
                                Make&& make) {
  auto& c = GradingAccess::cache(reg);
  std::lock_guard<std::mutex> lock(c.mu);
  for (const auto& e : c.items)
    if (e.name == name && e.hash == hash) return std::static_pointer_cast<const T>(e.value);
  std::shared_ptr<const void> v = std::make_shared<const T>(make());
  c.items.push_back({hash, std::string(name), v});
  return std::static_pointer_cast<const T>(v);
}

// The registry's compiled form of model `m` (cached per pack hash and model id).
std::shared_ptr<const CompiledModel> compiled_model(const Engine& engine, const Registry& reg,
                                                    const GradingModel& m);
// The grade of one subject (no existence check) with the cached compiled model, from its
// record and list-entry indexes (GradingAccess::records / lists; nullptr = none). Without
// a trace only grade, score and no_data are set.
Grade grade_subject(const Engine& engine, const Registry& reg, const GradingModel& m, const std::string& uscc,
                    const std::vector<std::uint32_t>* records, const std::vector<std::size_t>* lists,
                    date::sys_days as_of, bool with_trace);

}  // namespace detail

ECREDIT_END_NAMESPACE
