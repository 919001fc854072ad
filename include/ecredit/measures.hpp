/// Joint reward and punishment measures (联合奖惩措施, docs/measures.md): what a
/// department must apply to a subject for a business item, on what legal basis.
/// Loaded from a pack's measures.json; see precheck.hpp for matching.
#pragma once

#include <string>
#include <string_view>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"
#include "ecredit/effect.hpp"
#include "ecredit/grading.hpp"
#include "ecredit/policy/measures.hpp"  // IWYU pragma: export

ECREDIT_BEGIN_NAMESPACE

/// The short mark human output puts after an unconfirmed citation: "（待核实：文号）", or
/// "（待核实）" when `what` is empty; "" for a confirmed one. Machine output (JSON) carries
/// the status as fields instead and never puts this mark into the citation text.
ECREDIT_API std::string basis_mark(bool confirmed, std::string_view what);

ECREDIT_END_NAMESPACE
