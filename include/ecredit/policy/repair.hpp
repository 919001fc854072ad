/// Policy model: credit repair regimes (repair.json, docs/repair.md) — tiers,
/// exclusions, processing steps, fine tiers, repeat limits. Owned by an Engine
/// (Engine::repair_policy()); repair.hpp decides with them.
///
/// EXPERIMENTAL — the policy model (ecredit/policy/*.hpp).
/// These structs mirror the files of a policy pack (docs/policy-format.md) as the
/// loader reads them. They are public so that hosts can inspect a pack, but they follow
/// the pack format, not the API's stability promise (docs/api-stability.md): members may
/// be added, renamed or removed in ANY minor version. Code that uses them should check
/// ECREDIT_POLICY_MODEL_VERSION (bumped on every change) and expect to be updated.
/// The stable API is the rest: Engine's accessors, the results (Grade, Decision,
/// RepairDecision, …) and the functions that make them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"
#include "ecredit/policy/experimental.hpp"

ECREDIT_BEGIN_NAMESPACE

ECREDIT_EXPERIMENTAL struct RepairTier {
  int min_months = 0, max_months = 0;
  std::vector<std::string> evidence;  ///< required evidence names
  std::string basis, note;
};

ECREDIT_EXPERIMENTAL struct RepairExclusion {
  std::string id, reason, basis;
  std::vector<std::string> categories, severities, flags, penalty_types, areas;  ///< empty = any
};

/// One processing step. Its due date is `working_days` after the application date
/// (`from` = "application"), after an earlier step's due date (`from` = that step), or
/// after the previous step's (`from` empty). An extension (`extends` = an earlier step)
/// prolongs that step by `working_days`; it applies only to records carrying `flag`
/// (e.g. complex_case), and the decision reports the extended dates either way.
ECREDIT_EXPERIMENTAL struct ProcessingStep {
  std::string step, title, basis;
  int working_days = 0;
  bool confirmed = false;
  std::string from, extends, flag;
};

/// The tier a penalty type or a procedure puts a record in. `tier` empty: no tier is
/// asserted (the record's severity decides; `unconfirmed` says why); `by_fine_amount`:
/// the fine amount decides through the regime's `fine_tiers`.
ECREDIT_EXPERIMENTAL struct RepairTierRule {
  std::string tier;
  bool by_fine_amount = false;
  bool confirmed = true;
  std::string unconfirmed, source, basis;
};

/// A band of fine amounts (万元, from <= amount < below) and its tier.
ECREDIT_EXPERIMENTAL struct FineBand {
  std::string tier, label;
  std::optional<double> from, below;
};

/// Fine amounts → tiers (较小 / 较大 / 巨额数额罚款): local parameters of the pack.
ECREDIT_EXPERIMENTAL struct FineTiers {
  std::vector<FineBand> bands;  ///< in ascending order, not overlapping; gaps give no tier
  std::string unit = "万元", basis, unconfirmed, note;
  bool confirmed = true;
};

ECREDIT_EXPERIMENTAL struct RepairRegime {
  std::string id, title, basis, note;
  std::optional<date::sys_days> effective_from, effective_to;
  /// category → severity → tier (tiers given once for the regime apply to every
  /// category that does not give its own)
  std::map<std::string, std::map<std::string, RepairTier>> tiers;
  std::map<std::string, std::string> category_notes;
  std::map<std::string, std::pair<int, std::string>> area_min_months;  ///< area → (months, basis)
  std::map<std::string, RepairTierRule> penalty_type_tiers;            ///< penalty type → tier
  std::map<std::string, RepairTierRule> procedure_tiers;               ///< penalty_procedure code → tier
  FineTiers fine_tiers;  ///< empty bands: amounts decide nothing
  std::vector<RepairExclusion> exclusions;
  std::vector<ProcessingStep> processing;
  std::vector<std::string> effects;
  bool in_force(date::sys_days d) const noexcept {
    return (!effective_from || *effective_from <= d) && (!effective_to || d <= *effective_to);
  }
};

ECREDIT_EXPERIMENTAL struct RepeatLimit {
  std::string id, basis, note;
  int max_repairs = 0, window_months = 0, min_months_since_last = 0;
  bool enabled = false;
};

ECREDIT_EXPERIMENTAL struct RepairPolicy {
  std::string select_by = "decision_date";  ///< or "application_date"
  std::vector<RepairRegime> regimes;        ///< in date order
  std::vector<RepeatLimit> repeat_limits;
  bool breach_max_period = true;  ///< a broken 信用修复型 commitment: back to the maximum period
  std::string breach_basis;
  std::map<std::string, std::string> area_names;  ///< area or alias → area, over all regimes
  /// The longest a record is published, in months from its decision date (its
  /// determination), whatever its own publication end says; 0 = no cap. After it the record
  /// is archive-only: it no longer counts for grading and measures.
  int publication_cap_months = 0;
  std::string publication_cap_basis, publication_cap_basis_unconfirmed;
  bool publication_cap_basis_confirmed = true;
};

ECREDIT_END_NAMESPACE
