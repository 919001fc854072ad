// The registry: building credit files from datasets (maps_to) or the API.
#include "ecredit/registry.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "ecredit/error.hpp"
#include "ecredit/file.hpp"
#include "ecredit/grading.hpp"
#include "ecredit/id.hpp"
#include "ecredit/measures.hpp"
#include "id_internal.hpp"
#include "registry_access.hpp"
#include "registry_rows.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace fs = std::filesystem;

date::sys_days parse_iso_date(std::string_view s) {
  auto digits = [&](std::size_t a, std::size_t n) {
    int v = 0;
    for (std::size_t i = a; i < a + n; ++i) {
      if (s[i] < '0' || s[i] > '9')
        throw InvalidInputError("not an ISO date (YYYY-MM-DD): '" + std::string(s) + "'");
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-')
    throw InvalidInputError("not an ISO date (YYYY-MM-DD): '" + std::string(s) + "'");
  const date::year_month_day ymd{date::year{digits(0, 4)}, date::month{static_cast<unsigned>(digits(5, 2))},
                                 date::day{static_cast<unsigned>(digits(8, 2))}};
  if (!ymd.ok()) throw InvalidInputError("not a real date: '" + std::string(s) + "'");
  return date::sys_days{ymd};
}

std::string format_iso_date(date::sys_days d) {
  const date::year_month_day ymd{d};
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) return date::format("%F", d);  // outside what 4 digits can show
  const unsigned m = static_cast<unsigned>(ymd.month()), dd = static_cast<unsigned>(ymd.day());
  std::string s = "0000-00-00";
  s[0] = static_cast<char>('0' + y / 1000);
  s[1] = static_cast<char>('0' + y / 100 % 10);
  s[2] = static_cast<char>('0' + y / 10 % 10);
  s[3] = static_cast<char>('0' + y % 10);
  s[5] = static_cast<char>('0' + m / 10);
  s[6] = static_cast<char>('0' + m % 10);
  s[8] = static_cast<char>('0' + dd / 10);
  s[9] = static_cast<char>('0' + dd % 10);
  return s;
}

bool ListEntry::active(date::sys_days as_of) const noexcept {
  if (included_on > as_of) return false;
  if (removed_on && *removed_on <= as_of) return false;
  if (expires_on && *expires_on <= as_of) return false;
  return true;
}

bool Relation::active(date::sys_days as_of) const noexcept {
  if (from_date && *from_date > as_of) return false;
  if (to_date && *to_date <= as_of) return false;
  return true;
}

namespace {

std::vector<std::string> split_codes(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto end = s.find(';', start);
    std::string part = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const auto first = part.find_first_not_of(" \t");
    part = first == std::string::npos ? std::string()
                                      : part.substr(first, part.find_last_not_of(" \t") - first + 1);
    if (!part.empty()) out.push_back(part);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::optional<date::sys_days> opt_date(const std::string& s) {
  if (s.size() < 10) return std::nullopt;
  try {
    return parse_iso_date(std::string_view(s).substr(0, 10));
  } catch (const InvalidInputError&) {
    return std::nullopt;
  }
}

/// The value of the field named by maps_to[key] (or by one of `fallbacks`), or "".
struct RowView {
  const Dataset& ds;
  const std::vector<std::string>& values;

  const std::string& field(const std::string& name) const {
    static const std::string empty;
    const auto i = ds.field_index(name);
    return i < 0 ? empty : values[static_cast<std::size_t>(i)];
  }
  std::string mapped(const std::string& key, std::initializer_list<const char*> fallbacks = {}) const {
    auto it = ds.maps_to.keys.find(key);
    if (it != ds.maps_to.keys.end()) return field(it->second);
    for (const char* f : fallbacks)
      if (!field(f).empty()) return field(f);
    return {};
  }
  std::string constant(const std::string& key) const {
    auto it = ds.maps_to.keys.find(key);
    return it == ds.maps_to.keys.end() ? std::string() : it->second;
  }
  Attributes attributes() const {
    Attributes a;
    for (std::size_t i = 0; i < ds.fields.size(); ++i)
      if (!values[i].empty()) a[ds.fields[i].name] = values[i];
    return a;
  }
  std::string key(std::size_t row) const {
    std::string k = ds.id + ":";
    if (ds.primary_key_index.empty()) return k + "row" + std::to_string(row);
    for (std::size_t n = 0; n < ds.primary_key_index.size(); ++n)
      k += (n ? "|" : "") + values[ds.primary_key_index[n]];
    return k;
  }
};

}  // namespace

Registry::Registry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Registry::~Registry() = default;

const std::vector<Subject>& Registry::subjects() const noexcept { return impl_->ix_->subjects_; }
std::size_t Registry::record_count() const noexcept { return impl_->rec_n_; }
const std::vector<ListEntry>& Registry::list_entries() const noexcept { return impl_->ix_->lists_; }
const std::vector<Commitment>& Registry::commitments() const noexcept { return impl_->ix_->commitments_; }
const std::vector<Relation>& Registry::relations() const noexcept { return impl_->ix_->relations_; }

// The engine's vocabulary for registry entries, and which interned record codes have
// been checked against it (a code is checked once, not once per record).
struct Registry::Builder::Vocabulary {
  struct Set {
    std::string what;  // "code table 'domain'" / "the catalog's record categories"
    bool checked = false;
    std::set<std::string, std::less<>> values;
    template <class Entry>  // `entry()` names the entry, called only on an error
    void check(const Entry& entry, const char* field, const std::string& v) const {
      if (!checked || v.empty() || values.count(v)) return;
      std::string known;
      for (const auto& x : values) known += (known.empty() ? "" : ", ") + x;
      throw InvalidInputError(entry() + ": " + field + " '" + v + "' is not in " + what + " (" + known + ")");
    }
  };
  Set kinds, domains, districts, lists, severities, categories, polarities, commitment_types, statuses,
      party_kinds, roles;
  std::array<std::vector<std::uint8_t>, 4> record_code_ok;  // category, severity, polarity, domain
  std::string last_record_uscc;  // a subject's records usually come together: check its USCC once

  explicit Vocabulary(const Engine& engine) {
    auto table = [&](Set& s, const char* name) {
      s.what = std::string("code table '") + name + "'";
      if (const CodeTable* t = engine.code_table(name)) {
        s.checked = true;
        for (const Code& c : t->codes) s.values.insert(c.code);
      }
    };
    table(kinds, "subject_kind");
    table(domains, "domain");
    table(districts, "district");
    table(lists, "list_kind");
    table(severities, "severity");
    table(commitment_types, "commitment_type");
    table(statuses, "fulfilment_status");
    table(party_kinds, "party_kind");
    table(roles, "relation_role");
    categories.what = "the record categories of the pack (catalog maps_to and the rules' selectors)";
    polarities.what = "the record polarities of the pack (catalog maps_to and the rules' selectors)";
    // categories and polarities the pack's rules select (records may come through the API)
    auto selected = [&](const Selector& s) {
      if (s.for_lists) return;
      categories.values.insert(s.category.begin(), s.category.end());
      polarities.values.insert(s.polarity.begin(), s.polarity.end());
    };
    for (const GradingModel& m : engine.models()) {
      for (const Indicator& i : m.indicators) selected(i.select);
      for (const Veto& v : m.vetoes) selected(v.when);
    }
    for (const Measure& m : engine.measures().measures)
      if (m.trigger.kind == MeasureTrigger::Kind::record) selected(m.trigger.select);
    for (const auto& r : engine.measures().commitment.denied_records) selected(r.select);
    categories.checked = polarities.checked = true;
    for (const Dataset& ds : engine.catalog().datasets) {
      const auto& k = ds.maps_to.keys;
      if (ds.maps_to.kind == "record") {
        if (auto c = k.find("category"); c != k.end()) categories.values.insert(c->second);
        if (auto c = k.find("polarity"); c != k.end()) polarities.values.insert(c->second);
      } else if (ds.maps_to.kind == "commitment") {
        // an unfulfilled commitment becomes a record of its own (add_row)
        categories.values.insert("commitment_breach");
        polarities.values.insert("bad");
      }
    }
  }
};

namespace {
// A USCC as the registry stores and looks it up: normalised (trim, full-width, upper
// case), and genuine (valid or a legacy pilot code) or refused.
// `entry` names the entry for a message; it is called only on an error.
template <class Entry>
void genuine_uscc(const Entry& entry, const char* field, std::string& uscc) {
  if (uscc.empty()) return;
  if (is_plain_uscc(uscc) && uscc_verdict(uscc).status != IdStatus::invalid)
    return;  // already normal: no allocation
  const IdResult r = check_uscc(uscc);
  if (!r.genuine())
    throw InvalidInputError(entry() + ": " + field + " '" + uscc + "' is not a genuine USCC (" +
                            std::string(to_string(r.reason)) + ")");
  uscc = r.normalized;
}
// A person ID as stored and looked up: a resident ID in its normalised 18-digit form (a
// 15-digit number converted), so a query in any form finds it; a number shaped like a
// resident ID (15 or 18 digits, the last maybe X) that is not genuine is refused; any
// other number (passport, permit) is kept normalised.
template <class Entry>
void person_id(const Entry& entry, const char* field, std::string& id) {
  if (id.empty()) return;
  const IdResult r = check_resident_id(id);
  if (r.genuine()) {
    id = r.converted.empty() ? r.normalized : r.converted;
    return;
  }
  const std::string& n = r.normalized;
  if (is_resident_id_shaped(n))
    throw InvalidInputError(entry() + ": " + field + " '" + mask_id(n) + "' is not a genuine resident ID (" +
                            std::string(to_string(r.reason)) + ")");
  id = n;
}
std::string entry_name(const char* kind, std::size_t index, const std::string& id) {
  return std::string(kind) + (index == SIZE_MAX ? "" : "[" + std::to_string(index) + "]") +
         (id.empty() ? "" : " '" + id + "'");
}
}  // namespace

Registry::Builder::Builder(const Engine& engine)
    : r_(new Registry(std::make_unique<Impl>())), vocab_(std::make_unique<Vocabulary>(engine)) {}
Registry::Builder::~Builder() = default;
Registry::Builder::Builder(Builder&&) noexcept = default;
Registry::Builder& Registry::Builder::operator=(Builder&&) noexcept = default;

Registry::Builder& Registry::Builder::add(Subject s) {
  check(s);
  r_->impl_->ix_->subjects_.push_back(std::move(s));
  return *this;
}
void Registry::Builder::check(Subject& s) {
  const std::size_t index = checking_ ? SIZE_MAX : r_->impl_->ix_->subjects_.size();
  auto entry = [&] { return entry_name("subjects", index, s.uscc.empty() ? mask_id(s.person_id) : s.uscc); };
  if (s.uscc.empty() && s.person_id.empty())
    throw InvalidInputError(entry() + ": needs a uscc or a person_id");
  genuine_uscc(entry, "uscc", s.uscc);
  person_id(entry, "person_id", s.person_id);
  person_id(entry, "legal_rep_id", s.legal_rep_id);
  for (std::string& p : s.responsible_ids) person_id(entry, "responsible_ids", p);
  vocab_->kinds.check(entry, "kind", s.kind);
  for (const auto& d : s.domains) vocab_->domains.check(entry, "domains", d);
  vocab_->districts.check(entry, "district", s.district);
}
Registry::Builder& Registry::Builder::add(Record rec) {
  const std::array<std::uint16_t, 4> codes = check(rec);
  r_->impl_->add_record(rec, codes);
  return *this;
}
std::array<std::uint16_t, 4> Registry::Builder::check(Record& rec) {
  const std::size_t index = checking_ ? SIZE_MAX : r_->impl_->rec_n_;
  auto entry = [&] { return entry_name("records", index, rec.id); };
  if (rec.id.empty()) throw InvalidInputError(entry() + ": needs an id");
  if (rec.uscc.empty() && rec.person_id.empty())
    throw InvalidInputError(entry() + ": needs a uscc or a person_id");
  if (rec.uscc.empty() || rec.uscc != vocab_->last_record_uscc) {
    genuine_uscc(entry, "uscc", rec.uscc);
    vocab_->last_record_uscc = rec.uscc;  // the normalised, genuine form
  }
  person_id(entry, "person_id", rec.person_id);
  if (rec.category.empty()) throw InvalidInputError(entry() + ": needs a category");
  Impl& r = *r_->impl_;
  if (r.code_names_.empty()) r.intern("");  // id 0 = the empty value
  const std::array<std::uint16_t, 4> codes{r.intern(rec.category), r.intern(rec.severity),
                                           r.intern(rec.polarity), r.intern(rec.domain)};
  static constexpr const char* kFields[4] = {"category", "severity", "polarity", "domain"};
  const Vocabulary::Set* sets[4] = {&vocab_->categories, &vocab_->severities, &vocab_->polarities,
                                    &vocab_->domains};
  const std::string* values[4] = {&rec.category, &rec.severity, &rec.polarity, &rec.domain};
  for (int f = 0; f < 4; ++f) {
    auto& ok = vocab_->record_code_ok[static_cast<std::size_t>(f)];
    if (ok.size() <= codes[f]) ok.resize(codes[f] + 1u, 0);
    if (ok[codes[f]]) continue;
    sets[f]->check(entry, kFields[f], *values[f]);
    ok[codes[f]] = 1;
  }
  return codes;
}

namespace {
constexpr std::uint32_t kNone = 0xFFFFFFFFu;
constexpr std::int32_t kNoDay = INT32_MIN;
std::int32_t to_day(const std::optional<date::sys_days>& d) {
  return d ? static_cast<std::int32_t>(d->time_since_epoch().count()) : kNoDay;
}
std::optional<date::sys_days> from_day(std::int32_t d) {
  if (d == kNoDay) return std::nullopt;
  return date::sys_days{date::days{d}};
}
}  // namespace

std::uint16_t Registry::Impl::intern(const std::string& value) {
  auto it = code_ids_.find(value);
  if (it != code_ids_.end()) return it->second;
  if (code_names_.size() >= 0xFFFF) throw Error("registry: more than 65,535 distinct code values");
  const auto id = static_cast<std::uint16_t>(code_names_.size());
  code_ids_.emplace(value, id);
  code_names_.push_back(value);
  return id;
}

Registry::Impl::Page& Registry::Impl::page_for_new() {
  if (rec_n_ % kPageSize == 0) {
    if (!pages_.empty()) pages_.back()->freeze();  // full: no slack kept, shared by later copies
    auto p = std::make_shared<Page>();
    p->id.reserve(kPageSize);
    p->person.reserve(kPageSize);
    p->attrs.reserve(kPageSize);
    p->uscc.reserve(kPageSize);
    p->hot.reserve(kPageSize);
    pages_.push_back(std::move(p));
  }
  return *pages_.back();
}

namespace {
Registry::Impl::Page::Hot hot_of(const Record& r, const std::array<std::uint16_t, 4>& codes) {
  return {codes, static_cast<std::int32_t>(r.decision_date.time_since_epoch().count()), to_day(r.expires_on),
          to_day(r.repaired_on),
          static_cast<std::uint8_t>(r.objection_accepted ? 2
                                    : r.under_objection  ? 1
                                                         : 0)};
}
std::string attribute_blob(const Attributes& attributes) {
  std::string blob;
  for (const auto& [k, v] : attributes) {
    blob += k;
    blob.push_back('\x1F');
    blob += v;
    blob.push_back('\x1E');
  }
  return blob;
}
}  // namespace

Registry::Impl::Span Registry::Impl::Page::put(std::string_view t) {
  const std::size_t off = text_size();
  if (off + t.size() > 0xF0000000u) throw Error("registry: record text of one page over 4 GB");
  pool.append(t);
  return {static_cast<std::uint32_t>(off), static_cast<std::uint32_t>(t.size())};
}

void Registry::Impl::Page::freeze() {
  if (shared || pool.empty()) return;  // a copy's own text stays its own (copy_page copies it)
  pool.shrink_to_fit();
  shared = std::make_shared<const std::string>(std::move(pool));
  pool = std::string();
}

std::uint32_t Registry::Impl::uscc_slot(const std::string& uscc, std::uint32_t index) {
  if (uscc.empty()) return kNone;
  auto [it, fresh] = ix_->uscc_index_.emplace(uscc, static_cast<std::uint32_t>(ix_->uscc_table_.size()));
  if (fresh) {
    ix_->uscc_table_.push_back(uscc);
    ix_->records_by_uscc_.emplace_back();
  }
  ix_->records_by_uscc_[it->second].push_back(index);
  return it->second;
}

void Registry::Impl::add_record(const Record& r, const std::array<std::uint16_t, 4>& codes) {
  const auto index = static_cast<std::uint32_t>(rec_n_);
  Page& p = page_for_new();
  p.id.push_back(p.put(r.id));
  p.person.push_back(p.put(r.person_id));
  p.attrs.push_back(p.put(attribute_blob(r.attributes)));
  p.uscc.push_back(uscc_slot(r.uscc, index));
  if (!r.person_id.empty()) ix_->records_by_person_[r.person_id].push_back(index);
  p.hot.push_back(hot_of(r, codes));
  ++rec_n_;
}

void Registry::Impl::set_record(std::size_t i, const Record& r, const std::optional<std::string>& blob,
                                const std::array<std::uint16_t, 4>& codes) {
  Page& p = *pages_[i >> kPageBits];
  const std::size_t k = at(i);
  if (blob) p.attrs[k] = p.put(*blob);  // the old text stays unused in the page
  p.hot[k] = hot_of(r, codes);
}

std::shared_ptr<Registry::Impl::Page> Registry::Impl::copy_page(const Page& from, std::size_t room) {
  auto p = std::make_shared<Page>(from);  // the shared text by pointer; the own text is small
  p->pool.reserve(p->pool.size() + room);
  return p;
}

void Registry::Impl::copy_record(const Impl& from, std::size_t i) {
  const Page& f = from.page(i);
  const std::size_t k = at(i);
  const auto index = static_cast<std::uint32_t>(rec_n_);
  Page& p = page_for_new();
  auto text = [&](Span s) { return f.text(s); };
  p.id.push_back(p.put(text(f.id[k])));
  p.person.push_back(p.put(text(f.person[k])));
  p.attrs.push_back(p.put(text(f.attrs[k])));
  p.uscc.push_back(f.uscc[k] == kNone ? kNone : uscc_slot(from.ix_->uscc_table_[f.uscc[k]], index));
  if (f.person[k].len != 0) ix_->records_by_person_[std::string(text(f.person[k]))].push_back(index);
  p.hot.push_back(f.hot[k]);
  ++rec_n_;
}

std::size_t Registry::Impl::find_record(std::string_view id) const {
  IdIndex& ix = *ids_;
  std::call_once(ix.once, [&] {
    std::size_t cap = 16;
    while (cap * 5 < rec_n_ * 8) cap <<= 1;
    ix.table.assign(cap, kNoSlot);
    for (std::size_t i = 0; i < rec_n_; ++i) {
      std::size_t k = std::hash<std::string_view>{}(record_id(i)) & (cap - 1);
      while (ix.table[k] != kNoSlot) k = (k + 1) & (cap - 1);
      ix.table[k] = static_cast<std::uint32_t>(i);
    }
  });
  const std::size_t mask = ix.table.size() - 1;
  for (std::size_t k = std::hash<std::string_view>{}(id)&mask; ix.table[k] != kNoSlot; k = (k + 1) & mask)
    if (record_id(ix.table[k]) == id) return ix.table[k];
  return SIZE_MAX;
}

Record Registry::record(std::size_t i) const {
  if (i >= impl_->rec_n_) throw std::out_of_range("Registry::record: index out of range");
  return impl_->record(i);
}
Record Registry::Impl::record(std::size_t i) const {
  Record r;
  const Page& p = page(i);
  const std::size_t k = at(i);
  auto text = [&](Span sp) { return std::string(p.text(sp)); };
  r.id = text(p.id[k]);
  r.person_id = text(p.person[k]);
  if (p.uscc[k] != kNone) r.uscc = ix_->uscc_table_[p.uscc[k]];
  const Page::Hot& h = p.hot[k];
  r.category = code_names_[h.codes[0]];
  r.severity = code_names_[h.codes[1]];
  r.polarity = code_names_[h.codes[2]];
  r.domain = code_names_[h.codes[3]];
  r.decision_date = date::sys_days{date::days{h.date}};
  r.expires_on = from_day(h.expires);
  r.repaired_on = from_day(h.repaired);
  r.under_objection = h.objection != 0;
  r.objection_accepted = h.objection == 2;
  const std::string blob = text(p.attrs[k]);
  std::size_t pos = 0;
  while (pos < blob.size()) {
    const auto sep = blob.find('\x1F', pos);
    const auto end = blob.find('\x1E', sep);
    r.attributes[blob.substr(pos, sep - pos)] = blob.substr(sep + 1, end - sep - 1);
    pos = end + 1;
  }
  return r;
}
Registry::Builder& Registry::Builder::add(ListEntry e) {
  check(e);
  r_->impl_->ix_->lists_.push_back(std::move(e));
  return *this;
}
void Registry::Builder::check(ListEntry& e) {
  const std::size_t index = checking_ ? SIZE_MAX : r_->impl_->ix_->lists_.size();
  auto entry = [&] { return entry_name("lists", index, e.id); };
  if (e.id.empty()) throw InvalidInputError(entry() + ": needs an id");
  if (e.uscc.empty() && e.person_id.empty())
    throw InvalidInputError(entry() + ": needs a uscc or a person_id");
  genuine_uscc(entry, "uscc", e.uscc);
  person_id(entry, "person_id", e.person_id);
  if (e.list.empty()) throw InvalidInputError(entry() + ": needs a list");
  vocab_->lists.check(entry, "list", e.list);
  vocab_->domains.check(entry, "domain", e.domain);
}
Registry::Builder& Registry::Builder::add(Commitment c) {
  check(c);
  r_->impl_->ix_->commitments_.push_back(std::move(c));
  return *this;
}
void Registry::Builder::check(Commitment& c) {
  const std::size_t index = checking_ ? SIZE_MAX : r_->impl_->ix_->commitments_.size();
  auto entry = [&] { return entry_name("commitments", index, c.id); };
  if (c.id.empty()) throw InvalidInputError(entry() + ": needs an id");
  genuine_uscc(entry, "uscc", c.uscc);
  person_id(entry, "person_id", c.person_id);
  vocab_->commitment_types.check(entry, "type", c.type);
  vocab_->statuses.check(entry, "status", c.status);
  vocab_->domains.check(entry, "domain", c.domain);
}

Registry::Builder& Registry::Builder::add(Relation r) {
  check(r);
  r_->impl_->ix_->relations_.push_back(std::move(r));
  return *this;
}
void Registry::Builder::check(Relation& r) {
  const std::size_t index = checking_ ? SIZE_MAX : r_->impl_->ix_->relations_.size();
  auto entry = [&] { return entry_name("relations", index, r.id); };
  if (r.id.empty()) throw InvalidInputError(entry() + ": needs an id");
  if (r.uscc.empty()) throw InvalidInputError(entry() + ": needs the subject's uscc");
  genuine_uscc(entry, "uscc", r.uscc);
  if (r.party_id.empty()) throw InvalidInputError(entry() + ": needs a party_id");
  if (r.party_kind == "person")
    person_id(entry, "party_id", r.party_id);
  else if (r.party_kind == "organisation")
    genuine_uscc(entry, "party_id", r.party_id);
  else
    throw InvalidInputError(entry() + ": party_kind '" + r.party_kind +
                            "' is neither person nor organisation");
  vocab_->party_kinds.check(entry, "party_kind", r.party_kind);
  if (r.role.empty()) throw InvalidInputError(entry() + ": needs a role");
  vocab_->roles.check(entry, "role", r.role);
  if (r.party_kind == "organisation" && r.party_id == r.uscc)
    throw InvalidInputError(entry() + ": the party is the subject itself (" + r.uscc + ")");
  if (r.share && !(*r.share >= 0.0 && *r.share <= 1.0))  // NaN fails too
    throw InvalidInputError(entry() + ": share " + std::to_string(*r.share) +
                            " is outside 0–1 (a share is a fraction: 30 % is 0.3)");
  if (r.from_date && r.to_date && *r.to_date < *r.from_date)
    throw InvalidInputError(entry() + ": to_date " + format_iso_date(*r.to_date) + " is before from_date " +
                            format_iso_date(*r.from_date));
}

namespace {
// The entities one dataset row maps to (maps_to), unchecked: a subject, a record, a list
// entry, or a commitment with the breach record of an unfulfilled one. `key` is the
// row's entity id; a row that maps to nothing (no date, nothing to attach it to) has
// none of them.
struct RowEntities {
  std::string key;
  std::optional<Subject> subject;
  std::optional<Record> record;  // a record, or a commitment's breach
  std::optional<ListEntry> list;
  std::optional<Commitment> commitment;
  std::optional<Relation> relation;
};

RowEntities map_row(const Dataset& ds, std::size_t row, const std::vector<std::string>& values) {
  const RowView v{ds, values};
  RowEntities out;
  out.key = v.key(row);
  const std::string& kind = ds.maps_to.kind;
  if (kind == "subject") {
    Subject s;
    s.uscc = v.mapped("subject");
    s.person_id = v.mapped("person");
    s.name = v.mapped("name");
    s.kind = v.mapped("kind_from", {"kind", "subject_kind"});
    if (s.kind.empty()) s.kind = s.uscc.empty() ? "natural_person" : "legal_person";
    s.domains = split_codes(v.mapped("domain_from", {"domains", "domain"}));
    s.district = v.mapped("district", {"district"});
    s.legal_rep_id = v.mapped("legal_rep_id", {"legal_rep_id", "legal_rep_id_no"});
    s.responsible_ids = split_codes(v.mapped("responsible_ids", {"responsible_ids"}));
    s.attributes = v.attributes();
    if (!s.uscc.empty() || !s.person_id.empty()) out.subject = std::move(s);
  } else if (kind == "record") {
    Record r;
    r.id = out.key;
    r.uscc = v.mapped("subject");
    r.person_id = v.mapped("person");
    r.category = v.constant("category");
    r.polarity = v.constant("polarity");
    r.severity = v.mapped("severity_from");
    r.domain = v.mapped("domain_from");
    const auto d = opt_date(v.mapped("date"));
    if (!d || (r.uscc.empty() && r.person_id.empty())) return out;  // nothing to attach it to
    r.decision_date = *d;
    r.expires_on = opt_date(v.mapped("expires_on", {"publication_end", "valid_until"}));
    r.repaired_on = opt_date(v.mapped("repaired_on", {"repaired_on"}));
    const std::string objection = v.mapped("objection", {"objection"});
    r.objection_accepted = objection == "accepted";
    r.under_objection = r.objection_accepted || objection == "pending";
    r.attributes = v.attributes();
    out.record = std::move(r);
  } else if (kind == "list_entry") {
    ListEntry e;
    e.id = out.key;
    e.uscc = v.mapped("subject");
    e.person_id = v.mapped("person");
    e.list = v.constant("list");
    e.domain = v.mapped("domain_from");
    const auto d = opt_date(v.mapped("included_on"));
    if (!d || (e.uscc.empty() && e.person_id.empty())) return out;
    e.included_on = *d;
    e.expires_on = opt_date(v.mapped("expires_on"));
    e.removed_on = opt_date(v.mapped("removed_on"));
    e.attributes = v.attributes();
    out.list = std::move(e);
  } else if (kind == "commitment") {
    Commitment c;
    c.id = out.key;
    c.uscc = v.mapped("subject");
    c.person_id = v.mapped("person");
    c.type = v.mapped("type", {"commitment_type"});
    c.status = v.mapped("status", {"fulfilment_status"});
    c.domain = v.mapped("domain_from");
    c.date = opt_date(v.mapped("date"));
    c.attributes = v.attributes();
    // A commitment found unfulfilled is a bad record of its own (信用承诺 breach).
    if (c.status == "unfulfilled" && c.date) {
      Record r;
      r.id = c.id + ":breach";
      r.uscc = c.uscc;
      r.person_id = c.person_id;
      r.category = "commitment_breach";
      r.polarity = "bad";
      r.severity = "general";
      r.domain = c.domain;
      r.decision_date = opt_date(v.field("verified_on")).value_or(*c.date);
      r.attributes = c.attributes;
      out.record = std::move(r);
    }
    if (!c.uscc.empty() || !c.person_id.empty()) out.commitment = std::move(c);
  } else if (kind == "relation") {
    Relation r;
    r.id = out.key;
    r.uscc = v.mapped("subject");
    r.party_kind = v.mapped("party_kind");
    const std::string org = v.mapped("party_uscc"), person = v.mapped("party_person");
    // the kind says which identifier is the party's (the catalog requires that one)
    r.party_id = r.party_kind == "organisation" ? org
                 : r.party_kind == "person"     ? person
                                                : (org.empty() ? person : org);
    r.party_name = v.mapped("party_name");
    r.role = v.mapped("role");
    r.source = v.mapped("source");
    const std::string share = v.mapped("share");
    if (!share.empty()) {
      double x = 0;
      const auto [end, ec] = std::from_chars(share.data(), share.data() + share.size(), x);
      r.share = ec == std::errc() && end == share.data() + share.size() ? x : std::nan("");
    }
    r.from_date = opt_date(v.mapped("from_date"));
    r.to_date = opt_date(v.mapped("to_date"));
    r.attributes = v.attributes();
    if (!r.uscc.empty() && !r.party_id.empty()) out.relation = std::move(r);
  }
  return out;
}
}  // namespace

std::string row_key(const Dataset& ds, std::size_t row, const std::vector<std::string>& values) {
  return RowView{ds, values}.key(row);
}

Registry::Builder& Registry::Builder::add_row(const Dataset& ds, std::size_t row,
                                              const std::vector<std::string>& values) {
  RowEntities e = map_row(ds, row, values);
  if (e.subject) {
    add(std::move(*e.subject));
    r_->impl_->set_subject_id(r_->impl_->ix_->subjects_.size() - 1, e.key);
  }
  if (e.record) add(std::move(*e.record));
  if (e.list) add(std::move(*e.list));
  if (e.commitment) add(std::move(*e.commitment));
  if (e.relation) add(std::move(*e.relation));
  return *this;
}

template <class Entities>
void Registry::Builder::check_entries(Entities& e) {
  const bool was = checking_;
  checking_ = true;  // entries named without an index: nothing is added
  try {
    if (e.subject) check(*e.subject);
    if (e.record) check(*e.record);
    if (e.list) check(*e.list);
    if (e.commitment) check(*e.commitment);
    if (e.relation) check(*e.relation);
  } catch (...) {
    checking_ = was;
    throw;
  }
  checking_ = was;
}

void Registry::Builder::check_row(const Dataset& ds, std::size_t row,
                                  const std::vector<std::string>& values) {
  RowEntities e = map_row(ds, row, values);
  check_entries(e);
}

namespace {
// The first id that occurs twice among `n` ids (id(i) gives the i-th), or nullopt.
// Sorts 64-bit hashes (8 bytes per id, freed on return) and compares the ids behind
// equal hashes, so a hash collision is never reported as a duplicate.
template <class IdOf>
std::optional<std::string> first_duplicate(std::size_t n, IdOf&& id) {
  std::vector<std::uint64_t> h(n);
  for (std::size_t i = 0; i < n; ++i) h[i] = std::hash<std::string_view>{}(id(i));
  std::vector<std::uint64_t> sorted = h;
  std::sort(sorted.begin(), sorted.end());
  std::set<std::uint64_t> twice;
  for (std::size_t i = 1; i < n; ++i)
    if (sorted[i] == sorted[i - 1]) twice.insert(sorted[i]);
  if (twice.empty()) return std::nullopt;
  std::map<std::uint64_t, std::vector<std::string>> seen;
  for (std::size_t i = 0; i < n; ++i) {
    if (!twice.count(h[i])) continue;
    auto& ids = seen[h[i]];
    const std::string s(id(i));
    if (std::find(ids.begin(), ids.end(), s) != ids.end()) return s;
    ids.push_back(s);
  }
  return std::nullopt;
}
}  // namespace

namespace {
// An entity id as a message may show it: each part (between ':' and '|') that is or may be
// a personal ID number masked (a relation's or a practitioner's key holds one).
std::string masked_parts(const std::string& id) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= id.size(); ++i) {
    if (i < id.size() && id[i] != ':' && id[i] != '|') continue;
    const std::string_view part(id.data() + start, i - start);
    out += (part.size() == 15 || part.size() == 18) && maybe_personal_id(check_id(part)) ? mask_id(part)
                                                                                         : std::string(part);
    if (i < id.size()) out += id[i];
    start = i + 1;
  }
  return out;
}
}  // namespace

