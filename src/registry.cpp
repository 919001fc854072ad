// The registry: building credit files from datasets (maps_to) or the API.
#include "ecredit/registry.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "ecredit/error.hpp"
#include "ecredit/id.hpp"

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
  if (s.size() < 10 || s[4] != '-' || s[7] != '-')
    throw InvalidInputError("not an ISO date (YYYY-MM-DD): '" + std::string(s) + "'");
  const date::year_month_day ymd{date::year{digits(0, 4)}, date::month{static_cast<unsigned>(digits(5, 2))},
                                 date::day{static_cast<unsigned>(digits(8, 2))}};
  if (!ymd.ok()) throw InvalidInputError("not a real date: '" + std::string(s) + "'");
  return date::sys_days{ymd};
}

std::string format_iso_date(date::sys_days d) { return date::format("%F", d); }

bool ListEntry::active(date::sys_days as_of) const noexcept {
  if (included_on > as_of) return false;
  if (removed_on && *removed_on <= as_of) return false;
  if (expires_on && *expires_on <= as_of) return false;
  return true;
}

namespace {

std::vector<std::string> split_codes(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto end = s.find(';', start);
    const std::string part = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
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

Registry::Builder& Registry::Builder::add(Subject s) {
  r_->subjects_.push_back(std::move(s));
  return *this;
}
Registry::Builder& Registry::Builder::add(Record rec) {
  r_->records_.push_back(std::move(rec));
  return *this;
}
Registry::Builder& Registry::Builder::add(ListEntry e) {
  r_->lists_.push_back(std::move(e));
  return *this;
}
Registry::Builder& Registry::Builder::add(Commitment c) {
  r_->commitments_.push_back(std::move(c));
  return *this;
}

Registry::Builder& Registry::Builder::add_row(const Dataset& ds, std::size_t row,
                                              const std::vector<std::string>& values) {
  const RowView v{ds, values};
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
    if (!s.uscc.empty() || !s.person_id.empty()) add(std::move(s));
  } else if (kind == "record") {
    Record r;
    r.id = v.key(row);
    r.uscc = v.mapped("subject");
    r.person_id = v.mapped("person");
    r.category = v.constant("category");
    r.polarity = v.constant("polarity");
    r.severity = v.mapped("severity_from");
    r.domain = v.mapped("domain_from");
    const auto d = opt_date(v.mapped("date"));
    if (!d || (r.uscc.empty() && r.person_id.empty())) return *this;  // nothing to attach it to
    r.decision_date = *d;
    r.expires_on = opt_date(v.mapped("expires_on", {"publication_end", "valid_until"}));
    r.repaired_on = opt_date(v.mapped("repaired_on", {"repaired_on"}));
    r.under_objection = v.mapped("objection", {"objection"}) == "pending";
    r.attributes = v.attributes();
    add(std::move(r));
  } else if (kind == "list_entry") {
    ListEntry e;
    e.id = v.key(row);
    e.uscc = v.mapped("subject");
    e.person_id = v.mapped("person");
    e.list = v.constant("list");
    e.domain = v.mapped("domain_from");
    const auto d = opt_date(v.mapped("included_on"));
    if (!d || (e.uscc.empty() && e.person_id.empty())) return *this;
    e.included_on = *d;
    e.expires_on = opt_date(v.mapped("expires_on"));
    e.removed_on = opt_date(v.mapped("removed_on"));
    e.attributes = v.attributes();
    add(std::move(e));
  } else if (kind == "commitment") {
    Commitment c;
    c.id = v.key(row);
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
      add(std::move(r));
    }
    if (!c.uscc.empty() || !c.person_id.empty()) add(std::move(c));
  }
  return *this;
}

