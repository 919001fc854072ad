// The Checker's findings: every finding is counted (Report::counts, stats, the row's
// verdict); only the first max_findings are kept, and only those are worded.
#include <fmt/format.h>

#include "checker.hpp"
#include "ecredit/id.hpp"

namespace ecredit::detail {

std::atomic<std::uint64_t> finding_messages_built{0};

Checker::Checker(const Engine& engine, const Dataset& ds, const ValidateOptions& opts)
    : ds_(ds), opts_(opts), labels_index_(label_index(engine, ds)) {
  report_.dataset = ds.id;
  report_.pack_id = engine.id();
  report_.pack_hash = engine.hash();
  const std::size_t n = ds.fields.size();
  unique_seen_.resize(n);
  for (std::size_t i = 0; i < n; ++i) all_fields_.push_back(i);
  values_.resize(n);
  present_.resize(n);
  cell_error_.resize(n);
  column_of_.assign(n, 0);
  label_of_.resize(n);
  key_seen_.resize(n);
  start_outputs();
}

bool Checker::count(const Field* f, const std::string& type, Severity& sev) {
  if (f && f->severity == Severity::warning) sev = Severity::warning;
  ++report_.counts[type];
  if (sev == Severity::error) {
    ++report_.stats.errors;
    row_error_ = true;
  } else {
    ++report_.stats.warnings;
  }
  const bool kept = report_.findings.size() < opts_.max_findings;
  if (!kept) report_.truncated = true;
  return kept || opts_.out_rejected != nullptr;
}

void Checker::keep(std::size_t row, std::size_t col, const Field* f, const std::string& type, Severity sev,
                   Said said) {
  finding_messages_built.fetch_add(1, std::memory_order_relaxed);
  if (opts_.out_rejected)
    row_reasons_.push_back(fmt::format("{}({}): {}", type, f ? f->name : said.label, said.en));
  if (report_.findings.size() >= opts_.max_findings) return;
  Finding fd;
  fd.type = type;
  fd.severity = sev;
  fd.row = row;
  fd.column = col;
  fd.field = f ? f->name : std::string();
  fd.label = std::move(said.label);
  fd.value = std::move(said.value);
  fd.message_zh = std::move(said.zh);
  fd.message_en = std::move(said.en);
  report_.findings.push_back(std::move(fd));
}

std::string Checker::shown(const Field& f, std::string_view v) const {
  return f.personal ? mask_id(v) : detail::clip(v);
}

void Checker::encoding_hint() {
  add(0, 0, nullptr, "encoding-mismatch", Severity::warning, [] {
    return Said{
        "", "",
        "文件按UTF-8读取，但不是有效的UTF-8，而能按GB18030正确解码：请改用 --encoding gb18030（或 auto）",
        "the file was read as UTF-8 but is not valid UTF-8, while its bytes decode as GB18030: "
        "try --encoding gb18030 (or auto)"};
  });
}

Report Checker::finish(std::uint64_t bytes, std::string encoding) {
  if (!has_header_ && report_.stats.rows == 0) {
    pending_blank_.clear();  // nothing but blank lines: the file is empty
    add(0, 0, nullptr, "empty-file", Severity::error,
        [] { return Said{"", "", "文件为空：没有表头", "the file is empty: no header"}; });
  } else {
    if (!pending_blank_.empty()) {
      const std::size_t n = pending_blank_.size();
      add(pending_blank_.front().first, 0, nullptr, "blank-trailing-lines", Severity::warning, [n] {
        return Said{"", "", fmt::format("末尾的{}个空行已忽略", n),
                    n == 1 ? std::string("1 blank line at the end was ignored")
                           : fmt::format("{} blank lines at the end were ignored", n)};
      });
      pending_blank_.clear();
    }
    if (keyed_)
      for (std::size_t f = 0; f < ds_.fields.size(); ++f)
        if (!key_seen_[f]) missing_label(0, f);
    if (report_.stats.rows == 0)
      add(0, 0, nullptr, "no-data-rows", Severity::warning,
          [] { return Said{"", "", "文件只有表头，没有数据行", "the file has a header but no data rows"}; });
  }
  report_.stats.bytes = bytes;
  report_.stats.encoding = std::move(encoding);
  return std::move(report_);
}

}  // namespace ecredit::detail
