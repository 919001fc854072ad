// Related parties (relations.hpp): the relation graph of a registry snapshot as of a day
// — relation rows and the relations subject rows imply —, breadth-first reach and
// beneficial ownership along chains of shareholdings.
#include "ecredit/relations.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "ecredit/error.hpp"
#include "ecredit/id.hpp"
#include "ecredit/registry.hpp"
#include "id_internal.hpp"
#include "registry_access.hpp"
#include "relations_internal.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

constexpr const char* kLegalRep = "legal_representative";
constexpr const char* kResponsible = "responsible_person";

// One edge of the graph: a relation row, or one a subject row implies.
struct Edge {
  const Relation* row = nullptr;  // null: implied by subject `implied_by`
  std::string uscc, party_id, party_kind, role;
  std::string relation_id;
};

class Graph {
 public:
  Graph(const Registry& reg, date::sys_days as_of, const std::vector<std::string>* roles)
      : ix_(*reg.impl().ix_), as_of_(as_of), roles_(roles) {}

  // The edges in force that touch `node`, roles filtered, in a fixed order.
  std::vector<Edge> edges_at(const std::string& node) const {
    std::vector<Edge> out;
    auto explicit_edges = [&](const std::unordered_map<std::string, std::vector<std::size_t>>& index) {
      auto it = index.find(node);
      if (it == index.end()) return;
      for (std::size_t i : it->second) {
        const Relation& r = ix_.relations_[i];
        if (!r.active(as_of_) || !wanted(r.role)) continue;
        out.push_back({&r, r.uscc, r.party_id, r.party_kind, r.role, r.id});
      }
    };
    explicit_edges(ix_.relations_by_uscc_);
    explicit_edges(ix_.relations_by_party_);
    // implied by the subject row of `node` (a USCC) …
    if (auto it = ix_.subject_by_uscc_.find(node); it != ix_.subject_by_uscc_.end())
      implied(ix_.subjects_[it->second], out, nullptr);
    // … and by the subject rows naming `node` (a person)
    if (auto it = ix_.subjects_by_related_.find(node); it != ix_.subjects_by_related_.end())
      for (std::size_t i : it->second) implied(ix_.subjects_[i], out, &node);
    std::sort(out.begin(), out.end(), [&](const Edge& a, const Edge& b) {
      const std::string& fa = far(a, node);
      const std::string& fb = far(b, node);
      if (fa != fb) return fa < fb;
      if (a.role != b.role) return a.role < b.role;
      return a.relation_id < b.relation_id;
    });
    return out;
  }

  // The end of `e` that is not `node` (a relation of a party with itself is refused by the builder).
  static const std::string& far(const Edge& e, const std::string& node) {
    return e.uscc == node ? e.party_id : e.uscc;
  }

  const Registry::Impl::Index& ix() const { return ix_; }

 private:
  bool wanted(const std::string& role) const {
    return roles_ == nullptr || roles_->empty() ||
           std::find(roles_->begin(), roles_->end(), role) != roles_->end();
  }
  // A relation row between the two with this role (or, role empty, any role) exists, in
  // force or not: the row then stands for the relation and the subject row adds nothing.
  bool has_row(const std::string& uscc, const std::string& party, const char* role) const {
    auto it = ix_.relations_by_party_.find(party);
    if (it == ix_.relations_by_party_.end()) return false;
    for (std::size_t i : it->second) {
      const Relation& r = ix_.relations_[i];
      if (r.uscc == uscc && (role == nullptr || r.role == role)) return true;
    }
    return false;
  }
  // The relations subject row `s` implies (of `only` alone, when given).
  void implied(const Subject& s, std::vector<Edge>& out, const std::string* only) const {
    if (s.uscc.empty()) return;  // a person's own row implies no relation
    auto add = [&](const std::string& person, const char* role) {
      if (!wanted(role)) return;
      out.push_back({nullptr, s.uscc, person, "person", role, "subject:" + s.uscc});
    };
    if (!s.legal_rep_id.empty() && (only == nullptr || *only == s.legal_rep_id) &&
        !has_row(s.uscc, s.legal_rep_id, kLegalRep))
      add(s.legal_rep_id, kLegalRep);
    std::set<std::string> seen;
    for (const std::string& p : s.responsible_ids) {
      if (p == s.legal_rep_id || !seen.insert(p).second || (only != nullptr && *only != p)) continue;
      if (!has_row(s.uscc, p, nullptr)) add(p, kResponsible);
    }
  }

  const Registry::Impl::Index& ix_;
  date::sys_days as_of_;
  const std::vector<std::string>* roles_;
};

