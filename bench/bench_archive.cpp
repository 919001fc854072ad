// The archive's figures (docs/BENCHMARKS.md "Archive"), each mode its own process so that
// its peak memory is its own:
//   bench_archive import FILE DB      validate_file alone on FILE (admin_penalty), then
//                                     import_file of FILE into a new archive DB: rows/s of
//                                     both, in the same run (the peer is the validation)
//   bench_archive gen DIR SUBJECTS RECORDS_PER_SUBJECT
//                                     a data folder (subject.csv, admin_penalty.csv) of
//                                     synthetic subjects and their penalties
//   bench_archive fill DIR DB         import_dir of DIR into a new archive DB
//   bench_archive load-dir DIR        Registry::from_dir(DIR): the peer of load-archive
//   bench_archive load-archive DB     Archive::open(DB) + registry(): the current snapshot
//                                     (from the file's checkpoint when it has one)
//   bench_archive checkpoint DB       Archive::open(DB) + checkpoint(): the current snapshot
//                                     built (from the versions) and its image stored
//   bench_archive gen-delta DIR SUBJECTS PER CHANGES
//                                     admin_penalty.csv of CHANGES penalties of `gen`'s data
//                                     (the same subjects and numbers) with another fine:
//                                     importing it updates CHANGES records
//   bench_archive delta DIR DB        Archive::open(DB) + registry() (the snapshot before),
//                                     import_dir(DIR), registry() again (the next snapshot
//                                     from the changes), its time and peak RSS
// Each prints one JSON object: seconds, rows, rows/s, peak RSS (MiB).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

#include <ecredit/archive.hpp>
#include <ecredit/ecredit.hpp>

#include "bench_util.hpp"

