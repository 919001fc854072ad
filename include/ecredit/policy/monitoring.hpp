/// Policy model: credit-risk monitoring and early warning (信用风险监测预警,
/// monitoring.json, docs/policy-format.md) — rules with a level (code table
/// alert_level), a condition, suggested actions, basis and effective dates. Owned by an
/// Engine (Engine::monitoring_policy()).
///
/// EXPERIMENTAL — the policy model (ecredit/policy/*.hpp): see policy/objections.hpp for
/// what that means; check ECREDIT_POLICY_MODEL_VERSION.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"
#include "ecredit/policy/experimental.hpp"
#include "ecredit/policy/grading.hpp"

ECREDIT_BEGIN_NAMESPACE

/// What fires a rule. `kind` says which members apply:
/// - record_count: at least `at_least` records matching `select` in the last `window_months`;
/// - amount_growth: the sum of `amount_attribute` over records matching `select` in the last
///   `period_months` exceeds the period before (and is positive);
/// - on_list: an entry on one of `lists` in force, on it for at least `min_days` days;
/// - list_expiring: an entry on one of `lists` that expires within `within_days` days;
/// - grade: the subject's grade is one of `grades`; grade_drop: lower than in the previous run;
/// - related_party: a person or company in one of `roles` (or a beneficial owner holding at
///   least `owner_threshold`, when given) is on one of `lists` or represents a subject that
///   is, or (`appointment_check`) fails the appointment check;
/// - commitment_due: a commitment whose date is within `due_within_days` days (0: passed)
///   and whose status is one of `open_statuses` ("" = not given);
/// - objection_overdue: an objection step past its deadline (needs the archive);
/// - no_file: records or list entries under a USCC with no subject row.
ECREDIT_EXPERIMENTAL struct MonitoringCondition {
  std::string kind;
  Selector select;
  int window_months = 0, at_least = 0, period_months = 0;
  std::string amount_attribute;
  std::vector<std::string> lists, grades, roles, open_statuses;
  int min_days = 0, within_days = 0, due_within_days = 0;
  std::optional<double> owner_threshold;
  bool appointment_check = false;
};

ECREDIT_EXPERIMENTAL struct MonitoringRule {
  std::string id, title, level;  ///< level: a code of table alert_level
  MonitoringCondition condition;
  std::vector<std::string> actions;
  std::optional<date::sys_days> effective_from, effective_to;
  std::string basis, basis_unconfirmed, note;
  bool basis_confirmed = true;
  /// In force on `d`: from effective_from (inclusive) until effective_to (exclusive).
  bool in_force(date::sys_days d) const noexcept {
    return (!effective_from || *effective_from <= d) && (!effective_to || d < *effective_to);
  }
};

ECREDIT_EXPERIMENTAL struct MonitoringPolicy {
  std::vector<MonitoringRule> rules;  ///< in file order
  /// The rule `id`, or nullptr.
  const MonitoringRule* rule(std::string_view id) const noexcept {
    for (const auto& r : rules)
      if (r.id == id) return &r;
    return nullptr;
  }
};

ECREDIT_END_NAMESPACE
