// The contract's repair documents: repair-decision (output), repair-record and
// repair-evidence (inputs) (docs/contract.md). Parsed once here for every interface.
#include <algorithm>
#include <set>

#include "contract/contract.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"

namespace ecredit::contract {

namespace {

Json day_or_null(const std::optional<date::sys_days>& x) { return x ? Json(format_iso_date(*x)) : Json(); }

std::string where_of(std::string_view where, const char* fallback) {
  return where.empty() ? std::string(fallback) : std::string(where);
}

using detail::day_value;
using detail::require_object;
using detail::string_member;

// `value` must be one of `known` (when the pack defines any): "<what>: <member> 'v' is not
// <whose> (a, b, c)".
void check_known(const std::string& what, const char* member, const std::string& value,
                 const std::set<std::string>& known, const char* whose) {
  if (value.empty() || known.empty() || known.count(value)) return;
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  throw InvalidInputError(what + ": " + member + " '" + value + "' is not " + whose + " (" + list + ")");
}

}  // namespace

Json to_value(const RepairDecision& d) {
  Json j;
  j["status"] = d.status;
  if (!d.record_id.empty()) j["record_id"] = d.record_id;
  j["as_of"] = format_iso_date(d.as_of);
  j["earliest_date"] = day_or_null(d.earliest_date);
  j["publication_end"] = day_or_null(d.publication_end);
  j["processing_deadline"] = day_or_null(d.processing_deadline);
  j["processing_deadline_extended"] = day_or_null(d.processing_deadline_extended);
  j["missing"] = d.missing;
  j["reasons"] = d.reasons;
  j["regime"] = d.regime;
  j["regime_title"] = d.regime_title;
  j["regime_reason"] = d.regime_reason;
  j["severity"] = d.severity;
  j["min_months"] = d.min_months;
  j["max_months"] = d.max_months;
  j["basis"] = d.basis;
  j["processing"] = Json::array();
  for (const RepairStepDate& s : d.processing)
    j["processing"].push_back({{"step", s.step},
                               {"title", s.title},
                               {"working_days", s.working_days},
                               {"due", format_iso_date(s.due)},
                               {"from", s.from},
                               {"extends", s.extends.empty() ? Json() : Json(s.extends)},
                               {"applies", s.applies},
                               {"confirmed", s.confirmed},
                               {"basis", s.basis}});
  j["effects"] = d.effects;
  j["arithmetic"] = d.arithmetic;
  j["calendar_gap"] = d.calendar_gap;
  j["pack_hash"] = d.pack_hash;
  return j;
}

RepairRecord repair_record_shape(const Json& j, std::string_view where) {
  const std::string what = where_of(where, "record");
  require_object(j, what);
  static const char* kKeys[] = {"id",        "category",      "severity", "decision_date",     "domain",
                                "area",      "penalty_types", "flags",    "commitment_broken", "fine_amount",
                                "procedure", "note"};
  for (const auto& item : j.items()) {
    const std::string& k = item.key();
    if (std::none_of(std::begin(kKeys), std::end(kKeys), [&](const char* x) { return k == x; }))
      throw InvalidInputError(what + ": unknown member '" + k + "'");
  }
  RepairRecord r;
  r.id = string_member(j, "id", what);
  r.category = string_member(j, "category", what);
  if (r.category.empty()) throw InvalidInputError(what + ": 'category' is required");
  r.severity = string_member(j, "severity", what);
  r.domain = string_member(j, "domain", what);
  r.area = string_member(j, "area", what);
  r.procedure = string_member(j, "procedure", what);
  if (j.contains("fine_amount") && !j["fine_amount"].is_null()) {
    if (!j["fine_amount"].is_number())
      throw InvalidInputError(what + ": 'fine_amount' must be a number (万元)");
    r.fine_amount = j["fine_amount"].get<double>();
  }
  if (!j.contains("decision_date")) throw InvalidInputError(what + ": 'decision_date' is required");
  r.decision_date = day_value(j["decision_date"], "decision_date", what);
  for (const char* key : {"penalty_types", "flags"}) {
    if (!j.contains(key) || j[key].is_null()) continue;
    const Json& a = j[key];
    if (!a.is_array()) throw InvalidInputError(what + ": '" + key + "' must be a list of strings");
    for (const Json& x : a) {
      if (!x.is_string()) throw InvalidInputError(what + ": '" + key + "' must be a list of strings");
      (key[0] == 'p' ? r.penalty_types : r.flags).push_back(x.get<std::string>());
    }
  }
  if (j.contains("commitment_broken") && !j["commitment_broken"].is_null()) {
    if (!j["commitment_broken"].is_boolean())
      throw InvalidInputError(what + ": 'commitment_broken' must be true/false");
    r.commitment_broken = j["commitment_broken"].get<bool>();
  }
  return r;
}

namespace {

// The evidence names the engine's repair tiers ask for; the shape-only parser (no engine)
// accepts the names of the built-in pack.
// (in the order repair.json first names them).
std::vector<std::string> evidence_names(const Engine& engine) {
  std::vector<std::string> names;
  for (const RepairRegime& rg : engine.repair_policy().regimes)
    for (const auto& [category, tiers] : rg.tiers)
      for (const auto& [severity, tier] : tiers)
        for (const std::string& e : tier.evidence)
          if (std::find(names.begin(), names.end(), e) == names.end()) names.push_back(e);
  return names;
}

RepairEvidence evidence_of(const Json& j, std::string_view where, const std::vector<std::string>& names) {
  const std::string what = where_of(where, "evidence");
  require_object(j, what);
  RepairEvidence ev;
  for (const auto& item : j.items()) {
    const std::string& k = item.key();
    if (std::find(names.begin(), names.end(), k) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      throw InvalidInputError(what + ": unknown name '" + k + "' (expected " + list + ")");
    }
    if (item.value().is_null()) continue;
    ev[k] = day_value(item.value(), k, what);
  }
  return ev;
}

}  // namespace

RepairEvidence repair_evidence_shape(const Json& j, std::string_view where) {
  static const std::vector<std::string> kNames = evidence_names(*Engine::default_engine());
  return evidence_of(j, where, kNames);
}

template <>
RepairEvidence from_value<RepairEvidence>(const Json& j, const Engine& engine, std::string_view where,
                                          std::size_t) {
  return evidence_of(j, where, evidence_names(engine));
}

template <>
RepairRecord from_value<RepairRecord>(const Json& j, const Engine& engine, std::string_view where,
                                      std::size_t) {
  const std::string what = where_of(where, "record");
  RepairRecord r = repair_record_shape(j, what);
  std::set<std::string> categories, severities;
  for (const RepairRegime& rg : engine.repair_policy().regimes)
    for (const auto& [category, tiers] : rg.tiers) {
      categories.insert(category);
      for (const auto& [severity, tier] : tiers) severities.insert(severity);
    }
  check_known(what, "category", r.category, categories, "a category of the pack's repair rules");
  check_known(what, "severity", r.severity, severities, "a severity of the pack's repair rules");
  const auto& areas = engine.repair_policy().area_names;
  if (!r.area.empty() && !areas.empty() && !areas.count(r.area)) {
    std::set<std::string> known;
    for (const auto& [name, area] : areas) known.insert(area);
    check_known(what, "area", r.area, known, "an area of the pack's repair rules (or an alias)");
  }
  if (const CodeTable* t = engine.code_table("penalty_procedure"))
    if (!r.procedure.empty() && t->find(r.procedure) == nullptr)
      throw InvalidInputError(what + ": procedure '" + r.procedure + "' is not a code of penalty_procedure");
  return r;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

std::string to_json(const RepairDecision& d, int indent) {
  return contract::dump(contract::to_value(d), indent);
}
std::string RepairDecision::to_json(int indent) const { return ecredit::to_json(*this, indent); }

RepairRecord repair_record_from_json(std::string_view json) {
  return contract::repair_record_shape(contract::parse_object(json, "record"));
}
RepairEvidence repair_evidence_from_json(std::string_view json) {
  return contract::repair_evidence_shape(contract::parse_object(json, "evidence"));
}
RepairRecord repair_record_from_json(std::string_view json, const Engine& engine) {
  return contract::from_value<RepairRecord>(contract::parse_object(json, "record"), engine, "record");
}
RepairEvidence repair_evidence_from_json(std::string_view json, const Engine& engine) {
  return contract::from_value<RepairEvidence>(contract::parse_object(json, "evidence"), engine, "evidence");
}

ECREDIT_END_NAMESPACE
