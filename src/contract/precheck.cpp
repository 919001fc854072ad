// The contract's precheck documents: decision (with its measures) and feedback
// (docs/contract.md).
#include "contract/contract.hpp"

namespace ecredit::contract {

namespace {
Json str_or_null(const std::string& s) { return s.empty() ? Json() : Json(s); }
}  // namespace

Json to_value(const MatchedMeasure& mm) {
  const Measure& m = *mm.measure;
  Json j;
  j["id"] = m.id;
  j["title"] = m.title;
  if (!m.title_en.empty()) j["title_en"] = m.title_en;
  j["kind"] = m.reward ? "reward" : "punishment";
  j["effect"] = effect_name(m.effect);
  if (m.basic_list_class) j["class"] = m.basic_list_class;
  j["mandatory"] = m.mandatory;
  j["target"] = mm.target;
  if (!mm.via.empty()) j["via"] = mm.via;
  j["triggers"] = mm.triggers;
  j["departments"] = m.departments;
  j["basis"] = m.basis;
  j["basis_confirmed"] = m.basis_confirmed;
  if (!m.basis_confirmed) j["basis_unconfirmed"] = m.basis_unconfirmed;
  if (!m.note.empty()) j["note"] = m.note;
  return j;
}

Json to_value(const Decision& d) {
  Json j;
  j["verdict"] = effect_name(d.verdict);
  if (!d.uscc.empty()) j["uscc"] = d.uscc;
  if (!d.person_id.empty()) j["person_id"] = mask_id(d.person_id);
  if (!d.subject_name.empty()) j["name"] = d.subject_name;
  j["scenario"] = d.scenario;
  if (!d.business_item.empty()) j["business_item"] = d.business_item;
  j["department"] = str_or_null(d.department);
  j["as_of"] = format_iso_date(d.as_of);
  if (d.grade.empty()) {
    j["grade"] = nullptr;
  } else {
    j["grade"] = {{"grade", d.grade}, {"model", d.grade_model}};
  }
  j["lists"] = Json::array();
  for (const ListStatus& l : d.lists) {
    Json e;
    e["list"] = l.list;
    e["domain"] = l.domain;
    e["entry"] = l.entry_id;
    if (!l.via.empty() && l.via != d.uscc) e["via"] = l.via;
    e["included_on"] = format_iso_date(l.included_on);
    e["expires_on"] = l.expires_on ? Json(format_iso_date(*l.expires_on)) : Json();
    j["lists"].push_back(std::move(e));
  }
  j["measures"] = Json::array();
  for (const MatchedMeasure& mm : d.measures) j["measures"].push_back(to_value(mm));
  j["flags"] = Json::array();
  for (const FlaggedRecord& f : d.flags) {
    Json e = flag_value(f.flag);
    e["record"] = f.record;
    if (!f.via.empty() && f.via != d.uscc) e["via"] = f.via;
    j["flags"].push_back(std::move(e));
  }
  j["credit_file"] = d.credit_file;
  j["commitment_allowed"] = d.commitment_allowed;
  if (!d.commitment_reason.empty()) j["commitment_reason"] = d.commitment_reason;
  j["trace"] = Json::array();
  for (const DecisionTrace& t : d.trace) {
    Json e;
    e["kind"] = t.kind;
    if (!t.rule.empty()) e["rule"] = t.rule;
    e["detail"] = t.detail;
    j["trace"].push_back(std::move(e));
  }
  j["pack_hash"] = d.pack_hash;
  return j;
}

Json to_value(const FeedbackRecord& f) {
  Json j;
  j["measure_id"] = f.measure_id;
  j["measure_title"] = f.measure_title;
  j["kind"] = f.kind;
  j["effect"] = f.effect;
  j["mandatory"] = f.mandatory;
  j["basis"] = f.basis;
  j["department"] = f.department;
  if (!f.department_name.empty()) j["department_name"] = f.department_name;
  j["scenario"] = f.scenario;
  j["business_item"] = str_or_null(f.business_item);
  j["case_no"] = f.case_no;
  Json subject;
  if (!f.uscc.empty()) subject["uscc"] = f.uscc;
  if (!f.person_id.empty()) subject["person_id"] = f.person_id;
  if (!f.name.empty()) subject["name"] = f.name;
  if (!f.via.empty()) subject["via"] = f.via;
  j["subject"] = std::move(subject);
  j["result"] = f.result;
  j["result_code"] = f.result_code;
  j["reason"] = str_or_null(f.reason);
  j["time"] = f.time;
  j["decision"] = {
      {"verdict", effect_name(f.verdict)}, {"as_of", format_iso_date(f.as_of)}, {"pack_hash", f.pack_hash}};
  return j;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

std::string to_json(const Decision& d, int indent) { return contract::dump(contract::to_value(d), indent); }
std::string Decision::to_json(int indent) const { return ecredit::to_json(*this, indent); }
std::string to_json(const FeedbackRecord& f, int indent) {
  return contract::dump(contract::to_value(f), indent);
}

ECREDIT_END_NAMESPACE