void Registry::Impl::finish(bool check_ids) {
  Impl& r = *this;
  if (!r.pages_.empty()) r.pages_.back()->freeze();  // the last page (page_for_new froze the others)
  auto twice = [](const char* what, const std::string& id) {
    throw InvalidInputError(std::string(what) + " '" + masked_parts(id) +
                            "' is added twice: each entry may be added once (it would count twice)");
  };
  // apply_changes skips these: each id there is an old (unique) one or was looked up among them
  if (check_ids) {
    if (auto d = first_duplicate(r.rec_n_, [&](std::size_t i) { return r.record_id(i); }))
      twice("record id", *d);
    if (auto d = first_duplicate(r.ix_->lists_.size(),
                                 [&](std::size_t i) { return std::string_view(r.ix_->lists_[i].id); }))
      twice("list entry id", *d);
    if (auto d = first_duplicate(r.ix_->commitments_.size(),
                                 [&](std::size_t i) { return std::string_view(r.ix_->commitments_[i].id); }))
      twice("commitment id", *d);
    if (auto d = first_duplicate(r.ix_->relations_.size(),
                                 [&](std::size_t i) { return std::string_view(r.ix_->relations_[i].id); }))
      twice("relation id", *d);
  }
  for (std::size_t i = 0; i < r.ix_->subjects_.size(); ++i) {
    const Subject& s = r.ix_->subjects_[i];
    if (!s.uscc.empty() && !r.ix_->subject_by_uscc_.emplace(s.uscc, i).second)
      twice("subject with USCC", s.uscc);
    if (!s.person_id.empty() && !r.ix_->subject_by_person_.emplace(s.person_id, i).second)
      twice("subject with person ID", mask_id(s.person_id));
    std::set<std::string> related(s.responsible_ids.begin(), s.responsible_ids.end());
    if (!s.legal_rep_id.empty()) related.insert(s.legal_rep_id);
    for (const auto& p : related) r.ix_->subjects_by_related_[p].push_back(i);
  }
  for (std::size_t i = 0; i < r.ix_->lists_.size(); ++i) {
    if (!r.ix_->lists_[i].uscc.empty()) r.ix_->lists_by_uscc_[r.ix_->lists_[i].uscc].push_back(i);
    if (!r.ix_->lists_[i].person_id.empty()) r.ix_->lists_by_person_[r.ix_->lists_[i].person_id].push_back(i);
  }
  for (std::size_t i = 0; i < r.ix_->relations_.size(); ++i) {
    r.ix_->relations_by_uscc_[r.ix_->relations_[i].uscc].push_back(i);
    r.ix_->relations_by_party_[r.ix_->relations_[i].party_id].push_back(i);
  }
  if (r.code_names_.empty()) r.intern("");
  r.ix_->list_codes_.reserve(r.ix_->lists_.size());
  for (const ListEntry& e : r.ix_->lists_)
    r.ix_->list_codes_.push_back({r.intern(e.list), r.intern(e.domain)});
  // sorted USCCs and their index slots
  auto& all = r.ix_->sorted_usccs_;
  all.reserve(r.ix_->subject_by_uscc_.size() + r.ix_->lists_by_uscc_.size());
  for (const auto& [u, i] : r.ix_->subject_by_uscc_) all.push_back(u);
  for (const std::string& u : r.ix_->uscc_table_) all.push_back(u);
  for (const auto& [u, v] : r.ix_->lists_by_uscc_) all.push_back(u);
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  r.ix_->slots_.reserve(all.size());
  for (const std::string& u : all) {
    auto rec = r.ix_->uscc_index_.find(u);
    auto lst = r.ix_->lists_by_uscc_.find(u);
    auto sub = r.ix_->subject_by_uscc_.find(u);
    r.ix_->slots_.push_back(
        {rec == r.ix_->uscc_index_.end() ? nullptr : &r.ix_->records_by_uscc_[rec->second],
         lst == r.ix_->lists_by_uscc_.end() ? nullptr : &lst->second,
         sub == r.ix_->subject_by_uscc_.end() ? Impl::kNoSlot : static_cast<std::uint32_t>(sub->second)});
  }
  std::size_t cap = 16;
  while (cap < all.size() * 2) cap <<= 1;
  r.ix_->slot_index_.assign(cap, Impl::SlotKey{});
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::size_t k = Impl::slot_hash(all[i]) & (cap - 1);
    while (r.ix_->slot_index_[k].slot != Impl::kNoSlot) k = (k + 1) & (cap - 1);
    Impl::SlotKey& e = r.ix_->slot_index_[k];
    e.slot = static_cast<std::uint32_t>(i);
    if (all[i].size() <= sizeof e.text) {
      e.len = static_cast<std::uint8_t>(all[i].size());
      std::memcpy(e.text, all[i].data(), all[i].size());
    } else {
      e.len = 0xFF;
    }
  }
}

