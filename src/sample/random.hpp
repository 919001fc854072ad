// The sample's random numbers: std::mt19937_64 (specified bit for bit by the standard)
// with integer arithmetic only, so the files are the same on every platform.
#pragma once

#include <cstdint>
#include <numeric>
#include <random>
#include <string_view>
#include <vector>

#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {

// ================================================================ random numbers

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  std::uint64_t bits() { return g_(); }
  /// Uniform in [0, n) for n > 0: rejection of the low 2^64 mod n values, so no bias.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
      const std::uint64_t x = g_();
      if (x >= threshold) return x % n;
    }
  }
  /// Uniform in [lo, hi]; lo when hi < lo.
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  int irange(int lo, int hi) { return static_cast<int>(range(lo, hi)); }
  bool pct(unsigned p) { return below(100) < p; }
  bool permille(unsigned p) { return below(1000) < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(below(v.size()))];
  }
  /// Index drawn with integer weights.
  std::size_t weighted(const std::vector<unsigned>& w) {
    std::uint64_t total = 0;
    for (unsigned x : w) total += x;
    std::uint64_t r = below(total == 0 ? 1 : total);
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (r < w[i]) return i;
      r -= w[i];
    }
    return 0;
  }

 private:
  std::mt19937_64 g_;
};

/// A bijection of [0, m): x → (x·a + b) mod m with gcd(a, m) = 1 (m < 2^31, so no overflow).
struct Perm {
  std::uint64_t m = 1, a = 1, b = 0;
  Perm() = default;
  Perm(std::uint64_t size, std::uint64_t salt_a, std::uint64_t salt_b) : m(size) {
    a = m / 3 + salt_a % (m / 2 + 1);
    while (std::gcd(a, m) != 1) a = a + 1 < m ? a + 1 : 1;
    b = salt_b % m;
  }
  std::uint64_t operator()(std::uint64_t x) const { return (x % m * a + b) % m; }
};

inline std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace sample
ECREDIT_END_NAMESPACE
