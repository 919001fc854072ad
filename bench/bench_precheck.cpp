// Precheck latency with N subjects loaded (default 1,000,000): writes a data folder
// (subject, admin_penalty, black / red / key-attention lists) with genuine USCCs, loads
// it once through the C++ API and once through the C ABI, then times single prechecks
// of random subjects in rotating scenarios. Prints one JSON object (p50/p99 in µs).
//   build/release/bench/bench_precheck [subjects=1000000] [queries=200000] [dir=/tmp/ecredit-bench-precheck]
#include <ecredit/ecredit.h>
#include <sys/resource.h>
#include <ecredit/ecredit.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

// A genuine USCC for `i`: 91 + Guangzhou district + an organisation code with its check
// digit (GB 11714) + the GB 32100 check character.
std::string uscc_of(std::size_t i) {
  static const char* regions[] = {"440103", "440104", "440105", "440106", "440111",
                                  "440112", "440113", "440114", "440115", "440117"};
  char base[9];
  std::snprintf(base, sizeof base, "MA%06zu", i % 1000000);
  static const int ow[] = {3, 7, 9, 10, 5, 8, 4, 2};
  auto val = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10; };
  int sum = 0;
  for (int k = 0; k < 8; ++k) sum += val(base[k]) * ow[k];
  const int oc = 11 - sum % 11;
  std::string s = std::string("91") + regions[(i / 1000000) % 10] + base +
                  (oc == 10   ? 'X'
                   : oc == 11 ? '0'
                              : char('0' + oc));
  static const char* kChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int w[] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  int t = 0;
  for (int k = 0; k < 17; ++k) t += static_cast<int>(std::strchr(kChars, s[k]) - kChars) * w[k];
  s.push_back(kChars[(31 - t % 31) % 31]);
  return s;
}

void write_data(const std::string& dir, std::size_t n) {
  std::filesystem::create_directories(dir);
  static const char* domains[] = {"电力", "石油天然气", "油气管道保护", "新能源和可再生能源", "节能"};
  static const char* sevs[] = {"轻微", "一般", "一般", "严重"};
  std::mt19937 rng(7);
  std::ofstream subj(dir + "/subject.csv"), pen(dir + "/admin_penalty.csv"), black(dir + "/black_list.csv"),
      red(dir + "/red_list.csv"), att(dir + "/key_attention_list.csv");
  subj << "uscc,name,kind,domains\n";
  pen << "decision_no,xdr_name,xdr_kind,xdr_uscc,violation_type,facts,legal_basis,penalty_types,penalty_"
         "content,"
         "decision_date,valid_until,authority,authority_uscc,source_unit,source_unit_uscc,domain,severity\n";
  const char* list_header =
      "uscc,name,subject_kind,domain,list_basis,listing_unit,reason,included_on,expires_on\n";
  black << list_header;
  red << list_header;
  att << list_header;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string u = uscc_of(i);
    const char* d = domains[i % 5];
    subj << u << ",主体" << i << ",法人及非法人组织," << d << "\n";
    for (int k = 0; k < 2; ++k)
      if (rng() % 2)
        pen << "罚" << i << "-" << k << ",主体" << i << ",法人及非法人组织," << u
            << ",违规,事实,《条例》,罚款,罚款," << 2019 + rng() % 7 << "-0" << 1 + rng() % 9 << "-1"
            << rng() % 9 << ",2027-01-01,某局,11440100007498630N,"
            << "某局,11440100007498630N," << d << "," << sevs[rng() % 4] << "\n";
    if (i % 50 == 0)
      black << u << ",主体" << i << ",法人及非法人组织," << d << ",依据,某局,原因,2024-06-01,2027-06-01\n";
    if (i % 50 == 7)
      red << u << ",主体" << i << ",法人及非法人组织," << d << ",依据,某局,原因,2024-01-15,2027-01-15\n";
    if (i % 100 == 13)
      att << u << ",主体" << i << ",法人及非法人组织," << d << ",依据,某局,原因,2025-01-10,2026-01-10\n";
  }
}

struct Stats {
  double p50 = 0, p99 = 0, mean = 0;
};

Stats stats(std::vector<double>& ns) {
  std::sort(ns.begin(), ns.end());
  Stats s;
  s.p50 = ns[ns.size() / 2] / 1000.0;
  s.p99 = ns[ns.size() * 99 / 100] / 1000.0;
  double sum = 0;
  for (double x : ns) sum += x;
  s.mean = sum / static_cast<double>(ns.size()) / 1000.0;
  return s;
}