std::shared_ptr<const Registry> Registry::Builder::build() {
  if (vocab_->roles.checked)
    r_->impl_->ix_->role_codes_.assign(vocab_->roles.values.begin(), vocab_->roles.values.end());
  r_->impl_->finish(true);
  std::shared_ptr<const Registry> out = std::move(r_);
  r_ = std::shared_ptr<Registry>(new Registry(std::make_unique<Impl>()));
  return out;
}

std::vector<DataFile> data_files(const Engine& engine, const std::string& dir,
                                 std::vector<std::string>& skipped) {
  require_directory(dir, "data folder");
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file()) files.push_back(it->path());
  if (ec) throw_io_error("cannot read data folder", dir, ec);
  std::sort(files.begin(), files.end());  // deterministic load order
  auto known = [&] {
    std::string k;
    for (const auto& d : engine.catalog().datasets) k += (k.empty() ? "" : ", ") + d.id;
    return k;
  };
  skipped.clear();
  std::vector<DataFile> inputs;
  for (const fs::path& p : files) {
    const std::string ext = p.extension().string();
    if (ext != ".csv" && ext != ".tsv" && ext != ".jsonl") {
      skipped.push_back(p.filename().string());  // notes, READMEs: not data
      continue;
    }
    // A data file that names no dataset (a typo, a renamed export) would silently be
    // missing from every grade: refuse it.
    const Dataset* ds = engine.catalog().find(p.stem().string());
    if (ds == nullptr)
      throw InvalidInputError("data folder '" + dir + "': " + p.filename().string() +
                              " names no dataset of pack " + engine.id() + " (file names are <dataset_id>" +
                              ext + "; known datasets: " + known() + ")");
    inputs.emplace_back(p, ds);
  }
  if (inputs.empty()) {
    std::string other;
    for (const auto& s : skipped) other += (other.empty() ? "" : ", ") + s;
    throw InvalidInputError("no dataset file (<dataset_id>.csv, .tsv or .jsonl) in data folder '" + dir +
                            "'" + (other.empty() ? std::string() : " (other files: " + other + ")") +
                            "; known datasets: " + known());
  }
  return inputs;
}

