// The contract's archive documents (docs/contract.md): "import-result" (one import with its
// reconciliation), "entity-history", "journal" (of "journal-entry"), "objections" (with
// their steps and deadlines) and "archive-check" (the integrity check) as outputs,
// "field-values" (the fields of a correction) as input. Every interface — the
// C ABI, the Python bindings, the CLI — renders and parses these here.
#include "archive/archive_impl.hpp"
#include "contract/contract.hpp"
#include "ecredit/error.hpp"

namespace ecredit::contract {

namespace {
Json day_or_null(const std::optional<date::sys_days>& d) { return d ? Json(format_iso_date(*d)) : Json(); }
// A journal entry's detail: the JSON object it holds (text that is no JSON stays a string).
Json detail_value(const std::string& detail) {
  if (detail.empty()) return Json::object();
  Json j = Json::parse(detail, nullptr, false);
  return j.is_discarded() ? Json(detail) : j;
}
}  // namespace

Json to_value(const ImportCounts& c) {
  return {{"read", c.read},           {"inserted", c.inserted},   {"updated", c.updated},
          {"unchanged", c.unchanged}, {"withdrawn", c.withdrawn}, {"rejected", c.rejected}};
}

Json to_value(const ImportResult& r, std::string_view lang) {
  Json counts = Json::object(), reports = Json::object();
  for (const auto& [dataset, c] : r.counts) counts[dataset] = to_value(c);
  for (const auto& [dataset, report] : r.reports) reports[dataset] = to_value(report, lang);
  return {{"batch", r.batch},
          {"source", r.source},
          {"received_at", r.received_at},
          {"recorded_at", archive::format_time(r.recorded_at)},
          {"counts", counts},
          {"reports", reports},
          {"skipped", r.skipped}};
}

Json to_value(const JournalEntry& e) {
  return {{"seq", e.seq},
          {"kind", e.kind},
          {"entity", e.entity},
          {"recorded_at", archive::format_time(e.recorded_at)},
          {"on", e.on},
          {"actor", e.actor},
          {"reason", e.reason},
          {"basis", e.basis},
          {"detail", detail_value(e.detail)}};
}

Json journal(const std::vector<JournalEntry>& entries) {
  Json out = Json::array();
  for (const JournalEntry& e : entries) out.push_back(to_value(e));
  return out;
}

Json to_value(const EntityHistory& h) {
  Json versions = Json::array();
  for (const EntityVersion& v : h.versions) {
    Json values = Json::object();
    for (const auto& [field, value] : v.values) values[field] = value;
    versions.push_back({{"batch", v.batch},
                        {"op", v.op},
                        {"recorded_at", archive::format_time(v.recorded_at)},
                        {"received_at", v.received_at},
                        {"source", v.source},
                        {"actor", v.actor},
                        {"reason", v.reason},
                        {"values", values}});
  }
  return {{"id", h.id},
          {"dataset", h.dataset},
          {"key", h.key},
          {"versions", versions},
          {"events", journal(h.events)}};
}

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
  return {{"id", o.id},         {"record_id", o.record_id}, {"filed_on", format_iso_date(o.filed_on)},
          {"status", o.status}, {"grounds", o.grounds},     {"by", o.by},
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

std::string to_json(const ImportResult& r, std::string_view lang, int indent) {
  return contract::dump(contract::to_value(r, lang), indent);
}
std::string to_json(const EntityHistory& h, int indent) {
  return contract::dump(contract::to_value(h), indent);
}
std::string to_json(const JournalEntry& e, int indent) {
  return contract::dump(contract::to_value(e), indent);
}
std::string journal_json(const std::vector<JournalEntry>& entries, int indent) {
  return contract::dump(contract::journal(entries), indent);
}
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
