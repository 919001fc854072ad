// Identifier checks (include/ecredit/id.hpp). The check algorithms are the
// standards' own and live here; the tables that change over time (registration
// authorities and their categories, region prefixes) come from the embedded
// policies/identifiers.json.
#include "ecredit/id.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecredit/date.hpp"
#include "ecredit/error.hpp"
#include "embedded.hpp"
#include "id_internal.hpp"
#include "text.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

constexpr std::string_view kTablesFile = "identifiers.json";

// GB 32100-2015 §5: the 31-character alphabet, value = index.
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Value of each byte in the USCC alphabet, -1 outside it.
constexpr std::array<std::int8_t, 256> make_uscc_values() {
  std::array<std::int8_t, 256> v{};
  for (auto& x : v) x = -1;
  for (std::size_t i = 0; i < kUsccAlphabet.size(); ++i)
    v[static_cast<unsigned char>(kUsccAlphabet[i])] = static_cast<std::int8_t>(i);
  return v;
}
constexpr std::array<std::int8_t, 256> kUsccValue = make_uscc_values();

// GB 32100-2015 §5: the weight of position i (0-based) is 3^i mod 31.
constexpr std::array<int, 17> make_uscc_weights() {
  std::array<int, 17> w{};
  int x = 1;
  for (auto& weight : w) {
    weight = x;
    x = (x * 3) % 31;
  }
  return w;
}
constexpr std::array<int, 17> kUsccWeight = make_uscc_weights();

// The tables read from identifiers.json.
struct Tables {
  std::array<std::uint16_t, 256> categories{};  // authority char → bit per category digit
  std::array<bool, 100> uscc_region{};          // two-digit province prefix
  std::array<ResidencePermit, 100> permit{};    // resident-ID prefix → permit kind
  std::array<bool, 100> person_region{};        // resident-ID province prefix
  // Legacy pilot codes (identifiers.json /uscc/legacy/pilot_patterns): a code whose
  // only failing layer is the mod-31 check is legacy when it matches one of these.
  struct Pilot {
    std::vector<std::string> authority_categories, region_prefixes, org_code_prefixes;
  };
  std::vector<Pilot> pilots;
};

bool has_prefix_in(const char* c, const std::vector<std::string>& prefixes) noexcept {
  if (prefixes.empty()) return true;  // no constraint on this part
  for (const std::string& p : prefixes)
    if (std::memcmp(c, p.data(), p.size()) == 0) return true;
  return false;
}

// True when the 18 characters `c` match a pilot pattern: characters 1–2 (authority and
// category), 3–8 (region) and 9–17 (embedded organisation code) each start with one
// of the pattern's prefixes.
bool is_pilot(const Tables& t, const char* c) noexcept {
  for (const Tables::Pilot& p : t.pilots)
    if (has_prefix_in(c, p.authority_categories) && has_prefix_in(c + 2, p.region_prefixes) &&
        has_prefix_in(c + 8, p.org_code_prefixes))
      return true;
  return false;
}

[[noreturn]] void table_error(const std::string& pointer, const std::string& what) {
  throw PolicyError("built-in identifier table: " + what, std::string(kTablesFile), pointer);
}

int two_digit(std::string_view key, const std::string& pointer) {
  if (key.size() != 2 || key[0] < '0' || key[0] > '9' || key[1] < '0' || key[1] > '9')
    table_error(pointer, "expected a two-digit region prefix, got '" + std::string(key) + "'");
  return (key[0] - '0') * 10 + (key[1] - '0');
}

