// USCC checks per second in C++ (one core). Prints one JSON line so that
// bench/bench_id.py can put it beside python-stdnum measured in the same run.
//   build/release/bench/bench_id [count] [repeats] [mix|valid]
// "mix" (default): 8 seed codes drawn at random, incl. legacy, broken and lower-case
// ones (which take the normalising path); "valid": valid upper-case codes only.
#include <ecredit/id.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const std::size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
  // A realistic mix: valid codes, legacy, and a share of broken ones.
  const bool only_valid = argc > 3 && std::string(argv[3]) == "valid";
  const std::vector<std::string> mix = {"91440101MA59U8YB6Y", "11100000000013127D", "52440000MJL123454F",
                                        "91350211M0000XUF46", "91440101MA59U8YB7Y", "9144010IMA59U8YB6Y",
                                        "91350100M000100Y43", "91440101ma59u8yb6y"};
  const std::vector<std::string> valid = {"91440101MA59U8YB6Y", "11100000000013127D", "52440000MJL123454F",
                                          "91350100M000100Y43"};
  const auto& seeds = only_valid ? valid : mix;
  std::mt19937 rng(42);
  std::vector<std::string> codes(count);
  for (auto& c : codes) c = seeds[rng() % seeds.size()];
  std::vector<std::string_view> views(codes.begin(), codes.end());
  std::vector<ecredit::IdVerdict> out(count);

  double best = 1e300;
  std::size_t genuine = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    ecredit::check_uscc_many(views.data(), views.size(), out.data());
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    genuine = static_cast<std::size_t>(std::count_if(
        out.begin(), out.end(), [](ecredit::IdVerdict v) { return v.status != ecredit::IdStatus::invalid; }));
  }
  std::printf(
      "{\"bench\": \"uscc_cpp_%s\", \"count\": %zu, \"seconds\": %.6f, \"checks_per_s\": %.0f, \"genuine\": "
      "%zu}\n",
      only_valid ? "valid" : "mix", count, best, static_cast<double>(count) / best, genuine);
  return 0;
}
