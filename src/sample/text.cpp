// Text helpers of the sample generator (src/sample/text.hpp).
#include "text.hpp"

#include "ecredit/id.hpp"
#include "ecredit/registry.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {

using date::sys_days;

/// "91" + region + body + both check characters (GB 11714, GB 32100: the library's).
std::string make_uscc(std::string_view head8, std::string_view body8) {
  std::string s;
  s.reserve(18);
  s.append(head8).append(body8);
  s.push_back(org_code_check_char(body8));
  s.push_back(uscc_check_char(s));
  return s;
}

std::string digits(std::uint64_t v, int width) {
  std::string s(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0 && v > 0; --i) {
    s[static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return s;
}

/// v / 10^scale written as a decimal without trailing zeros ("12.5", "3").
std::string decimal(std::int64_t v, int scale) {
  std::int64_t p = 1;
  for (int i = 0; i < scale; ++i) p *= 10;
  std::string s = std::to_string(v / p);
  std::int64_t frac = v % p;
  if (frac == 0) return s;
  std::string f = digits(static_cast<std::uint64_t>(frac), scale);
  while (!f.empty() && f.back() == '0') f.pop_back();
  return s + "." + f;
}

std::string iso(sys_days d) { return format_iso_date(d); }

int year_of(sys_days d) { return static_cast<int>(date::year_month_day{d}.year()); }

/// "3·15": month·day as incident names write it.
std::string month_dot_day(sys_days d) {
  const date::year_month_day ymd{d};
  return std::to_string(static_cast<unsigned>(ymd.month())) + "·" +
         std::to_string(static_cast<unsigned>(ymd.day()));
}

std::string cn_date(sys_days d) {
  const date::year_month_day ymd{d};
  return std::to_string(static_cast<int>(ymd.year())) + "年" +
         std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(ymd.day())) + "日";
}

sys_days ymd_day(int y, unsigned m, unsigned d) {
  return sys_days{date::year{y} / date::month{m} / date::day{d}};
}

/// Replaces every "{key}" of `t` by the matching value.
std::string fill(std::string t, const std::vector<std::pair<const char*, std::string>>& vars) {
  for (const auto& [key, value] : vars) {
    const std::string k = std::string("{") + key + "}";
    for (std::size_t p = t.find(k); p != std::string::npos; p = t.find(k, p + value.size()))
      t.replace(p, k.size(), value);
  }
  return t;
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace sample
ECREDIT_END_NAMESPACE
