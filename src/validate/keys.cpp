// Keys: unique fields, the dataset's primary key and whole duplicate rows, each
// remembered as a hash with the row it was first seen on.
#include <fmt/format.h>

#include <functional>

#include "checker.hpp"

namespace ecredit::detail {

namespace {

std::uint64_t key_hash(const std::vector<std::string>& vals, const std::vector<std::size_t>& idx) {
  std::uint64_t h = 1469598103934665603ull;
  for (std::size_t i : idx) {
    h ^= std::hash<std::string>{}(vals[i]);
    h *= 1099511628211ull;
    h = (h << 7) | (h >> 57);
  }
  return h;
}

}  // namespace

void Checker::check_keys() {
  // unique fields
  for (std::size_t f = 0; f < ds_.fields.size(); ++f) {
    const Field& fd = ds_.fields[f];
    if (!fd.unique || values_[f].empty() || cell_error_[f]) continue;
    const std::size_t first = unique_seen_[f].insert(std::hash<std::string>{}(values_[f]), line_);
    if (first != 0)
      cell(f, "unique-error", Severity::error, values_[f], [&] {
        return Words{fmt::format("「{}」的值「{}」与第{}行重复", label(f), shown(fd, values_[f]), first),
                     fmt::format("'{}' in '{}' repeats row {}", shown(fd, values_[f]), fd.name, first)};
      });
  }
  // primary key
  if (!ds_.primary_key_index.empty()) {
    bool complete = true;
    for (std::size_t i : ds_.primary_key_index) complete = complete && !values_[i].empty() && !cell_error_[i];
    if (complete) {
      const std::size_t first = pk_seen_.insert(key_hash(values_, ds_.primary_key_index), line_);
      if (first != 0)
        add(line_, 0, nullptr, "primary-key", Severity::error, [&] {
          std::string key;
          for (std::size_t i : ds_.primary_key_index)
            key += (key.empty() ? "" : ", ") + shown(ds_.fields[i], values_[i]);
          return Said{"", key, fmt::format("主键（{}）与第{}行重复", key, first),
                      fmt::format("primary key ({}) repeats row {}", key, first)};
        });
    }
  }
  // the whole row (not when bytes were replaced: different text may read the same)
  if (bad_bytes_) return;
  const std::size_t first = row_seen_.insert(key_hash(values_, all_fields_), line_);
  if (first != 0)
    add(line_, 0, nullptr, "duplicate-row", Severity::error, [&] {
      return Said{"", "", fmt::format("与第{}行完全相同", first),
                  fmt::format("the row repeats row {}", first)};
    });
}

}  // namespace ecredit::detail
