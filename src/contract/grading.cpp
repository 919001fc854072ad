// The contract's grading documents: grade (with its trace) and grade-row (docs/contract.md).
#include "contract/contract.hpp"

namespace ecredit::contract {

Json flag_value(const std::string& flag) {
  struct Label {
    const char *flag, *zh, *en;
  };
  static constexpr Label kLabels[] = {{kFlagUnderObjection, "异议处理中", "under objection"}};
  for (const Label& l : kLabels)
    if (flag == l.flag) return {{"flag", flag}, {"zh", l.zh}, {"en", l.en}};
  return {{"flag", flag}, {"zh", flag}, {"en", flag}};
}

// Every key always present: absent strings "", absent age_months null, no flags [].
Json to_value(const TraceEntry& t) {
  Json e;
  e["kind"] = t.kind;
  e["rule"] = t.rule;
  e["record"] = t.record;
  e["age_months"] = t.age_months >= 0 ? Json(t.age_months) : Json();
  e["factor"] = t.factor;
  e["points"] = t.points;
  e["detail"] = t.detail;
  e["basis"] = t.basis;
  e["flags"] = Json::array();
  for (const std::string& f : t.flags) e["flags"].push_back(flag_value(f));
  return e;
}

Json to_value(const Grade& g) {
  Json j;
  j["uscc"] = g.uscc;
  j["grade"] = g.grade;
  j["score"] = g.score;
  j["model"] = g.model;
  j["model_version"] = g.model_version;
  j["as_of"] = format_iso_date(g.as_of);
  j["no_data"] = g.no_data;
  j["pack_hash"] = g.pack_hash;
  j["trace"] = Json::array();
  for (const TraceEntry& t : g.trace) j["trace"].push_back(to_value(t));
  return j;
}

Json grade_row(const Grade& g, const Registry* registry) {
  const Subject* s = registry ? registry->subject(g.uscc) : nullptr;
  return {{"uscc", g.uscc},   {"name", s ? s->name : std::string()},
          {"grade", g.grade}, {"score", g.score},
          {"model", g.model}, {"no_data", g.no_data}};
}

Json grade_rows(const std::vector<Grade>& grades, const Registry* registry) {
  Json out = Json::array();
  for (const Grade& g : grades) out.push_back(grade_row(g, registry));
  return out;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

std::string to_json(const Grade& g, int indent) { return contract::dump(contract::to_value(g), indent); }
std::string Grade::to_json(int indent) const { return ecredit::to_json(*this, indent); }

std::string grade_row_json(const Grade& g, const Registry* registry, int indent) {
  return contract::dump(contract::grade_row(g, registry), indent);
}
std::string grade_rows_json(const std::vector<Grade>& grades, const Registry* registry, int indent) {
  return contract::dump(contract::grade_rows(grades, registry), indent);
}
std::string grade_rows_jsonl(const std::vector<Grade>& grades, const Registry* registry) {
  std::string out;
  for (const Grade& g : grades) out += contract::dump(contract::grade_row(g, registry)) + '\n';
  return out;
}

ECREDIT_END_NAMESPACE
