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
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"
#include "ecredit/policy/calendar.hpp"  // IWYU pragma: export
#include "ecredit/policy/repair.hpp"    // IWYU pragma: export

ECREDIT_BEGIN_NAMESPACE

class Engine;
struct Record;

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

/// The repair view of a registry record: its id, category (admin_penalty, else "other"),
/// severity, domain, decision date, penalty types (the ';'-joined `penalty_types`
/// attribute) and fine amount (`fine_amount`, when a number). The archive's repair
/// applications and the demo's repair step read records through it.
ECREDIT_API RepairRecord repair_record_of(const Record& r);

/// A repair status for people: `lang` "en" gives the status itself, anything else
/// Chinese (可修复, 未到最短公示期, 材料不全, 不可修复, 公示期已满); unknown statuses as given.
ECREDIT_API std::string_view repair_status_label(std::string_view status, std::string_view lang) noexcept;

/// Parses a record / evidence object from JSON text (the CLI, C and file formats of
/// docs/repair.md); throws InvalidInputError naming the bad member.
ECREDIT_API RepairRecord repair_record_from_json(std::string_view json);
ECREDIT_API RepairEvidence repair_evidence_from_json(std::string_view json);

ECREDIT_END_NAMESPACE
