// Loading a policy pack: repair.json: regimes, tiers, exclusions, processing steps.
#include "policy/loader.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

ECREDIT_BEGIN_NAMESPACE

void EngineLoader::load_repair(const JsonDoc& doc) {
  const Node root(doc, doc.root, "");
  root.allow_only({"select_by", "select_by_note", "commitment_breach", "commitment_breach_basis",
                   "repeat_limits", "regimes", "publication_cap"});
  RepairPolicy& rp = e.repair_;
  if (auto pc = root.get("publication_cap")) {
    pc->allow_only({"years", "from"});
    if (pc->at("from").str() != "decision_date")
      pc->at("from").fail("the publication cap counts from the decision date ('decision_date')");
    const std::size_t years = pc->at("years").count();
    if (years == 0 || years > 100) pc->at("years").fail("a publication cap is 1 to 100 years");
    rp.publication_cap_months = static_cast<int>(years) * 12;
    detail::Basis b = detail::read_basis(pc->at("basis"));
    rp.publication_cap_basis = std::move(b.text);
    rp.publication_cap_basis_confirmed = b.confirmed;
    rp.publication_cap_basis_unconfirmed = std::move(b.unconfirmed);
  }
  if (auto sb = root.get("select_by")) {
    rp.select_by = sb->str();
    if (rp.select_by != "decision_date" && rp.select_by != "application_date")
      sb->fail("select_by is decision_date or application_date");
  }
  if (auto cb = root.get("commitment_breach")) {
    const std::string v = cb->str();
    if (v != "max_period" && v != "none") cb->fail("commitment_breach is max_period or none");
    rp.breach_max_period = v == "max_period";
  }
  if (auto b = root.get("commitment_breach_basis")) rp.breach_basis = basis_text(*b);
  if (auto rl = root.get("repeat_limits"))
    for (const Node& ln : rl->elements()) {
      ln.allow_only({"id", "max_repairs", "window_months", "min_months_since_last", "enabled"});
      RepeatLimit l;
      l.id = ln.at("id").str();
      if (auto x = ln.get("max_repairs")) l.max_repairs = static_cast<int>(x->count());
      if (auto x = ln.get("window_months")) l.window_months = static_cast<int>(x->count());
      if (auto x = ln.get("min_months_since_last")) l.min_months_since_last = static_cast<int>(x->count());
      if (auto x = ln.get("enabled")) l.enabled = x->boolean();
      if (l.max_repairs > 0 && l.window_months == 0) ln.fail("max_repairs needs window_months");
      if (auto b = ln.get("basis")) l.basis = basis_text(*b);
      l.note = ln.str_or("note");
      rp.repeat_limits.push_back(std::move(l));
    }
  static const std::set<std::string> kCategories = {"admin_penalty", "black_list", "abnormal_list", "other"};
  for (const Node& rn : root.at("regimes").elements()) {
    rn.allow_only({"id", "title", "effective_from", "effective_to", "tiers", "areas", "penalty_type_tiers",
                   "penalty_type_note", "procedure_tiers", "fine_amount_tiers", "categories", "exclusions",
                   "processing", "effects"});
    RepairRegime r;
    r.id = rn.at("id").str();
    r.title = rn.str_or("title");
    r.basis = basis_text(rn.at("basis"));
    r.note = rn.str_or("note");
    r.effective_from = req_day(rn, "effective_from");
    r.effective_to = opt_day(rn, "effective_to");
    if (r.effective_to && *r.effective_to < *r.effective_from)
      rn.at("effective_to").fail("effective_to is before effective_from");
    if (!rp.regimes.empty()) {
      const RepairRegime& prev = rp.regimes.back();
      if (!prev.effective_to || *prev.effective_to >= *r.effective_from)
        rn.at("effective_from").fail("regimes must follow one another in date order without overlapping");
    }
    std::map<std::string, RepairTier> common;
    if (auto t = rn.get("tiers")) common = load_tiers(*t);
    for (const auto& [cat, cn] : rn.at("categories").members()) {
      if (!kCategories.count(cat)) cn.fail("a category is admin_penalty, black_list, abnormal_list or other");
      cn.allow_only({"tiers"});
      auto tiers = common;
      if (auto t = cn.get("tiers")) tiers = load_tiers(*t);
      if (tiers.empty()) cn.fail("category '" + cat + "' has no tiers (give 'tiers' here or on the regime)");
      r.tiers[cat] = std::move(tiers);
      r.category_notes[cat] = cn.str_or("note");
    }
    if (auto a = rn.get("areas"))
      for (const auto& [area, an] : a->members()) {
        if (!snake_name(area)) an.fail("an area is a lower-case name (food, fire_safety, …)");
        an.allow_only({"min_months", "aliases"});
        r.area_min_months[area] = {static_cast<int>(an.at("min_months").count()),
                                   an.get("basis") ? basis_text(an.at("basis")) : std::string()};
        std::vector<std::pair<std::string, Node>> names{{area, an}};
        if (auto al = an.get("aliases"))
          for (const Node& x : al->elements()) names.emplace_back(x.str(), x);
        for (const auto& [name, where] : names) {
          auto [it, fresh] = rp.area_names.emplace(name, area);
          if (!fresh && it->second != area)
            where.fail("'" + name + "' already names area '" + it->second + "'");
        }
      }
    if (auto pt = rn.get("penalty_type_tiers"))
      for (const auto& [type, tn] : pt->members()) {
        check_code_value(tn, "penalty_type", type);
        r.penalty_type_tiers[type] = load_tier_rule(tn, true);
      }
    if (auto pt = rn.get("procedure_tiers"))
      for (const auto& [proc, tn] : pt->members()) {
        check_code_value(tn, "penalty_procedure", proc);
        r.procedure_tiers[proc] = load_tier_rule(tn, false);
      }
    if (auto ft = rn.get("fine_amount_tiers")) r.fine_tiers = load_fine_tiers(*ft);
    for (const auto& [type, rule] : r.penalty_type_tiers)
      if (rule.by_fine_amount && r.fine_tiers.bands.empty())
        rn.at("penalty_type_tiers")
            .at(type)
            .fail("tier by fine_amount needs fine_amount_tiers in the regime");
    if (auto ex = rn.get("exclusions"))
      for (const Node& xn : ex->elements()) {
        xn.allow_only({"id", "when", "reason"});
        RepairExclusion x;
        x.id = xn.at("id").str();
        x.reason = xn.at("reason").str();
        if (auto b = xn.get("basis")) x.basis = basis_text(*b);
        const Node w = xn.at("when");
        w.allow_only({"category", "severity", "flags", "penalty_types", "area"});
        x.categories = opt_strings(w, "category");
        x.severities = opt_strings(w, "severity");
        x.flags = opt_strings(w, "flags");
        x.penalty_types = opt_strings(w, "penalty_types");
        x.areas = opt_strings(w, "area");
        r.exclusions.push_back(std::move(x));
      }
    if (auto pr = rn.get("processing"))
      for (const Node& pn : pr->elements()) {
        pn.allow_only({"step", "title", "working_days", "confirmed", "from", "extends", "flag"});
        ProcessingStep st;
        st.step = pn.at("step").str();
        st.title = pn.str_or("title");
        st.working_days = static_cast<int>(pn.at("working_days").count());
        if (st.working_days > 365) pn.at("working_days").fail("more than 365 working days");
        if (auto c = pn.get("confirmed")) st.confirmed = c->boolean();
        if (auto b = pn.get("basis")) st.basis = basis_text(*b);
        auto earlier = [&](const std::string& name, bool extension_ok) {
          return std::any_of(r.processing.begin(), r.processing.end(), [&](const ProcessingStep& p) {
            return p.step == name && (extension_ok || p.extends.empty());
          });
        };
        if (earlier(st.step, true)) pn.at("step").fail("step '" + st.step + "' is listed twice");
        st.from = pn.str_or("from");
        if (!st.from.empty() && st.from != "application" && !earlier(st.from, false))
          pn.at("from").fail("from is 'application' or an earlier step (not an extension)");
        st.extends = pn.str_or("extends");
        st.flag = pn.str_or("flag");
        if (!st.extends.empty()) {
          if (!earlier(st.extends, false))
            pn.at("extends").fail("extends names an earlier step (not an extension)");
          if (!st.from.empty()) pn.at("from").fail("an extension counts from the step it extends: no 'from'");
          if (st.flag.empty()) pn.fail("an extension needs the record flag that makes it apply ('flag')");
        } else if (!st.flag.empty()) {
          pn.at("flag").fail("flag is for extensions ('extends')");
        }
        r.processing.push_back(std::move(st));
      }
    if (auto ef = rn.get("effects")) r.effects = ef->strings();
    rp.regimes.push_back(std::move(r));
  }
  if (rp.regimes.empty()) root.at("regimes").fail("at least one regime");
}

