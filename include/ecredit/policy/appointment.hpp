/// Policy model: appointment disqualifications (任职资格, appointment.json,
/// docs/policy-format.md) — the roles an appointment check covers and the grounds (情形)
/// that bar a person from them, with how the registry's data tests each. Owned by an
/// Engine (Engine::appointment_policy()); appointment_check (appointment.hpp) follows it.
///
/// EXPERIMENTAL — the policy model (ecredit/policy/*.hpp): see policy/objections.hpp for
/// what that means; check ECREDIT_POLICY_MODEL_VERSION.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/policy/experimental.hpp"
#include "ecredit/policy/grading.hpp"

ECREDIT_BEGIN_NAMESPACE

/// A role the check covers (code table relation_role) and the rule that disqualifies for it.
ECREDIT_EXPERIMENTAL struct AppointmentRole {
  std::string role;
  std::string basis, basis_unconfirmed, note;
  bool basis_confirmed = true;
};

/// One ground. `check` says how the data tests it:
/// - "not_recorded": the registry holds no data for it; reported as not checked;
/// - "on_list": an entry of the person on one of `lists` in force on the day bars;
/// - "legal_rep_of_sanctioned": the person was the legal representative of a company
///   whose record matching `records` (penalty types in `penalty_types_attribute`) closed
///   it (`closure_codes`) or revoked the licence named by `licence_attribute` (one of
///   `licence_names`; a penalty type of `licence_unsure_codes` cannot tell whether it was
///   revoked: undetermined), less than `years` years before the day; personal responsibility is
///   the boolean `responsibility_attribute` (missing: undetermined).
ECREDIT_EXPERIMENTAL struct AppointmentGround {
  std::string ground, title, check;
  std::vector<std::string> roles;
  std::vector<std::string> lists;  // on_list
  Selector records;                // legal_rep_of_sanctioned
  std::vector<std::string> closure_codes, licence_names, licence_unsure_codes;
  std::string licence_attribute, penalty_types_attribute, legal_rep_attribute, responsibility_attribute;
  int years = 0;
  std::string basis, basis_unconfirmed, note;
  bool basis_confirmed = true;

  bool covers(std::string_view role) const noexcept {
    for (const auto& r : roles)
      if (r == role) return true;
    return false;
  }
};

ECREDIT_EXPERIMENTAL struct AppointmentPolicy {
  std::vector<AppointmentRole> roles;
  std::vector<AppointmentGround> grounds;  ///< in file order

  /// The role `id`, or nullptr.
  const AppointmentRole* role(std::string_view id) const noexcept {
    for (const auto& r : roles)
      if (r.role == id) return &r;
    return nullptr;
  }
};

ECREDIT_END_NAMESPACE
