// Helpers the C++ benchmarks share: genuine USCCs for synthetic subjects, wall time and
// peak memory.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstring>

namespace bench {

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A genuine USCC for subject i (the registry builder refuses codes that are not):
// 91 440101, an 8-digit body, the GB 11714 check of the body and the GB 32100 check.
inline void genuine_uscc(std::size_t i, char* out) {
  static const char kAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int kOrgW[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  std::snprintf(out, 24, "91440101%08zu", i % 100000000u);
  int sum = 0;
  for (int k = 0; k < 8; ++k) sum += (out[8 + k] - '0') * kOrgW[k];
  const int c9 = 11 - sum % 11;
  out[16] = c9 == 10 ? 'X' : c9 == 11 ? '0' : static_cast<char>('0' + c9);
  sum = 0;
  for (int k = 0, w = 1; k < 17; ++k, w = w * 3 % 31)
    sum += static_cast<int>(std::strchr(kAlphabet, out[k]) - kAlphabet) * w;
  out[17] = kAlphabet[(31 - sum % 31) % 31];
  out[18] = '\0';
}

// Peak resident memory of this process so far, MiB.
inline double peak_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

}  // namespace bench