std::shared_ptr<const Registry> Registry::from_dir(const Engine& engine, const std::string& dir,
                                                   LoadSummary* summary) {
  LoadSummary local;
  LoadSummary& sum = summary ? *summary : local;
  const std::vector<DataFile> inputs = data_files(engine, dir, sum.skipped);
  Builder b(engine);
  for (const auto& input : inputs) {
    const fs::path& p = input.first;
    const Dataset* ds = input.second;
    const std::string id = ds->id;
    ValidateOptions o;
    o.max_findings = 100;
    o.on_accepted = [&](std::size_t row, const std::vector<std::string>& values) {
      try {
        b.add_row(*ds, row, values);
      } catch (const InvalidInputError& e) {
        throw InvalidInputError(p.string() + ": row " + std::to_string(row) + ": " + e.what());
      }
    };
    // Reports are keyed by dataset id; a second file of the same dataset (e.g. both
    // subject.csv and subject.jsonl) is keyed by its file name so no report is lost.
    const std::string key = sum.reports.count(id) ? p.filename().string() : id;
    sum.reports[key] = validate_file(engine, id, p.string(), o);
  }
  std::shared_ptr<const Registry> reg;
  try {
    reg = b.build();
  } catch (const InvalidInputError& e) {
    // e.g. two files of one dataset (subject.csv and subject.jsonl) holding the same key
    throw InvalidInputError("data folder '" + dir + "': " + e.what() +
                            " (two files of one dataset may hold the same key)");
  }
  sum.subjects = reg->subjects().size();
  sum.records = reg->record_count();
  sum.list_entries = reg->list_entries().size();
  sum.commitments = reg->commitments().size();
  sum.relations = reg->relations().size();
  return reg;
}

