// Rows: taking a record in (positional, keyed, unreadable, blank), the reader's issues,
// and the row's checks in order: cells, required fields, row rules, keys.
#include <fmt/format.h>

#include <algorithm>

#include "checker.hpp"
#include "ecredit/id.hpp"

namespace ecredit::detail {

void Checker::row(std::size_t line, const std::vector<std::string>& cells,
                  const std::vector<io::ReadIssue>& issues, const std::vector<bool>* missing,
                  const std::vector<std::string>* repeated_keys) {
  const bool blank =
      std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trim(c).empty(); });
  if (blank && issues.empty() && (repeated_keys == nullptr || repeated_keys->empty())) {
    pending_blank_.emplace_back(line, cells.size());  // a row only if a data row follows
    return;
  }
  flush_blank();
  begin_row(line);
  for (const auto& is : issues) read_issue(is, cells);
  if (repeated_keys)
    for (const std::string& key : *repeated_keys) repeated_key(key);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c >= col_field_.size()) {
      if (!trim(cells[c]).empty())
        add(line, c + 1, nullptr, "extra-cell", Severity::error, [&] {
          const std::string v = detail::clip(cells[c]);
          return Said{"", v, fmt::format("第{}列没有表头，值「{}」无法归入任何字段", c + 1, v),
                      fmt::format("cell {} has no header; its value '{}' belongs to no field", c + 1, v)};
        });
      continue;
    }
    if (c == side_col_) {
      if (!(missing && (*missing)[c])) side_->value = cells[c];
      continue;
    }
    const std::ptrdiff_t f = col_field_[c];
    if (f < 0) continue;
    if (missing && (*missing)[c]) continue;
    present_[static_cast<std::size_t>(f)] = true;
    values_[static_cast<std::size_t>(f)] = cells[c];
  }
  for (std::size_t c = cells.size(); c < col_field_.size(); ++c) {
    const std::ptrdiff_t f = col_field_[c];
    if (f < 0) continue;
    const Field& fd = ds_.fields[static_cast<std::size_t>(f)];
    add(line, c + 1, &fd, "missing-cell", Severity::error, [&] {
      return Said{labels_[c], "", fmt::format("本行缺少第{}列「{}」（列数少于表头）", c + 1, labels_[c]),
                  fmt::format("the row has no cell {} ('{}'): fewer cells than headers", c + 1, labels_[c])};
    });
  }
  check_side();
  check_row();
  end_row(cells, nullptr);
}

void Checker::keyed(std::size_t line, const KeyedRecord& rec) {
  keyed_ = true;
  if (!rec.empty()) has_header_ = true;
  const bool blank = std::all_of(rec.begin(), rec.end(),
                                 [](const auto& kv) { return !kv.second || trim(*kv.second).empty(); });
  if (blank) {
    for (const auto& kv : rec) key_field(line, kv.first);
    pending_blank_.emplace_back(line, 0);
    return;
  }
  flush_blank();
  begin_row(line);
  for (const auto& [key, value] : rec) {
    const std::ptrdiff_t fi = key_field(line, key);
    if (fi == kSideField) {
      side_->label = key;
      if (value) side_->value = *value;
      continue;
    }
    if (fi < 0 || !value) continue;
    const auto f = static_cast<std::size_t>(fi);
    if (present_[f]) {
      repeated_key(key);
      continue;
    }
    present_[f] = true;
    values_[f] = *value;
    label_of_[f] = key;
  }
  check_side();
  check_row();
  end_row({}, &rec);
}

void Checker::unreadable(std::size_t line, const std::string& type, const std::string& zh,
                         const std::string& en, const std::string& raw) {
  flush_blank();
  begin_row(line);
  add(line, 0, nullptr, type, Severity::error, [&] { return Said{"", "", zh, en}; });
  KeyedRecord rec{{"_raw", detail::clip(raw, 4096)}};
  end_row({}, &rec);
}