double peak_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  using clock = std::chrono::steady_clock;
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::size_t queries = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 200000;
  const std::string dir = argc > 3 ? argv[3] : "/tmp/ecredit-bench-precheck";
  if (!std::filesystem::exists(dir + "/subject.csv") || n != 1000000) write_data(dir, n);

  const auto engine = ecredit::Engine::default_engine();
  auto t0 = clock::now();
  const auto reg = ecredit::Registry::from_dir(*engine, dir);
  const double load_s = std::chrono::duration<double>(clock::now() - t0).count();

  const char* scenarios[] = {"gov_procurement", "bidding", "admin_approval", "daily_supervision", "subsidy"};
  std::mt19937 rng(3);
  std::vector<std::string> picks(queries);
  for (auto& p : picks) p = uscc_of(rng() % n);
  std::size_t verdicts[5] = {0, 0, 0, 0, 0};

  // C++: warm-up (compiles the selectors once per snapshot), then timed single calls
  ecredit::PrecheckQuery q;
  q.as_of = ecredit::parse_iso_date("2025-06-30");
  for (std::size_t i = 0; i < 1000; ++i) {
    q.scenario = scenarios[i % 5];
    q.uscc = picks[i];
    (void)ecredit::precheck(*engine, *reg, q);
  }
  std::vector<double> ns(queries);
  for (std::size_t i = 0; i < queries; ++i) {
    q.scenario = scenarios[i % 5];
    q.uscc = picks[i];
    const auto a = clock::now();
    const ecredit::Decision d = ecredit::precheck(*engine, *reg, q);
    ns[i] =
        static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - a).count());
    ++verdicts[static_cast<int>(d.verdict)];
  }
  const Stats cpp = stats(ns);

  // C ABI: the same folder loaded through ecr_registry_load_dir, the same queries
  ecr_engine* ce = nullptr;
  ecr_registry* cr = nullptr;
  if (ecr_engine_default(&ce) != ECR_OK || ecr_registry_load_dir(&cr, ce, dir.c_str()) != ECR_OK) {
    std::fprintf(stderr, "C ABI: %s\n", ecr_last_error());
    return 1;
  }
  ecr_precheck_query cq = ECR_PRECHECK_QUERY_INIT;
  cq.as_of = "2025-06-30";
  for (std::size_t i = 0; i < 1000; ++i) {
    ecr_decision* d = nullptr;
    cq.scenario = scenarios[i % 5];
    cq.uscc = picks[i].c_str();
    ecr_precheck(&d, ce, cr, &cq);
    ecr_decision_free(d);
  }
  std::size_t c_agree = 0;
  for (std::size_t i = 0; i < queries; ++i) {
    ecr_decision* d = nullptr;
    cq.scenario = scenarios[i % 5];
    cq.uscc = picks[i].c_str();
    const auto a = clock::now();
    ecr_precheck(&d, ce, cr, &cq);
    const int v = ecr_decision_verdict(d);
    ecr_decision_free(d);
    ns[i] =
        static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - a).count());
    c_agree += v >= 0;
  }
  const Stats c = stats(ns);
  std::printf(
      "{\"subjects\": %zu, \"records\": %zu, \"list_entries\": %zu, \"load_seconds\": %.2f, \"queries\": "
      "%zu, "
      "\"verdicts\": {\"prohibit\": %zu, \"restrict\": %zu, \"caution\": %zu, \"incentive\": %zu, \"clear\": "
      "%zu}, "
      "\"cpp\": {\"p50_us\": %.3f, \"p99_us\": %.3f, \"mean_us\": %.3f}, "
      "\"c_abi\": {\"p50_us\": %.3f, \"p99_us\": %.3f, \"mean_us\": %.3f, \"ok\": %zu}, \"peak_mb\": %.0f}\n",
      reg->subjects().size(), reg->record_count(), reg->list_entries().size(), load_s, queries, verdicts[0],
      verdicts[1], verdicts[2], verdicts[3], verdicts[4], cpp.p50, cpp.p99, cpp.mean, c.p50, c.p99, c.mean,
      c_agree, peak_mb());
  ecr_registry_free(cr);
  ecr_engine_free(ce);
  return 0;
}
