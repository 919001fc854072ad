// A side column (internal): a column of the input that is not the dataset's — the
// archive's operation column (op / 操作类型, src/archive/import.cpp) — taken out before
// validation, so the catalog never sees it (no extra-label finding, no field). Its value
// of the current row is in `value` when on_accepted runs; `check` may reject the row
// with an error finding of type `type` at the row and the column.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/validate.hpp"

namespace ecredit::detail {

struct SideColumn {
  std::vector<std::string> labels;  ///< the column's names, compared as headers are (match_key)
  std::string type;                 ///< the finding type of a bad value
  /// A value ("" when the row has none) → "" when fine, else {zh, en} of the finding.
  std::function<bool(const std::string& value, std::string& zh, std::string& en)> check;
  std::string value;  ///< the current row's
  std::string label;  ///< the label as written in the input ("" when absent)

  bool matches(std::string_view label) const;
};

}  // namespace ecredit::detail

ECREDIT_BEGIN_NAMESPACE
/// validate_file / validate_records with a side column taken out.
Report validate_file_side(const Engine& engine, std::string_view dataset, const std::string& path,
                          const ValidateOptions& options, detail::SideColumn& side);
Report validate_records_side(const Engine& engine, std::string_view dataset, const std::vector<KeyedRecord>& records,
                             const ValidateOptions& options, detail::SideColumn& side);
ECREDIT_END_NAMESPACE
