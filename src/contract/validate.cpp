// The contract's validation documents: finding and validation-report (docs/contract.md).
#include "contract/contract.hpp"

namespace ecredit::contract {

Json to_value(const Finding& f, std::string_view lang) {
  return {{"type", f.type},   {"severity", to_string(f.severity)},
          {"row", f.row},     {"column", f.column},
          {"field", f.field}, {"label", f.label},
          {"value", f.value}, {"message", f.message(lang)}};
}

Json to_value(const ValidateStats& s) {
  return {
      {"rows", s.rows},     {"accepted", s.accepted}, {"rejected", s.rejected}, {"blank_rows", s.blank_rows},
      {"errors", s.errors}, {"warnings", s.warnings}, {"bytes", s.bytes},       {"encoding", s.encoding}};
}

Json to_value(const Report& r, std::string_view lang) {
  Json j;
  j["valid"] = r.valid();
  j["dataset"] = r.dataset;
  j["pack"] = {{"id", r.pack_id}, {"hash", r.pack_hash}};
  j["stats"] = to_value(r.stats);
  j["counts"] = Json::object();
  for (const auto& [type, n] : r.counts) j["counts"][type] = n;
  j["truncated"] = r.truncated;
  j["findings"] = Json::array();
  for (const Finding& f : r.findings) j["findings"].push_back(to_value(f, lang));
  return j;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

std::string to_json(const Finding& f, std::string_view lang, int indent) {
  return contract::dump(contract::to_value(f, lang), indent);
}
std::string to_json(const Report& r, std::string_view lang, int indent) {
  return contract::dump(contract::to_value(r, lang), indent);
}
std::string Report::to_json(std::string_view lang, int indent) const {
  return ecredit::to_json(*this, lang, indent);
}

ECREDIT_END_NAMESPACE