Tables load_tables() {
  Tables t;
  std::string_view text = detail::embedded_file(kTablesFile);
  if (text.empty()) table_error("", "missing from the build");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    table_error("", e.what());
  }
  try {
    const auto& auths = j.at("/uscc/authorities"_json_pointer);
    for (std::size_t i = 0; i < auths.size(); ++i) {
      const std::string base = "/uscc/authorities/" + std::to_string(i);
      const auto code = auths[i].at("code").get<std::string>();
      if (code.size() != 1 || kUsccValue[static_cast<unsigned char>(code[0])] < 0)
        table_error(base + "/code", "authority code must be one USCC character");
      std::uint16_t mask = 0;
      for (const auto& [cat, title] : auths[i].at("categories").items()) {
        if (cat.size() != 1 || cat[0] < '0' || cat[0] > '9')
          table_error(base + "/categories/" + cat, "category code must be one digit");
        mask = static_cast<std::uint16_t>(mask | (1u << (cat[0] - '0')));
      }
      t.categories[static_cast<unsigned char>(code[0])] = mask;
    }
    for (const auto& [key, name] : j.at("/regions/provinces"_json_pointer).items()) {
      const int p = two_digit(key, "/regions/provinces/" + key);
      t.uscc_region[p] = true;
      t.person_region[p] = true;
    }
    for (const auto& [key, name] : j.at("/regions/uscc_only"_json_pointer).items())
      t.uscc_region[two_digit(key, "/regions/uscc_only/" + key)] = true;
    const auto& permits = j.at("/resident_id/residence_permits/prefixes"_json_pointer);
    for (const auto& [key, name] : permits.items()) {
      const int p = two_digit(key, "/resident_id/residence_permits/prefixes/" + key);
      t.person_region[p] = true;
      t.permit[p] = p == 81   ? ResidencePermit::hong_kong
                    : p == 82 ? ResidencePermit::macao
                              : ResidencePermit::taiwan;
    }
    const auto& pilots = j.at("/uscc/legacy/pilot_patterns"_json_pointer);
    for (std::size_t i = 0; i < pilots.size(); ++i) {
      const std::string base = "/uscc/legacy/pilot_patterns/" + std::to_string(i);
      Tables::Pilot p;
      auto prefixes = [&](const char* key, std::size_t max_len, std::vector<std::string>& out) {
        if (!pilots[i].contains(key)) return;
        for (const auto& v : pilots[i].at(key)) {
          const auto x = v.get<std::string>();
          if (x.empty() || x.size() > max_len)
            table_error(base + "/" + key,
                        "a prefix must have 1 to " + std::to_string(max_len) + " characters");
          out.push_back(x);
        }
      };
      prefixes("authority_categories", 2, p.authority_categories);
      prefixes("region_prefixes", 6, p.region_prefixes);
      prefixes("org_code_prefixes", 9, p.org_code_prefixes);
      if (p.authority_categories.empty() && p.region_prefixes.empty() && p.org_code_prefixes.empty())
        table_error(base, "a pilot pattern must constrain at least one part of the code");
      t.pilots.push_back(std::move(p));
    }
  } catch (const nlohmann::json::exception& e) {
    table_error("", e.what());
  }
  return t;
}

const Tables& tables() {
  static const Tables t = load_tables();
  return t;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// ---- normalisation ------------------------------------------------------------

// Feeds the normalised characters of `s` to `put(char)`. UTF-8 aware: full-width
// ASCII (U+FF01–U+FF5E) becomes half-width, U+3000, U+00A0, ASCII whitespace,
// '-' and the dashes U+2010–U+2015, U+2212 are dropped, a–z become A–Z; any other
// byte is passed through unchanged (and fails the charset layer later).
template <class Put>
void normalize_each(std::string_view s, Put&& put) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  auto emit_ascii = [&](unsigned char c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '-') return;
    if (c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 'a' + 'A');
    put(static_cast<char>(c));
  };
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      emit_ascii(c);
      ++p;
      continue;
    }
    unsigned char folded = 0;
    if (const std::size_t n = detail::fold_wide(p, static_cast<std::size_t>(end - p), folded)) {
      emit_ascii(folded);  // spaces and dashes are then dropped like their ASCII forms
      p += n;
      continue;
    }
    put(static_cast<char>(c));
    ++p;
  }
}

// Normalise into a fixed buffer; returns the full normalised length (which may
// exceed `cap`, in which case only the first `cap` bytes were written).
std::size_t normalize_into(std::string_view s, char* buf, std::size_t cap) noexcept {
  std::size_t n = 0;
  normalize_each(s, [&](char c) {
    if (n < cap) buf[n] = c;
    ++n;
  });
  return n;
}

