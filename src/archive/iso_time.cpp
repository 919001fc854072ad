// parse_iso_time (archive.hpp): the one reading of a time given as text (known_at in the C
// ABI and the CLI).
#include <sstream>

#include <date/date.h>

#include "ecredit/archive.hpp"
#include "ecredit/error.hpp"

ECREDIT_BEGIN_NAMESPACE

TimePoint parse_iso_time(std::string_view text) {
  const std::string s(text);
  if (s.size() == 10) {
    try {
      return TimePoint(parse_iso_date(s));
    } catch (const InvalidInputError&) {
    }
  }
  for (const char* fmt : {"%Y-%m-%dT%H:%M:%S%Ez", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S",
                          "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M%Ez", "%Y-%m-%dT%H:%MZ", "%Y-%m-%dT%H:%M"}) {
    std::istringstream in(s);
    date::sys_time<std::chrono::microseconds> tp;
    in >> date::parse(fmt, tp);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof())
      return std::chrono::time_point_cast<TimePoint::duration>(tp);
  }
  throw InvalidInputError("'" + s +
                          "' is not an ISO 8601 date or date-time (2025-03-01, 2025-03-01T08:30:00Z, "
                          "2025-03-01T08:30:00+08:00; no offset = UTC)");
}

ECREDIT_END_NAMESPACE
