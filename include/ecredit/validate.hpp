/// Validating datasets of the credit data list against an Engine's catalog.
///
///     auto engine = ecredit::Engine::default_engine();
///     ecredit::Report r = ecredit::validate_file(*engine, "admin_penalty", "penalties.csv");
///     if (!r.valid()) std::cout << r.to_json("en", 2);
///
/// Findings are data: an invalid dataset gives a Report, not an exception. Only an
/// unknown dataset (NotFoundError), bad options (InvalidInputError) or an unreadable
/// file (IoError; PathNotFoundError when it does not exist; a folder is refused) throw. Readers stream:
/// memory stays bounded by the longest record plus compact primary-key / unique / duplicate-row state
/// (docs/validation.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ecredit/catalog.hpp"
#include "ecredit/config.hpp"
#include "ecredit/engine.hpp"

ECREDIT_BEGIN_NAMESPACE

/// One problem in a dataset. Types follow frictionless where one exists
/// (type-error, constraint-error, missing-cell, extra-cell, blank-row, …) and
/// the domain's own otherwise (uscc-legacy, code-not-in-table, date-order, …);
/// docs/validation.md lists them all.
struct Finding {
  std::string type;
  Severity severity = Severity::error;
  std::size_t row = 0;     ///< line where the record starts (header = 1); 0 = the whole file
  std::size_t column = 0;  ///< 1-based; 0 = the whole row
  std::string field;       ///< catalog field name, "" when not tied to a field
  std::string label;       ///< the header as written in the file
  std::string value;       ///< the cell value, masked when personal
  std::string message_zh, message_en;

  const std::string& message(std::string_view lang) const { return lang == "en" ? message_en : message_zh; }
};

struct ValidateStats {
  std::size_t rows =
      0;  ///< data records read (header and blank lines at the end excluded); = accepted + rejected
  std::size_t accepted = 0;    ///< rows without error findings (warnings allowed)
  std::size_t rejected = 0;    ///< rows with at least one error finding, and blank rows
  std::size_t blank_rows = 0;  ///< of the rejected: blank rows
  std::size_t errors = 0;      ///< error findings (all, even beyond the cap)
  std::size_t warnings = 0;    ///< warning findings (all)
  std::uint64_t bytes = 0;     ///< input bytes read (files and streams)
  std::string encoding;        ///< "utf-8" / "gb18030" for text input, "" otherwise
};

class ECREDIT_API Report {
 public:
  std::string dataset, pack_id, pack_hash;
  ValidateStats stats;
  std::map<std::string, std::size_t> counts;  ///< findings by type, complete even when capped
  std::vector<Finding> findings;              ///< in input order, at most max_findings
  bool truncated = false;                     ///< findings were capped

  /// No error finding (file-level or in a row) and no rejected row.
  bool valid() const noexcept { return stats.errors == 0 && stats.rejected == 0; }
  /// {"valid", "dataset", "pack", "stats": {...}, "counts": {...}, "truncated",
  ///  "findings": [{"type", "severity", "row", "column", "field", "label", "value", "message"}]}
  /// with messages in `lang` ("zh" or "en"); indent < 0 is compact.
  std::string to_json(std::string_view lang = "zh", int indent = -1) const;
};

enum class OutputFormat { csv, jsonl };

/// The format of an output file by its name — the one rule of every interface: `.jsonl`
/// and `.ndjson` → jsonl, `.csv` and any other name → csv; `.tsv` / `.tab` are refused
/// (InvalidInputError "<option> <path>: tab-separated output is not supported; name a .csv
/// or .jsonl file"). `option` names the setting in that message (--out-valid, out_valid …).
ECREDIT_API OutputFormat output_format(std::string_view path, std::string_view option);

/// Checks the format of `path` (output_format) and then opens it for writing
/// (open_for_writing, `what` names it); returns the format.
ECREDIT_API OutputFormat open_output(std::ofstream& out, const std::string& path, std::string_view option,
                                     std::string_view what);

struct ValidateOptions {
  std::string format = "auto";    ///< auto (by file extension), csv, tsv, jsonl
  std::string encoding = "auto";  ///< auto, utf-8, gb18030 (CSV)
  char delimiter = '\0';          ///< CSV delimiter; '\0' = ',' (or tab for tsv)
  std::size_t max_findings = 1000;
  /// Accepted rows, normalised, with the catalog's field names as header / keys.
  std::ostream* out_valid = nullptr;
  OutputFormat out_valid_format = OutputFormat::csv;
  /// Rejected rows as read, with their row number and reasons.
  std::ostream* out_rejected = nullptr;
  OutputFormat out_rejected_format = OutputFormat::csv;
  /// Called for every accepted row with its normalised values, in the dataset's
  /// field order ("" for empty cells). Used by the registry to load datasets.
  std::function<void(std::size_t row, const std::vector<std::string>& values)> on_accepted;
};

/// Validate a file: CSV/TSV or JSON Lines (by extension or options.format).
ECREDIT_API Report validate_file(const Engine& engine, std::string_view dataset, const std::string& path,
                                 const ValidateOptions& options = {});
/// Validate a stream in `options.format` (csv, tsv or jsonl; auto means csv).
ECREDIT_API Report validate_stream(const Engine& engine, std::string_view dataset, std::istream& in,
                                   const ValidateOptions& options = {});
/// Validate in-memory positional rows with their header labels; a missing cell is
/// std::nullopt. Row numbers follow a CSV file: header = 1, rows[i] = i + 2.
ECREDIT_API Report validate_rows(const Engine& engine, std::string_view dataset,
                                 const std::vector<std::string>& header,
                                 const std::vector<std::vector<std::optional<std::string>>>& rows,
                                 const ValidateOptions& options = {});
/// Validate in-memory keyed records (label → value, std::nullopt for null) as the
/// same content in a CSV file would be: the header is the union of the keys in
/// first-seen order (reported at row 0), a key a record lacks is a missing value. Row
/// numbers follow a JSON Lines file: records[i] = i + 1.
using KeyedRecord = std::vector<std::pair<std::string, std::optional<std::string>>>;
ECREDIT_API Report validate_records(const Engine& engine, std::string_view dataset,
                                    const std::vector<KeyedRecord>& records,
                                    const ValidateOptions& options = {});

ECREDIT_END_NAMESPACE