namespace {

using bench::peak_mb;
using bench::seconds_since;
using Clock = std::chrono::steady_clock;

void remove_archive(const std::string& db) {
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(db + ext);
}

std::size_t rows_of(const ecredit::ImportResult& r) {
  std::size_t n = 0;
  for (const auto& [dataset, c] : r.counts) n += c.read;
  return n;
}

int import_rate(const std::string& file, const std::string& db) {
  const auto engine = ecredit::Engine::default_engine();
  auto t0 = Clock::now();
  const ecredit::Report rep = ecredit::validate_file(*engine, "admin_penalty", file);
  const double validate_s = seconds_since(t0);
  const std::size_t rows = rep.stats.rows;
  remove_archive(db);
  auto archive = ecredit::Archive::open(db, engine);
  t0 = Clock::now();
  const ecredit::ImportResult r = archive->import_file(file, "admin_penalty", "bench", "2026-02-01");
  const double import_s = seconds_since(t0);
  const ecredit::ImportCounts& c = r.counts.at("admin_penalty");
  std::printf(
      "{\"mode\": \"import\", \"rows\": %zu, \"bytes\": %ju, \"validate_seconds\": %.3f, "
      "\"validate_rows_per_s\": "
      "%.0f, \"import_seconds\": %.3f, \"import_rows_per_s\": %.0f, \"inserted\": %zu, \"rejected\": %zu, "
      "\"import_over_validate\": %.2f, \"archive_mb\": %.1f, \"peak_mb\": %.1f}\n",
      rows, static_cast<std::uintmax_t>(std::filesystem::file_size(file)), validate_s,
      static_cast<double>(rows) / validate_s, import_s, static_cast<double>(c.read) / import_s, c.inserted,
      c.rejected, import_s / validate_s, static_cast<double>(std::filesystem::file_size(db)) / 1048576.0,
      peak_mb());
  return 0;
}

const char* const kDomains[] = {"电力", "石油天然气", "新能源和可再生能源", "节能"};

void penalty_header(std::ostream& p) {
  p << "decision_no,xdr_name,xdr_kind,xdr_uscc,violation_type,facts,legal_basis,penalty_types,penalty_"
       "content,"
       "fine_amount,decision_date,valid_until,authority,authority_uscc,source_unit,source_unit_uscc,domain,"
       "severity\n";
}

// Penalty `n` of subject `i` (USCC `uscc`), fined `fine` yuan.
void penalty_row(std::ostream& p, const char* uscc, std::size_t i, std::size_t n, std::size_t fine) {
  const char* sevs[] = {"一般", "轻微", "严重"};  // codes of the severity table (all accepted)
  p << "穗能罚〔" << 2000 + n % 26 << "〕" << n << "号,广州某能源有限公司" << i << ",法人及非法人组织,"
    << uscc << ",违反电力市场交易规则,未按规定披露信息,《电力市场运营基本规则》,罚款,罚款" << fine << "元,"
    << fine << ",20" << 10 + n % 16 << "-0" << 1 + n % 9 << "-1" << n % 10 << ",2030-01-15,"
    << "广州市发展和改革委员会,11440100007498630N,广州市发展和改革委员会,11440100007498630N,"
    << kDomains[i % 4] << "," << sevs[n % 3] << "\n";
}

// Synthetic subjects (genuine USCCs) with `per` penalties each, ~250 bytes a penalty row.
int gen(const std::string& dir, std::size_t subjects, std::size_t per) {
  std::filesystem::create_directories(dir);
  std::ofstream s(dir + "/subject.csv"), p(dir + "/admin_penalty.csv");
  s << "uscc,name,kind,domains\n";
  penalty_header(p);
  char uscc[24];
  for (std::size_t i = 0; i < subjects; ++i) {
    bench::genuine_uscc(i, uscc);
    s << uscc << ",广州某能源有限公司" << i << ",法人及非法人组织," << kDomains[i % 4] << "\n";
    for (std::size_t k = 0; k < per; ++k) penalty_row(p, uscc, i, i * per + k, 1000 + (i * per + k) % 9000);
  }
  std::printf("{\"mode\": \"gen\", \"subjects\": %zu, \"records\": %zu}\n", subjects, subjects * per);
  return 0;
}

// `changes` of gen's penalties (spread over the subjects) with a fine of 99,999 yuan.
int gen_delta(const std::string& dir, std::size_t subjects, std::size_t per, std::size_t changes) {
  std::filesystem::create_directories(dir);
  std::ofstream p(dir + "/admin_penalty.csv");
  penalty_header(p);
  char uscc[24];
  const std::size_t total = subjects * per,
                    step = std::max<std::size_t>(1, total / std::max<std::size_t>(1, changes));
  std::size_t written = 0;
  for (std::size_t n = 0; n < total && written < changes; n += step, ++written) {
    bench::genuine_uscc(n / per, uscc);
    penalty_row(p, uscc, n / per, n, 99999);
  }
  std::printf("{\"mode\": \"gen-delta\", \"records\": %zu}\n", written);
  return 0;
}

int fill(const std::string& dir, const std::string& db) {
  remove_archive(db);
  auto archive = ecredit::Archive::open(db);
  const auto t0 = Clock::now();
  const ecredit::ImportResult r = archive->import_dir(dir, "bench", "2026-02-01");
  const double s = seconds_since(t0);
  const std::size_t rows = rows_of(r);
  std::size_t rejected = 0;
  for (const auto& [dataset, c] : r.counts) rejected += c.rejected;
  std::printf(
      "{\"mode\": \"fill\", \"rows\": %zu, \"rejected\": %zu, \"seconds\": %.3f, \"rows_per_s\": %.0f, "
      "\"archive_mb\": %.1f, \"peak_mb\": %.1f}\n",
      rows, rejected, s, static_cast<double>(rows) / s,
      static_cast<double>(std::filesystem::file_size(db)) / 1048576.0, peak_mb());
  return 0;
}

void print_load(const char* mode, const ecredit::Registry& reg, double s) {
  std::printf(
      "{\"mode\": \"%s\", \"subjects\": %zu, \"records\": %zu, \"seconds\": %.3f, \"peak_mb\": %.1f}\n", mode,
      reg.subjects().size(), reg.record_count(), s, peak_mb());
}

int load_dir(const std::string& dir) {
  const auto engine = ecredit::Engine::default_engine();
  const auto t0 = Clock::now();
  const auto reg = ecredit::Registry::from_dir(*engine, dir);
  print_load("load-dir", *reg, seconds_since(t0));
  return 0;
}

int load_archive(const std::string& db) {
  const auto engine = ecredit::Engine::default_engine();
  const auto t0 = Clock::now();
  auto archive = ecredit::Archive::open(db, engine);
  const auto reg = archive->registry();
  print_load("load-archive", *reg, seconds_since(t0));
  return 0;
}

int checkpoint(const std::string& db) {
  const auto engine = ecredit::Engine::default_engine();
  const auto t0 = Clock::now();
  auto archive = ecredit::Archive::open(db, engine);
  const ecredit::Archive::CheckpointInfo c = archive->checkpoint();
  std::printf(
      "{\"mode\": \"checkpoint\", \"seq\": %jd, \"subjects\": %zu, \"records\": %zu, \"parts\": %zu, "
      "\"image_mb\": %.1f, \"seconds\": %.3f, \"archive_mb\": %.1f, \"peak_mb\": %.1f}\n",
      static_cast<std::intmax_t>(c.seq), c.subjects, c.records, c.parts,
      static_cast<double>(c.bytes) / 1048576.0, seconds_since(t0),
      static_cast<double>(std::filesystem::file_size(db)) / 1048576.0, peak_mb());
  return 0;
}

int delta(const std::string& dir, const std::string& db) {
  const auto engine = ecredit::Engine::default_engine();
  auto t0 = Clock::now();
  auto archive = ecredit::Archive::open(db, engine);
  const auto before = archive->registry();
  const double load_s = seconds_since(t0);
  const double mb_before = peak_mb();
  t0 = Clock::now();
  const ecredit::ImportResult r = archive->import_dir(dir, "bench-delta", "2026-02-02");
  const double import_s = seconds_since(t0);
  t0 = Clock::now();
  const auto next = archive->registry();
  const double next_s = seconds_since(t0);
  std::size_t updated = 0;
  for (const auto& [dataset, c] : r.counts) updated += c.updated;
  std::printf(
      "{\"mode\": \"delta\", \"records\": %zu, \"updated\": %zu, \"load_seconds\": %.3f, "
      "\"import_seconds\": %.3f, \"next_snapshot_ms\": %.1f, \"peak_mb_before\": %.1f, \"peak_mb\": %.1f}\n",
      next->record_count(), updated, load_s, import_s, next_s * 1000.0, mb_before, peak_mb());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "import" && argc == 4) return import_rate(argv[2], argv[3]);
    if (mode == "gen" && argc == 5)
      return gen(argv[2], std::strtoull(argv[3], nullptr, 10), std::strtoull(argv[4], nullptr, 10));
    if (mode == "fill" && argc == 4) return fill(argv[2], argv[3]);
    if (mode == "load-dir" && argc == 3) return load_dir(argv[2]);
    if (mode == "load-archive" && argc == 3) return load_archive(argv[2]);
    if (mode == "checkpoint" && argc == 3) return checkpoint(argv[2]);
    if (mode == "gen-delta" && argc == 6)
      return gen_delta(argv[2], std::strtoull(argv[3], nullptr, 10), std::strtoull(argv[4], nullptr, 10),
                       std::strtoull(argv[5], nullptr, 10));
    if (mode == "delta" && argc == 4) return delta(argv[2], argv[3]);
    std::fprintf(stderr,
                 "usage: bench_archive import FILE DB | gen DIR SUBJECTS PER | fill DIR DB | load-dir DIR | "
                 "load-archive DB | checkpoint DB | gen-delta DIR SUBJECTS PER CHANGES | delta DIR DB\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_archive: %s\n", e.what());
    return 1;
  }
}