namespace {
template <class T>
std::vector<const T*> pick(const std::vector<T>& all,
                           const std::unordered_map<std::string, std::vector<std::size_t>>& index,
                           std::string_view key) {
  std::vector<const T*> out;
  auto it = index.find(std::string(key));
  if (it == index.end()) return out;
  out.reserve(it->second.size());
  for (std::size_t i : it->second) out.push_back(&all[i]);
  return out;
}
}  // namespace

const Subject* Registry::subject(std::string_view uscc) const { return impl_->subject(uscc); }
const Subject* Registry::Impl::subject(std::string_view uscc) const {
  auto it = ix_->subject_by_uscc_.find(std::string(uscc));
  return it == ix_->subject_by_uscc_.end() ? nullptr : &ix_->subjects_[it->second];
}
const Subject* Registry::person(std::string_view person_id) const { return impl_->person(person_id); }
const Subject* Registry::Impl::person(std::string_view person_id) const {
  auto it = ix_->subject_by_person_.find(std::string(person_id));
  return it == ix_->subject_by_person_.end() ? nullptr : &ix_->subjects_[it->second];
}
std::vector<Record> Registry::records_of(std::string_view uscc) const { return impl_->records_of(uscc); }
std::vector<Record> Registry::Impl::records_of(std::string_view uscc) const {
  std::vector<Record> out;
  auto it = ix_->uscc_index_.find(std::string(uscc));
  if (it == ix_->uscc_index_.end()) return out;
  for (std::uint32_t i : ix_->records_by_uscc_[it->second]) out.push_back(record(i));
  return out;
}
std::vector<const ListEntry*> Registry::lists_of(std::string_view uscc) const {
  return pick(impl_->ix_->lists_, impl_->ix_->lists_by_uscc_, uscc);
}
std::vector<Record> Registry::records_of_person(std::string_view person_id) const {
  return impl_->records_of_person(person_id);
}
std::vector<Record> Registry::Impl::records_of_person(std::string_view person_id) const {
  std::vector<Record> out;
  auto it = ix_->records_by_person_.find(std::string(person_id));
  if (it == ix_->records_by_person_.end()) return out;
  for (std::uint32_t i : it->second) out.push_back(record(i));
  return out;
}
std::vector<const ListEntry*> Registry::lists_of_person(std::string_view person_id) const {
  return pick(impl_->ix_->lists_, impl_->ix_->lists_by_person_, person_id);
}
std::vector<const Subject*> Registry::subjects_of_person(std::string_view person_id) const {
  return pick(impl_->ix_->subjects_, impl_->ix_->subjects_by_related_, person_id);
}