// ---- USCC -------------------------------------------------------------------

// GB 11714 check character of 8 body characters (digits, or letters A=10 … Z=35).
// Returns '\0' when a body character is not a digit or upper-case letter.
// GB 11714 character values: digits 0–9, letters A=10 … Z=35, else -1.
constexpr std::array<std::int8_t, 256> make_org_values() {
  std::array<std::int8_t, 256> v{};
  for (auto& x : v) x = -1;
  for (int d = 0; d < 10; ++d) v[static_cast<unsigned char>('0' + d)] = static_cast<std::int8_t>(d);
  for (int l = 0; l < 26; ++l) v[static_cast<unsigned char>('A' + l)] = static_cast<std::int8_t>(10 + l);
  return v;
}
constexpr std::array<std::int8_t, 256> kOrgValue = make_org_values();

// GB 11714 check character of 8 body characters; '\0' when a body character is
// not a digit or an upper-case letter.
char org_check_char(const char* body) noexcept {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[12] = {'?', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'};
  int sum = 0;
  bool outside = false;
  for (int i = 0; i < 8; ++i) {
    const int v = kOrgValue[static_cast<unsigned char>(body[i])];
    outside |= v < 0;
    sum += v * kWeights[i];
  }
  return outside ? '\0' : kCheck[11 - sum % 11];  // C9 = 11 - (sum mod 11): 10 => 'X', 11 => '0'
}

// GB 32100 mod-31 weighted sum of the first 17 characters; `outside` is set when one is
// not in the alphabet.
inline int uscc_sum(const char* c, bool& outside) noexcept {
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    const int v = kUsccValue[static_cast<unsigned char>(c[i])];
    outside |= v < 0;
    sum += v * kUsccWeight[i];
  }
  return sum;
}

// The value (index in the alphabet) of the check character for a weighted sum.
constexpr int uscc_check_value(int sum) noexcept { return (31 - sum % 31) % 31; }

IdVerdict uscc_layers(const char* c) noexcept {
  // One pass for the alphabet and the mod-31 sum; then the layers in their
  // documented order, the first failing one reported.
  bool outside = false;
  const int sum = uscc_sum(c, outside);
  const int last = kUsccValue[static_cast<unsigned char>(c[17])];
  if (outside || last < 0) return {IdStatus::invalid, IdReason::charset};
  const Tables& t = tables();
  const std::uint16_t cats = t.categories[static_cast<unsigned char>(c[0])];
  if (cats == 0) return {IdStatus::invalid, IdReason::authority};
  if (!is_digit(c[1]) || !((cats >> (c[1] - '0')) & 1u)) return {IdStatus::invalid, IdReason::category};
  bool region_digits = true;
  for (int i = 2; i < 8; ++i) region_digits &= is_digit(c[i]);
  if (!region_digits || !t.uscc_region[(c[2] - '0') * 10 + (c[3] - '0')])
    return {IdStatus::invalid, IdReason::region};
  if (org_check_char(c + 8) != c[16]) return {IdStatus::invalid, IdReason::org_code_checksum};
  if (last != uscc_check_value(sum))  // every other layer passed: a pilot code, or a wrong check char
    return {is_pilot(t, c) ? IdStatus::legacy : IdStatus::invalid, IdReason::checksum};
  return {IdStatus::valid, IdReason::none};
}

// True when normalisation could change `s` (lower case, separators, non-ASCII).
bool may_normalize(std::string_view s) noexcept {
  for (char ch : s) {
    const auto b = static_cast<unsigned char>(ch);
    if (b >= 0x80 || (b >= 'a' && b <= 'z') || b <= ' ' || b == '-') return true;
  }
  return false;
}

// ---- resident ID ----------------------------------------------------------------

struct PersonFields {
  IdVerdict verdict;
  std::optional<date::year_month_day> birth;
  char sex = '\0';
  ResidencePermit permit = ResidencePermit::none;
};

