/// Deterministic sample data: a Guangzhou-like energy market written as the dataset
/// files of the built-in credit data list (docs/demo.md, "The sample market").
///
///     ecredit::SampleOptions o;
///     o.subjects = 2000;
///     ecredit::SampleSummary s = ecredit::write_sample("data/", o);   // data/subject.csv, …
///     auto reg = ecredit::Registry::from_dir(*ecredit::Engine::default_engine(), "data/");
///
/// Same options → byte-identical files on every platform: the generator draws from a
/// 64-bit Mersenne Twister (fully specified by the standard) with its own integer
/// arithmetic, never the standard library's distributions or floating point.
///
/// Implemented by the `ecredit_sample` library (CMake `ecredit::sample`, src/sample/), not
/// by libecredit: link it to call write_sample.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"

ECREDIT_BEGIN_NAMESPACE

struct SampleOptions {
  /// Market subjects (legal persons and individual businesses); practitioners and every
  /// record dataset scale with it. 1 … 10,000,000.
  std::size_t subjects = 2000;
  std::uint64_t seed = 1;
  /// Plant a few deliberately bad rows per dataset (the kinds real submissions contain:
  /// wrong check characters, impossible dates, unknown code labels, missing required
  /// cells, duplicate primary keys, extra cells, wrong resident-ID check digits).
  bool bad_rows = true;
  /// Market subjects, per thousand, that have no 基本信息 row (no credit file yet) while
  /// their licences, penalties and other records are still submitted: what makes coverage
  /// (docs/grading.md) fall short of 100 %. Scaled by domain (pipeline and new-energy
  /// firms are filed least often); 0 = every subject is filed. The demo uses 60.
  unsigned unfiled_per_mille = 0;
  /// Events (decisions, incidents, listings, …) happen before this day, mostly within
  /// the five years before it; validity periods may run past it. 2010-01-01 … 2090-12-31.
  date::sys_days as_of = date::sys_days{date::year{2025} / 6 / 30};
};

struct SampleSummary {
  std::map<std::string, std::size_t> rows;      ///< dataset id → data rows written (bad rows included)
  std::map<std::string, std::size_t> bad_rows;  ///< dataset id → rows deliberately broken
};

/// Writes `<dataset_id>.csv` (UTF-8 without BOM, LF line ends, a header row of the
/// catalog's field names, every field) for the 13 datasets of the built-in catalog into
/// `dir`, created when missing; existing files of those names are replaced. Every row but
/// the planted bad ones is accepted by the validator, and each planted one is rejected.
/// Throws InvalidInputError when `subjects` is 0 or above 10,000,000 or `as_of` is out of
/// range, IoError (naming the path and the reason) when the folder or a file cannot be written.
ECREDIT_API SampleSummary write_sample(const std::string& dir, const SampleOptions& options = {});

ECREDIT_END_NAMESPACE
