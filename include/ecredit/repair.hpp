/// Credit repair (信用修复, docs/repair.md): dated regimes, eligibility, publication
/// periods, working-day processing deadlines, and what a repair changes.
///
///     ecredit::RepairRecord r;
///     r.category = "admin_penalty";
///     r.severity = "general";
///     r.decision_date = ecredit::parse_iso_date("2023-08-31");
///     ecredit::RepairDecision d = ecredit::repair(*engine, r, {{"obligations_fulfilled", day},
///     {"commitment", day}},
///                                                 ecredit::parse_iso_date("2023-12-01"));
///     d.status;   // "eligible", "not_yet", "missing_evidence", "not_repairable" or "expired"
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"

ECREDIT_BEGIN_NAMESPACE

class Engine;

/// Public holidays and adjusted working days (calendar.json), for working-day arithmetic.
class ECREDIT_API Calendar {
 public:
  /// Weekday and not a holiday, or an adjusted working weekend day (调休).
  bool is_working_day(date::sys_days d) const;
  /// Whether calendar.json covers the year of `d` (outside it only weekends count).
  bool covers(date::sys_days d) const;
  /// The day `n` working days after `from` (`from` itself not counted). `outside`
  /// (optional) is set when a day outside the covered years had to be judged by weekday.
  date::sys_days add_working_days(date::sys_days from, int n, bool* outside = nullptr) const;
  const std::set<int>& years() const noexcept { return years_; }

 private:
  friend struct EngineLoader;
  std::set<int> years_;
  std::set<int> holidays_, workdays_;  // day numbers
};

struct RepairTier {
  int min_months = 0, max_months = 0;
  std::vector<std::string> evidence;  ///< required evidence names
  std::string basis, note;
};

struct RepairExclusion {
  std::string id, reason, basis;
  std::vector<std::string> categories, severities, flags, penalty_types, areas;  ///< empty = any
};

/// One processing step. Its due date is `working_days` after the application date
/// (`from` = "application"), after an earlier step's due date (`from` = that step), or
/// after the previous step's (`from` empty). An extension (`extends` = an earlier step)
/// prolongs that step by `working_days`; it applies only to records carrying `flag`
/// (e.g. complex_case), and the decision reports the extended dates either way.
struct ProcessingStep {
  std::string step, title, basis;
  int working_days = 0;
  bool confirmed = false;
  std::string from, extends, flag;
};

/// The tier a penalty type or a procedure puts a record in. `tier` empty: no tier is
/// asserted (the record's severity decides; `unconfirmed` says why); `by_fine_amount`:
/// the fine amount decides through the regime's `fine_tiers`.
struct RepairTierRule {
  std::string tier;
  bool by_fine_amount = false;
  bool confirmed = true;
  std::string unconfirmed, source, basis;
};

/// A band of fine amounts (万元, from <= amount < below) and its tier.
struct FineBand {
  std::string tier, label;
  std::optional<double> from, below;
};

/// Fine amounts → tiers (较小 / 较大 / 巨额数额罚款): local parameters of the pack.
struct FineTiers {
  std::vector<FineBand> bands;  ///< in ascending order, not overlapping; gaps give no tier
  std::string unit = "万元", basis, unconfirmed, note;
  bool confirmed = true;
};

struct RepairRegime {
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

struct RepeatLimit {
  std::string id, basis, note;
  int max_repairs = 0, window_months = 0, min_months_since_last = 0;
  bool enabled = false;
};

struct RepairPolicy {
  std::string select_by = "decision_date";  ///< or "application_date"
  std::vector<RepairRegime> regimes;        ///< in date order
  std::vector<RepeatLimit> repeat_limits;
  bool breach_max_period = true;  ///< a broken 信用修复型 commitment: back to the maximum period
  std::string breach_basis;
  std::map<std::string, std::string> area_names;  ///< area or alias → area, over all regimes
};

/// The record to repair (a penalty, a list entry, …) as the repair rules see it.
struct RepairRecord {
  std::string id;
  std::string category;      ///< admin_penalty, black_list, abnormal_list, other
  std::string severity;      ///< minor, general, serious ("" = from penalty_types or the only tier)
  std::string domain, area;  ///< area: an area of repair.json or its alias (food, 食品, fire_safety …)
  date::sys_days decision_date{};
  std::vector<std::string> penalty_types, flags;  ///< flags: e.g. specific_serious, complex_case
  std::optional<double> fine_amount;              ///< 罚款金额（万元）, CF_NR_FK
  std::string procedure;           ///< penalty_procedure: simple (简易程序) or general (普通程序)
  bool commitment_broken = false;  ///< a 信用修复型 commitment was broken
};

/// Evidence name (obligations_fulfilled, commitment, training, credit_report) → date provided.
using RepairEvidence = std::map<std::string, date::sys_days>;

struct RepairStepDate {
  std::string step, title, basis;
  int working_days = 0;
  date::sys_days due{};
  bool confirmed = false;
  std::string from, extends;  ///< counted from ("application" or a step); the step it extends
  bool applies = true;        ///< false: an extension for a case not flagged (e.g. not complex_case)
};

struct RepairDecision {
  std::string status;  ///< eligible, not_yet, missing_evidence, not_repairable, expired
  std::optional<date::sys_days> earliest_date, publication_end, processing_deadline;
  /// The deadline when every extension applies (complex cases); empty without extensions.
  std::optional<date::sys_days> processing_deadline_extended;
  std::vector<std::string> missing;  ///< evidence names not provided by the as-of date
  std::vector<std::string> reasons;  ///< why (not_repairable, not_yet …)
  std::string regime, regime_title, regime_reason, basis, severity;
  int min_months = 0, max_months = 0;
  std::vector<RepairStepDate> processing;
  std::vector<std::string> effects;     ///< what a repair changes (eligible only)
  std::vector<std::string> arithmetic;  ///< the date arithmetic, line by line
  std::string record_id, pack_hash;
  date::sys_days as_of{};
  bool calendar_gap = false;  ///< a deadline ran past the years calendar.json covers
  std::string to_json(int indent = -1) const;
};

/// Decides whether `record` may be repaired on `as_of` (the application date) with
/// `evidence`; `history` lists the dates of the subject's earlier repairs (for the
/// repeat limits). Throws InvalidInputError for a record the rules cannot place (unknown
/// category or severity, no severity where the regime needs one) and NotFoundError
/// when the pack has no repair regimes.
ECREDIT_API RepairDecision repair(const Engine& engine, const RepairRecord& record,
                                  const RepairEvidence& evidence, date::sys_days as_of,
                                  const std::vector<date::sys_days>& history = {});

/// A repair status for people: `lang` "en" gives the status itself, anything else
/// Chinese (可修复, 未到最短公示期, 材料不全, 不可修复, 公示期已满); unknown statuses as given.
ECREDIT_API std::string_view repair_status_label(std::string_view status, std::string_view lang) noexcept;

/// Parses a record / evidence object from JSON text (the CLI, C and file formats of
/// docs/repair.md); throws InvalidInputError naming the bad member.
ECREDIT_API RepairRecord repair_record_from_json(std::string_view json);
ECREDIT_API RepairEvidence repair_evidence_from_json(std::string_view json);

ECREDIT_END_NAMESPACE
