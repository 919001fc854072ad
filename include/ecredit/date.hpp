/// Dates, in one place: the day type of the API (`ecredit::sys_days`, Howard Hinnant's
/// date::sys_days: days since 1970-01-01), the ISO form every interface reads and
/// writes (YYYY-MM-DD), month arithmetic, and CivilDate, the plain date id.hpp uses so
/// that identifier checks do not pull in <date/date.h>.
///
///     ecredit::sys_days d = ecredit::parse_iso_date("2023-08-31");
///     ecredit::format_iso_date(ecredit::add_months(d, 6));   // "2024-02-29"
#pragma once

#include <string>
#include <string_view>

#include <date/date.h>

#include "ecredit/civil_date.hpp"
#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE

/// The day type of every date in the API.
using sys_days = date::sys_days;

/// Parses an ISO date: exactly YYYY-MM-DD (as the validator normalises), a real date;
/// anything else ("2025-06-30xyz", "2024-02-30") throws InvalidInputError.
ECREDIT_API sys_days parse_iso_date(std::string_view s);
/// YYYY-MM-DD (years outside 0–9999 as date::format("%F") writes them).
ECREDIT_API std::string format_iso_date(sys_days d);

/// `d` plus `months` calendar months; a day past the end of the target month is
/// clamped to its last day (2023-08-31 + 6 months = 2024-02-29).
ECREDIT_API sys_days add_months(sys_days d, int months);

/// Whole months from `from` to `to` (0 when `to` is earlier in the month).
ECREDIT_API int months_between(sys_days from, sys_days to);

/// CivilDate ↔ the date library's types.
inline date::year_month_day to_year_month_day(const CivilDate& d) noexcept {
  return date::year_month_day{date::year{d.year}, date::month{d.month}, date::day{d.day}};
}
inline sys_days to_sys_days(const CivilDate& d) noexcept { return sys_days{to_year_month_day(d)}; }
inline CivilDate to_civil_date(const date::year_month_day& ymd) noexcept {
  return CivilDate{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                   static_cast<unsigned>(ymd.day())};
}
inline CivilDate to_civil_date(sys_days d) noexcept { return to_civil_date(date::year_month_day{d}); }
inline std::string format_iso_date(const CivilDate& d) { return format_iso_date(to_sys_days(d)); }

ECREDIT_END_NAMESPACE