void check_roles(const Registry& reg, const std::vector<std::string>& roles) {
  const auto& known = reg.impl().ix_->role_codes_;
  for (const std::string& r : roles) {
    if (known.empty() ? !r.empty() : std::binary_search(known.begin(), known.end(), r)) continue;
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw InvalidInputError("related: role '" + r + "' is not in code table 'relation_role' (" + list + ")");
  }
}

}  // namespace

std::string normalise_party(const Registry& reg, std::string_view party, std::string_view what) {
  const IdResult u = check_uscc(party);
  if (u.genuine()) return u.normalized;
  const IdResult p = check_resident_id(party);
  if (p.genuine()) return p.converted.empty() ? p.normalized : p.converted;
  if (party.empty())
    throw InvalidInputError(std::string(what) + ": needs a party (a USCC or a person's ID number)");
  const std::string& n = p.normalized;
  const auto& ix = *reg.impl().ix_;
  const bool known =
      !is_resident_id_shaped(n) &&
      (ix.relations_by_party_.count(n) || ix.subjects_by_related_.count(n) || ix.subject_by_person_.count(n));
  if (!known)
    throw InvalidInputError(std::string(what) + ": '" + mask_id(n) + "' is neither a genuine USCC (" +
                            std::string(to_string(u.reason)) + ") nor a genuine resident ID (" +
                            std::string(to_string(p.reason)) +
                            "), nor another ID number of a party in the registry");
  return n;
}

std::vector<RelatedParty> related(const Registry& registry, std::string_view party, date::sys_days as_of,
                                  const RelatedOptions& options) {
  if (options.hops == 0) throw InvalidInputError("related: hops must be at least 1");
  check_roles(registry, options.roles);
  const std::string start = normalise_party(registry, party, "related");
  const Graph g(registry, as_of, &options.roles);
  std::vector<RelatedParty> out;
  std::unordered_map<std::string, std::vector<std::string>> path_of{{start, {start}}};
  std::unordered_set<std::string> reported;  // relation id + ends: implied relations share an id
  std::vector<std::string> frontier{start};
  for (std::size_t hop = 1; hop <= options.hops && !frontier.empty(); ++hop) {
    std::vector<std::string> next;
    for (const std::string& node : frontier) {
      const std::vector<std::string> here = path_of.at(node);
      for (const Edge& e : g.edges_at(node)) {
        if (!reported.insert(e.relation_id + '\x1F' + e.party_id + '\x1F' + e.role).second) continue;
        const std::string& other = Graph::far(e, node);
        RelatedParty r;
        r.party_id = e.party_id;
        r.party_kind = e.party_kind;
        r.uscc = e.uscc;
        r.role = e.role;
        r.relation_id = e.relation_id;
        if (e.row != nullptr) {
          r.party_name = e.row->party_name;
          r.share = e.row->share;
          r.from_date = e.row->from_date;
          r.to_date = e.row->to_date;
        }
        r.hops = hop;
        r.path = here;
        r.path.push_back(other);
        if (path_of.emplace(other, r.path).second) next.push_back(other);
        out.push_back(std::move(r));
      }
    }
    std::sort(next.begin(), next.end());
    frontier = std::move(next);
  }
  return out;
}

