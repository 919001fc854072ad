// Internal: whether a record counts for grading and measures on a date — one definition
// for both (src/grading.cpp, src/precheck.cpp). A record stops counting once repaired,
// once its publication ended (its own end, or repair.json's publication_cap after its
// decision date: then it is archive-only), or while under objection when objections.json
// `counting` says so. Not installed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "ecredit/engine.hpp"
#include "ecredit/registry.hpp"
#include "registry_access.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace detail {

enum class Exclusion : std::uint8_t { none, after_as_of, repaired, expired, capped, objection };

/// The counting rules of one pack on one as-of date, built once per evaluation.
class CountingRules {
 public:
  CountingRules(const Engine& engine, date::sys_days as_of, bool exclude_repaired = true,
                bool exclude_expired = true)
      : as_of_(as_of),
        objections_(engine.objection_policy()),
        cap_months_(engine.repair_policy().publication_cap_months),
        exclude_repaired_(exclude_repaired),
        exclude_expired_(exclude_expired) {
    if (cap_months_ > 0) capped_through_ = capped_through(as_of, cap_months_);
  }

  /// Why record `i` does not count on as-of (Exclusion::none: it counts).
  Exclusion of(const Registry& reg, std::size_t i) const {
    const date::sys_days decided = GradingAccess::date_of(reg, i);
    if (decided > as_of_) return Exclusion::after_as_of;
    if (exclude_repaired_)
      if (const auto d = GradingAccess::repaired(reg, i); d && *d <= as_of_) return Exclusion::repaired;
    if (exclude_expired_) {
      if (const auto d = GradingAccess::expires(reg, i); d && *d <= as_of_) return Exclusion::expired;
      if (capped_through_ && decided <= *capped_through_) return Exclusion::capped;
    }
    if (!objections_.counts(GradingAccess::objection_state(reg, i))) return Exclusion::objection;
    return Exclusion::none;
  }

  /// The reason in words (grade traces).
  std::string why(const Registry& reg, std::size_t i, Exclusion e) const {
    switch (e) {
      case Exclusion::none:
        return {};
      case Exclusion::after_as_of:
        return "after as-of";
      case Exclusion::repaired:
        return "repaired on " + format_iso_date(*GradingAccess::repaired(reg, i));
      case Exclusion::expired:
        return "expired on " + format_iso_date(*GradingAccess::expires(reg, i));
      case Exclusion::capped:
        return "publication ended on " +
               format_iso_date(add_months(GradingAccess::date_of(reg, i), cap_months_)) +
               " (publication cap: " + std::to_string(cap_months_ / 12) + " years; archive-only)";
      case Exclusion::objection:
        return GradingAccess::objection_state(reg, i) == 2 ? "under objection (accepted)"
                                                           : "under objection (pending)";
    }
    return {};
  }

  /// Whether a record that counts carries the flag under_objection (异议处理中).
  static bool flagged(const Registry& reg, std::size_t i) {
    return GradingAccess::objection_state(reg, i) != 0;
  }

 private:
  // The last decision date whose capped publication has ended by `as_of`: add_months is
  // monotone, so the capped records are exactly those decided on or before it. Grading
  // builds the rules once per subject; the last answer is kept per thread.
  static date::sys_days capped_through(date::sys_days as_of, int cap) {
    thread_local date::sys_days last_as_of{}, last{};
    thread_local int last_cap = 0;
    if (cap == last_cap && as_of == last_as_of) return last;
    date::sys_days c = add_months(as_of, -cap);
    while (add_months(c + date::days{1}, cap) <= as_of) c += date::days{1};
    while (add_months(c, cap) > as_of) c -= date::days{1};
    last_as_of = as_of;
    last_cap = cap;
    last = c;
    return c;
  }

  date::sys_days as_of_;
  const ObjectionPolicy& objections_;
  int cap_months_ = 0;
  bool exclude_repaired_, exclude_expired_;
  std::optional<date::sys_days> capped_through_;
};

}  // namespace detail

ECREDIT_END_NAMESPACE
