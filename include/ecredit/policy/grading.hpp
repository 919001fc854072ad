/// Policy model: grading models (grading.json, docs/grading.md) — selectors,
/// indicators, vetoes, thresholds. Owned by an Engine (Engine::models()).
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
#include <string_view>
#include <utility>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"
#include "ecredit/policy/experimental.hpp"

ECREDIT_BEGIN_NAMESPACE

struct Record;
struct ListEntry;

/// Which records (or list entries) a rule applies to; an empty list matches anything.
ECREDIT_EXPERIMENTAL struct Selector {
  std::vector<std::string> category, severity, polarity, domain, list;
  std::map<std::string, std::vector<std::string>> attributes;  ///< attribute → accepted values
  bool for_lists = false;                                      ///< matches list entries, not records
  bool matches(const Record& r) const;
  bool matches(const ListEntry& e) const;
};

ECREDIT_EXPERIMENTAL struct Indicator {
  std::string id, title, basis;
  bool basis_confirmed = true;    ///< false: some part of `basis` is not confirmed, see basis_unconfirmed
  std::string basis_unconfirmed;  ///< what is not confirmed (e.g. "文号"); empty when confirmed
  Selector select;
  double points = 0;
  std::optional<int> window_months;
  std::vector<std::pair<int, double>> decay;  ///< (months bound, factor), increasing bounds
  std::optional<double> cap;
};

ECREDIT_EXPERIMENTAL struct Veto {
  std::string id, title, basis;
  bool basis_confirmed = true;    ///< false: some part of `basis` is not confirmed, see basis_unconfirmed
  std::string basis_unconfirmed;  ///< what is not confirmed (e.g. "文号"); empty when confirmed
  Selector when;
  std::optional<int> window_months;
  std::string grade;      ///< forces this grade …
  std::string max_grade;  ///< … or caps at this one
};

ECREDIT_EXPERIMENTAL struct GradeThreshold {
  std::string grade;
  std::optional<double> min;
};

ECREDIT_EXPERIMENTAL struct GradingModel {
  std::string id, title, version, basis;
  bool basis_confirmed = true;    ///< false: some part of `basis` is not confirmed, see basis_unconfirmed
  std::string basis_unconfirmed;  ///< what is not confirmed (e.g. "文号"); empty when confirmed
  std::optional<date::sys_days> effective_from, effective_to;
  std::vector<std::string> scale;  ///< best to worst
  double base_score = 100, min_score = 0, max_score = 100;
  /// Whether repaired and expired records stop counting. Records under objection follow
  /// the pack's objections.json counting (Engine::objection_policy()), for every model alike.
  bool exclude_repaired = true, exclude_expired = true;
  std::vector<Indicator> indicators;
  std::vector<Veto> vetoes;
  std::vector<GradeThreshold> grades;
  std::string no_data_grade;
  /// grading.json `bad_record_cap`: while any indicator with negative points counts a
  /// record or list entry (inside its window), the grade is at most this one; never
  /// better than no_data_grade, so a bad record never grades better than no record.
  /// "" = no such cap.
  std::string bad_record_cap;
  std::string bad_record_cap_basis;
  std::string supervision_json;  ///< the model's `supervision` object as JSON ("" when none)

  /// Position on the scale (0 = best); -1 for a grade not on it.
  int rank(std::string_view grade) const;
  bool in_force(date::sys_days d) const;
};

ECREDIT_END_NAMESPACE
