// The contract's listings of a pack: datasets, models and measures (docs/contract.md).
#include "contract/contract.hpp"
#include "ecredit/engine.hpp"

namespace ecredit::contract {

namespace {
Json day_or_null(const std::optional<date::sys_days>& d) { return d ? Json(format_iso_date(*d)) : Json(); }
}  // namespace

Json datasets(const Engine& engine) {
  Json out = Json::array();
  for (const Dataset& d : engine.catalog().datasets) {
    Json fields = Json::array();
    for (const Field& f : d.fields)
      fields.push_back({{"name", f.name},
                        {"title", f.title},
                        {"type", to_string(f.type)},
                        {"required", f.required},
                        {"aliases", f.aliases}});
    out.push_back({{"id", d.id},
                   {"title", d.title},
                   {"title_en", d.title_en},
                   {"disclosure", d.disclosure},
                   {"source_department", d.source_department},
                   {"maps_to", d.maps_to.kind},
                   {"primary_key", d.primary_key},
                   {"fields", fields}});
  }
  return out;
}

Json models(const Engine& engine) {
  Json out = Json::array();
  for (const GradingModel& m : engine.models())
    out.push_back({{"id", m.id},
                   {"title", m.title},
                   {"version", m.version},
                   {"scale", m.scale},
                   {"effective_from", day_or_null(m.effective_from)},
                   {"effective_to", day_or_null(m.effective_to)},
                   {"supervision", m.supervision_json.empty() ? Json() : Json::parse(m.supervision_json)}});
  return out;
}

Json measures(const Engine& engine) {
  Json out = Json::array();
  for (const Measure& m : engine.measures().measures)
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
                   {"effective_from", day_or_null(m.effective_from)},
                   {"effective_to", day_or_null(m.effective_to)}});
  return out;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

std::string datasets_json(const Engine& engine, int indent) {
  return contract::dump(contract::datasets(engine), indent);
}
std::string models_json(const Engine& engine, int indent) {
  return contract::dump(contract::models(engine), indent);
}
std::string measures_json(const Engine& engine, int indent) {
  return contract::dump(contract::measures(engine), indent);
}

ECREDIT_END_NAMESPACE
