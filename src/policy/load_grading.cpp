// Loading a policy pack: grading.json: grading models (and the selectors measures.json shares).
#include "policy/loader.hpp"

#include <string>
#include <vector>

ECREDIT_BEGIN_NAMESPACE

void EngineLoader::load_grading(const JsonDoc& doc) {
  const Node root(doc, doc.root, "");
  root.allow_only({"models"});
  for (const Node& mn : root.at("models").elements()) {
    mn.allow_only({"id", "title", "title_en", "version", "effective_from", "effective_to", "scale",
                   "base_score", "min_score", "max_score", "records", "indicators", "vetoes", "grades",
                   "no_data_grade", "bad_record_cap", "supervision", "notes"});
    GradingModel m;
    m.id = mn.at("id").str();
    for (const auto& other : e.models_)
      if (other.id == m.id) mn.at("id").fail("duplicate model id '" + m.id + "'");
    m.title = mn.str_or("title");
    m.version = mn.at("version").str();
    read_basis_into(mn.at("basis"), m);
    m.effective_from = opt_day(mn, "effective_from");
    m.effective_to = opt_day(mn, "effective_to");
    m.scale = mn.at("scale").strings();
    if (m.scale.empty()) mn.at("scale").fail("the scale needs at least one grade");
    if (auto n = mn.get("base_score")) m.base_score = n->number();
    if (auto n = mn.get("min_score")) m.min_score = n->number();
    if (auto n = mn.get("max_score")) m.max_score = n->number();
    if (auto r = mn.get("records")) {
      if (auto u = r->get("under_objection"))
        u->fail(
            "whether a record under objection counts is objections.json's 'counting' (one setting for "
            "grading and measures), not a grading model's");
      r->allow_only({"repaired", "expired"});
      auto flag = [&](const char* key, bool& out) {
        if (auto f = r->get(key)) {
          const std::string v = f->str();
          if (v != "exclude" && v != "include") f->fail("expected 'exclude' or 'include'");
          out = v == "exclude";
        }
      };
      flag("repaired", m.exclude_repaired);
      flag("expired", m.exclude_expired);
    }
    for (const Node& in : mn.at("indicators").elements()) {
      in.allow_only({"id", "title", "title_en", "select", "points", "window_months", "decay", "cap"});
      Indicator ind;
      ind.id = in.at("id").str();
      ind.title = in.str_or("title");
      read_basis_into(in.at("basis"), ind);
      ind.select = load_selector(in.at("select"), true);
      ind.points = in.at("points").number();
      if (auto w = in.get("window_months")) ind.window_months = static_cast<int>(w->count());
      if (auto d = in.get("decay")) {
        int last = 0;
        for (const Node& step : d->elements()) {
          const auto els = step.elements();
          if (els.size() != 2) step.fail("a decay step is [months, factor]");
          const int months = static_cast<int>(els[0].count());
          const double factor = els[1].number();
          if (months <= last) els[0].fail("decay month bounds must increase");
          if (factor < 0 || factor > 1) els[1].fail("a decay factor is between 0 and 1");
          last = months;
          ind.decay.emplace_back(months, factor);
        }
      }
      if (auto c = in.get("cap")) {
        ind.cap = c->number();
        if ((*ind.cap < 0) != (ind.points < 0)) c->fail("a cap has the sign of the indicator's points");
      }
      m.indicators.push_back(std::move(ind));
    }
    for (const Node& g : mn.at("grades").elements()) {
      g.allow_only({"grade", "min"});
      GradeThreshold t;
      t.grade = g.at("grade").str();
      if (auto mi = g.get("min")) t.min = mi->number();
      m.grades.push_back(std::move(t));
    }
    if (m.grades.empty() || m.grades.back().min) mn.at("grades").fail("the last grade must have no 'min'");
    for (const Node& g : mn.at("grades").elements()) check_grade(m, g.at("grade"));
    if (auto vs = mn.get("vetoes")) {
      for (const Node& vn : vs->elements()) {
        vn.allow_only({"id", "title", "title_en", "when", "window_months", "grade", "max_grade"});
        Veto v;
        v.id = vn.at("id").str();
        v.title = vn.str_or("title");
        read_basis_into(vn.at("basis"), v);
        const Node w = vn.at("when");
        if (auto rec = w.get("record")) {
          w.allow_only({"record"});
          v.when = load_selector(*rec, false);
        } else {
          v.when = load_selector(w, true);
          if (!v.when.for_lists) w.fail("'when' needs 'list' or 'record'");
        }
        if (auto wm = vn.get("window_months")) v.window_months = static_cast<int>(wm->count());
        if (auto gr = vn.get("grade")) {
          check_grade(m, *gr);
          v.grade = gr->str();
        }
        if (auto mg = vn.get("max_grade")) {
          check_grade(m, *mg);
          v.max_grade = mg->str();
        }
        if (v.grade.empty() == v.max_grade.empty())
          vn.fail("a veto has exactly one of 'grade' and 'max_grade'");
        m.vetoes.push_back(std::move(v));
      }
    }
    const Node nd = mn.at("no_data_grade");
    check_grade(m, nd);
    m.no_data_grade = nd.str();
    if (auto bc = mn.get("bad_record_cap")) {
      bc->allow_only({"max_grade"});
      const Node g = bc->at("max_grade");
      check_grade(m, g);
      m.bad_record_cap = g.str();
      if (m.rank(m.bad_record_cap) < m.rank(m.no_data_grade))
        g.fail("bad_record_cap " + m.bad_record_cap + " is better than no_data_grade " + m.no_data_grade +
               ": a subject with a bad record would grade better than one with no record");
      m.bad_record_cap_basis = basis_text(bc->at("basis"));
    }
    if (auto sup = mn.get("supervision")) m.supervision_json = sup->json().dump();
    e.models_.push_back(std::move(m));
  }
}

Selector EngineLoader::load_selector(const Node& n, bool allow_lists) {
  Selector s;
  if (n.get("list")) {
    if (!allow_lists) n.at("list").fail("list conditions are not allowed here");
    n.allow_only({"list", "domain"});
    s.for_lists = true;
    s.list = n.at("list").strings();
    s.domain = opt_strings(n, "domain");
    return s;
  }
  n.allow_only({"category", "severity", "polarity", "domain", "attributes"});
  s.category = opt_strings(n, "category");
  s.severity = opt_strings(n, "severity");
  s.polarity = opt_strings(n, "polarity");
  s.domain = opt_strings(n, "domain");
  if (auto a = n.get("attributes"))
    for (const auto& [name, values] : a->members()) s.attributes[name] = values.strings();
  return s;
}

void EngineLoader::check_grade(const GradingModel& m, const Node& n) {
  const std::string g = n.str();
  if (m.rank(g) < 0) n.fail("grade '" + g + "' is not on the model's scale");
}

ECREDIT_END_NAMESPACE
