// The contract's registry and precheck inputs: subject, record, list-entry, commitment and
// precheck-query (docs/contract.md). Parsed once here for every interface; codes are checked
// against the engine by Registry::Builder, the one place that knows the pack's vocabulary.
#include <set>

#include "contract/contract.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"

namespace ecredit::contract {

namespace {

std::string name_of(std::string_view where, const char* fallback) {
  return where.empty() ? std::string(fallback) : std::string(where);
}

using detail::day_value;
using detail::require_object;

// A string member; absent or null → "". `required`: "<what>: '<key>' is required".
std::string str(const Json& j, const char* key, const std::string& what, bool required = false) {
  if (required) detail::require_member(j, key, what);
  return detail::string_member(j, key, what);
}

// A string or a list of strings; absent or null → empty.
std::vector<std::string> strs(const Json& j, const char* key, const std::string& what) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (it->is_string()) {
    out.push_back(it->get<std::string>());
    return out;
  }
  if (!it->is_array())
    throw InvalidInputError(what + ": '" + key + "' must be a string or a list of strings");
  for (const Json& x : *it) {
    if (!x.is_string()) throw InvalidInputError(what + ": '" + key + "' must be a list of strings");
    out.push_back(x.get<std::string>());
  }
  return out;
}

date::sys_days required_day(const Json& j, const char* key, const std::string& what) {
  auto it = j.find(key);
  if (it == j.end()) throw InvalidInputError(what + ": '" + key + "' is required");
  return day_value(*it, key, what);
}

std::optional<date::sys_days> opt_day(const Json& j, const char* key, const std::string& what) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return day_value(*it, key, what);
}

// The text of an attribute: strings as they are, lists ';'-joined, other values as JSON.
std::string attribute_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string joined;
    for (const Json& x : v) joined += (joined.empty() ? "" : ";") + attribute_text(x);
    return joined;
  }
  return dump(v);
}

// Every member not in `known` (and not null) as an attribute.
Attributes attributes(const Json& j, const std::set<std::string>& known) {
  Attributes out;
  for (const auto& item : j.items())
    if (!known.count(item.key()) && !item.value().is_null()) out[item.key()] = attribute_text(item.value());
  return out;
}

void needs_subject(const std::string& uscc, const std::string& person_id, const std::string& what) {
  if (uscc.empty() && person_id.empty()) throw InvalidInputError(what + ": needs 'uscc' (or 'person_id')");
}

}  // namespace

namespace detail {

void require_object(const Json& j, const std::string& what) {
  if (!j.is_object()) throw InvalidInputError(what + ": expected a JSON object");
}

std::string string_member(const Json& j, const char* key, const std::string& what) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) throw InvalidInputError(what + ": '" + key + "' must be a string");
  return it->get<std::string>();
}

void require_member(const Json& j, const char* key, const std::string& what) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) throw InvalidInputError(what + ": '" + key + "' is required");
}

date::sys_days day_value(const Json& v, const std::string& key, const std::string& what) {
  if (!v.is_string()) throw InvalidInputError(what + ": '" + key + "' must be an ISO date string");
  try {
    return parse_iso_date(v.get<std::string>());
  } catch (const InvalidInputError& e) {
    throw InvalidInputError(what + ": '" + key + "': " + e.what());
  }
}

}  // namespace detail

Json parse_object(std::string_view text, std::string_view what) {
  Json j;
  try {
    j = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    throw InvalidInputError(std::string(what) + ": not JSON (byte " + std::to_string(e.byte) + ")");
  } catch (const Json::exception& e) {  // a number out of range
    throw InvalidInputError(std::string(what) + ": " + e.what());
  }
  if (!j.is_object()) throw InvalidInputError(std::string(what) + ": expected a JSON object");
  return j;
}

template <>
Subject from_value<Subject>(const Json& j, const Engine&, std::string_view where, std::size_t) {
  const std::string what = name_of(where, "subject");
  require_object(j, what);
  static const std::set<std::string> kKeys = {"uscc",         "person_id",       "name",    "kind", "domains",
                                              "legal_rep_id", "responsible_ids", "district"};
  Subject s;
  s.uscc = str(j, "uscc", what);
  s.person_id = str(j, "person_id", what);
  needs_subject(s.uscc, s.person_id, what);
  s.name = str(j, "name", what);
  s.kind = str(j, "kind", what);
  if (s.kind.empty()) s.kind = s.uscc.empty() ? "natural_person" : "legal_person";
  s.domains = strs(j, "domains", what);
  s.legal_rep_id = str(j, "legal_rep_id", what);
  s.responsible_ids = strs(j, "responsible_ids", what);
  s.district = str(j, "district", what);
  s.attributes = attributes(j, kKeys);
  return s;
}

