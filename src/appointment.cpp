// Appointment checks (appointment.hpp): the grounds of appointment.json applied to the
// registry's records, list entries and relations of one person on one day.
#include "ecredit/appointment.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"
#include "ecredit/id.hpp"
#include "ecredit/registry.hpp"
#include "registry_access.hpp"
#include "relations_internal.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

std::string attribute(const Record& r, const std::string& name) {
  if (name.empty()) return {};
  auto it = r.attributes.find(name);
  return it == r.attributes.end() ? std::string() : it->second;
}

// An ID number as the registry stores it ("" when it is no resident ID and not plain text).
std::string stored_id(const std::string& raw) {
  const IdResult p = check_resident_id(raw);
  if (p.genuine()) return p.converted.empty() ? p.normalized : p.converted;
  return p.normalized;
}

template <class T>
void copy_basis(const T& from, AppointmentReason& to) {
  to.basis = from.basis;
  to.basis_confirmed = from.basis_confirmed;
  to.basis_unconfirmed = from.basis_unconfirmed;
}

// How the person was the company's legal representative: the evidence for one company.
struct Representation {
  std::vector<const Relation*> relations;  // legal_representative rows of the person
  bool subject_row = false;                // the subject row names the person (undated)
};

// ground check "on_list"
void on_list(const AppointmentGround& g, const Engine& engine, const Registry& reg, const std::string& person,
             date::sys_days as_of, std::vector<AppointmentReason>& out) {
  for (const ListEntry* e : reg.lists_of_person(person)) {
    if (!e->active(as_of) || std::find(g.lists.begin(), g.lists.end(), e->list) == g.lists.end()) continue;
    AppointmentReason r;
    r.ground = g.ground;
    r.title = g.title;
    r.outcome = "barred";
    const CodeTable* kinds = engine.code_table("list_kind");
    const Code* kind = kinds ? kinds->find(e->list) : nullptr;
    r.why = "本人在" + (kind ? kind->label : e->list) + "上（" + format_iso_date(e->included_on) + "列入）";
    r.facts.push_back({"list_entry", e->id, e->uscc, e->included_on});
    if (e->removed_on || e->expires_on) {
      date::sys_days end = e->removed_on.value_or(*e->expires_on);
      if (e->removed_on && e->expires_on) end = std::min(*e->removed_on, *e->expires_on);
      r.until = end;
    }
    copy_basis(g, r);
    out.push_back(std::move(r));
  }
}