std::shared_ptr<const Registry> Registry::Builder::build() {
  Registry& r = *r_;
  for (std::size_t i = 0; i < r.subjects_.size(); ++i) {
    const Subject& s = r.subjects_[i];
    if (!s.uscc.empty()) r.subject_by_uscc_.emplace(s.uscc, i);
    if (!s.person_id.empty()) r.subject_by_person_.emplace(s.person_id, i);
    std::set<std::string> related(s.responsible_ids.begin(), s.responsible_ids.end());
    if (!s.legal_rep_id.empty()) related.insert(s.legal_rep_id);
    for (const auto& p : related) r.subjects_by_related_[p].push_back(i);
  }
  for (std::size_t i = 0; i < r.records_.size(); ++i) {
    if (!r.records_[i].uscc.empty()) r.records_by_uscc_[r.records_[i].uscc].push_back(i);
    if (!r.records_[i].person_id.empty()) r.records_by_person_[r.records_[i].person_id].push_back(i);
  }
  for (std::size_t i = 0; i < r.lists_.size(); ++i) {
    if (!r.lists_[i].uscc.empty()) r.lists_by_uscc_[r.lists_[i].uscc].push_back(i);
    if (!r.lists_[i].person_id.empty()) r.lists_by_person_[r.lists_[i].person_id].push_back(i);
  }
  r.code_ids_.emplace("", 0);
  auto intern = [&r](const std::string& v) -> std::uint16_t {
    auto it = r.code_ids_.find(v);
    if (it != r.code_ids_.end()) return it->second;
    if (r.code_ids_.size() >= 0xFFFF) throw Error("registry: more than 65,535 distinct code values");
    const auto id = static_cast<std::uint16_t>(r.code_ids_.size());
    r.code_ids_.emplace(v, id);
    return id;
  };
  r.record_codes_.reserve(r.records_.size());
  for (const Record& rec : r.records_)
    r.record_codes_.push_back(
        {intern(rec.category), intern(rec.severity), intern(rec.polarity), intern(rec.domain)});
  r.list_codes_.reserve(r.lists_.size());
  for (const ListEntry& e : r.lists_) r.list_codes_.push_back({intern(e.list), intern(e.domain)});
  // sorted USCCs and their index slots
  auto& all = r.sorted_usccs_;
  all.reserve(r.subject_by_uscc_.size() + r.lists_by_uscc_.size());
  for (const auto& [u, i] : r.subject_by_uscc_) all.push_back(u);
  for (const auto& [u, v] : r.records_by_uscc_) all.push_back(u);
  for (const auto& [u, v] : r.lists_by_uscc_) all.push_back(u);
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  r.slots_.reserve(all.size());
  for (const std::string& u : all) {
    auto rec = r.records_by_uscc_.find(u);
    auto lst = r.lists_by_uscc_.find(u);
    r.slots_.emplace_back(rec == r.records_by_uscc_.end() ? nullptr : &rec->second,
                          lst == r.lists_by_uscc_.end() ? nullptr : &lst->second);
  }
  std::shared_ptr<const Registry> out = std::move(r_);
  r_ = std::shared_ptr<Registry>(new Registry());
  return out;
}

std::shared_ptr<const Registry> Registry::from_dir(const Engine& engine, const std::string& dir,
                                                   LoadSummary* summary) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error("cannot read data folder " + dir + ": not a directory");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file()) files.push_back(entry.path());
  if (ec) throw Error("cannot read data folder " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());  // deterministic load order
  LoadSummary local;
  LoadSummary& sum = summary ? *summary : local;
  Builder b;
  for (const fs::path& p : files) {
    const std::string ext = p.extension().string();
    const std::string id = p.stem().string();
    const Dataset* ds = engine.catalog().find(id);
    if ((ext != ".csv" && ext != ".tsv" && ext != ".jsonl") || ds == nullptr) {
      sum.skipped.push_back(p.filename().string());
      continue;
    }
    ValidateOptions o;
    o.max_findings = 100;
    o.on_accepted = [&](std::size_t row, const std::vector<std::string>& values) {
      b.add_row(*ds, row, values);
    };
    // Reports are keyed by dataset id; a second file of the same dataset (e.g. both
    // subject.csv and subject.jsonl) is keyed by its file name so no report is lost.
    const std::string key = sum.reports.count(id) ? p.filename().string() : id;
    sum.reports[key] = validate_file(engine, id, p.string(), o);
  }
  auto reg = b.build();
  sum.subjects = reg->subjects().size();
  sum.records = reg->records().size();
  sum.list_entries = reg->list_entries().size();
  sum.commitments = reg->commitments().size();
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

const Subject* Registry::subject(std::string_view uscc) const {
  auto it = subject_by_uscc_.find(std::string(uscc));
  return it == subject_by_uscc_.end() ? nullptr : &subjects_[it->second];
}
const Subject* Registry::person(std::string_view person_id) const {
  auto it = subject_by_person_.find(std::string(person_id));
  return it == subject_by_person_.end() ? nullptr : &subjects_[it->second];
}
std::vector<const Record*> Registry::records_of(std::string_view uscc) const {
  return pick(records_, records_by_uscc_, uscc);
}
std::vector<const ListEntry*> Registry::lists_of(std::string_view uscc) const {
  return pick(lists_, lists_by_uscc_, uscc);
}
std::vector<const Record*> Registry::records_of_person(std::string_view person_id) const {
  return pick(records_, records_by_person_, person_id);
}
std::vector<const ListEntry*> Registry::lists_of_person(std::string_view person_id) const {
  return pick(lists_, lists_by_person_, person_id);
}
std::vector<const Subject*> Registry::subjects_of_person(std::string_view person_id) const {
  return pick(subjects_, subjects_by_related_, person_id);
}

std::vector<std::string> Registry::usccs() const { return sorted_usccs_; }

std::map<std::string, Coverage> Registry::coverage(const std::map<std::string, std::size_t>* totals) const {
  // domain → USCCs known in the domain, and those with a genuine subject row
  std::map<std::string, std::set<std::string>> known, filed;
  for (const Subject& s : subjects_) {
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
  for (const Record& r : records_) mention(r.uscc, r.domain);
  for (const ListEntry& e : lists_) mention(e.uscc, e.domain);
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
