// The contract's "appointment-check" document (docs/relations.md, schemas/).
#include "ecredit/appointment.hpp"
#include "contract/contract.hpp"
#include "ecredit/id.hpp"

namespace ecredit::contract {

Json to_value(const AppointmentCheck& c, bool unmasked) {
  auto basis = [](Json& x, const std::string& text, bool confirmed, const std::string& unconfirmed) {
    x["basis"] = text;
    x["basis_confirmed"] = confirmed;
    x["basis_unconfirmed"] = unconfirmed;
  };
  Json j;
  j["person_id"] = unmasked ? c.person_id : mask_id(c.person_id);
  j["role"] = c.role;
  j["as_of"] = format_iso_date(c.as_of);
  j["status"] = c.status;
  j["allowed"] = c.allowed();
  j["reasons"] = Json::array();
  for (const AppointmentReason& r : c.reasons) {
    Json x;
    x["ground"] = r.ground;
    x["title"] = r.title;
    x["outcome"] = r.outcome;
    x["why"] = r.why;
    x["until"] = r.until ? Json(format_iso_date(*r.until)) : Json();
    Json facts = Json::array();
    for (const AppointmentFact& f : r.facts) {
      std::string id = f.id;  // a relation's key holds the person's ID
      if (!unmasked)
        for (std::size_t at = id.find(c.person_id); !c.person_id.empty() && at != std::string::npos;
             at = id.find(c.person_id, at + 1))
          id.replace(at, c.person_id.size(), mask_id(c.person_id));
      facts.push_back({{"kind", f.kind},
                       {"id", id},
                       {"uscc", f.uscc},
                       {"date", f.date ? Json(format_iso_date(*f.date)) : Json()}});
    }
    x["facts"] = std::move(facts);
    basis(x, r.basis, r.basis_confirmed, r.basis_unconfirmed);
    j["reasons"].push_back(std::move(x));
  }
  j["unchecked"] = Json::array();
  for (const AppointmentUnchecked& u : c.unchecked) {
    Json x;
    x["ground"] = u.ground;
    x["title"] = u.title;
    basis(x, u.basis, u.basis_confirmed, u.basis_unconfirmed);
    j["unchecked"].push_back(std::move(x));
  }
  j["basis"] = c.basis;
  return j;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

std::string to_json(const AppointmentCheck& c, bool unmasked, int indent) {
  return contract::dump(contract::to_value(c, unmasked), indent);
}

ECREDIT_END_NAMESPACE