BeneficialOwners beneficial_owners(const Registry& registry, std::string_view uscc, date::sys_days as_of,
                                   double threshold) {
  if (!(threshold > 0.0 && threshold <= 1.0))
    throw InvalidInputError("beneficial_owners: threshold " + std::to_string(threshold) +
                            " is outside (0, 1] (a share is a fraction: 25 % is 0.25)");
  const IdResult u = check_uscc(uscc);
  if (!u.genuine())
    throw InvalidInputError("beneficial_owners: '" + std::string(uscc) + "' is not a genuine USCC (" +
                            std::string(to_string(u.reason)) + ")");
  BeneficialOwners result;
  result.uscc = u.normalized;
  result.as_of = as_of;
  result.threshold = threshold;
  const auto& ix = *registry.impl().ix_;
  std::set<std::string> notes;

  // a company's shareholders in force, with their shares scaled so that they add up to at most 1
  struct Holder {
    const Relation* r;
    double share;
  };
  std::unordered_map<std::string_view, std::vector<Holder>> holders_of;
  auto holders = [&](const std::string& company) -> const std::vector<Holder>& {
    auto [it, fresh] = holders_of.try_emplace(company);
    if (!fresh) return it->second;
    double total = 0;
    if (auto rows = ix.relations_by_uscc_.find(company); rows != ix.relations_by_uscc_.end()) {
      for (std::size_t i : rows->second) {
        const Relation& r = ix.relations_[i];
        if (r.role != "shareholder" || !r.active(as_of)) continue;
        if (!r.share) {
          notes.insert("shareholder " + (r.party_kind == "person" ? mask_id(r.party_id) : r.party_id) +
                       " of " + std::string(company) + " has no share: not counted");
          continue;
        }
        it->second.push_back({&r, *r.share});
        total += *r.share;
      }
    }
    if (total > 1.0 + 1e-9) {
      notes.insert("the shares in " + std::string(company) + " in force on " + format_iso_date(as_of) +
                   " add up to " + std::to_string(total) + " (> 1): scaled down to 1");
      for (Holder& h : it->second) h.share /= total;
    }
    std::sort(it->second.begin(), it->second.end(),
              [](const Holder& a, const Holder& b) { return a.r->party_id < b.r->party_id; });
    return it->second;
  };

  // Depth first over simple chains (each company once per chain), twice: the totals per
  // person, then the paths of those who count (most persons of a large graph do not).
  std::unordered_map<std::string_view, double> total;
  std::map<std::string, BeneficialOwner> owners;
  std::vector<std::string_view> chain{result.uscc};  // the subject first, walking up to the owners
  std::size_t paths = 0;
  bool collect = false;
  auto walk = [&](auto&& self, const std::string& company, double product) -> void {
    for (const Holder& h : holders(company)) {
      const Relation& r = *h.r;
      if (!collect && ++paths > kMaxOwnershipPaths)
        throw InvalidInputError("beneficial_owners: more than " + std::to_string(kMaxOwnershipPaths) +
                                " ownership chains behind " + result.uscc);
      const double share = product * h.share;
      if (r.party_kind == "person") {
        if (!collect) {
          total[r.party_id] += share;
          continue;
        }
        auto o = owners.find(r.party_id);
        if (o == owners.end()) continue;
        if (o->second.party_name.empty()) o->second.party_name = r.party_name;
        std::vector<std::string> p{r.party_id};
        for (auto c = chain.rbegin(); c != chain.rend(); ++c) p.emplace_back(*c);
        o->second.paths.push_back(std::move(p));
      } else if (std::find(chain.begin(), chain.end(), std::string_view(r.party_id)) == chain.end()) {
        chain.push_back(r.party_id);
        self(self, r.party_id, share);
        chain.pop_back();
      }
    }
  };
  walk(walk, result.uscc, 1.0);
  for (const auto& [id, share] : total) {
    const double s = std::min(share, 1.0);  // rounding only: scaled holdings add up to at most 1
    if (s + 1e-12 < threshold) continue;
    BeneficialOwner& o = owners[std::string(id)];
    o.party_id = std::string(id);
    o.share = s;
    o.reasons.push_back("share");
  }
  // actual control and declared beneficial owners, on the subject itself
  if (auto rows = ix.relations_by_uscc_.find(result.uscc); rows != ix.relations_by_uscc_.end()) {
    for (std::size_t i : rows->second) {
      const Relation& r = ix.relations_[i];
      if ((r.role != "actual_controller" && r.role != "beneficial_owner") || !r.active(as_of)) continue;
      if (r.party_kind != "person") {
        notes.insert("the " + r.role + " of " + result.uscc + " is an organisation (" + r.party_id +
                     "): the persons behind it are not recorded");
        continue;
      }
      BeneficialOwner& o = owners[r.party_id];
      if (o.party_id.empty()) {
        o.party_id = r.party_id;
        auto t = total.find(r.party_id);
        o.share = t == total.end() ? 0.0 : std::min(t->second, 1.0);
      }
      if (o.party_name.empty()) o.party_name = r.party_name;
      const char* why = r.role == "actual_controller" ? "actual_controller" : "declared";
      if (std::find(o.reasons.begin(), o.reasons.end(), why) == o.reasons.end()) o.reasons.push_back(why);
    }
  }
  // the paths of everyone who counts, controllers with a share too
  if (!owners.empty()) {
    collect = true;
    walk(walk, result.uscc, 1.0);
  }
  for (auto& [id, o] : owners)
    if (!o.reasons.empty()) result.owners.push_back(std::move(o));
  std::sort(result.owners.begin(), result.owners.end(),
            [](const BeneficialOwner& a, const BeneficialOwner& b) {
              return a.share != b.share ? a.share > b.share : a.party_id < b.party_id;
            });
  result.notes.assign(notes.begin(), notes.end());
  return result;
}

ECREDIT_END_NAMESPACE
