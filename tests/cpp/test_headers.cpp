// What the public headers show (issue 13, "The public headers say only what is stable").
// id.hpp is included first, alone, so the check below sees only what it pulls in.
#include "ecredit/id.hpp"

#if defined(DATE_H)
constexpr bool kIdHppPullsInDateLibrary = true;
#else
constexpr bool kIdHppPullsInDateLibrary = false;
#endif

#include <doctest/doctest.h>

#include <type_traits>

#include "ecredit/date.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/policy/calendar.hpp"
#include "ecredit/registry.hpp"

using namespace ecredit;

TEST_CASE("id.hpp does not pull in <date/date.h>") { CHECK_FALSE(kIdHppPullsInDateLibrary); }

TEST_CASE("IdResult::birth_date is a CivilDate that converts to the date library's types") {
  const IdResult r = check_resident_id("110105200002290020");  // leap day
  REQUIRE(r.birth_date.has_value());
  CHECK(*r.birth_date == CivilDate{2000, 2, 29});
  CHECK(format_iso_date(*r.birth_date) == "2000-02-29");
  CHECK(to_sys_days(*r.birth_date) == parse_iso_date("2000-02-29"));
  CHECK(to_civil_date(parse_iso_date("1949-12-31")) == CivilDate{1949, 12, 31});
  CHECK_FALSE(check_resident_id("110105200002300020").birth_date.has_value());  // 2000-02-30
}

TEST_CASE("Registry is opaque: its header holds one pointer to the storage") {
  // The column store, the slot index and the per-snapshot cache live in Registry::Impl
  // (src/registry_access.hpp); a change to them does not change the public type.
  CHECK(sizeof(Registry) == sizeof(void*));
  CHECK_FALSE(std::is_copy_constructible<Registry>::value);
}

TEST_CASE("the policy model is in ecredit/policy/, marked experimental, reachable from the old headers") {
  // ECREDIT_POLICY_MODEL_VERSION comes with every policy header (policy/experimental.hpp).
  CHECK(ECREDIT_POLICY_MODEL_VERSION >= 1);
  // A Calendar is built from plain data (the loader no longer reaches into it as a friend).
  const sys_days sat = parse_iso_date("2025-09-28"), mon = parse_iso_date("2025-10-06");
  const Calendar cal({2025}, {static_cast<int>(mon.time_since_epoch().count())},
                     {static_cast<int>(sat.time_since_epoch().count())});
  CHECK(cal.is_working_day(sat));                           // adjusted working Sunday (调休)
  CHECK_FALSE(cal.is_working_day(mon));                     // a holiday
  CHECK(cal.is_working_day(parse_iso_date("2025-10-09")));  // an ordinary Thursday
  CHECK(cal.covers(mon));
  CHECK_FALSE(cal.covers(parse_iso_date("2026-01-05")));
  // The built-in pack's calendar, loaded through the same constructor.
  const auto engine = Engine::default_engine();
  CHECK_FALSE(engine->calendar().years().empty());
}