RepairTier EngineLoader::load_tier(const Node& n) {
  n.allow_only({"min_months", "max_months", "evidence"});
  RepairTier t;
  t.min_months = static_cast<int>(n.at("min_months").count());
  t.max_months = static_cast<int>(n.at("max_months").count());
  if (t.max_months < t.min_months) n.at("max_months").fail("max_months is below min_months");
  if (t.max_months > 120)
    n.at("max_months").fail("max_months above 120 (10 years) is not a publication period");
  if (const int cap = e.repair_.publication_cap_months; cap > 0 && t.max_months > cap)
    n.at("max_months")
        .fail("max_months is above the publication cap (publication_cap: " + std::to_string(cap) +
              " months)");
  static const std::set<std::string> kEvidence = {"obligations_fulfilled", "commitment", "training",
                                                  "credit_report"};
  if (auto ev = n.get("evidence"))
    for (const Node& x : ev->elements()) {
      const std::string v = x.str();
      if (!kEvidence.count(v))
        x.fail("evidence is obligations_fulfilled, commitment, training or credit_report");
      t.evidence.push_back(v);
    }
  if (auto b = n.get("basis")) t.basis = basis_text(*b);
  t.note = n.str_or("note");
  return t;
}

// Tiers of one object: "minor" / "general" / "serious", each a tier or {"same_as": other}.
std::map<std::string, RepairTier> EngineLoader::load_tiers(const Node& n) {
  static const std::set<std::string> kSev = {"minor", "general", "serious"};
  std::map<std::string, RepairTier> out;
  std::map<std::string, std::pair<std::string, Node>> aliases;
  for (const auto& [sev, tn] : n.members()) {
    if (!kSev.count(sev)) tn.fail("a tier is minor, general or serious");
    if (auto same = tn.get("same_as")) {
      tn.allow_only({"same_as"});
      aliases.emplace(sev, std::make_pair(same->str(), *same));
    } else {
      out[sev] = load_tier(tn);
    }
  }
  for (const auto& [sev, target] : aliases) {
    auto it = out.find(target.first);
    if (it == out.end()) target.second.fail("same_as names a tier that is not defined here");
    RepairTier t = it->second;
    t.note = "as " + target.first + (t.note.empty() ? "" : "; " + t.note);
    out[sev] = t;
  }
  return out;
}

