// The contract's archive state documents (docs/contract.md): "objections" (the objections
// of an archive with their steps and deadlines) and "archive-check" (the integrity check)
// as outputs, "field-values" (the fields of a correction) as input. Every interface — the
// C ABI, the Python bindings, the CLI — renders and parses these here.
#include "contract/contract.hpp"
#include "ecredit/error.hpp"

namespace ecredit::contract {

namespace {
Json day_or_null(const std::optional<date::sys_days>& d) { return d ? Json(format_iso_date(*d)) : Json(); }
}  // namespace

Json to_value(const ObjectionStep& s) {
  return {{"step", s.step},
          {"title", s.title},
          {"basis", s.basis},
          {"working_days", s.working_days},
          {"due", format_iso_date(s.due)},
          {"done_on", day_or_null(s.done_on)},
          {"outcome", s.outcome},
          {"note", s.note},
          {"overdue", s.overdue}};
}

Json to_value(const Objection& o) {
  Json steps = Json::array();
  for (const ObjectionStep& s : o.steps) steps.push_back(to_value(s));
  return {{"id", o.id},
          {"record_id", o.record_id},
          {"filed_on", format_iso_date(o.filed_on)},
          {"status", o.status},
          {"grounds", o.grounds},
          {"by", o.by},
          {"steps", steps}};
}

Json objections(const std::vector<Objection>& list) {
  Json out = Json::array();
  for (const Objection& o : list) out.push_back(to_value(o));
  return out;
}

Json to_value(const Archive::CheckResult& c) {
  return {{"ok", c.ok},
          {"problems", c.problems},
          {"batches", c.batches},
          {"entities", c.entities},
          {"versions", c.versions},
          {"events", c.events}};
}

std::map<std::string, std::string> field_values(const Json& j, std::string_view where) {
  const std::string what = where.empty() ? std::string("values") : std::string(where);
  detail::require_object(j, what);
  if (j.empty()) throw InvalidInputError(what + ": no field given");
  std::map<std::string, std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key().empty()) throw InvalidInputError(what + ": a field name is empty");
    if (it->is_null()) {
      out[it.key()] = "";
    } else if (it->is_string()) {
      out[it.key()] = it->get<std::string>();
    } else {
      throw InvalidInputError(what + ": '" + it.key() + "' must be a string or null");
    }
  }
  return out;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

std::string to_json(const Objection& o, int indent) { return contract::dump(contract::to_value(o), indent); }
std::string objections_json(const std::vector<Objection>& list, int indent) {
  return contract::dump(contract::objections(list), indent);
}
std::string to_json(const Archive::CheckResult& c, int indent) {
  return contract::dump(contract::to_value(c), indent);
}
std::map<std::string, std::string> field_values_from_json(std::string_view json) {
  return contract::field_values(contract::parse_object(json, "values"), "values");
}

ECREDIT_END_NAMESPACE