void Checker::read_issue(const io::ReadIssue& is, const std::vector<std::string>& cells) {
  using K = io::ReadIssue::Kind;
  const Field* f = nullptr;
  std::string lab;
  if (is.column > 0 && is.column <= col_field_.size()) {
    lab = labels_[is.column - 1];
    if (col_field_[is.column - 1] >= 0) f = &ds_.fields[static_cast<std::size_t>(col_field_[is.column - 1])];
  }
  auto issue = [&](const char* type, Severity sev, auto&& words) {
    add(is.line, is.column, f, type, sev, [&] {
      Words w = words();
      return Said{lab, "", std::move(w.zh), std::move(w.en)};
    });
  };
  switch (is.kind) {
    case K::encoding_error: {
      // One issue per cell (the reader's); the cell is not checked further, and the row
      // takes no part in duplicate-row detection: U+FFFD makes different text equal.
      bad_bytes_ = true;
      if (f) cell_error_[static_cast<std::size_t>(col_field_[is.column - 1])] = true;
      add(is.line, is.column, f, "encoding-error", Severity::error, [&] {
        const std::string value = is.column == 0 || is.column > cells.size() ? std::string()
                                  : f ? shown(*f, cells[is.column - 1])
                                      : detail::clip(cells[is.column - 1]);
        return Said{
            lab, value,
            fmt::format("第{}行第{}列含有无法识别的字节（{}），已替换为�", is.line, is.column, is.detail),
            fmt::format("line {} column {}: undecodable bytes ({}), replaced by U+FFFD", is.line, is.column,
                        is.detail)};
      });
      break;
    }
    case K::nul_byte:
      issue("nul-byte", Severity::error, [&] {
        return Words{fmt::format("第{}行第{}列含有NUL字节（已去除）", is.line, is.column),
                     fmt::format("line {} column {}: NUL byte (removed)", is.line, is.column)};
      });
      break;
    case K::unterminated_quote:
      issue("unterminated-quote", Severity::error, [&] {
        return Words{fmt::format("第{}行开始的引号直到文件末尾都没有闭合", is.line),
                     fmt::format("the quote opened on line {} is never closed", is.line)};
      });
      break;
    case K::stray_quote:
      issue("stray-quote", Severity::warning, [&] {
        return Words{fmt::format("第{}行第{}列引号位置不规范，按原文保留", is.line, is.column),
                     fmt::format("line {} column {}: misplaced quote, kept as text", is.line, is.column)};
      });
      break;
    case K::field_too_large:
      issue("field-too-large", Severity::error, [&] {
        return Words{
            fmt::format("第{}行第{}列过长，已截断（{}）", is.line, is.column, is.detail),
            fmt::format("line {} column {} is too large and was cut ({})", is.line, is.column, is.detail)};
      });
      break;
    case K::too_many_fields:
      issue("extra-cell", Severity::error, [&] {
        return Words{
            fmt::format("第{}行字段数过多，多余部分被丢弃（{}）", is.line, is.detail),
            fmt::format("line {} has too many cells; the rest was dropped ({})", is.line, is.detail)};
      });
      break;
  }
}

void Checker::flush_blank() {
  if (pending_blank_.empty()) return;
  static const KeyedRecord kNoKeys;
  for (const auto& [line, ncells] : pending_blank_) {
    begin_row(line);
    ++report_.stats.blank_rows;
    add(line, 0, nullptr, "blank-row", Severity::error, [this] {
      return Said{"", "", keyed_ ? "空记录，未导入" : "空行，未导入",
                  keyed_ ? "blank record, not imported" : "blank row, not imported"};
    });
    if (keyed_)
      end_row({}, &kNoKeys);
    else
      end_row(std::vector<std::string>(ncells), nullptr);
  }
  pending_blank_.clear();
}

void Checker::begin_row(std::size_t line) {
  line_ = line;
  row_error_ = false;
  bad_bytes_ = false;
  row_reasons_.clear();
  std::fill(present_.begin(), present_.end(), false);
  std::fill(cell_error_.begin(), cell_error_.end(), false);
  if (side_) side_->value.clear();
  ++report_.stats.rows;
}