// ground check "legal_rep_of_sanctioned"
void sanctioned_company(const AppointmentGround& g, const Registry& reg, const std::string& person,
                        date::sys_days as_of, std::vector<AppointmentReason>& out) {
  std::map<std::string, Representation> companies;
  for (const Subject* s : reg.subjects_of_person(person))
    if (s->legal_rep_id == person) companies[s->uscc].subject_row = true;
  const auto& ix = *reg.impl().ix_;
  if (auto it = ix.relations_by_party_.find(person); it != ix.relations_by_party_.end())
    for (std::size_t i : it->second) {
      const Relation& rel = ix.relations_[i];
      if (rel.role == "legal_representative") companies[rel.uscc].relations.push_back(&rel);
    }
  for (const auto& [uscc, rep] : companies) {
    for (const Record& rec : reg.records_of(uscc)) {
      if (!g.records.matches(rec) || rec.decision_date > as_of) continue;
      const date::sys_days end = add_months(rec.decision_date, 12 * g.years);
      if (as_of >= end) continue;
      AppointmentReason r;
      r.ground = g.ground;
      r.title = g.title;
      r.until = end;
      copy_basis(g, r);
      r.facts.push_back({"record", rec.id, uscc, rec.decision_date});
      const std::string day = format_iso_date(rec.decision_date);

      // Was the person the legal representative on the decision date?
      const std::string named = stored_id(attribute(rec, g.legal_rep_attribute));
      const Relation* in_force = nullptr;
      for (const Relation* rel : rep.relations)
        if (rel->active(rec.decision_date)) in_force = rel;
      if (!named.empty() && named != person) continue;  // the record names another legal representative
      if (named.empty() && in_force == nullptr && !rep.subject_row) continue;  // the person came later
      if (in_force != nullptr) r.facts.push_back({"relation", in_force->id, uscc, in_force->from_date});
      if (named.empty() && in_force == nullptr) r.facts.push_back({"subject", "subject:" + uscc, uscc, {}});

      // Closed, or its business licence revoked?
      const std::string types = attribute(rec, g.penalty_types_attribute);
      std::string what;
      bool undetermined = false, counts = false;
      if (detail::attribute_matches(types, g.closure_codes)) {
        counts = true;
        what = "被责令关闭";
      } else if (!g.licence_attribute.empty()) {
        const std::string licence = attribute(rec, g.licence_attribute);
        if (licence.empty()) {
          undetermined = true;
          what = "被吊销或暂扣证照，记录未载明证照名称，无法判断是否为营业执照";
        } else {
          for (const auto& name : g.licence_names)
            if (licence.find(name) != std::string::npos) counts = true;
          if (counts && detail::attribute_matches(types, g.licence_unsure_codes)) {
            counts = false;
            undetermined = true;
            what = "处罚类别为暂扣或者吊销（1996年类别），无法判断营业执照是否被吊销";
          } else {
            what = "被吊销" + licence;
          }
        }
      }
      if (!counts && !undetermined) continue;
      r.why = uscc + " 于" + day + what;
      if (undetermined) {
        r.outcome = "undetermined";
      } else {
        const std::string liable = attribute(rec, g.responsibility_attribute);
        if (liable == "false") continue;  // found not personally responsible
        if (liable == "true") {
          r.outcome = "barred";
          r.why += "；本人时任法定代表人并负有个人责任，自该日起未逾" + std::to_string(g.years) + "年";
        } else {
          r.outcome = "undetermined";
          r.why += "；本人时任法定代表人，是否负有个人责任未记录";
        }
      }
      out.push_back(std::move(r));
    }
  }
}

}  // namespace

AppointmentCheck appointment_check(const Engine& engine, const Registry& registry, std::string_view person_id,
                                   std::string_view role, date::sys_days as_of) {
  const AppointmentPolicy& ap = engine.appointment_policy();
  const AppointmentRole* rule = ap.role(role);
  if (rule == nullptr) {
    std::string known;
    for (const auto& r : ap.roles) known += (known.empty() ? "" : ", ") + r.role;
    throw InvalidInputError("appointment_check: role '" + std::string(role) + "' is not covered by pack " +
                            engine.id() + "'s appointment.json (" + (known.empty() ? "no roles" : known) +
                            ")");
  }
  if (check_uscc(person_id).genuine())
    throw InvalidInputError("appointment_check: '" + std::string(person_id) +
                            "' is a USCC; the check is for a natural person's ID number");
  AppointmentCheck c;
  c.person_id = normalise_party(registry, person_id, "appointment_check");
  c.role = std::string(role);
  c.as_of = as_of;
  c.basis.push_back(rule->basis);
  std::vector<AppointmentReason> found;
  for (const AppointmentGround& g : ap.grounds) {
    if (!g.covers(role)) continue;
    if (g.check == "not_recorded") {
      c.unchecked.push_back({g.ground, g.title, g.basis, g.basis_unconfirmed, g.basis_confirmed});
      continue;
    }
    if (std::find(c.basis.begin(), c.basis.end(), g.basis) == c.basis.end()) c.basis.push_back(g.basis);
    if (g.check == "on_list")
      on_list(g, engine, registry, c.person_id, as_of, found);
    else
      sanctioned_company(g, registry, c.person_id, as_of, found);
  }
  std::stable_partition(found.begin(), found.end(),
                        [](const AppointmentReason& r) { return r.outcome == "barred"; });
  c.reasons = std::move(found);
  c.status = c.reasons.empty() ? "allowed" : c.reasons.front().outcome;
  return c;
}

ECREDIT_END_NAMESPACE
