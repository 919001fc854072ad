// Internal: loading a policy pack's files into an Engine, one file kind per source file
// (src/policy/load_<kind>.cpp); src/engine.cpp reads pack.json and calls them in order.
// Every error is a PolicyError at the JSON node (file, pointer, line/column).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"
#include "policy_json.hpp"

ECREDIT_BEGIN_NAMESPACE

using detail::JsonDoc;
using detail::Node;

struct EngineLoader {
  Engine& e;
  std::vector<std::string> hashed;  // file contents in hash order

  // The clean citation "doc article" (no confirmation status; see read_basis).
  static std::string basis_text(const Node& n) { return detail::read_basis(n).text; }
  // Citation text plus its confirmation status, for the structs that carry both.
  template <class T>
  static void read_basis_into(const Node& n, T& out) {
    detail::Basis b = detail::read_basis(n);
    out.basis = std::move(b.text);
    out.basis_confirmed = b.confirmed;
    out.basis_unconfirmed = std::move(b.unconfirmed);
  }

  // pack.json: the orchestration (src/engine.cpp)
  void load(const std::map<std::string, std::string>& files, const std::string& origin);

  // codes.json: the code tables (src/policy/load_codes.cpp)
  void load_codes(const JsonDoc& doc);

  // catalog.json: datasets, fields, rules (src/policy/load_catalog.cpp)
  void load_catalog(const JsonDoc& doc);
  void load_field(const Node& f, Field& field);
  std::size_t resolve(const Node& at, const Dataset& ds, const std::string& name);
  Rule load_rule(const Node& r, const Dataset& ds, std::size_t n);

  // grading.json: grading models (and the selectors measures.json shares) (src/policy/load_grading.cpp)
  void load_grading(const JsonDoc& doc);
  Selector load_selector(const Node& n, bool allow_lists);
  void check_grade(const GradingModel& m, const Node& n);

  // measures.json: measures, the commitment policy, business items (src/policy/load_measures.cpp)
  void load_measures(const JsonDoc& doc);
  static Effect parse_effect(const Node& n);

  // calendar.json: holidays and adjusted working days (src/policy/load_calendar.cpp)
  void load_calendar(const JsonDoc& doc);

  // repair.json: regimes, tiers, exclusions, processing steps (src/policy/load_repair.cpp)
  void load_repair(const JsonDoc& doc);
  RepairTier load_tier(const Node& n);
  std::map<std::string, RepairTier> load_tiers(const Node& n);
  static bool snake_name(const std::string& s);
  static std::string tier_name(const Node& n);
  RepairTierRule load_tier_rule(const Node& n, bool allow_by);
  FineTiers load_fine_tiers(const Node& n);

  // objections.json: objection steps, outcomes, counting (src/policy/load_objections.cpp)
  void load_objections(const JsonDoc& doc);

  // appointment.json: roles and disqualifying grounds (src/policy/load_appointment.cpp)
  void load_appointment(const JsonDoc& doc);

  // monitoring.json: monitoring and early-warning rules (src/policy/load_monitoring.cpp)
  void load_monitoring(const JsonDoc& doc);

  // shared by several file kinds (below)
  static std::optional<date::sys_days> opt_day(const Node& parent, const char* key);
  static std::vector<std::string> opt_strings(const Node& n, const char* key);
  static date::sys_days req_day(const Node& parent, const char* key);
  std::string check_code(const Node& n, const std::string& table);
  std::vector<std::string> check_codes(const Node& parent, const char* key, const std::string& table);
  void check_code_value(const Node& n, const std::string& table, const std::string& key);
};

inline std::optional<date::sys_days> EngineLoader::opt_day(const Node& parent, const char* key) {
  auto n = parent.get(key);
  if (!n) return std::nullopt;
  const std::string s = n->str();
  if (s.size() != 10) n->fail("expected an ISO date (YYYY-MM-DD)");
  try {
    return parse_iso_date(s);
  } catch (const InvalidInputError& e) {
    n->fail(e.what());
  }
}

inline std::vector<std::string> EngineLoader::opt_strings(const Node& n, const char* key) {
  auto v = n.get(key);
  return v ? v->strings() : std::vector<std::string>{};
}

inline date::sys_days EngineLoader::req_day(const Node& parent, const char* key) {
  const auto d = opt_day(parent, key);
  if (!d) parent.at(key);  // throws "missing"
  return *d;
}

// A value of code table `table` (when the pack has that table); returns the code.
inline std::string EngineLoader::check_code(const Node& n, const std::string& table) {
  const std::string v = n.str();
  check_code_value(n, table, v);
  return v;
}

inline std::vector<std::string> EngineLoader::check_codes(const Node& parent, const char* key,
                                                          const std::string& table) {
  std::vector<std::string> out;
  if (auto v = parent.get(key))
    for (const Node& c : v->elements()) out.push_back(check_code(c, table));
  return out;
}

// `n` (a member named `key`) must be a code of table `table` when the pack has it.
inline void EngineLoader::check_code_value(const Node& n, const std::string& table, const std::string& key) {
  auto it = e.codes_.find(table);
  if (it == e.codes_.end()) return;
  const Code* c = it->second.find(key);
  if (c == nullptr || c->code != key) n.fail("'" + key + "' is not a code of table '" + table + "'");
}

ECREDIT_END_NAMESPACE