char resident_check_char(const char* c) noexcept {
  // GB 11643 / ISO 7064 MOD 11-2: weight of position i (1-based) is 2^(18-i) mod 11.
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kChecks[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (c[i] - '0') * kWeights[i];
  return kChecks[sum % 11];
}

std::optional<date::year_month_day> parse_ymd(int y, const char* md) noexcept {
  const unsigned m = static_cast<unsigned>((md[0] - '0') * 10 + (md[1] - '0'));
  const unsigned d = static_cast<unsigned>((md[2] - '0') * 10 + (md[3] - '0'));
  date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

int digits_value(const char* c, int n) noexcept {
  int v = 0;
  for (int i = 0; i < n; ++i) v = v * 10 + (c[i] - '0');
  return v;
}

PersonFields resident_layers(const std::string& c) noexcept {
  PersonFields f;
  const Tables& t = tables();
  const std::size_t n = c.size();
  if (n != 18 && n != 15) {
    f.verdict = {IdStatus::invalid, IdReason::length};
    return f;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!is_digit(c[i]) && !(n == 18 && i == 17 && c[i] == 'X')) {
      f.verdict = {IdStatus::invalid, IdReason::charset};
      return f;
    }
  const int prefix = (c[0] - '0') * 10 + (c[1] - '0');
  if (!t.person_region[prefix]) {
    f.verdict = {IdStatus::invalid, IdReason::region};
    return f;
  }
  f.permit = t.permit[prefix];
  // 15-digit numbers (issued until 1999) carry YYMMDD for people born 19YY.
  f.birth = n == 18 ? parse_ymd(digits_value(c.data() + 6, 4), c.data() + 10)
                    : parse_ymd(1900 + digits_value(c.data() + 6, 2), c.data() + 8);
  if (!f.birth) {
    f.verdict = {IdStatus::invalid, IdReason::birth_date};
    return f;
  }
  const char sex_digit = n == 18 ? c[16] : c[14];
  f.sex = ((sex_digit - '0') % 2 == 1) ? 'M' : 'F';
  if (n == 15) {
    f.verdict = {IdStatus::legacy, IdReason::fifteen_digit};
    return f;
  }
  if (resident_check_char(c.data()) != c[17]) {
    f.verdict = {IdStatus::invalid, IdReason::checksum};
    return f;
  }
  f.verdict = {IdStatus::valid, IdReason::none};
  return f;
}

}  // namespace

// ---- public API -------------------------------------------------------------------

std::string normalize_id(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  normalize_each(s, [&](char c) { out.push_back(c); });
  return out;
}

std::size_t normalize_id_into(std::string_view s, char* buf, std::size_t cap) noexcept {
  return normalize_into(s, buf, cap);
}

IdVerdict uscc_verdict(std::string_view s) noexcept {
  if (s.size() == 18) {
    const IdVerdict v = uscc_layers(s.data());
    if (v.reason != IdReason::charset || !may_normalize(s)) return v;
  }
  char buf[18];
  if (normalize_into(s, buf, sizeof buf) != 18) return {IdStatus::invalid, IdReason::length};
  return uscc_layers(buf);
}

bool is_resident_id_shaped(std::string_view n) noexcept {
  return (n.size() == 15 || n.size() == 18) &&
         std::all_of(n.begin(), n.end() - 1, [](char c) { return c >= '0' && c <= '9'; }) &&
         ((n.back() >= '0' && n.back() <= '9') || (n.size() == 18 && n.back() == 'X'));
}

bool is_plain_uscc(std::string_view s) noexcept {
  return s.size() == 18 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
         });
}

IdResult check_uscc(std::string_view s) {
  IdResult r;
  r.kind = IdKind::uscc;
  r.normalized = normalize_id(s);
  const IdVerdict v = r.normalized.size() == 18 ? uscc_layers(r.normalized.data())
                                                : IdVerdict{IdStatus::invalid, IdReason::length};
  r.status = v.status;
  r.reason = v.reason;
  return r;
}