void Checker::check_side() {
  if (!side_ || !side_->check) return;
  std::string zh, en;
  if (side_->check(side_->value, zh, en)) return;
  const std::size_t col = keyed_ || side_col_ == SIZE_MAX ? 0 : side_col_ + 1;
  add(line_, col, nullptr, side_->type, Severity::error,
      [&] { return Said{side_->label, detail::clip(side_->value), zh, en}; });
}

void Checker::check_row() {
  for (std::size_t f = 0; f < ds_.fields.size(); ++f) {
    std::string& v = values_[f];
    if (!present_[f]) {
      v.clear();
      continue;
    }
    const std::string_view t = trim(v);
    if (t.size() != v.size()) v = std::string(t);
    if (!v.empty() && !cell_error_[f]) check_cell(f);  // cell_error_ here: undecodable bytes
  }
  check_required();  // after all cells are normalised (required_if reads another cell)
  for (const Rule& r : ds_.rules) check_rule(r);
  check_keys();
}

void Checker::check_required() {
  for (std::size_t f = 0; f < ds_.fields.size(); ++f) {
    const Field& fd = ds_.fields[f];
    if (!values_[f].empty() || cell_error_[f]) continue;
    const std::string* because = nullptr;  // required_if: the other cell's value that makes it required
    if (!fd.required && fd.required_if) {
      const std::string& other = values_[fd.required_if->field_index];
      for (const std::string& x : fd.required_if->in)
        if (!other.empty() && other == x) because = &other;
    }
    if (!fd.required && because == nullptr) continue;
    cell(f, "constraint-error", Severity::error, "", [&] {
      std::string why_zh, why_en;
      if (because) {
        const Field& of = ds_.fields[fd.required_if->field_index];
        why_zh = fmt::format("（「{}」为「{}」时必填）", of.title, *because);
        why_en = fmt::format(" (required when '{}' is '{}')", of.name, *because);
      }
      return Words{fmt::format("必填字段「{}」为空{}", fd.title, why_zh),
                   fmt::format("required field '{}' is empty{}", fd.name, why_en)};
    });
  }
}

void Checker::check_rule(const Rule& r) {
  switch (r.kind) {
    case RuleKind::date_order: {
      const std::size_t a = r.field_index[0], b = r.field_index[1];
      if (values_[a].empty() || values_[b].empty() || cell_error_[a] || cell_error_[b]) return;
      if (values_[a] <= values_[b]) return;
      const Field &fa = ds_.fields[a], &fb = ds_.fields[b];
      add(line_, column(b), &fb, "date-order", r.severity, [&] {
        return Said{label(b), values_[b],
                    fmt::format("「{}」（{}）早于「{}」（{}）", fb.title, values_[b], fa.title, values_[a]),
                    fmt::format("'{}' ({}) is before '{}' ({})", fb.name, values_[b], fa.name, values_[a])};
      });
      return;
    }
    case RuleKind::one_of_required: {
      for (std::size_t i : r.field_index)
        if (!values_[i].empty() || cell_error_[i]) return;
      add(line_, 0, nullptr, "one-of-required", r.severity, [&] {
        std::string names_zh, names_en;
        for (std::size_t i : r.field_index) {
          names_zh += (names_zh.empty() ? "「" : "」「") + ds_.fields[i].title;
          names_en += (names_en.empty() ? "" : ", ") + ds_.fields[i].name;
        }
        return Said{"", "", fmt::format("{}」至少须填写一项", names_zh),
                    fmt::format("at least one of {} must be filled in", names_en)};
      });
      return;
    }
    case RuleKind::id_matches_type: {
      const std::size_t t = r.field_index[0], n = r.field_index[1];
      if (values_[t].empty() || values_[n].empty() || cell_error_[n]) return;
      if (std::find(r.codes.begin(), r.codes.end(), values_[t]) == r.codes.end()) return;
      const IdResult id = check_resident_id(values_[n]);
      if (id.status == IdStatus::valid) {
        values_[n] = id.normalized;
        return;
      }
      if (id.status == IdStatus::legacy) values_[n] = id.converted;
      id_finding(n, values_[n], id, "resident-id-");
      return;
    }
  }
}

}  // namespace ecredit::detail
