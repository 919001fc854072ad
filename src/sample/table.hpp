// One dataset file of the sample: a row of named cells, written as CSV with a header of
// the catalog's field names; the last good row is the template of planted bad rows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ecredit/catalog.hpp"
#include "ecredit/error.hpp"
#include "ecredit/file.hpp"
#include "random.hpp"
#include "validate_text.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {

namespace fs = std::filesystem;

class Table {
 public:
  Table(const Dataset& ds, const fs::path& path, bool guard) : ds_(ds), path_(path), guard_(guard) {
    open_for_writing(out_, path.string(), "sample file");
    for (std::size_t i = 0; i < ds.fields.size(); ++i) index_.emplace(ds.fields[i].name, i);
    row_.resize(ds.fields.size());
    std::vector<std::string> header;
    for (const Field& f : ds.fields) header.push_back(f.name);
    write(header);
  }

  const Dataset& dataset() const { return ds_; }
  void clear() {
    for (auto& c : row_) c.clear();
  }
  std::string& operator[](std::string_view name) {
    auto it = index_.find(name);
    if (it == index_.end())
      throw Error("sample generator: dataset '" + ds_.id + "' has no field '" + std::string(name) + "'");
    return row_[it->second];
  }
  std::size_t index(std::string_view name) const {
    auto it = index_.find(name);
    return it == index_.end() ? ds_.fields.size() : it->second;
  }

  /// The primary key of `cells` as one hash (cells joined by a unit separator).
  std::uint64_t key_of(const std::vector<std::string>& cells) const {
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i : ds_.primary_key_index) {
      h = fnv1a(cells[i], h);
      h = fnv1a("\x1f", h);
    }
    return h;
  }
  /// For datasets keyed by name and date: is the current row's key unused?
  bool key_free() const { return !guard_ || keys_.count(key_of(row_)) == 0; }
  bool key_free(const std::vector<std::string>& cells) const {
    return !guard_ || keys_.count(key_of(cells)) == 0;
  }
  void reserve_key(const std::vector<std::string>& cells) {
    if (guard_) keys_.insert(key_of(cells));
  }

  /// Writes the current row as a good row; it becomes the template of later bad rows.
  void commit() {
    reserve_key(row_);
    emit(row_, false);
    ++good;
    last_good_ = row_;
    has_template_ = true;
  }
  void commit_bad(const std::vector<std::string>& cells, bool extra_cell) {
    reserve_key(cells);
    emit(cells, extra_cell);
    ++bad;
  }
  bool has_template() const { return has_template_; }
  const std::vector<std::string>& last_good() const { return last_good_; }

  void close() {
    out_.close();
    if (!out_) throw Error("cannot write " + path_.string());
  }

  std::size_t good = 0, bad = 0;
  std::size_t expected = 0, planned = 0;  // expected rows; bad rows to plant

 private:
  void emit(const std::vector<std::string>& cells, bool extra_cell) {
    if (!extra_cell) return write(cells);
    std::vector<std::string> wider = cells;
    wider.emplace_back("见附件");  // one cell beyond the header
    write(wider);
  }
  /// One CSV row by the library's writer (the validator's valid-rows output uses it too).
  void write(const std::vector<std::string>& cells) {
    detail::write_csv_row(out_, cells);
    if (!out_) throw Error("cannot write " + path_.string());
  }

  const Dataset& ds_;
  fs::path path_;
  bool guard_;
  std::ofstream out_;
  std::unordered_map<std::string_view, std::size_t> index_;
  std::vector<std::string> row_, last_good_;
  bool has_template_ = false;
  std::unordered_set<std::uint64_t> keys_;
};

}  // namespace sample
ECREDIT_END_NAMESPACE