IdResult check_org_code(std::string_view s) {
  IdResult r;
  r.kind = IdKind::org_code;
  r.normalized = normalize_id(s);
  const std::string& c = r.normalized;
  if (c.size() != 9) {
    r.reason = IdReason::length;
    return r;
  }
  for (int i = 0; i < 8; ++i)
    if (!(is_digit(c[i]) || (c[i] >= 'A' && c[i] <= 'Z'))) {
      r.reason = IdReason::charset;
      return r;
    }
  if (!(is_digit(c[8]) || c[8] == 'X')) {
    r.reason = IdReason::charset;
    return r;
  }
  if (org_check_char(c.data()) != c[8]) {
    r.reason = IdReason::checksum;
    return r;
  }
  r.status = IdStatus::valid;
  r.reason = IdReason::none;
  return r;
}

IdResult check_resident_id(std::string_view s) {
  IdResult r;
  r.kind = IdKind::resident_id;
  r.normalized = normalize_id(s);
  PersonFields f = resident_layers(r.normalized);
  r.status = f.verdict.status;
  r.reason = f.verdict.reason;
  if (f.birth) r.birth_date = to_civil_date(*f.birth);
  r.sex = f.sex;
  r.permit = f.permit;
  if (r.reason == IdReason::fifteen_digit) {
    std::string c18 = r.normalized.substr(0, 6) + "19" + r.normalized.substr(6);
    c18.push_back(resident_check_char(c18.data()));
    r.converted = std::move(c18);
  }
  return r;
}

namespace {

bool all_digits_maybe_x(const std::string& c) noexcept {
  for (std::size_t i = 0; i < c.size(); ++i)
    if (!is_digit(c[i]) && !(i + 1 == c.size() && c[i] == 'X')) return false;
  return true;
}

IdKind detect_normalized(const std::string& c) {
  switch (c.size()) {
    case 9:
      return IdKind::org_code;
    case 15:
      return IdKind::resident_id;
    case 18:
      break;
    default:
      return IdKind::unknown;
  }
  if (!all_digits_maybe_x(c)) return IdKind::uscc;
  const PersonFields person = resident_layers(c);
  if (person.verdict.status != IdStatus::invalid) return IdKind::resident_id;
  if (uscc_layers(c.data()).status != IdStatus::invalid) return IdKind::uscc;
  return person.birth ? IdKind::resident_id : IdKind::uscc;
}

}  // namespace

IdKind detect_id_kind(std::string_view s) { return detect_normalized(normalize_id(s)); }

IdResult check_id(std::string_view s, IdKind kind) {
  if (kind == IdKind::unknown) kind = detect_id_kind(s);
  switch (kind) {
    case IdKind::uscc:
      return check_uscc(s);
    case IdKind::org_code:
      return check_org_code(s);
    case IdKind::resident_id:
      return check_resident_id(s);
    case IdKind::unknown:
      break;
  }
  IdResult r;
  r.normalized = normalize_id(s);
  return r;  // kind unknown, invalid, reason length
}

char uscc_check_char(std::string_view first17) noexcept {
  if (first17.size() != 17) return '\0';
  bool outside = false;
  const int sum = uscc_sum(first17.data(), outside);
  return outside ? '\0' : kUsccAlphabet[static_cast<std::size_t>(uscc_check_value(sum))];
}

char org_code_check_char(std::string_view first8) noexcept {
  return first8.size() == 8 ? org_check_char(first8.data()) : '\0';
}

char resident_id_check_char(std::string_view first17) noexcept {
  if (first17.size() != 17) return '\0';
  for (char ch : first17)
    if (!is_digit(ch)) return '\0';
  return resident_check_char(first17.data());
}

void check_uscc_many(const std::string_view* codes, std::size_t n, IdVerdict* out) noexcept {
  for (std::size_t i = 0; i < n; ++i) out[i] = uscc_verdict(codes[i]);
}

std::vector<IdVerdict> check_uscc_many(const std::vector<std::string_view>& codes) {
  std::vector<IdVerdict> out(codes.size());
  check_uscc_many(codes.data(), codes.size(), out.data());
  return out;
}

