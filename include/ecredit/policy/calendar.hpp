/// Policy model: the working-day calendar (calendar.json): public holidays and
/// adjusted working days. Owned by an Engine (Engine::calendar()).
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

#include <set>
#include <utility>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"
#include "ecredit/policy/experimental.hpp"

ECREDIT_BEGIN_NAMESPACE

/// Public holidays and adjusted working days (calendar.json), for working-day arithmetic.
ECREDIT_EXPERIMENTAL class ECREDIT_API Calendar {
 public:
  /// Weekday and not a holiday, or an adjusted working weekend day (调休).
  bool is_working_day(date::sys_days d) const;
  /// Whether calendar.json covers the year of `d` (outside it only weekends count).
  bool covers(date::sys_days d) const;
  /// The day `n` working days after `from` (`from` itself not counted). `outside`
  /// (optional) is set when a day outside the covered years had to be judged by weekday.
  date::sys_days add_working_days(date::sys_days from, int n, bool* outside = nullptr) const;
  const std::set<int>& years() const noexcept { return years_; }

  Calendar() = default;
  /// The covered years, and holidays / adjusted working days as day numbers (days since
  /// 1970-01-01, sys_days::time_since_epoch().count()).
  Calendar(std::set<int> covered_years, std::set<int> holiday_days, std::set<int> workday_days)
      : years_(std::move(covered_years)),
        holidays_(std::move(holiday_days)),
        workdays_(std::move(workday_days)) {}

 private:
  std::set<int> years_;
  std::set<int> holidays_, workdays_;  // day numbers
};

ECREDIT_END_NAMESPACE