std::vector<std::string> Registry::usccs() const { return impl_->ix_->sorted_usccs_; }

std::shared_ptr<const Registry> Registry::apply_repair(std::string_view id, date::sys_days on) const {
  Change c;
  c.op = Change::Op::repair;
  c.id = std::string(id);
  c.on = on;
  return apply(nullptr, {c});
}

std::shared_ptr<const Registry> Registry::apply_changes(const Engine& engine,
                                                        const std::vector<Change>& changes) const {
  return apply(&engine, changes);
}

namespace {
// An entity a change names: where it is in the old snapshot (if there), and — once a
// change touched it — its new value or its absence.
struct Touched {
  enum Kind { none, subject, record, list, commitment, relation };
  Kind kind = none, old_kind = none;
  std::string id;
  std::size_t old = SIZE_MAX;  // index in the old snapshot (of its kind)
  bool changed = false;        // a change set the value below (or withdrew it)
  bool present = false;        // with `changed`: the entity exists after the changes
  bool emitted = false;        // written into the new snapshot
  Subject s;
  Record r;
  ListEntry l;
  Commitment c;
  Relation rel;
};
}  // namespace

std::shared_ptr<const Registry> Registry::apply(const Engine* engine,
                                                const std::vector<Change>& changes) const {
  const Impl& m = *impl_;
  // 1. The rows of the upserts, mapped and checked (normalised) by a builder of their own.
  std::vector<RowEntities> rows(changes.size());
  std::unique_ptr<Builder> checker;
  auto change_name = [&](std::size_t i) {
    const Change& c = changes[i];
    return "change " + std::to_string(i) + " (" + (c.id.empty() ? "a row of " + c.dataset : c.id) + ")";
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const Change& ch = changes[i];
    if (ch.op != Change::Op::upsert) {
      if (ch.id.empty()) throw InvalidInputError("change " + std::to_string(i) + ": needs an entity id");
      continue;
    }
    if (engine == nullptr) throw InvalidInputError(change_name(i) + ": an upsert needs an engine");
    const Dataset* ds = engine->catalog().find(ch.dataset);
    if (ds == nullptr)
      throw InvalidInputError(change_name(i) + ": dataset '" + ch.dataset +
                              "' is not in the catalog of pack " + engine->id());
    if (ch.values.size() != ds->fields.size())
      throw InvalidInputError(change_name(i) + ": " + std::to_string(ch.values.size()) +
                              " values for dataset '" + ds->id + "', which has " +
                              std::to_string(ds->fields.size()) + " fields");
    if (ds->primary_key_index.empty() && ch.id.empty())
      throw InvalidInputError(change_name(i) + ": dataset '" + ds->id +
                              "' has no primary key: the change needs its entity id");
    RowEntities e = map_row(*ds, 0, ch.values);
    if (ds->primary_key_index.empty()) {
      e.key = ch.id;
      if (e.record) e.record->id = ch.id;
      if (e.list) e.list->id = ch.id;
      if (e.relation) e.relation->id = ch.id;
      if (e.commitment) {
        e.commitment->id = ch.id;
        if (e.record) e.record->id = ch.id + ":breach";
      }
    } else if (!ch.id.empty() && ch.id != e.key) {
      throw InvalidInputError(change_name(i) + ": the row's primary key gives entity id '" + e.key + "'");
    }
    if (!checker) checker = std::make_unique<Builder>(*engine);
    try {
      checker->check_entries(e);  // normalised in place by check_row's checks, nothing stored
    } catch (const InvalidInputError& err) {
      throw InvalidInputError(change_name(i) + ": " + err.what());
    }
    rows[i] = std::move(e);
  }

  // 2. The entities the changes name, found in this snapshot: subjects through the USCC
  // index, a record an upsert replaces among the records of its USCC (or person), list
  // entries and commitments by a pass over them; ids still unknown (withdrawals, marks,
  // new records) through the record-id index (Impl::find_record).
  std::vector<Touched> touched;
  std::unordered_map<std::string, std::size_t> by_id;
  auto slot = [&](const std::string& id) -> Touched& {
    auto [it, fresh] = by_id.emplace(id, touched.size());
    if (fresh) {
      touched.emplace_back();
      touched.back().id = id;
    }
    return touched[it->second];
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const std::string& id = changes[i].op == Change::Op::upsert ? rows[i].key : changes[i].id;
    slot(id);
    const bool commitment = changes[i].op == Change::Op::upsert &&
                            engine->catalog().find(changes[i].dataset)->maps_to.kind == "commitment";
    if (changes[i].op == Change::Op::withdraw || commitment) slot(id + ":breach");
  }
  std::unordered_map<std::string_view, std::size_t> by_view;  // views of touched[].id (no copy per lookup)
  for (std::size_t k = 0; k < touched.size(); ++k) by_view.emplace(touched[k].id, k);
  auto found = [&](std::string_view id, Touched::Kind kind, std::size_t i) {
    auto it = by_view.find(id);
    if (it == by_view.end() || touched[it->second].kind != Touched::none) return;
    touched[it->second].kind = touched[it->second].old_kind = kind;
    touched[it->second].old = i;
  };
  // subjects: "subject:<uscc>" through the USCC index, unless the subject has an id of its own
  for (const auto& [i, id] : m.ix_->subject_ids_) found(id, Touched::subject, i);
  for (Touched& t : touched) {
    if (t.kind != Touched::none || t.id.compare(0, 8, "subject:") != 0) continue;
    auto it = m.ix_->subject_by_uscc_.find(t.id.substr(8));
    if (it != m.ix_->subject_by_uscc_.end() && !m.ix_->subject_ids_.count(it->second)) {
      t.kind = t.old_kind = Touched::subject;
      t.old = it->second;
    }
  }
  for (std::size_t i = 0; i < m.ix_->lists_.size(); ++i) found(m.ix_->lists_[i].id, Touched::list, i);
  for (std::size_t i = 0; i < m.ix_->commitments_.size(); ++i)
    found(m.ix_->commitments_[i].id, Touched::commitment, i);
  for (std::size_t i = 0; i < m.ix_->relations_.size(); ++i)
    found(m.ix_->relations_[i].id, Touched::relation, i);
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (changes[i].op != Change::Op::upsert || !rows[i].record) continue;
    const Record& r = *rows[i].record;
    const std::vector<std::uint32_t>* mine = nullptr;
    if (!r.uscc.empty()) {
      auto it = m.ix_->uscc_index_.find(r.uscc);
      if (it != m.ix_->uscc_index_.end()) mine = &m.ix_->records_by_uscc_[it->second];
    } else if (auto it = m.ix_->records_by_person_.find(r.person_id); it != m.ix_->records_by_person_.end()) {
      mine = &it->second;
    }
    if (mine != nullptr)
      for (std::uint32_t k : *mine)
        if (m.record_id(k) == r.id) found(r.id, Touched::record, k);
  }
  for (const Touched& t : touched) {
    if (t.kind != Touched::none) continue;
    const std::size_t i = m.find_record(t.id);
    if (i != SIZE_MAX) found(t.id, Touched::record, i);
  }

  // 3. The changes, in order, on the touched entities.
  auto exists = [](const Touched& t) { return t.changed ? t.present : t.old != SIZE_MAX; };
  auto current = [&](Touched& t) {  // the value, taken from the old snapshot on first use
    if (t.changed) return;
    t.changed = t.present = true;
    switch (t.kind) {
      case Touched::subject:
        t.s = m.ix_->subjects_[t.old];
        break;
      case Touched::record:
        t.r = m.record(t.old);
        break;
      case Touched::list:
        t.l = m.ix_->lists_[t.old];
        break;
      case Touched::commitment:
        t.c = m.ix_->commitments_[t.old];
        break;
      case Touched::relation:
        t.rel = m.ix_->relations_[t.old];
        break;
      default:
        break;
    }
  };
  auto set_absent = [](Touched& t) {
    t.changed = true;
    t.present = false;
  };
  auto not_found = [&](std::size_t i, const char* what) {
    throw NotFoundError(change_name(i) + ": no " + std::string(what) + " '" + changes[i].id +
                        "' in the registry");
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const Change& ch = changes[i];
    switch (ch.op) {
      case Change::Op::upsert: {
        RowEntities& e = rows[i];
        Touched& t = touched[by_id.at(e.key)];
        const Dataset& ds = *engine->catalog().find(ch.dataset);
        const std::string& kind = ds.maps_to.kind;
        t.changed = true;
        if (kind == "subject") {
          t.kind = Touched::subject;
          t.present = e.subject.has_value();
          if (t.present) t.s = std::move(*e.subject);
        } else if (kind == "record") {
          t.kind = Touched::record;
          t.present = e.record.has_value();
          if (t.present) t.r = std::move(*e.record);
        } else if (kind == "list_entry") {
          t.kind = Touched::list;
          t.present = e.list.has_value();
          if (t.present) t.l = std::move(*e.list);
        } else if (kind == "commitment") {
          t.kind = Touched::commitment;
          t.present = e.commitment.has_value();
          if (t.present) t.c = std::move(*e.commitment);
          Touched& breach = touched[by_id.at(e.key + ":breach")];
          breach.kind = Touched::record;
          breach.changed = true;
          breach.present = e.record.has_value();
          if (breach.present) breach.r = std::move(*e.record);
        } else if (kind == "relation") {
          t.kind = Touched::relation;
          t.present = e.relation.has_value();
          if (t.present) t.rel = std::move(*e.relation);
        } else {
          t.present = false;  // a dataset that maps to nothing
        }
        break;
      }
      case Change::Op::withdraw: {
        Touched& t = touched[by_id.at(ch.id)];
        if (!exists(t)) not_found(i, "entity");
        if (t.kind == Touched::commitment) {
          Touched& breach = touched[by_id.at(ch.id + ":breach")];
          if (exists(breach)) set_absent(breach);
        }
        set_absent(t);
        break;
      }
      case Change::Op::objection: {
        Touched& t = touched[by_id.at(ch.id)];
        if (t.kind != Touched::record || !exists(t)) not_found(i, "record");
        if (ch.state != "" && ch.state != "pending" && ch.state != "accepted")
          throw InvalidInputError(change_name(i) + ": objection state '" + ch.state +
                                  "' is none of \"\", \"pending\", \"accepted\"");
        current(t);
        t.r.under_objection = !ch.state.empty();
        t.r.objection_accepted = ch.state == "accepted";
        break;
      }
      case Change::Op::repair: {
        Touched& t = touched[by_id.at(ch.id)];
        if ((t.kind != Touched::record && t.kind != Touched::list) || !exists(t))
          not_found(i, "record or list entry");
        if (!ch.on) throw InvalidInputError(change_name(i) + ": a repair needs its day (on)");
        current(t);
        if (t.kind == Touched::record)
          t.r.repaired_on = *ch.on;
        else
          t.l.removed_on = *ch.on;
        break;
      }
    }
  }

  // 4a. Only records changed in place (same id, USCC and person: an updated row, an
  // objection or repair mark): the new snapshot shares everything with this one but
  // the pages of those records, which it copies.
  const bool in_place = std::all_of(touched.begin(), touched.end(), [&](const Touched& t) {
    if (!t.changed) return true;
    if (t.kind != Touched::record || t.old_kind != Touched::record || t.old == SIZE_MAX || !t.present)
      return false;
    const Impl::Page& p = m.page(t.old);
    const std::size_t k = Impl::at(t.old);
    const Impl::Span person = p.person[k];
    return (p.uscc[k] == kNone ? t.r.uscc.empty() : t.r.uscc == m.ix_->uscc_table_[p.uscc[k]]) &&
           p.text(person) == t.r.person_id;
  });
  if (in_place) {
    auto n = std::make_unique<Impl>();
    n->ix_ = m.ix_;
    n->code_ids_ = m.code_ids_;
    n->code_names_ = m.code_names_;
    if (n->code_names_.empty()) n->intern("");
    n->pages_ = m.pages_;
    n->rec_n_ = m.rec_n_;
    n->ids_ = m.ids_;  // the same ids at the same indexes
    // The changed records' attribute texts, and per page what they add to its pool: each page
    // is copied once, with that room, then rewritten (the old page stays with `m`).
    std::vector<std::optional<std::string>> blobs(touched.size());  // nullopt: text unchanged
    std::map<std::size_t, std::size_t> grows;                       // page → bytes its changed records append
    for (std::size_t j = 0; j < touched.size(); ++j) {
      if (!touched[j].changed) continue;
      std::string blob = attribute_blob(touched[j].r.attributes);
      const Impl::Page& from = m.page(touched[j].old);
      std::size_t& room = grows[touched[j].old >> Impl::kPageBits];
      if (from.text(from.attrs[Impl::at(touched[j].old)]) == blob) continue;  // e.g. a mark
      room += blob.size();
      blobs[j] = std::move(blob);
    }
    for (const auto& [p, room] : grows) n->pages_[p] = Impl::copy_page(*m.pages_[p], room);
    for (std::size_t j = 0; j < touched.size(); ++j) {
      const Touched& t = touched[j];
      if (!t.changed) continue;
      n->set_record(
          t.old, t.r, blobs[j],
          {n->intern(t.r.category), n->intern(t.r.severity), n->intern(t.r.polarity), n->intern(t.r.domain)});
    }
    return std::shared_ptr<const Registry>(new Registry(std::move(n)));
  }

  // 4b. Otherwise a new snapshot: the old entries in their order (a changed one in its place, a
  // withdrawn one left out), then the new ones in the order of the changes.
  auto n = std::make_unique<Impl>();
  n->code_ids_ = m.code_ids_;  // the same code ids: old records are copied as they are
  n->code_names_ = m.code_names_;
  if (n->code_names_.empty()) n->intern("");
  // old entry (kind, index) → the touched entity, for those a change changed
  std::array<std::unordered_map<std::size_t, Touched*>, 6> at_old;
  for (Touched& t : touched)
    if (t.old != SIZE_MAX && t.changed) at_old[t.old_kind][t.old] = &t;
  auto touched_of = [&](Touched::Kind kind, std::size_t i) -> Touched* {
    const auto& map = at_old[kind];
    if (map.empty()) return nullptr;
    auto it = map.find(i);
    return it == map.end() ? nullptr : it->second;
  };
  auto put_record = [&](const Record& r) {
    n->add_record(r,
                  {n->intern(r.category), n->intern(r.severity), n->intern(r.polarity), n->intern(r.domain)});
  };
  n->ix_->role_codes_ = m.ix_->role_codes_;
  n->ix_->subjects_.reserve(m.ix_->subjects_.size());
  for (std::size_t i = 0; i < m.ix_->subjects_.size(); ++i) {
    Touched* t = touched_of(Touched::subject, i);
    auto own = m.ix_->subject_ids_.find(i);
    if (t == nullptr) {
      n->ix_->subjects_.push_back(m.ix_->subjects_[i]);
    } else if (t->present && !t->emitted) {
      n->ix_->subjects_.push_back(t->s);
      t->emitted = true;
    } else {
      continue;
    }
    if (own != m.ix_->subject_ids_.end()) n->ix_->subject_ids_[n->ix_->subjects_.size() - 1] = own->second;
  }
  for (std::size_t i = 0; i < m.rec_n_; ++i) {
    Touched* t = touched_of(Touched::record, i);
    if (t == nullptr) {
      n->copy_record(m, i);
    } else if (t->present && !t->emitted) {
      put_record(t->r);
      t->emitted = true;
    }
  }
  // list entries and commitments: the old ones in order, a changed one in its place
  auto keep = [&](auto& out, const auto& old, Touched::Kind kind, auto Touched::* value) {
    out.reserve(old.size());
    for (std::size_t i = 0; i < old.size(); ++i) {
      Touched* t = touched_of(kind, i);
      if (t == nullptr) {
        out.push_back(old[i]);
      } else if (t->present && !t->emitted) {
        out.push_back(t->*value);
        t->emitted = true;
      }
    }
  };
  keep(n->ix_->lists_, m.ix_->lists_, Touched::list, &Touched::l);
  keep(n->ix_->commitments_, m.ix_->commitments_, Touched::commitment, &Touched::c);
  keep(n->ix_->relations_, m.ix_->relations_, Touched::relation, &Touched::rel);
  for (Touched& t : touched) {
    if (!t.changed || !t.present || t.emitted) continue;
    t.emitted = true;
    switch (t.kind) {
      case Touched::subject:
        n->ix_->subjects_.push_back(t.s);
        n->set_subject_id(n->ix_->subjects_.size() - 1, t.id);
        break;
      case Touched::record:
        put_record(t.r);
        break;
      case Touched::list:
        n->ix_->lists_.push_back(t.l);
        break;
      case Touched::commitment:
        n->ix_->commitments_.push_back(t.c);
        break;
      case Touched::relation:
        n->ix_->relations_.push_back(t.rel);
        break;
      default:
        break;
    }
  }
  n->finish(false);
  return std::shared_ptr<const Registry>(new Registry(std::move(n)));
}

