// The contract's archive documents: import-result, journal-entry / journal and
// entity-history (docs/contract.md, docs/archive.md).
#include "archive/archive_impl.hpp"
#include "contract/contract.hpp"
#include "ecredit/id.hpp"

namespace ecredit::contract {

namespace {

Json text_or_null(const std::string& s) { return s.empty() ? Json() : Json(s); }

}  // namespace

std::string masked(const std::string& v) {
  if (v.size() != 15 && v.size() != 18) return v;
  return maybe_personal_id(check_id(v)) ? mask_id(v) : v;
}

Json to_value(const ImportCounts& n) {
  return {{"read", n.read},           {"inserted", n.inserted},   {"updated", n.updated},
          {"unchanged", n.unchanged}, {"withdrawn", n.withdrawn}, {"rejected", n.rejected}};
}

Json to_value(const ImportResult& r, std::string_view lang) {
  Json j;
  j["batch"] = r.batch;
  j["source"] = r.source;
  j["received_at"] = text_or_null(r.received_at);
  j["recorded_at"] = archive::format_time(r.recorded_at);
  j["counts"] = Json::object();
  for (const auto& [ds, n] : r.counts) j["counts"][ds] = to_value(n);
  j["reports"] = Json::object();
  for (const auto& [ds, rep] : r.reports) j["reports"][ds] = to_value(rep, lang);
  j["skipped"] = r.skipped;
  return j;
}

Json to_value(const JournalEntry& e) {
  Json j;
  j["seq"] = e.seq;
  j["kind"] = e.kind;
  j["entity"] = e.entity;
  j["recorded_at"] = archive::format_time(e.recorded_at);
  j["on"] = text_or_null(e.on);
  j["actor"] = e.actor;
  j["reason"] = e.reason;
  j["basis"] = e.basis;
  Json detail = Json::parse(e.detail.empty() ? std::string("{}") : e.detail, nullptr, false);
  j["detail"] = detail.is_object() ? detail : Json::object();
  return j;
}

Json journal(const std::vector<JournalEntry>& entries) {
  Json j = Json::array();
  for (const auto& e : entries) j.push_back(to_value(e));
  return j;
}

Json to_value(const EntityHistory& h) {
  Json j;
  j["id"] = h.id;
  j["dataset"] = h.dataset;
  j["key"] = h.key;
  j["versions"] = Json::array();
  for (const EntityVersion& v : h.versions) {
    Json values = Json::object();
    for (const auto& [k, x] : v.values) values[k] = masked(x);
    j["versions"].push_back({{"batch", v.batch},
                             {"op", v.op},
                             {"recorded_at", archive::format_time(v.recorded_at)},
                             {"received_at", text_or_null(v.received_at)},
                             {"source", v.source},
                             {"actor", v.actor},
                             {"reason", v.reason},
                             {"values", values}});
  }
  j["events"] = journal(h.events);
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
std::string journal_json(const std::vector<JournalEntry>& entries, int indent) {
  return contract::dump(contract::journal(entries), indent);
}
std::string to_json(const EntityHistory& h, int indent) {
  return contract::dump(contract::to_value(h), indent);
}

ECREDIT_END_NAMESPACE
