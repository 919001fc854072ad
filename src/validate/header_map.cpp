// Header mapping: a header label or a record key names a field by its name, title,
// English title or an alias, compared by match_key (catalog.hpp).
#include <fmt/format.h>

#include <map>
#include <mutex>

#include "checker.hpp"

namespace ecredit::detail {

namespace {

LabelIndex build_label_index(const Dataset& ds) {
  LabelIndex index;
  auto add = [&](const std::string& label, std::size_t field) {
    if (!label.empty()) index.emplace(match_key(label), field);
  };
  for (std::size_t i = 0; i < ds.fields.size(); ++i) {
    const Field& f = ds.fields[i];
    for (const std::string* k : {&f.name, &f.title, &f.title_en}) add(*k, i);
    for (const std::string& a : f.aliases) add(a, i);
  }
  return index;
}

}  // namespace

std::shared_ptr<const LabelIndex> label_index(const Engine& engine, const Dataset& ds) {
  // Keyed by content (pack hash + dataset id), so an index outlives no pack it could
  // disagree with; bounded, since a process may load many packs (fuzzing, tests).
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>, std::shared_ptr<const LabelIndex>> cache;
  constexpr std::size_t kMaxEntries = 256;
  std::pair<std::string, std::string> key{engine.hash(), ds.id};
  {
    const std::lock_guard<std::mutex> lock(mutex);
    const auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  auto index = std::make_shared<const LabelIndex>(build_label_index(ds));
  const std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= kMaxEntries) cache.clear();  // the Checkers holding one keep it alive
  return cache.emplace(std::move(key), std::move(index)).first->second;
}

std::ptrdiff_t Checker::field_of_label(std::string_view label) const {
  const auto it = labels_index_->find(match_key(label));
  return it == labels_index_->end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
}

void Checker::header(const std::vector<std::string>& labels, std::size_t line,
                     const std::vector<io::ReadIssue>& issues) {
  has_header_ = true;
  labels_ = labels;
  col_field_.assign(labels.size(), -1);
  std::vector<std::size_t> first_col(ds_.fields.size(), 0);
  for (std::size_t c = 0; c < labels.size(); ++c) {
    const std::string label = std::string(trim(labels[c]));
    if (label.empty()) {
      add(line, c + 1, nullptr, "blank-label", Severity::warning, [&] {
        return Said{labels[c], "", fmt::format("第{}列表头为空，该列被忽略", c + 1),
                    fmt::format("column {} has an empty header and is ignored", c + 1)};
      });
      continue;
    }
    if (side_ && side_->matches(label)) {  // not the dataset's: taken out (side.hpp)
      side_col_ = c;
      side_->label = labels[c];
      continue;
    }
    const std::ptrdiff_t fi = field_of_label(label);
    if (fi < 0) {
      add(line, c + 1, nullptr, "extra-label", Severity::warning, [&] {
        return Said{
            labels[c], "", fmt::format("表头「{}」不在数据集「{}」中，该列被忽略", label, ds_.title),
            fmt::format("header '{}' is not a field of dataset '{}'; the column is ignored", label, ds_.id)};
      });
      continue;
    }
    const auto f = static_cast<std::size_t>(fi);
    if (first_col[f] != 0) {
      add(line, c + 1, &ds_.fields[f], "duplicate-label", Severity::error, [&] {
        return Said{labels[c], "",
                    fmt::format("表头「{}」与第{}列重复（同为字段「{}」），该列被忽略", label, first_col[f],
                                ds_.fields[f].title),
                    fmt::format("header '{}' repeats column {} (both are field '{}'); the column is ignored",
                                label, first_col[f], ds_.fields[f].name)};
      });
      continue;
    }
    first_col[f] = c + 1;
    col_field_[c] = fi;
    column_of_[f] = c + 1;
    label_of_[f] = labels[c];
  }
  for (const auto& is : issues) read_issue(is, labels);
  for (std::size_t f = 0; f < ds_.fields.size(); ++f)
    if (first_col[f] == 0) missing_label(line, f);
}

void Checker::missing_label(std::size_t line, std::size_t f) {
  const Field& fd = ds_.fields[f];
  if (!(fd.required || fd.required_if)) return;
  add(line, 0, &fd, "missing-label", fd.required ? Severity::error : Severity::warning, [&] {
    return Said{"", "", fmt::format("缺少{}字段「{}」的列", fd.required ? "必填" : "条件必填", fd.title),
                fmt::format("the {} field '{}' ({}) has no column",
                            fd.required ? "required" : "conditionally required", fd.name, fd.title)};
  });
}

std::ptrdiff_t Checker::key_field(std::size_t line, const std::string& key) {
  auto it = key_cache_.find(key);
  if (it != key_cache_.end()) return it->second;
  if (side_ && side_->matches(key)) {  // not the dataset's: taken out (side.hpp)
    key_cache_.emplace(key, kSideField);
    return kSideField;
  }
  const std::ptrdiff_t f = field_of_label(key);
  key_cache_.emplace(key, f);
  if (f >= 0) key_seen_[static_cast<std::size_t>(f)] = true;
  if (f < 0)
    add(line, 0, nullptr, "extra-label", Severity::warning, [&] {
      return Said{key, "",
                  fmt::format("键「{}」不在数据集「{}」中，被忽略（首次出现于此行）", key, ds_.title),
                  fmt::format("key '{}' is not a field of dataset '{}' and is ignored (first seen here)", key,
                              ds_.id)};
    });
  return f;
}

void Checker::repeated_key(const std::string& key) {
  const std::ptrdiff_t fi = field_of_label(key);
  const Field* f = fi < 0 ? nullptr : &ds_.fields[static_cast<std::size_t>(fi)];
  add(line_, 0, f, "duplicate-label", Severity::error, [&] {
    return Said{key, "", fmt::format("「{}」在同一记录中出现两次，第二个被忽略", f ? f->title : key),
                fmt::format("'{}' appears twice in the record; the second is ignored", f ? f->name : key)};
  });
}

bool SideColumn::matches(std::string_view l) const {
  const std::string k = match_key(l);
  for (const std::string& s : labels)
    if (match_key(s) == k) return true;
  return false;
}

}  // namespace ecredit::detail
