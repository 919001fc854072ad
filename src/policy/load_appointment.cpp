// Loading a policy pack: appointment.json: the roles an appointment check covers and the
// grounds that disqualify (docs/policy-format.md).
#include <set>
#include <string>
#include <utility>

#include "policy/loader.hpp"

ECREDIT_BEGIN_NAMESPACE

void EngineLoader::load_appointment(const JsonDoc& doc) {
  const Node root(doc, doc.root, "");
  root.allow_only({"roles", "grounds"});
  AppointmentPolicy& ap = e.appointment_;

  for (const Node& rn : root.at("roles").elements()) {
    rn.allow_only({"role"});
    AppointmentRole r;
    r.role = check_code(rn.at("role"), "relation_role");
    if (ap.role(r.role)) rn.at("role").fail("role '" + r.role + "' given twice");
    read_basis_into(rn.at("basis"), r);
    r.note = rn.str_or("note");
    ap.roles.push_back(std::move(r));
  }
  if (ap.roles.empty()) root.at("roles").fail("an appointment check covers at least one role");

  std::set<std::string> seen;
  for (const Node& gn : root.at("grounds").elements()) {
    AppointmentGround g;
    g.check = gn.at("check").str();
    if (g.check == "not_recorded")
      gn.allow_only({"ground", "title", "check", "roles"});
    else if (g.check == "on_list")
      gn.allow_only({"ground", "title", "check", "roles", "lists"});
    else if (g.check == "legal_rep_of_sanctioned")
      gn.allow_only({"ground", "title", "check", "roles", "records", "closure_codes", "licence", "years",
                     "penalty_types_attribute", "legal_rep_attribute", "responsibility_attribute"});
    else
      gn.at("check").fail("check '" + g.check + "' is not not_recorded, on_list or legal_rep_of_sanctioned");
    g.ground = gn.at("ground").str();
    if (!snake_name(g.ground)) gn.at("ground").fail("a ground id is a snake_case name");
    if (!seen.insert(g.ground).second) gn.at("ground").fail("ground '" + g.ground + "' given twice");
    g.title = gn.at("title").str();
    for (const Node& r : gn.at("roles").elements()) {
      const std::string role = r.str();
      if (!ap.role(role)) r.fail("'" + role + "' is not a role of this file's 'roles'");
      g.roles.push_back(role);
    }
    if (g.roles.empty()) gn.at("roles").fail("a ground applies to at least one role");
    if (g.check == "on_list") {
      g.lists = check_codes(gn, "lists", "list_kind");
      if (g.lists.empty()) gn.at("lists").fail("an on_list ground names at least one list kind");
    } else if (g.check == "legal_rep_of_sanctioned") {
      g.records = load_selector(gn.at("records"), false);
      g.penalty_types_attribute = gn.at("penalty_types_attribute").str();
      g.legal_rep_attribute = gn.at("legal_rep_attribute").str();
      g.responsibility_attribute = gn.str_or("responsibility_attribute");
      const auto years = gn.at("years").count();
      if (years == 0 || years > 100) gn.at("years").fail("years is 1–100");
      g.years = static_cast<int>(years);
      g.closure_codes = check_codes(gn, "closure_codes", "penalty_type");
      if (auto ln = gn.get("licence")) {
        ln->allow_only({"attribute", "names", "unsure_codes"});
        g.licence_unsure_codes = check_codes(*ln, "unsure_codes", "penalty_type");
        g.licence_attribute = ln->at("attribute").str();
        g.licence_names = ln->at("names").strings();
        if (g.licence_names.empty()) ln->at("names").fail("name at least one licence");
      }
      if (g.closure_codes.empty() && g.licence_attribute.empty())
        gn.fail("a legal_rep_of_sanctioned ground needs closure_codes or a licence");
    }
    read_basis_into(gn.at("basis"), g);
    g.note = gn.str_or("note");
    ap.grounds.push_back(std::move(g));
  }
}

ECREDIT_END_NAMESPACE
