// The contract's archive documents of the lifecycle and the integrity check: objection,
// objections (Archive::objections) and archive-check (Archive::check) (docs/contract.md).
#include "contract/contract.hpp"

namespace ecredit::contract {

Json to_value(const Objection& o) {
  Json j;
  j["id"] = o.id;
  j["record_id"] = o.record_id;
  j["status"] = o.status;
  j["filed_on"] = format_iso_date(o.filed_on);
  j["grounds"] = o.grounds;
  j["by"] = o.by;
  j["steps"] = Json::array();
  for (const ObjectionStep& s : o.steps)
    j["steps"].push_back({{"step", s.step},
                          {"title", s.title},
                          {"basis", s.basis},
                          {"working_days", s.working_days},
                          {"due", format_iso_date(s.due)},
                          {"done_on", s.done_on ? Json(format_iso_date(*s.done_on)) : Json()},
                          {"outcome", s.outcome},
                          {"note", s.note},
                          {"overdue", s.overdue}});
  return j;
}

Json objections(const std::vector<Objection>& list) {
  Json j = Json::array();
  for (const Objection& o : list) j.push_back(to_value(o));
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

Json to_value(const Archive::CheckpointInfo& c) {
  Json j;
  j["seq"] = c.seq;
  j["subjects"] = c.subjects;
  j["records"] = c.records;
  j["parts"] = c.parts;
  j["bytes"] = c.bytes;
  return j;
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
std::string to_json(const Archive::CheckpointInfo& c, int indent) {
  return contract::dump(contract::to_value(c), indent);
}

ECREDIT_END_NAMESPACE
