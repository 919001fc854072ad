// parse_iso_time (archive.hpp): the one reading of a time given as text (known_at in the C
// ABI and the CLI, received_at of a batch, the archive's own stored times).
//
// Read by hand rather than with date::parse: date.h's from_stream reads seconds through a
// long double that GCC 12 at -O2 under -fsanitize=thread reports as maybe-uninitialized
// (a false positive in a third-party header that -Werror turns into a failed build), and
// the grammar here is small.
#include "ecredit/archive.hpp"
#include "ecredit/error.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

// n decimal digits at s[pos..pos+n), or false
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

TimePoint parse_iso_time(std::string_view s) {
  const auto bad = [&] {
    return InvalidInputError("'" + std::string(s) +
                             "' is not an ISO 8601 date or date-time (2025-03-01, 2025-03-01T08:30:00Z, "
                             "2025-03-01T08:30:00.25+08:00; no offset = UTC)");
  };
  if (s.size() < 10) throw bad();
  sys_days day;
  try {
    day = parse_iso_date(s.substr(0, 10));
  } catch (const InvalidInputError&) {
    throw bad();
  }
  if (s.size() == 10) return TimePoint(day);
  // T or a space, hh:mm[:ss[.ffffff]], then Z / ±hh:mm / ±hhmm / nothing
  if (s[10] != 'T' && s[10] != ' ') throw bad();
  std::size_t p = 11;
  int hh = 0, mm = 0, ss = 0;
  long long us = 0;
  if (!digits(s, p, 2, hh) || p + 2 >= s.size() || s[p + 2] != ':' || !digits(s, p + 3, 2, mm)) throw bad();
  p += 5;
  if (p < s.size() && s[p] == ':') {
    if (!digits(s, p + 1, 2, ss)) throw bad();
    p += 3;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      int n = 0;
      for (; p < s.size() && s[p] >= '0' && s[p] <= '9'; ++p, ++n)
        if (n < 6) us = us * 10 + (s[p] - '0');  // below a microsecond: truncated (the clock's grain)
      if (n == 0) throw bad();
      for (; n < 6; ++n) us *= 10;
    }
  }
  if (hh > 23 || mm > 59 || ss > 59) throw bad();
  int offset = 0;  // minutes east of UTC
  if (p < s.size()) {
    if (s[p] == 'Z') {
      if (p + 1 != s.size()) throw bad();
    } else if (s[p] == '+' || s[p] == '-') {
      int oh = 0, om = 0;
      std::size_t q = p + 1;
      if (!digits(s, q, 2, oh)) throw bad();
      q += 2;
      if (q < s.size() && s[q] == ':') ++q;
      if (!digits(s, q, 2, om) || q + 2 != s.size() || oh > 23 || om > 59) throw bad();
      offset = (s[p] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      throw bad();
    }
  }
  using namespace std::chrono;
  return TimePoint(day) + duration_cast<TimePoint::duration>(hours(hh) + minutes(mm - offset) + seconds(ss) +
                                                             microseconds(us));
}

TimePoint end_of_day(sys_days d) {
  return TimePoint(d + date::days{1}) -
         std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds{1});
}

TimePoint parse_known_at(std::string_view text) {
  if (text.size() == 10) {
    try {
      return end_of_day(parse_iso_date(text));
    } catch (const InvalidInputError&) {
    }
  }
  return parse_iso_time(text);
}

ECREDIT_END_NAMESPACE