bool EngineLoader::snake_name(const std::string& s) {
  return !s.empty() && s.front() >= 'a' && s.front() <= 'z' && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string EngineLoader::tier_name(const Node& n) {
  const std::string sev = n.str();
  if (sev != "minor" && sev != "general" && sev != "serious") n.fail("a tier is minor, general or serious");
  return sev;
}

// A penalty type's or a procedure's tier: "minor" / "general" / "serious", or an object
// {"tier", "by": "fine_amount", "confirmed", "unconfirmed", "source"}; without "tier" and
// "by" no tier is asserted (the record's severity decides).
RepairTierRule EngineLoader::load_tier_rule(const Node& n, bool allow_by) {
  RepairTierRule t;
  if (n.json().is_string()) {
    t.tier = tier_name(n);
    return t;
  }
  n.allow_only({"tier", "by", "confirmed", "unconfirmed", "source"});
  if (auto x = n.get("tier")) t.tier = tier_name(*x);
  if (auto x = n.get("by")) {
    if (!allow_by || x->str() != "fine_amount") x->fail("by is fine_amount (penalty types only)");
    if (!t.tier.empty()) x->fail("give either tier or by");
    t.by_fine_amount = true;
  }
  if (auto x = n.get("confirmed")) t.confirmed = x->boolean();
  t.unconfirmed = n.str_or("unconfirmed");
  t.source = n.str_or("source");
  if (auto b = n.get("basis")) t.basis = basis_text(*b);
  if (t.tier.empty() && !t.by_fine_amount && t.unconfirmed.empty())
    n.fail("no tier asserted: say why in 'unconfirmed'");
  return t;
}

// {"unit": "万元", "bands": [{"tier", "label", "from", "below"}, …], "confirmed", "unconfirmed"}
FineTiers EngineLoader::load_fine_tiers(const Node& n) {
  n.allow_only({"unit", "bands", "confirmed", "unconfirmed", "source"});
  FineTiers f;
  f.unit = n.at("unit").str();
  if (f.unit != "万元") n.at("unit").fail("fine amounts are in 万元, as CF_NR_FK");
  if (auto x = n.get("confirmed")) f.confirmed = x->boolean();
  f.unconfirmed = n.str_or("unconfirmed");
  f.note = n.str_or("note");
  if (auto b = n.get("basis")) f.basis = basis_text(*b);
  for (const Node& bn : n.at("bands").elements()) {
    bn.allow_only({"tier", "label", "from", "below"});
    FineBand b;
    b.tier = tier_name(bn.at("tier"));
    b.label = bn.str_or("label");
    if (auto x = bn.get("from")) b.from = x->number();
    if (auto x = bn.get("below")) b.below = x->number();
    if (!b.from && !b.below) bn.fail("a band needs from, below or both");
    if ((b.from && *b.from < 0) || (b.below && *b.below <= 0)) bn.fail("fine amounts are not negative");
    if (b.from && b.below && *b.below <= *b.from) bn.at("below").fail("below is not above from");
    if (!f.bands.empty()) {
      const FineBand& prev = f.bands.back();
      if (!prev.below || !b.from || *b.from < *prev.below)
        bn.fail("bands must ascend without overlapping (from >= the previous band's below)");
    }
    f.bands.push_back(std::move(b));
  }
  if (f.bands.empty()) n.at("bands").fail("at least one band");
  return f;
}

ECREDIT_END_NAMESPACE
