/// Grading: versioned, explainable credit-grade models (docs/grading.md) evaluated
/// as of a date against a registry.
///
///     ecredit::Grade g = ecredit::grade(*engine, *registry, "91440101MA59U8YB6Y",
///                                       ecredit::parse_iso_date("2025-06-30"));
///     std::cout << g.grade << " " << g.score;   // e.g. "B 85"; g.trace says why
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"
#include "ecredit/policy/grading.hpp"  // IWYU pragma: export

ECREDIT_BEGIN_NAMESPACE

class Engine;
class Registry;

/// One line of a grade's explanation.
struct TraceEntry {
  std::string kind;    ///< indicator, cap, veto, excluded, threshold, no_data, bad_record_cap
  std::string rule;    ///< indicator or veto id
  std::string record;  ///< record or list entry id ("" for model-level lines)
  int age_months = -1;
  double factor = 0, points = 0;
  std::string detail, basis;
  /// Flags of the record (indicator, veto and excluded lines): kFlagUnderObjection while an
  /// objection to it is open (its JSON form carries the labels 异议处理中 / under objection).
  std::vector<std::string> flags;
};

/// The flag of a record under objection (异议处理中) in grade traces and precheck decisions.
inline constexpr const char* kFlagUnderObjection = "under_objection";

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
