// The contract's archive documents (docs/contract.md, docs/archive.md): import-result,
// entity-history, journal-entry, archive-check. Rendered once here for every interface.
#include "ecredit/archive.hpp"
#include "archive/time.hpp"
#include "contract/contract.hpp"
#include "ecredit/id.hpp"
#include "ecredit/json.hpp"

namespace ecredit::contract {

namespace {
/// A journal entry's detail: the JSON object it holds (an unreadable one as a string).
Json detail_value(const std::string& text) {
  if (text.empty()) return Json::object();
  try {
    return Json::parse(text);
  } catch (const Json::exception&) {
    return Json(text);
  }
}
}  // namespace

Json to_value(const ImportCounts& c) {
  Json j;
  j["read"] = c.read;
  j["inserted"] = c.inserted;
  j["updated"] = c.updated;
  j["unchanged"] = c.unchanged;
  j["withdrawn"] = c.withdrawn;
  j["rejected"] = c.rejected;
  return j;
}

Json to_value(const ImportResult& r, std::string_view lang) {
  Json j;
  j["batch"] = r.batch;
  j["source"] = r.source;
  j["received_at"] = r.received_at;
  j["recorded_at"] = archive::format_time(r.recorded_at);
  j["counts"] = Json::object();
  for (const auto& [ds, c] : r.counts) j["counts"][ds] = to_value(c);
  j["reports"] = Json::object();
  for (const auto& [k, rep] : r.reports) j["reports"][k] = to_value(rep, lang);
  j["skipped"] = r.skipped;
  return j;
}

Json to_value(const JournalEntry& e) {
  Json j;
  j["seq"] = e.seq;
  j["kind"] = e.kind;
  j["entity"] = e.entity;
  j["recorded_at"] = archive::format_time(e.recorded_at);
  j["on"] = e.on;
  j["actor"] = e.actor;
  j["reason"] = e.reason;
  j["basis"] = e.basis;
  j["detail"] = detail_value(e.detail);
  return j;
}

Json to_value(const EntityHistory& h, const Engine& engine) {
  const Dataset* ds = engine.catalog().find(h.dataset);
  Json j;
  j["id"] = h.id;
  j["dataset"] = h.dataset;
  j["key"] = h.key;
  j["versions"] = Json::array();
  for (const EntityVersion& v : h.versions) {
    Json x;
    x["batch"] = v.batch;
    x["op"] = v.op;
    x["recorded_at"] = archive::format_time(v.recorded_at);
    x["received_at"] = v.received_at;
    x["source"] = v.source;
    x["actor"] = v.actor;
    x["reason"] = v.reason;
    x["values"] = Json::object();
    for (const auto& [name, value] : v.values) {
      // personal fields masked, as in every output (the catalog's `personal`, resident IDs)
      const std::ptrdiff_t f = ds ? ds->field_index(name) : -1;
      const bool personal = f >= 0 && ds->fields[static_cast<std::size_t>(f)].personal;
      x["values"][name] = personal ? mask_id(value) : value;
    }
    j["versions"].push_back(std::move(x));
  }
  j["events"] = Json::array();
  for (const JournalEntry& e : h.events) j["events"].push_back(to_value(e));
  return j;
}

Json to_value(const Archive::CheckResult& c) {
  Json j;
  j["ok"] = c.ok;
  j["problems"] = c.problems;
  j["batches"] = c.batches;
  j["entities"] = c.entities;
  j["versions"] = c.versions;
  j["events"] = c.events;
  return j;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

std::string to_json(const ImportResult& r, std::string_view lang, int indent) {
  return contract::dump(contract::to_value(r, lang), indent);
}
std::string to_json(const JournalEntry& e, int indent) {
  return contract::dump(contract::to_value(e), indent);
}
std::string to_json(const EntityHistory& h, const Engine& engine, int indent) {
  return contract::dump(contract::to_value(h, engine), indent);
}
std::string to_json(const Archive::CheckResult& c, int indent) {
  return contract::dump(contract::to_value(c), indent);
}

ECREDIT_END_NAMESPACE
