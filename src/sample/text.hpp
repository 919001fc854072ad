// Text helpers of the sample generator: digits, decimals, dates as the records write
// them, "{key}" templates, CJK character strings, and USCCs made with the library's
// check characters (include/ecredit/id.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <date/date.h>

#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {

/// The GB 32100 alphabet (the characters USCCs are made of; the check characters come
/// from uscc_check_char / org_code_check_char).
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// "91" + region + body + both check characters: head8 is the first 8 characters (the
/// registration authority, category and region), body8 the organisation-code body.
std::string make_uscc(std::string_view head8, std::string_view body8);

/// `v` as exactly `width` digits (leading zeros; higher digits dropped).
std::string digits(std::uint64_t v, int width);
/// v / 10^scale written as a decimal without trailing zeros ("12.5", "3").
std::string decimal(std::int64_t v, int scale);
std::string iso(date::sys_days d);
int year_of(date::sys_days d);
/// "3·15": month·day as incident names write it.
std::string month_dot_day(date::sys_days d);
/// "2025年6月30日".
std::string cn_date(date::sys_days d);
date::sys_days ymd_day(int y, unsigned m, unsigned d);
/// Replaces every "{key}" of `t` by the matching value.
std::string fill(std::string t, const std::vector<std::pair<const char*, std::string>>& vars);
/// Characters (not bytes) of UTF-8 text.
std::size_t char_count(std::string_view s);

/// The i-th character of a string of 3-byte UTF-8 characters.
inline std::string_view cjk(std::string_view chars, std::size_t i) { return chars.substr(3 * i, 3); }
inline std::size_t cjk_count(std::string_view chars) { return chars.size() / 3; }

}  // namespace sample
ECREDIT_END_NAMESPACE
