// The archive's times (recorded_at): sortable UTC text with microseconds,
// "2025-03-01T08:00:00.000000Z" — as stored and as every document shows them.
#pragma once

#include <string>
#include <string_view>

#include "ecredit/archive.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace archive {
std::string format_time(TimePoint t);
/// InvalidInputError when `text` is not one.
TimePoint parse_time(std::string_view text);
}  // namespace archive
ECREDIT_END_NAMESPACE
