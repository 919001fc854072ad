// Loading a policy pack: monitoring.json: the monitoring and early-warning rules
// (docs/policy-format.md).
#include <set>
#include <string>
#include <utility>

#include "policy/loader.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

int bounded(const Node& n, std::size_t lo, std::size_t hi, const char* what) {
  const std::size_t v = n.count();
  if (v < lo || v > hi) n.fail(std::string(what) + " is " + std::to_string(lo) + "–" + std::to_string(hi));
  return static_cast<int>(v);
}

}  // namespace

void EngineLoader::load_monitoring(const JsonDoc& doc) {
  const Node root(doc, doc.root, "");
  root.allow_only({"rules"});
  MonitoringPolicy& mp = e.monitoring_;
  for (const Node& rn : root.at("rules").elements()) {
    rn.allow_only({"id", "title", "level", "condition", "actions", "effective_from", "effective_to"});
    MonitoringRule r;
    r.id = rn.at("id").str();
    if (!snake_name(r.id)) rn.at("id").fail("a rule id is a snake_case name");
    if (mp.rule(r.id)) rn.at("id").fail("rule '" + r.id + "' given twice");
    r.title = rn.at("title").str();
    r.level = rn.at("level").str();
    if (e.codes_.count("alert_level") == 0) rn.at("level").fail("the pack has no code table 'alert_level'");
    check_code_value(rn.at("level"), "alert_level", r.level);
    r.actions = opt_strings(rn, "actions");
    r.effective_from = opt_day(rn, "effective_from");
    r.effective_to = opt_day(rn, "effective_to");
    if (r.effective_from && r.effective_to && *r.effective_to <= *r.effective_from)
      rn.at("effective_to").fail("effective_to must be after effective_from");
    read_basis_into(rn.at("basis"), r);
    r.note = rn.str_or("note");

    const Node cn = rn.at("condition");
    MonitoringCondition& c = r.condition;
    c.kind = cn.at("kind").str();
    if (c.kind == "record_count") {
      cn.allow_only({"kind", "select", "window_months", "at_least"});
      c.select = load_selector(cn.at("select"), false);
      c.window_months = bounded(cn.at("window_months"), 1, 1200, "window_months");
      c.at_least = bounded(cn.at("at_least"), 1, 1000000, "at_least");
    } else if (c.kind == "amount_growth") {
      cn.allow_only({"kind", "select", "amount_attribute", "period_months"});
      c.select = load_selector(cn.at("select"), false);
      c.amount_attribute = cn.at("amount_attribute").str();
      if (c.amount_attribute.empty()) cn.at("amount_attribute").fail("name the attribute holding the amount");
      c.period_months = bounded(cn.at("period_months"), 1, 600, "period_months");
    } else if (c.kind == "on_list" || c.kind == "list_expiring") {
      const bool on = c.kind == "on_list";
      cn.allow_only({"kind", "lists", on ? "min_days" : "within_days"});
      c.lists = check_codes(cn, "lists", "list_kind");
      if (c.lists.empty()) cn.at("lists").fail("name at least one list kind");
      if (on)
        c.min_days = cn.get("min_days") ? bounded(cn.at("min_days"), 0, 36500, "min_days") : 0;
      else
        c.within_days = bounded(cn.at("within_days"), 1, 3650, "within_days");
    } else if (c.kind == "grade") {
      cn.allow_only({"kind", "grades"});
      for (const Node& g : cn.at("grades").elements()) {
        const std::string v = g.str();
        bool known = false;
        for (const auto& m : e.models_) known = known || m.rank(v) >= 0;
        if (!known) g.fail("grade '" + v + "' is on no grading model's scale");
        c.grades.push_back(v);
      }
      if (c.grades.empty()) cn.at("grades").fail("name at least one grade");
    } else if (c.kind == "grade_drop" || c.kind == "objection_overdue" || c.kind == "no_file") {
      cn.allow_only({"kind"});
    } else if (c.kind == "related_party") {
      cn.allow_only({"kind", "roles", "owner_threshold", "lists", "appointment_check"});
      c.roles = check_codes(cn, "roles", "relation_role");
      if (c.roles.empty()) cn.at("roles").fail("name at least one role");
      if (auto t = cn.get("owner_threshold")) {
        const double v = t->number();
        if (!(v > 0 && v <= 1)) t->fail("owner_threshold is a share in (0, 1]");
        c.owner_threshold = v;
      }
      c.lists = check_codes(cn, "lists", "list_kind");
      if (auto a = cn.get("appointment_check")) {
        if (!a->json().is_boolean()) a->fail("expected true or false");
        c.appointment_check = a->json().get<bool>();
      }
      if (c.lists.empty() && !c.appointment_check)
        cn.fail("a related_party condition needs lists or appointment_check");
    } else if (c.kind == "commitment_due") {
      cn.allow_only({"kind", "due_within_days", "open_statuses"});
      c.due_within_days = bounded(cn.at("due_within_days"), 0, 3650, "due_within_days");
      for (const Node& s : cn.at("open_statuses").elements()) {
        const std::string v = s.str();
        if (!v.empty()) check_code_value(s, "fulfilment_status", v);
        c.open_statuses.push_back(v);
      }
    } else {
      cn.at("kind").fail("condition kind '" + c.kind +
                         "' is not record_count, amount_growth, on_list, list_expiring, grade, grade_drop, "
                         "related_party, commitment_due, objection_overdue or no_file");
    }
    mp.rules.push_back(std::move(r));
  }
}

ECREDIT_END_NAMESPACE
