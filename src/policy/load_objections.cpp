// Loading a policy pack: objections.json: the objection procedure's steps and deadlines,
// its outcomes, and whether a record under objection counts (docs/policy-format.md).
#include <set>
#include <string>
#include <utility>

#include "policy/loader.hpp"

ECREDIT_BEGIN_NAMESPACE

void EngineLoader::load_objections(const JsonDoc& doc) {
  const Node root(doc, doc.root, "");
  root.allow_only({"mark", "steps", "outcomes", "counting"});
  ObjectionPolicy& op = e.objections_;

  static const std::set<std::string> kOutcomes = {"corrected", "record_confirmed", "unresolved"};
  for (const Node& on : root.at("outcomes").elements()) {
    on.allow_only({"outcome", "title"});
    ObjectionOutcome o;
    o.outcome = on.at("outcome").str();
    if (!kOutcomes.count(o.outcome))
      on.at("outcome").fail("outcome '" + o.outcome + "' is not corrected, record_confirmed or unresolved");
    if (op.outcome(o.outcome)) on.at("outcome").fail("outcome '" + o.outcome + "' given twice");
    o.title = on.str_or("title");
    read_basis_into(on.at("basis"), o);
    o.note = on.str_or("note");
    op.outcomes.push_back(std::move(o));
  }

  for (const Node& sn : root.at("steps").elements()) {
    sn.allow_only({"step", "title", "working_days", "from", "alternative_to", "sets_status", "outcomes"});
    ObjectionStepRule s;
    s.step = sn.at("step").str();
    if (!snake_name(s.step)) sn.at("step").fail("a step id is a snake_case name");
    if (s.step == "filed") sn.at("step").fail("'filed' names the filing day, not a step");
    if (op.step(s.step)) sn.at("step").fail("step '" + s.step + "' given twice");
    s.title = sn.str_or("title");
    const auto wd = sn.at("working_days").count();
    if (wd == 0) sn.at("working_days").fail("a deadline is at least one working day");
    s.working_days = static_cast<int>(wd);
    s.from = sn.at("from").str();
    if (s.from != "filed" && !op.step(s.from))
      sn.at("from").fail("'" + s.from + "' is neither 'filed' nor an earlier step");
    s.alternative_to = sn.str_or("alternative_to");
    if (!s.alternative_to.empty()) {
      const ObjectionStepRule* alt = op.step(s.alternative_to);
      if (!alt) sn.at("alternative_to").fail("'" + s.alternative_to + "' is not an earlier step");
      if (alt->from != s.from)
        sn.at("from").fail("an alternative step counts from where the step it replaces does ('" + alt->from +
                           "')");
    }
    s.sets_status = sn.str_or("sets_status");
    if (!s.sets_status.empty() && s.sets_status != "accepted" && s.sets_status != "rejected")
      sn.at("sets_status").fail("sets_status is accepted or rejected");
    if (auto os = sn.get("outcomes"))
      for (const Node& o : os->elements()) {
        const std::string v = o.str();
        if (!op.outcome(v)) o.fail("'" + v + "' is not an outcome of this file's 'outcomes'");
        s.outcomes.push_back(v);
      }
    if (s.sets_status == "rejected" && !s.outcomes.empty())
      sn.at("outcomes").fail("a step that rejects the objection closes it without an outcome");
    read_basis_into(sn.at("basis"), s);
    s.note = sn.str_or("note");
    op.steps.push_back(std::move(s));
  }

  const Node mark = root.at("mark");
  mark.allow_only({"on"});
  if (mark.at("on").str() != "filed")
    mark.at("on").fail("a record is marked when the objection is filed ('filed')");
  {
    detail::Basis b = detail::read_basis(mark.at("basis"));
    op.mark_basis = std::move(b.text);
    op.mark_basis_confirmed = b.confirmed;
    op.mark_basis_unconfirmed = std::move(b.unconfirmed);
  }

  const Node counting = root.at("counting");
  counting.allow_only({"pending", "accepted"});
  auto setting = [](const Node& n) {
    const std::string v = n.str();
    if (v != "count" && v != "exclude") n.fail("expected 'count' or 'exclude'");
    return v == "count";
  };
  op.counting.pending_counts = setting(counting.at("pending"));
  op.counting.accepted_counts = setting(counting.at("accepted"));
  if (!op.counting.pending_counts && op.counting.accepted_counts)
    counting.at("accepted")
        .fail(
            "a record excluded while its objection is pending would count again once the objection is "
            "accepted");
  read_basis_into(counting.at("basis"), op.counting);
  op.counting.note = counting.str_or("note");
}

ECREDIT_END_NAMESPACE
