// TEMPORARY: the contract's value functions (src/contract/contract.hpp, branch i13-contract)
// built from what the library has today, so the split bindings build before the contract
// lands. Deleted when it is merged.
#pragma once

#include <fstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ecredit/ecredit.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/grading.hpp"
#include "ecredit/precheck.hpp"
#include "ecredit/repair.hpp"
#include "ecredit/validate.hpp"

namespace ecredit::contract {

using Json = nlohmann::ordered_json;

inline Json parse(const std::string& s) { return Json::parse(s); }

inline Json to_value(const Finding& f, std::string_view lang) {
  return {{"type", f.type},   {"severity", to_string(f.severity)}, {"row", f.row},
          {"column", f.column}, {"field", f.field},                {"label", f.label},
          {"value", f.value}, {"message", f.message(lang)}};
}
inline Json to_value(const Report& r, std::string_view lang) { return parse(r.to_json(lang)); }

inline Json to_value(const Grade& g) {
  Json j = parse(g.to_json());
  j["trace"] = Json::array();
  for (const auto& t : g.trace)
    j["trace"].push_back({{"kind", t.kind},
                          {"rule", t.rule},
                          {"record", t.record},
                          {"age_months", t.age_months >= 0 ? Json(t.age_months) : Json()},
                          {"factor", t.factor},
                          {"points", t.points},
                          {"detail", t.detail},
                          {"basis", t.basis}});
  return j;
}
inline Json to_value(const Decision& d) { return parse(d.to_json()); }
inline Json to_value(const RepairDecision& d) { return parse(d.to_json()); }
inline Json feedback_value(const Decision& d, const Engine& e, std::string_view measure_id, std::string_view result,
                           std::string_view case_no, std::string_view department, std::string_view when,
                           std::string_view reason) {
  return parse(d.feedback(e, measure_id, result, case_no, department, when, reason));
}

inline Json iso(const std::optional<date::sys_days>& d) { return d ? Json(format_iso_date(*d)) : Json(); }

inline Json datasets(const Engine& e) {
  Json out = Json::array();
  for (const auto& d : e.catalog().datasets) {
    Json x;
    x["id"] = d.id;
    x["title"] = d.title;
    x["title_en"] = d.title_en;
    x["disclosure"] = d.disclosure;
    x["source_department"] = d.source_department;
    x["maps_to"] = d.maps_to.kind;
    x["primary_key"] = d.primary_key;
    x["fields"] = Json::array();
    for (const auto& f : d.fields)
      x["fields"].push_back({{"name", f.name},
                             {"title", f.title},
                             {"type", std::string(to_string(f.type))},
                             {"required", f.required},
                             {"aliases", f.aliases}});
    out.push_back(std::move(x));
  }
  return out;
}

inline Json models(const Engine& e) {
  Json out = Json::array();
  for (const auto& mm : e.models())
    out.push_back({{"id", mm.id},
                   {"title", mm.title},
                   {"version", mm.version},
                   {"scale", mm.scale},
                   {"effective_from", iso(mm.effective_from)},
                   {"effective_to", iso(mm.effective_to)},
                   {"supervision", mm.supervision_json.empty() ? Json() : parse(mm.supervision_json)}});
  return out;
}

inline Json measures(const Engine& e) {
  Json out = Json::array();
  for (const Measure& m : e.measures().measures)
    out.push_back({{"id", m.id},
                   {"title", m.title},
                   {"kind", m.reward ? "reward" : "punishment"},
                   {"effect", effect_name(m.effect)},
                   {"scenarios", m.scenarios},
                   {"departments", m.departments},
                   {"mandatory", m.mandatory},
                   {"basis", m.basis},
                   {"basis_confirmed", m.basis_confirmed},
                   {"basis_unconfirmed", m.basis_unconfirmed},
                   {"effective_from", iso(m.effective_from)},
                   {"effective_to", iso(m.effective_to)}});
  return out;
}

template <class T>
T from_value(const Json& j, const Engine& engine, std::string_view where = {});
template <>
inline RepairRecord from_value<RepairRecord>(const Json& j, const Engine&, std::string_view) {
  return repair_record_from_json(j.dump());
}
template <>
inline RepairEvidence from_value<RepairEvidence>(const Json& j, const Engine&, std::string_view) {
  return repair_evidence_from_json(j.dump());
}

inline OutputFormat open_output(std::ofstream& f, const std::string& path, std::string_view, std::string_view what) {
  open_for_writing(f, path, what);
  const bool jsonl = path.size() >= 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0;
  return jsonl ? OutputFormat::jsonl : OutputFormat::csv;
}

}  // namespace ecredit::contract