std::uint64_t Registry::Impl::slot_hash(std::string_view s) noexcept {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h | 1;  // never 0
}

std::uint32_t Registry::Impl::slot_of(std::string_view uscc) const noexcept {
  if (ix_->slot_index_.empty()) return kNoSlot;
  const std::size_t mask = ix_->slot_index_.size() - 1;
  for (std::size_t k = slot_hash(uscc) & mask;; k = (k + 1) & mask) {
    const SlotKey& e = ix_->slot_index_[k];
    if (e.slot == kNoSlot) return kNoSlot;
    if (e.len == 0xFF ? ix_->sorted_usccs_[e.slot] == uscc
                      : e.len == uscc.size() && std::memcmp(e.text, uscc.data(), e.len) == 0)
      return e.slot;
  }
}

std::map<std::string, Coverage> Registry::coverage(const std::map<std::string, std::size_t>* totals) const {
  return impl_->coverage(totals);
}
std::map<std::string, Coverage> Registry::Impl::coverage(
    const std::map<std::string, std::size_t>* totals) const {
  // domain → USCCs known in the domain, and those with a genuine subject row
  std::map<std::string, std::set<std::string>> known, filed;
  for (const Subject& s : ix_->subjects_) {
    if (s.uscc.empty()) continue;
    const bool genuine = check_uscc(s.uscc).genuine();
    for (const std::string& d : s.domains) {
      known[d].insert(s.uscc);
      if (genuine) filed[d].insert(s.uscc);
    }
    known["all"].insert(s.uscc);
    if (genuine) filed["all"].insert(s.uscc);
  }
  auto mention = [&](const std::string& uscc, const std::string& domain) {
    if (uscc.empty()) return;
    known["all"].insert(uscc);
    if (domain.empty()) return;
    // a subject's own domains take precedence; an unknown subject counts where it was seen
    const Subject* s = subject(uscc);
    if (s == nullptr) known[domain].insert(uscc);
  };
  for (std::size_t i = 0; i < rec_n_; ++i) {
    const Page& p = page(i);
    if (p.uscc[at(i)] != kNone) mention(ix_->uscc_table_[p.uscc[at(i)]], code_names_[p.hot[at(i)].codes[3]]);
  }
  for (const ListEntry& e : ix_->lists_) mention(e.uscc, e.domain);
  std::map<std::string, Coverage> out;
  for (const auto& [domain, set] : known) {
    Coverage c;
    c.subjects = set.size();
    c.with_file = filed[domain].size();
    if (totals) {
      auto it = totals->find(domain);
      if (it != totals->end()) c.subjects = std::max(it->second, c.with_file);
    }
    out[domain] = c;
  }
  return out;
}

ECREDIT_END_NAMESPACE
