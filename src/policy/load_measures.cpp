// Loading a policy pack: measures.json: measures, the commitment policy, business items.
#include "policy/loader.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <vector>

ECREDIT_BEGIN_NAMESPACE

void EngineLoader::load_measures(const JsonDoc& doc) {
  const Node root(doc, doc.root, "");
  root.allow_only({"commitment", "business_items", "measures"});
  MeasureList& ml = e.measures_;
  if (auto c = root.get("commitment")) {
    c->allow_only({"title", "denied_effects", "denied_lists", "denied_records", "no_credit_file"});
    ml.commitment.title = c->str_or("title");
    if (auto nf = c->get("no_credit_file")) {
      nf->allow_only({"allowed"});
      ml.commitment.no_credit_file.allowed = nf->at("allowed").boolean();
      read_basis_into(nf->at("basis"), ml.commitment.no_credit_file);
      ml.commitment.no_credit_file.note = nf->str_or("note");
    }
    if (auto b = c->get("basis")) read_basis_into(*b, ml.commitment);
    ml.commitment.note = c->str_or("note");
    if (auto de = c->get("denied_effects"))
      for (const Node& x : de->elements()) ml.commitment.denied_effects.push_back(parse_effect(x));
    ml.commitment.denied_lists = check_codes(*c, "denied_lists", "list_kind");
    if (auto dr = c->get("denied_records"))
      for (const Node& x : dr->elements()) {
        x.allow_only({"select", "window_months"});
        CommitmentPolicy::RecordRule rule;
        rule.select = load_selector(x.at("select"), false);
        if (auto w = x.get("window_months")) rule.window_months = static_cast<int>(w->count());
        ml.commitment.denied_records.push_back(std::move(rule));
      }
  }
  std::set<std::string> ids;
  for (const Node& mn : root.at("measures").elements()) {
    mn.allow_only({"id", "title", "title_en", "kind", "effect", "class", "trigger", "targets", "scenarios",
                   "departments", "mandatory", "effective_from", "effective_to"});
    Measure m;
    m.id = mn.at("id").str();
    if (m.id.empty()) mn.at("id").fail("empty measure id");
    if (!ids.insert(m.id).second) mn.at("id").fail("duplicate measure id '" + m.id + "'");
    m.title = mn.at("title").str();
    m.title_en = mn.str_or("title_en");
    const std::string kind = mn.at("kind").str();
    if (kind != "reward" && kind != "punishment") mn.at("kind").fail("kind must be reward or punishment");
    m.reward = kind == "reward";
    m.effect = parse_effect(mn.at("effect"));
    if (m.reward != (m.effect == Effect::incentive))
      mn.at("effect").fail(m.reward ? "a reward's effect is incentive"
                                    : "a punishment's effect is prohibit, restrict or caution");
    if (auto cl = mn.get("class")) {
      const std::size_t c = cl->count();
      if (c < 1 || c > 3) cl->fail("class is 1, 2 or 3 (全国失信惩戒措施基础清单)");
      m.basic_list_class = static_cast<int>(c);
    }
    const Node t = mn.at("trigger");
    if (auto l = t.get("list")) {
      t.allow_only({"list", "domain"});
      m.trigger.kind = MeasureTrigger::Kind::list;
      m.trigger.select.for_lists = true;
      m.trigger.select.list = check_codes(t, "list", "list_kind");
      if (m.trigger.select.list.empty()) l->fail("a list trigger names at least one list kind");
      m.trigger.select.domain = check_codes(t, "domain", "domain");
    } else if (auto r = t.get("record")) {
      t.allow_only({"record", "window_months", "min_count"});
      m.trigger.kind = MeasureTrigger::Kind::record;
      m.trigger.select = load_selector(*r, false);
      if (auto w = t.get("window_months")) m.trigger.window_months = static_cast<int>(w->count());
      if (auto mc = t.get("min_count")) {
        m.trigger.min_count = static_cast<unsigned>(mc->count());
        if (m.trigger.min_count == 0) mc->fail("min_count is at least 1");
      }
    } else if (auto g = t.get("grade")) {
      t.allow_only({"grade", "model"});
      m.trigger.kind = MeasureTrigger::Kind::grade;
      m.trigger.grades = g->strings();
      if (m.trigger.grades.empty()) g->fail("a grade trigger names at least one grade");
      m.trigger.model = t.str_or("model");
      if (!m.trigger.model.empty()) {
        const GradingModel* gm = nullptr;
        for (const auto& x : e.models_)
          if (x.id == m.trigger.model) gm = &x;
        if (gm == nullptr) t.at("model").fail("no grading model '" + m.trigger.model + "'");
        const auto gs = g->elements();
        for (std::size_t i = 0; i < gs.size(); ++i) check_grade(*gm, gs[i]);
      }
    } else {
      t.fail("a trigger has one of 'list', 'record' or 'grade'");
    }
    m.targets = 0;
    for (const Node& x : mn.at("targets").elements()) {
      const std::string v = x.str();
      std::uint8_t bit = 0;
      std::string known;
      for (std::size_t i = 0; i < std::size(kTargetNames); ++i) {
        if (v == kTargetNames[i]) bit = static_cast<std::uint8_t>(1u << i);
        known += std::string(i == 0                             ? ""
                             : i + 1 == std::size(kTargetNames) ? " or "
                                                                : ", ") +
                 kTargetNames[i];
      }
      if (bit == 0) x.fail("a target is " + known);
      m.targets |= bit;
    }
    if (m.targets == 0) mn.at("targets").fail("a measure needs at least one target");
    m.scenarios = check_codes(mn, "scenarios", "scenario");
    if (m.scenarios.empty()) mn.at("scenarios").fail("a measure applies in at least one scenario");
    m.departments = check_codes(mn, "departments", "department");
    m.mandatory = mn.at("mandatory").boolean();
    read_basis_into(mn.at("basis"), m);
    m.note = mn.str_or("note");
    m.effective_from = opt_day(mn, "effective_from");
    m.effective_to = opt_day(mn, "effective_to");
    if (m.effective_from && m.effective_to && *m.effective_to < *m.effective_from)
      mn.at("effective_to").fail("effective_to is before effective_from");
    ml.measures.push_back(std::move(m));
  }
  if (auto bi = root.get("business_items")) {
    std::set<std::string> codes;
    for (const Node& b : bi->elements()) {
      b.allow_only({"code", "title", "scenario"});
      BusinessItem item;
      item.code = b.at("code").str();
      if (!codes.insert(item.code).second) b.at("code").fail("duplicate business item '" + item.code + "'");
      item.title = b.str_or("title");
      item.scenario = check_code(b.at("scenario"), "scenario");
      item.note = b.str_or("note");
      ml.business_items.push_back(std::move(item));
    }
  }
  for (std::size_t i = 0; i < ml.measures.size(); ++i)
    for (const auto& sc : ml.measures[i].scenarios) {
      auto it = std::find_if(ml.by_scenario.begin(), ml.by_scenario.end(),
                             [&](const auto& p) { return p.first == sc; });
      if (it == ml.by_scenario.end()) it = ml.by_scenario.insert(ml.by_scenario.end(), {sc, {}});
      it->second.push_back(i);
    }
}

Effect EngineLoader::parse_effect(const Node& n) {
  const std::string s = n.str();
  for (Effect eff : {Effect::prohibit, Effect::restrict, Effect::caution, Effect::incentive})
    if (s == effect_name(eff)) return eff;
  n.fail("effect must be prohibit, restrict, caution or incentive");
}

ECREDIT_END_NAMESPACE