std::string mask_id(std::string_view s) {
  const std::string c = normalize_id(s);
  // Character boundaries: a UTF-8 lead byte starts a character; a stray
  // continuation byte counts as a character of its own.
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const auto b = static_cast<unsigned char>(c[i]);
    const bool continuation = (b & 0xC0) == 0x80;
    if (!continuation || starts.empty() || i - starts.back() >= 4) starts.push_back(i);
  }
  const std::size_t n = starts.size();
  const std::size_t head = std::min<std::size_t>(6, n / 3);
  const std::size_t tail = std::min<std::size_t>(4, n / 4);
  std::string out;
  out.reserve(c.size());
  out.append(c, 0, head < n ? starts[head] : c.size());
  out.append(n - head - tail, '*');
  if (tail > 0) out.append(c, starts[n - tail], std::string::npos);
  return out;
}

std::string_view to_string(IdKind k) noexcept {
  switch (k) {
    case IdKind::uscc:
      return "uscc";
    case IdKind::org_code:
      return "org_code";
    case IdKind::resident_id:
      return "resident_id";
    case IdKind::unknown:
      break;
  }
  return "unknown";
}

std::string_view to_string(IdStatus s) noexcept {
  switch (s) {
    case IdStatus::valid:
      return "valid";
    case IdStatus::legacy:
      return "legacy";
    case IdStatus::invalid:
      break;
  }
  return "invalid";
}

std::string_view to_string(IdReason r) noexcept {
  switch (r) {
    case IdReason::none:
      return "";
    case IdReason::length:
      return "length";
    case IdReason::charset:
      return "charset";
    case IdReason::authority:
      return "authority";
    case IdReason::category:
      return "category";
    case IdReason::region:
      return "region";
    case IdReason::org_code_checksum:
      return "org-code-checksum";
    case IdReason::birth_date:
      return "birth-date";
    case IdReason::checksum:
      return "checksum";
    case IdReason::fifteen_digit:
      return "15-digit";
  }
  return "?";
}

std::string_view describe(IdReason r, std::string_view lang) noexcept {
  const bool en = lang == "en";
  switch (r) {
    case IdReason::none:
      return "";
    case IdReason::length:
      return en ? "wrong number of characters" : "位数不对";
    case IdReason::charset:
      return en ? "a character outside the code's alphabet" : "含有代码字符集以外的字符";
    case IdReason::authority:
      return en ? "unknown registration authority (character 1)" : "登记管理部门代码（第 1 位）不存在";
    case IdReason::category:
      return en ? "category (character 2) not issued by that authority"
                : "机构类别代码（第 2 位）与登记管理部门不符";
    case IdReason::region:
      return en ? "not a real region code" : "行政区划代码不存在";
    case IdReason::org_code_checksum:
      return en ? "the embedded organisation code fails its check" : "所含组织机构代码校验不通过";
    case IdReason::birth_date:
      return en ? "the birth date is not a real date" : "出生日期不是有效日期";
    case IdReason::checksum:
      return en ? "wrong check character" : "校验码错误";
    case IdReason::fifteen_digit:
      return en ? "legacy 15-digit number" : "旧式 15 位号码";
  }
  return "?";
}

std::string_view to_string(ResidencePermit p) noexcept {
  switch (p) {
    case ResidencePermit::hong_kong:
      return "hong_kong";
    case ResidencePermit::macao:
      return "macao";
    case ResidencePermit::taiwan:
      return "taiwan";
    case ResidencePermit::none:
      break;
  }
  return "";
}

IdKind parse_id_kind(std::string_view name) {
  if (name == "auto") return IdKind::unknown;
  if (name == "uscc") return IdKind::uscc;
  if (name == "org_code") return IdKind::org_code;
  if (name == "resident_id") return IdKind::resident_id;
  throw InvalidInputError("unknown identifier kind '" + std::string(name) +
                          "' (expected uscc, org_code, resident_id or auto)");
}

bool maybe_personal_id(const IdResult& r) noexcept {
  if (r.kind == IdKind::resident_id) return true;
  const std::string& c = r.normalized;
  if (c.size() != 15 && c.size() != 18) return false;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (!(c[i] >= '0' && c[i] <= '9') && !(i + 1 == c.size() && c[i] == 'X')) return false;
  return !r.genuine();
}

ECREDIT_END_NAMESPACE
