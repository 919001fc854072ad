/// A calendar date as three plain numbers, for results that carry a date without
/// needing the date library (IdResult::birth_date). Conversions to and from
/// ecredit::sys_days are in date.hpp.
#pragma once

#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE

struct CivilDate {
  int year = 1970;
  unsigned month = 1;  ///< 1–12
  unsigned day = 1;    ///< 1–31
  friend bool operator==(const CivilDate& a, const CivilDate& b) noexcept {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend bool operator!=(const CivilDate& a, const CivilDate& b) noexcept { return !(a == b); }
};

ECREDIT_END_NAMESPACE
