/// Grading: versioned, explainable credit-grade models (docs/grading.md) evaluated
/// as of a date against a registry.
///
///     ecredit::Grade g = ecredit::grade(*engine, *registry, "91440101MA59U8YB6Y",
///                                       ecredit::parse_iso_date("2025-06-30"));
///     std::cout << g.grade << " " << g.score;   // e.g. "B 85"; g.trace says why
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"

ECREDIT_BEGIN_NAMESPACE

class Engine;
class Registry;
struct Record;
struct ListEntry;

/// Which records (or list entries) a rule applies to; an empty list matches anything.
struct Selector {
  std::vector<std::string> category, severity, polarity, domain, list;
  std::map<std::string, std::vector<std::string>> attributes;  ///< attribute → accepted values
  bool for_lists = false;                                      ///< matches list entries, not records
  bool matches(const Record& r) const;
  bool matches(const ListEntry& e) const;
};

struct Indicator {
  std::string id, title, basis;
  bool basis_confirmed = true;    ///< false: some part of `basis` is not confirmed, see basis_unconfirmed
  std::string basis_unconfirmed;  ///< what is not confirmed (e.g. "文号"); empty when confirmed
  Selector select;
  double points = 0;
  std::optional<int> window_months;
  std::vector<std::pair<int, double>> decay;  ///< (months bound, factor), increasing bounds
  std::optional<double> cap;
};

struct Veto {
  std::string id, title, basis;
  bool basis_confirmed = true;    ///< false: some part of `basis` is not confirmed, see basis_unconfirmed
  std::string basis_unconfirmed;  ///< what is not confirmed (e.g. "文号"); empty when confirmed
  Selector when;
  std::optional<int> window_months;
  std::string grade;      ///< forces this grade …
  std::string max_grade;  ///< … or caps at this one
};

struct GradeThreshold {
  std::string grade;
  std::optional<double> min;
};

struct GradingModel {
  std::string id, title, version, basis;
  bool basis_confirmed = true;    ///< false: some part of `basis` is not confirmed, see basis_unconfirmed
  std::string basis_unconfirmed;  ///< what is not confirmed (e.g. "文号"); empty when confirmed
  std::optional<date::sys_days> effective_from, effective_to;
  std::vector<std::string> scale;  ///< best to worst
  double base_score = 100, min_score = 0, max_score = 100;
  bool exclude_repaired = true, exclude_expired = true, exclude_objection = true;
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

/// One line of a grade's explanation.
struct TraceEntry {
  std::string kind;    ///< indicator, cap, veto, excluded, threshold, no_data, bad_record_cap
  std::string rule;    ///< indicator or veto id
  std::string record;  ///< record or list entry id ("" for model-level lines)
  int age_months = -1;
  double factor = 0, points = 0;
  std::string detail, basis;
};

struct Grade {
  std::string uscc, grade, model, model_version, pack_hash;
  double score = 0;
  date::sys_days as_of{};
  bool no_data = false;
  std::vector<TraceEntry> trace;
  std::string to_json(int indent = -1) const;
};

/// The grade of `uscc` as of a date. `model` empty: the first model in force on
/// `as_of`. Throws NotFoundError (a genuine code the registry holds nothing for, or an
/// unknown model) or InvalidInputError (a code that is not a genuine USCC, or the model
/// is not in force on `as_of`).
ECREDIT_API Grade grade(const Engine& engine, const Registry& registry, std::string_view uscc,
                        date::sys_days as_of, std::string_view model = {});

/// Grades every USCC of the registry (sorted), on `threads` threads (0 = hardware);
/// the result does not depend on the thread count. Traces are built only when
/// `with_trace` (batch users usually need grade and score; grade() always traces).
ECREDIT_API std::vector<Grade> grade_all(const Engine& engine, const Registry& registry, date::sys_days as_of,
                                         std::string_view model = {}, unsigned threads = 0,
                                         bool with_trace = false);

ECREDIT_END_NAMESPACE
