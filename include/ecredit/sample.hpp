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
#include <vector>

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
/// catalog's field names, every field) for the 16 datasets of the built-in catalog into
/// `dir`, created when missing; existing files of those names are replaced. Every row but
/// the planted bad ones is accepted by the validator, and each planted one is rejected
/// (relation.csv, dishonest_debtor_list.csv and abnormal_operation_list.csv have none
/// planted). relation.csv was added later and draws from a random stream of its own, the
/// two lists after it (added later still) from another: the first 13 files are what earlier
/// versions wrote for the same options, and relation.csv what the version that added it wrote.
/// Throws InvalidInputError when `subjects` is 0 or above 10,000,000 or `as_of` is out of
/// range, IoError (naming the path and the reason) when the folder or a file cannot be written.
ECREDIT_API SampleSummary write_sample(const std::string& dir, const SampleOptions& options = {});

/// The second day of the sample market (docs/demo.md, "Day 2"): what departments send
/// the day after `write_sample`'s files, as exchange files of the 双公示 kind with an
/// operation column `op` first (add / update / delete in their aliases 新增 / 修改 / 删除,
/// I / U / D as well): corrected penalties, withdrawn penalties, penalties re-sent
/// unchanged, a new blacklisting (decided on `as_of`, for a subject with a serious penalty
/// and no black-list entry), and one day-1 file re-sent byte for byte without the column.
struct SampleDeltaOptions {
  std::uint64_t seed = 1;
  /// The new listings are decided on this day (the demo's report date).
  date::sys_days as_of = date::sys_days{date::year{2025} / 6 / 30};
  std::size_t updates = 12;              ///< admin_penalty rows corrected (op update: remarks changed)
  std::size_t withdrawals = 3;           ///< admin_penalty rows withdrawn (op delete)
  std::size_t unchanged = 2;             ///< admin_penalty rows re-sent as they were (op update)
  std::size_t blacklistings = 1;         ///< new black_list entries (op add)
  std::string resend = "energy_saving";  ///< a day-1 file re-sent as it was ("" = none)
};

/// What the day-2 files hold, per dataset: what an archive that imported day 1 should
/// count when it imports them (an update of unchanged values counts `unchanged`).
struct SampleDeltaCounts {
  std::size_t added = 0, updated = 0, withdrawn = 0, unchanged = 0;
};
struct SampleDeltaSummary {
  std::map<std::string, std::size_t> rows;            ///< dataset id → data rows written
  std::map<std::string, SampleDeltaCounts> expected;  ///< dataset id → rows by what they do
  std::vector<std::string> blacklisted;               ///< USCCs newly on the black list
  std::vector<std::string> updated, withdrawn;        ///< admin_penalty decision numbers
};

/// Reads the day-1 files of `day1_dir` (as write_sample wrote them; only rows the
/// validator accepts are used) and writes the day-2 files into `dir` (created when
/// missing): admin_penalty.csv and black_list.csv with the `op` column, and
/// `<resend>.csv` copied. Same day-1 files and options → byte-identical files. Fewer
/// rows than asked are written when day 1 has fewer to choose from. Throws IoError
/// when a file cannot be read or written.
ECREDIT_API SampleDeltaSummary write_sample_delta(const std::string& day1_dir, const std::string& dir,
                                                  const SampleDeltaOptions& options = {});

ECREDIT_END_NAMESPACE
