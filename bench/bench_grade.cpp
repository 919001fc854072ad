// Grading throughput: N subjects × R records each, graded with the built-in
// gz-energy-class model, on 1 and on all threads; peak memory from getrusage.
//   build/release/bench/bench_grade [subjects=1000000] [records_per_subject=10]
#include <ecredit/ecredit.hpp>
#include <ecredit/registry.hpp>

#include "bench_util.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

using bench::genuine_uscc;
using bench::peak_mb;
using bench::seconds_since;

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const int per = argc > 2 ? std::atoi(argv[2]) : 10;
  const auto engine = ecredit::Engine::default_engine();
  const auto as_of = ecredit::parse_iso_date("2025-06-30");
  const char* cats[] = {"admin_penalty",   "admin_penalty", "arrears",    "commendation",
                        "safety_incident", "admin_license", "evaluation", "commitment_breach"};
  const char* sevs[] = {"minor", "general", "general", "serious"};
  const char* domains[] = {"electricity", "oil_gas", "pipeline", "renewable", "energy_saving"};
  std::mt19937 rng(1);
  const auto t0 = std::chrono::steady_clock::now();
  ecredit::Registry::Builder b(*engine);
  for (std::size_t i = 0; i < n; ++i) {
    ecredit::Subject s;
    char buf[24];
    genuine_uscc(i, buf);
    s.uscc = buf;
    s.name = "subject";
    s.kind = "legal_person";
    s.domains = {domains[i % 5]};
    b.add(s);
    for (int k = 0; k < per; ++k) {
      ecredit::Record r;
      r.id = s.uscc + ":" + std::to_string(k);
      r.uscc = s.uscc;
      r.category = cats[rng() % 8];
      r.severity = sevs[rng() % 4];
      r.polarity = r.category == std::string("commendation") ? "good" : "bad";
      r.domain = domains[i % 5];
      r.decision_date = as_of - date::days{static_cast<int>(rng() % 2000)};
      b.add(std::move(r));
    }
    if (i % 997 == 0) {
      ecredit::ListEntry e;
      e.id = s.uscc + ":black";
      e.uscc = s.uscc;
      e.list = "black";
      e.included_on = as_of - date::days{100};
      b.add(e);
    }
  }
  const auto reg = b.build();
  const double build_s = seconds_since(t0);
  const double mem_after_build = peak_mb();
  std::printf("{\"subjects\": %zu, \"records\": %zu, \"build_seconds\": %.3f, \"peak_mb_after_build\": %.1f",
              reg->subjects().size(), reg->record_count(), build_s, mem_after_build);
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned threads : {1u, hw}) {
    // best of two runs: the first also pays the page faults of the result vector
    double s = 1e300;
    std::vector<ecredit::Grade> grades;
    for (int rep = 0; rep < 2; ++rep) {
      grades.clear();
      grades.shrink_to_fit();
      const auto t1 = std::chrono::steady_clock::now();
      grades = ecredit::grade_all(*engine, *reg, as_of, "gz-energy-class", threads);
      s = std::min(s, seconds_since(t1));
    }
    std::size_t d = 0;
    for (const auto& g : grades) d += g.grade == "D";
    std::printf(", \"threads_%u\": {\"seconds\": %.3f, \"subjects_per_s\": %.0f, \"grade_D\": %zu}", threads,
                s, static_cast<double>(grades.size()) / s, d);
  }
  std::printf(", \"peak_mb\": %.1f}\n", peak_mb());
  return 0;
}
