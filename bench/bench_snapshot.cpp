// A new snapshot after a small change list (Registry::apply_changes) against a full
// rebuild of the same registry (Registry::Builder), on N synthetic subjects × R
// admin_penalty rows each (added through the catalog's maps_to, as a folder load adds
// them); peak and current RSS around each step.
//   build/release/bench/bench_snapshot [subjects=1000000] [records_per_subject=10] [changes=1000]
#include <unistd.h>
#include <ecredit/ecredit.hpp>
#include <ecredit/registry.hpp>

#include "bench_util.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {
using bench::genuine_uscc;
using bench::peak_mb;
using bench::seconds_since;
double rss_mb() {
  std::ifstream in("/proc/self/statm");
  long pages = 0, resident = 0;
  in >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// The admin_penalty row of subject i's k-th record, in the dataset's field order.
struct Rows {
  const ecredit::Dataset& ds;
  int f_no, f_uscc, f_name, f_date, f_domain, f_severity;
  explicit Rows(const ecredit::Dataset& d)
      : ds(d),
        f_no(d.field_index("decision_no")),
        f_uscc(d.field_index("xdr_uscc")),
        f_name(d.field_index("xdr_name")),
        f_date(d.field_index("decision_date")),
        f_domain(d.field_index("domain")),
        f_severity(d.field_index("severity")) {}
  std::vector<std::string> row(const char* uscc, std::size_t i, int k, const char* severity) const {
    static const char* domains[] = {"electricity", "oil_gas", "pipeline", "renewable", "energy_saving"};
    std::vector<std::string> v(ds.fields.size());
    v[static_cast<std::size_t>(f_no)] = "穗罚" + std::to_string(i) + "-" + std::to_string(k);
    v[static_cast<std::size_t>(f_uscc)] = uscc;
    v[static_cast<std::size_t>(f_name)] = "subject";
    const auto d =
        ecredit::parse_iso_date("2025-06-30") - date::days{static_cast<int>((i * 7 + k * 131) % 2000)};
    v[static_cast<std::size_t>(f_date)] = ecredit::format_iso_date(d);
    v[static_cast<std::size_t>(f_domain)] = domains[i % 5];
    v[static_cast<std::size_t>(f_severity)] = severity;
    return v;
  }
};

std::shared_ptr<const ecredit::Registry> build(const ecredit::Engine& engine, const Rows& rows, std::size_t n,
                                               int per) {
  static const char* sevs[] = {"minor", "general", "general", "serious"};
  ecredit::Registry::Builder b(engine);
  std::size_t row = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char buf[24];
    genuine_uscc(i, buf);
    ecredit::Subject s;
    s.uscc = buf;
    s.name = "subject";
    s.kind = "legal_person";
    b.add(std::move(s));
    for (int k = 0; k < per; ++k) b.add_row(rows.ds, row++, rows.row(buf, i, k, sevs[(i + k) % 4]));
  }
  return b.build();
}
}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const int per = argc > 2 ? std::atoi(argv[2]) : 10;
  const std::size_t changes_n = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1000;
  const auto engine = ecredit::Engine::default_engine();
  const Rows rows(*engine->catalog().find("admin_penalty"));

  auto t0 = std::chrono::steady_clock::now();
  auto reg = build(*engine, rows, n, per);
  const double build_s = seconds_since(t0);
  const double rss_built = rss_mb(), peak_built = peak_mb();

  // 1,000 changed records: random penalties made serious (each an upsert of its row)
  std::mt19937_64 rng(7);
  std::vector<ecredit::Change> changes;
  for (std::size_t c = 0; c < changes_n; ++c) {
    const std::size_t i = rng() % n;
    const int k = static_cast<int>(rng() % static_cast<unsigned>(per));
    char buf[24];
    genuine_uscc(i, buf);
    ecredit::Change ch;
    ch.dataset = "admin_penalty";
    ch.values = rows.row(buf, i, k, "serious");
    changes.push_back(std::move(ch));
  }
  double apply_s = 1e300;
  std::shared_ptr<const ecredit::Registry> next;
  double rss_applied = 0;
  for (int rep = 0; rep < 3; ++rep) {  // best of three; both snapshots alive while measured
    next.reset();
    t0 = std::chrono::steady_clock::now();
    next = reg->apply_changes(*engine, changes);
    apply_s = std::min(apply_s, seconds_since(t0));
    rss_applied = rss_mb();
  }
  const double peak_applied = peak_mb();
  std::size_t serious = 0;
  for (const ecredit::Grade& g : ecredit::grade_all(*engine, *next, ecredit::parse_iso_date("2025-06-30")))
    serious += g.grade == "D";
  std::printf(
      "{\"subjects\": %zu, \"records\": %zu, \"changes\": %zu, \"build_seconds\": %.3f, "
      "\"rss_mb_built\": %.1f, \"peak_mb_built\": %.1f, \"apply_seconds\": %.4f, "
      "\"rss_mb_both_snapshots\": %.1f, \"extra_mb\": %.1f, \"extra_percent\": %.1f, "
      "\"peak_mb_after_apply\": %.1f, \"grade_D_after\": %zu",
      next->subjects().size(), next->record_count(), changes.size(), build_s, rss_built, peak_built, apply_s,
      rss_applied, rss_applied - rss_built, 100.0 * (rss_applied - rss_built) / rss_built, peak_applied,
      serious);
  // 1,000 objection marks by id (found by one pass over the record ids), and the updates
  // with one withdrawal added (not in place: a new snapshot is written)
  std::vector<ecredit::Change> marks;
  for (const ecredit::Change& c : changes) {
    ecredit::Change m;
    m.op = ecredit::Change::Op::objection;
    m.id = "admin_penalty:" + c.values[static_cast<std::size_t>(rows.f_no)];
    m.state = "pending";
    marks.push_back(std::move(m));
  }
  next.reset();
  t0 = std::chrono::steady_clock::now();
  next = reg->apply_changes(*engine, marks);
  const double marks_s = seconds_since(t0);
  const double rss_marks = rss_mb();
  next.reset();
  ecredit::Change out;
  out.op = ecredit::Change::Op::withdraw;
  out.id = marks.back().id;
  changes.push_back(out);
  t0 = std::chrono::steady_clock::now();
  next = reg->apply_changes(*engine, changes);
  const double general_s = seconds_since(t0);
  const double rss_general = rss_mb();
  std::printf(
      ", \"marks_seconds\": %.4f, \"marks_extra_mb\": %.1f, \"with_withdrawal_seconds\": %.3f, "
      "\"with_withdrawal_extra_mb\": %.1f",
      marks_s, rss_marks - rss_built, general_s, rss_general - rss_built);
  // the peer: a full rebuild of the same registry (the old one released first)
  next.reset();
  reg.reset();
  t0 = std::chrono::steady_clock::now();
  reg = build(*engine, rows, n, per);
  std::printf(", \"rebuild_seconds\": %.3f, \"peak_mb\": %.1f}\n", seconds_since(t0), peak_mb());
  return 0;
}
