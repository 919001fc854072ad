/// The effect of a joint reward or punishment measure (联合奖惩措施), strongest first:
/// what Decision::verdict and every measure carry.
#pragma once

#include <cstdint>
#include <string_view>

#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE

/// Effects, strongest first; a decision's verdict is the strongest matched effect.
enum class Effect : std::uint8_t { prohibit, restrict, caution, incentive, clear };

/// "prohibit", "restrict", "caution", "incentive", "clear".
ECREDIT_API const char* effect_name(Effect e) noexcept;
/// The effect for people: `lang` "en" gives effect_name(e), anything else Chinese
/// (禁止, 限制, 重点关注, 激励, 无措施).
ECREDIT_API const char* effect_label(Effect e, std::string_view lang) noexcept;

ECREDIT_END_NAMESPACE