template <>
Record from_value<Record>(const Json& j, const Engine&, std::string_view where, std::size_t) {
  const std::string what = name_of(where, "record");
  require_object(j, what);
  static const std::set<std::string> kKeys = {"id",         "uscc",        "person_id",     "category",
                                              "severity",   "polarity",    "decision_date", "domain",
                                              "expires_on", "repaired_on", "objection"};
  Record r;
  r.id = str(j, "id", what, true);
  r.uscc = str(j, "uscc", what);
  r.person_id = str(j, "person_id", what);
  needs_subject(r.uscc, r.person_id, what);
  r.category = str(j, "category", what, true);
  r.severity = str(j, "severity", what);
  r.polarity = str(j, "polarity", what);
  r.domain = str(j, "domain", what);
  r.decision_date = required_day(j, "decision_date", what);
  r.expires_on = opt_day(j, "expires_on", what);
  r.repaired_on = opt_day(j, "repaired_on", what);
  const std::string objection = str(j, "objection", what);
  r.objection_accepted = objection == "accepted";
  r.under_objection = r.objection_accepted || objection == "pending";
  r.attributes = attributes(j, kKeys);
  return r;
}

template <>
ListEntry from_value<ListEntry>(const Json& j, const Engine&, std::string_view where, std::size_t index) {
  const std::string what = name_of(where, "list entry");
  require_object(j, what);
  static const std::set<std::string> kKeys = {"id",     "uscc",        "person_id",  "list",
                                              "domain", "included_on", "expires_on", "removed_on"};
  ListEntry e;
  e.uscc = str(j, "uscc", what);
  e.person_id = str(j, "person_id", what);
  needs_subject(e.uscc, e.person_id, what);
  e.list = str(j, "list", what, true);
  e.domain = str(j, "domain", what);
  e.id = str(j, "id", what);
  if (e.id.empty())
    e.id = e.list + ":" + (e.uscc.empty() ? mask_id(e.person_id) : e.uscc) + ":" + std::to_string(index);
  e.included_on = required_day(j, "included_on", what);
  e.expires_on = opt_day(j, "expires_on", what);
  e.removed_on = opt_day(j, "removed_on", what);
  e.attributes = attributes(j, kKeys);
  return e;
}

template <>
Commitment from_value<Commitment>(const Json& j, const Engine&, std::string_view where, std::size_t) {
  const std::string what = name_of(where, "commitment");
  require_object(j, what);
  static const std::set<std::string> kKeys = {"id", "uscc", "person_id", "type", "status", "domain", "date"};
  Commitment c;
  c.id = str(j, "id", what, true);
  c.uscc = str(j, "uscc", what);
  c.person_id = str(j, "person_id", what);
  needs_subject(c.uscc, c.person_id, what);
  c.type = str(j, "type", what);
  c.status = str(j, "status", what);
  c.domain = str(j, "domain", what);
  c.date = opt_day(j, "date", what);
  c.attributes = attributes(j, kKeys);
  return c;
}

template <>
PrecheckRequest from_value<PrecheckRequest>(const Json& j, const Engine&, std::string_view where,
                                            std::size_t) {
  const std::string what = name_of(where, "precheck query");
  require_object(j, what);
  static const std::set<std::string> kKeys = {"scenario", "uscc", "person_id", "department", "as_of"};
  for (const auto& item : j.items())
    if (!kKeys.count(item.key())) throw InvalidInputError(what + ": unknown member '" + item.key() + "'");
  PrecheckRequest q;
  q.scenario = str(j, "scenario", what, true);
  q.uscc = str(j, "uscc", what);
  q.person_id = str(j, "person_id", what);
  if (q.uscc.empty() == q.person_id.empty())
    throw InvalidInputError(what + ": give exactly one of 'uscc' and 'person_id'");
  q.department = str(j, "department", what);
  q.as_of = required_day(j, "as_of", what);
  return q;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

namespace {

// Parses one registry input and checks it as Registry::Builder::add does against the
// engine's code tables (a copy goes through a builder of its own).
template <class T>
T registry_input(std::string_view json, const Engine& engine, const char* what) {
  T value = contract::from_value<T>(contract::parse_object(json, what), engine, what);
  Registry::Builder(engine).add(T(value));
  return value;
}

}  // namespace

Subject subject_from_json(std::string_view json, const Engine& engine) {
  return registry_input<Subject>(json, engine, "subject");
}
Record record_from_json(std::string_view json, const Engine& engine) {
  return registry_input<Record>(json, engine, "record");
}
ListEntry list_entry_from_json(std::string_view json, const Engine& engine) {
  return registry_input<ListEntry>(json, engine, "list entry");
}
Commitment commitment_from_json(std::string_view json, const Engine& engine) {
  return registry_input<Commitment>(json, engine, "commitment");
}
PrecheckRequest precheck_query_from_json(std::string_view json, const Engine& engine) {
  return contract::from_value<PrecheckRequest>(contract::parse_object(json, "precheck query"), engine,
                                               "precheck query");
}

ECREDIT_END_NAMESPACE
