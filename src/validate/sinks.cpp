// Output sinks: accepted rows (normalised, catalog field names) to out_valid, rejected
// rows (as read, with their reasons) to out_rejected, and the on_accepted callback.
#include <nlohmann/json.hpp>

#include <ostream>

#include "checker.hpp"

namespace ecredit::detail {

void Checker::start_outputs() {
  if (opts_.out_valid && opts_.out_valid_format == OutputFormat::csv) {
    std::vector<std::string> names;
    for (const Field& f : ds_.fields) names.push_back(f.name);
    detail::write_csv_row(*opts_.out_valid, names);
  }
}

void Checker::end_row(const std::vector<std::string>& cells, const KeyedRecord* rec) {
  if (row_error_) {
    ++report_.stats.rejected;
    if (opts_.out_rejected) write_rejected(cells, rec);
  } else {
    ++report_.stats.accepted;
    if (opts_.out_valid) write_valid();
    if (opts_.on_accepted) opts_.on_accepted(line_, values_);
  }
}

void Checker::write_valid() {
  std::ostream& os = *opts_.out_valid;
  if (opts_.out_valid_format == OutputFormat::csv) {
    detail::write_csv_row(os, values_);
    return;
  }
  nlohmann::ordered_json j;
  for (std::size_t f = 0; f < ds_.fields.size(); ++f)
    if (!values_[f].empty()) j[ds_.fields[f].name] = values_[f];
  os << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void Checker::write_rejected(const std::vector<std::string>& cells, const KeyedRecord* rec) {
  std::ostream& os = *opts_.out_rejected;
  std::string reasons;
  for (const auto& r : row_reasons_) reasons += (reasons.empty() ? "" : "; ") + r;
  if (opts_.out_rejected_format == OutputFormat::csv) {
    if (!rejected_header_written_) {
      std::vector<std::string> h = {"_row", "_errors"};
      h.insert(h.end(), labels_.begin(), labels_.end());
      detail::write_csv_row(os, h);
      rejected_header_written_ = true;
    }
    std::vector<std::string> out = {std::to_string(line_), reasons};
    if (rec) {
      for (const auto& [k, v] : *rec) out.push_back(k + "=" + v.value_or(""));
    } else {
      out.insert(out.end(), cells.begin(), cells.end());
    }
    detail::write_csv_row(os, out);
    return;
  }
  nlohmann::ordered_json j;
  j["row"] = line_;
  j["errors"] = row_reasons_;
  nlohmann::ordered_json data = nlohmann::ordered_json::object();
  if (rec) {
    for (const auto& [k, v] : *rec) data[k] = v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json();
  } else {
    for (std::size_t c = 0; c < cells.size(); ++c)
      data[c < labels_.size() && !labels_[c].empty() ? labels_[c] : "_" + std::to_string(c + 1)] = cells[c];
  }
  j["data"] = data;
  os << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace ecredit::detail
