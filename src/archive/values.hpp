// The stored form of a version's values (version.vals): a JSON object field name → value,
// keys in byte order, no whitespace — so equal values are equal text, and a stored
// version stays readable when a later catalog adds, drops or reorders fields.
//
// The form is nlohmann::json's dump of that object (the form of every archive written so
// far); ValueCodec writes and reads it by hand because the generic path (a std::map of
// json values, then a serializer) was half the cost of an import and most of the cost of
// loading a snapshot (docs/BENCHMARKS.md "Archive"). A stored text the fast reader does
// not expect (whitespace, a non-string value) goes through nlohmann::json instead.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ecredit/catalog.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace archive {

class ValueCodec {
 public:
  explicit ValueCodec(const Dataset& ds);

  /// The stored text of `values` (the dataset's field order, one per field); byte for
  /// byte what nlohmann::json's dump(-1, ' ', false, replace) makes of the object.
  std::string encode(const std::vector<std::string>& values) const;
  /// `out` = the stored values in the dataset's field order ("" for a field the text
  /// lacks; keys the catalog no longer has are ignored). InvalidInputError when `text`
  /// is not a JSON object of strings.
  void decode(std::string_view text, std::vector<std::string>& out) const;

 private:
  bool decode_fast(std::string_view text, std::vector<std::string>& out) const;
  std::size_t field_of(std::string_view name, std::size_t hint) const;

  const Dataset* ds_;
  /// field indexes with their names, by name in byte order (the stored key order)
  std::vector<std::pair<std::string_view, std::size_t>> by_name_;
};

}  // namespace archive
ECREDIT_END_NAMESPACE
