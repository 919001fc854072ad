// The one place that knows which non-ASCII characters normalisation folds to ASCII.
#pragma once

#include <cstddef>

namespace ecredit::detail {

/// Recognises, at `p` (with `left` bytes available), a UTF-8 character that
/// normalisation folds to ASCII and returns its length in bytes, setting `ascii`:
/// full-width ASCII U+FF01–U+FF5E → its half-width form; U+3000 (ideographic space)
/// and U+00A0 (no-break space) → ' '; the dashes U+2010–U+2015 and U+2212 (minus) → '-'.
/// Returns 0 for any other character.
inline std::size_t fold_wide(const unsigned char* p, std::size_t left, unsigned char& ascii) noexcept {
  if (left >= 3 && p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2] >= 0x80 && p[2] <= 0xBF) {
    // EF BC 80..BF = U+FF00..FF3F, EF BD 80..BF = U+FF40..FF7F
    const unsigned cp = 0xFF00u + (p[1] == 0xBD ? 0x40u : 0u) + (p[2] - 0x80u);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      ascii = static_cast<unsigned char>(cp - 0xFEE0);
      return 3;
    }
    return 0;
  }
  if (left >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
    ascii = ' ';
    return 3;
  }
  if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {
    ascii = ' ';
    return 2;
  }
  if (left >= 3 && p[0] == 0xE2 &&
      ((p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x95) || (p[1] == 0x88 && p[2] == 0x92))) {
    ascii = '-';
    return 3;
  }
  return 0;
}

}  // namespace ecredit::detail
