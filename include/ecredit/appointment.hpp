/// Appointment checks (任职资格, docs/relations.md): may this person serve as legal
/// representative, director, supervisor or senior manager on a day, by the grounds of the
/// pack's appointment.json (公司法（2023）第一百七十八条, 市场主体登记管理条例 第十二条) — with
/// the facts, the basis, and what the data cannot tell said as such.
///
///     auto c = ecredit::appointment_check(*engine, *reg, "440106198001010018",
///                                         "legal_representative", as_of);
///     if (c.status == "barred") for (const auto& r : c.reasons) r.facts;  // the penalty, the list entry
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"

ECREDIT_BEGIN_NAMESPACE

class Engine;
class Registry;

/// A fact behind a reason: a record, a list entry or a relation, by id.
struct AppointmentFact {
  std::string kind;                    ///< "record", "list_entry", "relation" or "subject"
  std::string id;                      ///< its id in the registry ("subject:<uscc>" for a subject row)
  std::string uscc;                    ///< the company concerned ("" for a person's list entry)
  std::optional<date::sys_days> date;  ///< decision date, inclusion date or relation start
};

/// One ground that bars the person or cannot be decided.
struct AppointmentReason {
  std::string ground, title;
  std::string outcome;  ///< "barred" or "undetermined"
  std::string why;      ///< what the data says, or what it does not (Chinese)
  std::vector<AppointmentFact> facts;
  std::optional<date::sys_days> until;  ///< the first day the ground no longer bars, when it ends
  std::string basis, basis_unconfirmed;
  bool basis_confirmed = true;
};

/// A ground the registry holds no data for (e.g. civil capacity): not checked.
struct AppointmentUnchecked {
  std::string ground, title, basis, basis_unconfirmed;
  bool basis_confirmed = true;
};

struct AppointmentCheck {
  std::string person_id, role;
  date::sys_days as_of{};
  std::string status;  ///< "allowed", "barred" (a reason bars) or "undetermined" (one cannot be decided)
  std::vector<AppointmentReason> reasons;  ///< barred first, then undetermined; in ground order
  std::vector<AppointmentUnchecked> unchecked;
  std::vector<std::string> basis;  ///< the role's rule and every ground checked, as cited in the pack
  bool allowed() const noexcept { return status == "allowed"; }
};

/// Checks `person_id` (a genuine resident ID or another ID number a party of the registry
/// has) for `role` on `as_of` by `engine`'s appointment.json. Throws InvalidInputError for
/// a role the pack's appointment.json does not cover (naming the roles it does), or a
/// person ID that is not one.
ECREDIT_API AppointmentCheck appointment_check(const Engine& engine, const Registry& registry,
                                               std::string_view person_id, std::string_view role,
                                               date::sys_days as_of);

ECREDIT_END_NAMESPACE
