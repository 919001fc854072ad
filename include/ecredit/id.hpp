/// Identifier checks: 统一社会信用代码 (GB 32100), 组织机构代码 (GB 11714) and
/// 公民身份号码 (GB 11643, incl. legacy 15-digit numbers and HK/Macao/Taiwan
/// residence permits).
///
/// Each check normalises its input (trim, drop spaces and hyphens, full-width →
/// half-width, upper-case) and then runs layered checks; the first layer that
/// fails is the result's `reason`. Example:
///
///     auto r = ecredit::check_uscc("91350100M000100Y43");
///     if (r.status == ecredit::IdStatus::invalid)
///       std::cout << ecredit::to_string(r.reason);   // e.g. "checksum"
///
/// All functions are thread-safe and never throw for any input string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE

enum class IdKind : std::uint8_t { unknown = 0, uscc = 1, org_code = 2, resident_id = 3 };

enum class IdStatus : std::uint8_t {
  valid = 0,   ///< every layer passes
  legacy = 1,  ///< genuine but old-style (USCC pilot code, 15-digit resident ID)
  invalid = 2  ///< a layer failed; see IdReason
};

/// The first layer that failed. The numeric values equal the C ABI's ECR_REASON_*.
enum class IdReason : std::uint8_t {
  none = 0,
  length = 1,             ///< wrong number of characters after normalisation
  charset = 2,            ///< a character outside the code's alphabet
  authority = 3,          ///< USCC: unknown registration authority (char 1)
  category = 4,           ///< USCC: category (char 2) not issued by that authority
  region = 5,             ///< region code not a GB/T 2260 province (or 10 / 81–83)
  org_code_checksum = 6,  ///< USCC: the embedded GB 11714 code fails its check
  birth_date = 7,         ///< resident ID: not a real date
  checksum = 8,           ///< the final check character is wrong
  fifteen_digit = 9       ///< resident ID: legacy 15-digit number (status legacy)
};

enum class ResidencePermit : std::uint8_t { none = 0, hong_kong = 1, macao = 2, taiwan = 3 };

/// Status and reason only: what the batch checks return (no allocation).
struct IdVerdict {
  IdStatus status = IdStatus::invalid;
  IdReason reason = IdReason::length;
  friend bool operator==(IdVerdict a, IdVerdict b) { return a.status == b.status && a.reason == b.reason; }
};

/// The full result of one check.
struct IdResult {
  IdKind kind = IdKind::unknown;
  IdStatus status = IdStatus::invalid;
  IdReason reason = IdReason::length;
  std::string normalized;  ///< the input after normalisation
  // Resident IDs only:
  std::optional<date::year_month_day> birth_date;
  char sex = '\0';  ///< 'M' or 'F' once the birth date layer passed
  ResidencePermit permit = ResidencePermit::none;
  std::string converted;  ///< 18-digit form of a legacy 15-digit ID

  /// True for valid and legacy codes: genuine identifiers.
  bool genuine() const noexcept { return status != IdStatus::invalid; }
};

/// Normalise as every check does: trim, drop ASCII/ideographic spaces, NBSP and
/// hyphens/dashes anywhere, full-width ASCII → half-width, upper-case. Other
/// characters are kept (they fail the charset layer).
ECREDIT_API std::string normalize_id(std::string_view s);

/// normalize_id() into a caller's buffer, for hot loops: writes at most `cap`
/// bytes and returns the full normalised length (larger than `cap` when cut).
ECREDIT_API std::size_t normalize_id_into(std::string_view s, char* buf, std::size_t cap) noexcept;

ECREDIT_API IdResult check_uscc(std::string_view s);
ECREDIT_API IdResult check_org_code(std::string_view s);
ECREDIT_API IdResult check_resident_id(std::string_view s);

/// Which kind an input most likely is (docs/identifiers.md, "Auto-detection"):
/// 9 chars → org_code; 15 → resident_id; 18 all digits (last may be X) → resident_id
/// if it passes as one, else uscc if it passes as one, else resident_id when
/// chars 7–14 are a real date, else uscc; other 18-char codes → uscc; else unknown.
ECREDIT_API IdKind detect_id_kind(std::string_view s);

/// Check as `kind`; IdKind::unknown means auto-detect. An undetectable input is an
/// invalid result of kind unknown with reason length.
ECREDIT_API IdResult check_id(std::string_view s, IdKind kind = IdKind::unknown);

/// The fast USCC check: the same status and reason as check_uscc(s), without
/// building the normalised string.
ECREDIT_API IdVerdict uscc_verdict(std::string_view s) noexcept;

/// Batch USCC check: out[i] = uscc_verdict(codes[i]) for i < n.
ECREDIT_API void check_uscc_many(const std::string_view* codes, std::size_t n, IdVerdict* out) noexcept;
ECREDIT_API std::vector<IdVerdict> check_uscc_many(const std::vector<std::string_view>& codes);

/// Mask a personal identifier for reports and logs: the normalised code with its
/// first n/3 (≤ 6) and last n/4 (≤ 4) characters kept, the rest as '*', counted
/// in characters (UTF-8 safe). "440104199003071234" → "440104********1234".
ECREDIT_API std::string mask_id(std::string_view s);

/// Whether the code of `r` is personal information, masked in outputs unless asked: a
/// resident ID, or a code shaped like one (15 or 18 digits, the last may be X) that is not
/// genuine, whatever auto-detection called it.
ECREDIT_API bool maybe_personal_id(const IdResult& r) noexcept;

/// Stable names, as used by the C ABI, Python and the CLI.
ECREDIT_API std::string_view to_string(IdKind k) noexcept;
ECREDIT_API std::string_view to_string(IdStatus s) noexcept;
ECREDIT_API std::string_view to_string(IdReason r) noexcept;
ECREDIT_API std::string_view to_string(ResidencePermit p) noexcept;
/// What a reason means, for people: `lang` "en" gives English, anything else Chinese
/// ("" for IdReason::none). The stable name is to_string(r).
ECREDIT_API std::string_view describe(IdReason r, std::string_view lang) noexcept;

/// Parse a kind name: "uscc", "org_code", "resident_id", or "auto" (→ unknown).
/// Throws InvalidInputError for anything else.
ECREDIT_API IdKind parse_id_kind(std::string_view name);

ECREDIT_END_NAMESPACE
