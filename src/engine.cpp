// Loading a policy pack into an Engine: pack.json, codes.json, catalog.json.
#include "ecredit/engine.hpp"

#include <openssl/evp.h>
#include <re2/re2.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "ecredit/error.hpp"
#include "ecredit/file.hpp"
#include "ecredit/registry.hpp"
#include "embedded.hpp"
#include "policy_json.hpp"

ECREDIT_BEGIN_NAMESPACE

using detail::JsonDoc;
using detail::Node;

namespace {

std::string sha256_hex(const std::vector<std::string_view>& parts) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw Error("SHA-256 unavailable");
  for (std::string_view p : parts) EVP_DigestUpdate(ctx.get(), p.data(), p.size());
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

// The clean citation "doc article" (no confirmation status; see read_basis).
std::string basis_text(const Node& n) { return detail::read_basis(n).text; }

// Citation text plus its confirmation status, for the structs that carry both.
template <class T>
void read_basis_into(const Node& n, T& out) {
  detail::Basis b = detail::read_basis(n);
  out.basis = std::move(b.text);
  out.basis_confirmed = b.confirmed;
  out.basis_unconfirmed = std::move(b.unconfirmed);
}

FieldType parse_field_type(const Node& n) {
  static const std::pair<std::string_view, FieldType> kTypes[] = {
      {"string", FieldType::string},     {"integer", FieldType::integer},
      {"decimal", FieldType::decimal},   {"date", FieldType::date},
      {"datetime", FieldType::datetime}, {"boolean", FieldType::boolean},
      {"code", FieldType::code},         {"uscc", FieldType::uscc},
      {"org_code", FieldType::org_code}, {"resident_id", FieldType::resident_id}};
  const std::string s = n.str();
  for (const auto& [name, type] : kTypes)
    if (s == name) return type;
  n.fail("unknown field type '" + s +
         "' (expected string, integer, decimal, date, datetime, boolean, code, uscc, org_code, resident_id)");
}

Severity parse_severity(const Node& n) {
  const std::string s = n.str();
  if (s == "error") return Severity::error;
  if (s == "warning") return Severity::warning;
  n.fail("severity must be 'error' or 'warning'");
}

bool iso_date_like(const std::string& s) {
  return s.size() >= 10 && s[4] == '-' && s[7] == '-' &&
         std::all_of(s.begin(), s.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

struct EngineLoader {
  Engine& e;
  std::vector<std::string> hashed;  // file contents in hash order

  void load(const std::map<std::string, std::string>& files, const std::string& origin) {
    auto read = [&](const std::string& name) -> JsonDoc {
      auto it = files.find(name);
      if (it == files.end()) throw PolicyError("file missing from the pack", join_path(origin, name));
      hashed.push_back(it->second);
      return detail::parse_policy_json(join_path(origin, name), it->second);
    };
    const JsonDoc pack = read("pack.json");
    const Node root(pack, pack.root, "");
    root.allow_only({"id", "title", "title_en", "version", "files", "coverage_targets"});
    if (auto ct = root.get("coverage_targets")) {
      for (const auto& [year, share] : ct->members()) {
        if (year == "basis" || year == "note" || year == "$comment") continue;
        int y = 0;
        try {
          y = std::stoi(year);
        } catch (...) {
          share.fail("coverage target keys are years");
        }
        if (share.json().is_object()) {
          share.allow_only({"share"});
          e.coverage_targets_[y] = share.at("share").number();
        } else {
          e.coverage_targets_[y] = share.number();
        }
      }
    }
    e.id_ = root.at("id").str();
    e.title_ = root.str_or("title");
    e.version_ = root.at("version").str();
    const Node fl = root.at("files");
    fl.allow_only({"codes", "catalog", "grading", "measures", "repair", "calendar"});
    const JsonDoc codes = read(fl.at("codes").str());
    load_codes(codes);
    const JsonDoc catalog = read(fl.at("catalog").str());
    load_catalog(catalog);
    if (auto g = fl.get("grading")) {
      const JsonDoc grading = read(g->str());
      load_grading(grading);
    }
    if (auto m = fl.get("measures")) {
      const JsonDoc measures = read(m->str());
      load_measures(measures);
    }
    if (auto c = fl.get("calendar")) {
      const JsonDoc calendar = read(c->str());
      load_calendar(calendar);
    }
    if (auto r = fl.get("repair")) {
      const JsonDoc repair = read(r->str());
      load_repair(repair);
    }
    std::vector<std::string_view> parts(hashed.begin(), hashed.end());
    e.hash_ = sha256_hex(parts);
  }

  void load_codes(const JsonDoc& doc) {
    const Node root(doc, doc.root, "");
    root.allow_only({"tables"});
    for (const auto& [name, t] : root.at("tables").members()) {
      t.allow_only({"title", "title_en", "codes"});
      CodeTable table;
      table.name = name;
      table.title = t.str_or("title");
      std::set<std::string> seen;
      for (const Node& c : t.at("codes").elements()) {
        c.allow_only({"code", "label", "label_en", "aliases"});
        Code code;
        code.code = c.at("code").str();
        if (code.code.empty()) c.at("code").fail("empty code");
        if (!seen.insert(code.code).second) c.at("code").fail("duplicate code '" + code.code + "'");
        code.label = c.at("label").str();
        code.label_en = c.str_or("label_en");
        if (auto a = c.get("aliases")) code.aliases = a->strings();
        table.codes.push_back(std::move(code));
      }
      const std::string clash = table.build_index();
      if (!clash.empty()) t.at("codes").fail("'" + clash + "' stands for two different codes");
      e.codes_.emplace(name, std::move(table));
    }
  }

  void load_field(const Node& f, Field& field) {
    f.allow_only({"name",     "title",       "title_en",   "aliases",    "type",        "codes",   "multiple",
                  "required", "required_if", "min_length", "max_length", "minimum",     "maximum", "pattern",
                  "unique",   "personal",    "severity",   "unit",       "description", "example"});
    field.name = f.at("name").str();
    field.title = f.at("title").str();
    field.title_en = f.str_or("title_en");
    if (auto a = f.get("aliases")) field.aliases = a->strings();
    field.type = parse_field_type(f.at("type"));
    if (field.type == FieldType::code) {
      const Node c = f.at("codes");
      field.codes = c.str();
      auto it = e.codes_.find(field.codes);
      if (it == e.codes_.end()) c.fail("no code table '" + field.codes + "' in codes.json");
      field.table = &it->second;
    } else if (f.get("codes")) {
      f.at("codes").fail("'codes' applies to type code only");
    }
    if (auto n = f.get("multiple")) field.multiple = n->boolean();
    if (auto n = f.get("required")) field.required = n->boolean();
    if (auto n = f.get("unique")) field.unique = n->boolean();
    if (auto n = f.get("personal")) field.personal = n->boolean();
    if (field.type == FieldType::resident_id) field.personal = true;
    if (auto n = f.get("severity")) field.severity = parse_severity(*n);
    if (auto n = f.get("min_length")) field.min_length = n->count();
    if (auto n = f.get("max_length")) field.max_length = n->count();
    for (const char* key : {"minimum", "maximum"}) {
      auto n = f.get(key);
      if (!n) continue;
      const bool is_min = key[1] == 'i';
      if (field.type == FieldType::date || field.type == FieldType::datetime) {
        const std::string s = n->str();
        if (!iso_date_like(s)) n->fail("a date bound must be an ISO date (YYYY-MM-DD)");
        (is_min ? field.min_date : field.max_date) = s;
      } else if (field.type == FieldType::integer || field.type == FieldType::decimal) {
        (is_min ? field.minimum : field.maximum) = n->number();
      } else {
        n->fail(std::string(key) + " applies to integer, decimal, date and datetime fields");
      }
    }
    if (auto n = f.get("pattern")) {
      field.pattern = n->str();
      RE2::Options opts;
      opts.set_log_errors(false);
      auto re = std::make_shared<const RE2>(field.pattern, opts);
      if (!re->ok()) n->fail("pattern does not compile as RE2: " + re->error());
      field.regex = std::move(re);
    }
    if (auto n = f.get("required_if")) {
      n->allow_only({"field", "in"});
      RequiredIf r;
      r.field = n->at("field").str();
      r.in = n->at("in").strings();
      field.required_if = std::move(r);
    }
  }

  std::size_t resolve(const Node& at, const Dataset& ds, const std::string& name) {
    const auto idx = ds.field_index(name);
    if (idx < 0) at.fail("no field '" + name + "' in dataset '" + ds.id + "'");
    return static_cast<std::size_t>(idx);
  }

  void load_catalog(const JsonDoc& doc) {
    const Node root(doc, doc.root, "");
    root.allow_only({"datasets"});
    for (const Node& d : root.at("datasets").elements()) {
      d.allow_only({"id", "title", "title_en", "disclosure", "source_department", "maps_to", "primary_key",
                    "fields", "rules", "description"});
      Dataset ds;
      ds.id = d.at("id").str();
      if (e.catalog_.find(ds.id) != nullptr) d.at("id").fail("duplicate dataset id '" + ds.id + "'");
      ds.title = d.at("title").str();
      ds.title_en = d.str_or("title_en");
      ds.disclosure = d.at("disclosure").str();
      if (ds.disclosure != "public" && ds.disclosure != "restricted" && ds.disclosure != "internal")
        d.at("disclosure").fail("disclosure must be public, restricted or internal");
      ds.source_department = d.str_or("source_department");
      read_basis_into(d.at("basis"), ds);
      std::set<std::string> names;
      for (const Node& f : d.at("fields").elements()) {
        Field field;
        load_field(f, field);
        if (!names.insert(field.name).second) f.at("name").fail("duplicate field name '" + field.name + "'");
        ds.fields.push_back(std::move(field));
      }
      // references, now that every field is known
      const auto fields = d.at("fields").elements();
      for (std::size_t i = 0; i < ds.fields.size(); ++i) {
        auto& ri = ds.fields[i].required_if;
        if (ri) ri->field_index = resolve(fields[i].at("required_if").at("field"), ds, ri->field);
      }
      if (auto pk = d.get("primary_key")) {
        ds.primary_key = pk->strings();
        const auto els = pk->elements();
        for (std::size_t i = 0; i < els.size(); ++i)
          ds.primary_key_index.push_back(resolve(els[i], ds, ds.primary_key[i]));
      }
      if (auto rules = d.get("rules")) {
        std::size_t n = 0;
        for (const Node& r : rules->elements()) ds.rules.push_back(load_rule(r, ds, n++));
      }
      if (auto m = d.get("maps_to")) {
        ds.maps_to.kind = m->at("kind").str();
        static const std::set<std::string> kKinds = {"subject", "record", "list_entry", "commitment", "none"};
        if (!kKinds.count(ds.maps_to.kind))
          m->at("kind").fail("maps_to.kind must be subject, record, list_entry, commitment or none");
        for (const auto& [key, value] : m->members()) {
          if (key == "kind" || key == "note" || key == "basis" || key == "$comment") continue;
          if (!value.json().is_string()) value.fail("expected a string");
          ds.maps_to.keys[key] = value.str();
        }
      }
      e.catalog_.datasets.push_back(std::move(ds));
    }
  }

  static std::optional<date::sys_days> opt_day(const Node& parent, const char* key) {
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

  static std::vector<std::string> opt_strings(const Node& n, const char* key) {
    auto v = n.get(key);
    return v ? v->strings() : std::vector<std::string>{};
  }

  Selector load_selector(const Node& n, bool allow_lists) {
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

  void check_grade(const GradingModel& m, const Node& n) {
    const std::string g = n.str();
    if (m.rank(g) < 0) n.fail("grade '" + g + "' is not on the model's scale");
  }

  void load_grading(const JsonDoc& doc) {
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
        r->allow_only({"repaired", "expired", "under_objection"});
        auto flag = [&](const char* key, bool& out) {
          if (auto f = r->get(key)) {
            const std::string v = f->str();
            if (v != "exclude" && v != "include") f->fail("expected 'exclude' or 'include'");
            out = v == "exclude";
          }
        };
        flag("repaired", m.exclude_repaired);
        flag("expired", m.exclude_expired);
        flag("under_objection", m.exclude_objection);
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

  // A value of code table `table` (when the pack has that table); returns the code.
  std::string check_code(const Node& n, const std::string& table) {
    const std::string v = n.str();
    check_code_value(n, table, v);
    return v;
  }
  std::vector<std::string> check_codes(const Node& parent, const char* key, const std::string& table) {
    std::vector<std::string> out;
    if (auto v = parent.get(key))
      for (const Node& c : v->elements()) out.push_back(check_code(c, table));
    return out;
  }

  static Effect parse_effect(const Node& n) {
    const std::string s = n.str();
    for (Effect eff : {Effect::prohibit, Effect::restrict, Effect::caution, Effect::incentive})
      if (s == effect_name(eff)) return eff;
    n.fail("effect must be prohibit, restrict, caution or incentive");
  }

  void load_measures(const JsonDoc& doc) {
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
        if (v == "subject")
          m.targets |= target_subject;
        else if (v == "legal_representative")
          m.targets |= target_legal_rep;
        else if (v == "responsible_person")
          m.targets |= target_responsible;
        else
          x.fail("a target is subject, legal_representative or responsible_person");
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

  static date::sys_days req_day(const Node& parent, const char* key) {
    const auto d = opt_day(parent, key);
    if (!d) parent.at(key);  // throws "missing"
    return *d;
  }

  void load_calendar(const JsonDoc& doc) {
    const Node root(doc, doc.root, "");
    root.allow_only({"years"});
    std::set<int> years, holidays, workdays;  // day numbers (Calendar)
    for (const auto& [year, yn] : root.at("years").members()) {
      yn.allow_only({"confirmed", "holidays", "workdays"});
      int y = 0;
      try {
        y = std::stoi(year);
      } catch (...) {
        yn.fail("calendar keys are years");
      }
      if (y < 1900 || y > 2200) yn.fail("calendar keys are years");
      years.insert(y);
      for (const Node& h : yn.at("holidays").elements()) {
        h.allow_only({"name", "from", "to"});
        const date::sys_days from = req_day(h, "from"), to = req_day(h, "to");
        if (to < from) h.at("to").fail("a holiday period ends before it starts");
        if ((to - from).count() > 31) h.at("to").fail("a holiday period longer than a month");
        for (date::sys_days d = from; d <= to; d += date::days{1})
          holidays.insert(d.time_since_epoch().count());
      }
      for (const Node& w : yn.at("workdays").elements()) {
        w.allow_only({"name", "date"});
        const date::sys_days d = req_day(w, "date");
        const date::weekday wd{d};
        if (wd != date::Saturday && wd != date::Sunday)
          w.at("date").fail("an adjusted working day is a weekend day");
        if (holidays.count(d.time_since_epoch().count()))
          w.at("date").fail("a working day inside a holiday");
        workdays.insert(d.time_since_epoch().count());
      }
    }
    e.calendar_ = Calendar(std::move(years), std::move(holidays), std::move(workdays));
  }

  RepairTier load_tier(const Node& n) {
    n.allow_only({"min_months", "max_months", "evidence"});
    RepairTier t;
    t.min_months = static_cast<int>(n.at("min_months").count());
    t.max_months = static_cast<int>(n.at("max_months").count());
    if (t.max_months < t.min_months) n.at("max_months").fail("max_months is below min_months");
    if (t.max_months > 120)
      n.at("max_months").fail("max_months above 120 (10 years) is not a publication period");
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
  std::map<std::string, RepairTier> load_tiers(const Node& n) {
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

  static bool snake_name(const std::string& s) {
    return !s.empty() && s.front() >= 'a' && s.front() <= 'z' && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
  }

  static std::string tier_name(const Node& n) {
    const std::string sev = n.str();
    if (sev != "minor" && sev != "general" && sev != "serious") n.fail("a tier is minor, general or serious");
    return sev;
  }

  // A penalty type's or a procedure's tier: "minor" / "general" / "serious", or an object
  // {"tier", "by": "fine_amount", "confirmed", "unconfirmed", "source"}; without "tier" and
  // "by" no tier is asserted (the record's severity decides).
  RepairTierRule load_tier_rule(const Node& n, bool allow_by) {
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
  FineTiers load_fine_tiers(const Node& n) {
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

  void load_repair(const JsonDoc& doc) {
    const Node root(doc, doc.root, "");
    root.allow_only({"select_by", "select_by_note", "commitment_breach", "commitment_breach_basis",
                     "repeat_limits", "regimes"});
    RepairPolicy& rp = e.repair_;
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
    static const std::set<std::string> kCategories = {"admin_penalty", "black_list", "abnormal_list",
                                                      "other"};
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
        if (!kCategories.count(cat))
          cn.fail("a category is admin_penalty, black_list, abnormal_list or other");
        cn.allow_only({"tiers"});
        auto tiers = common;
        if (auto t = cn.get("tiers")) tiers = load_tiers(*t);
        if (tiers.empty())
          cn.fail("category '" + cat + "' has no tiers (give 'tiers' here or on the regime)");
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
            if (!st.from.empty())
              pn.at("from").fail("an extension counts from the step it extends: no 'from'");
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

  // `n` (a member named `key`) must be a code of table `table` when the pack has it.
  void check_code_value(const Node& n, const std::string& table, const std::string& key) {
    auto it = e.codes_.find(table);
    if (it == e.codes_.end()) return;
    const Code* c = it->second.find(key);
    if (c == nullptr || c->code != key) n.fail("'" + key + "' is not a code of table '" + table + "'");
  }

  Rule load_rule(const Node& r, const Dataset& ds, std::size_t n) {
    Rule rule;
    rule.id = r.str_or("id", "rules/" + std::to_string(n));
    if (auto s = r.get("severity")) rule.severity = parse_severity(*s);
    const std::string kind = r.at("kind").str();
    auto add = [&](const char* key) {
      const Node f = r.at(key);
      rule.fields.push_back(f.str());
      rule.field_index.push_back(resolve(f, ds, rule.fields.back()));
    };
    if (kind == "date_order") {
      r.allow_only({"kind", "id", "severity", "earlier", "later"});
      rule.kind = RuleKind::date_order;
      add("earlier");
      add("later");
    } else if (kind == "one_of_required") {
      r.allow_only({"kind", "id", "severity", "fields"});
      rule.kind = RuleKind::one_of_required;
      const Node fs = r.at("fields");
      const auto els = fs.elements();
      if (els.size() < 2) fs.fail("one_of_required needs at least two fields");
      for (const Node& f : els) {
        rule.fields.push_back(f.str());
        rule.field_index.push_back(resolve(f, ds, rule.fields.back()));
      }
    } else if (kind == "id_matches_type") {
      r.allow_only({"kind", "id", "severity", "type_field", "number_field", "codes"});
      rule.kind = RuleKind::id_matches_type;
      add("type_field");
      add("number_field");
      rule.codes = r.at("codes").strings();
    } else {
      r.at("kind").fail("unknown rule kind '" + kind +
                        "' (expected date_order, one_of_required, id_matches_type)");
    }
    return rule;
  }
};

std::shared_ptr<const Engine> Engine::from_files(const std::map<std::string, std::string>& files,
                                                 const std::string& origin) {
  std::shared_ptr<Engine> e(new Engine());
  EngineLoader loader{*e, {}};
  loader.load(files, origin);
  return e;
}

std::shared_ptr<const Engine> Engine::load(const std::string& dir) {
  require_directory(dir, "policy pack folder");
  auto read = [&](const std::string& name) { return read_file(join_path(dir, name), "policy file"); };
  std::map<std::string, std::string> files;
  files["pack.json"] = read("pack.json");
  // The file names come from pack.json; read the ones it names.
  const auto pack = detail::parse_policy_json(join_path(dir, "pack.json"), files["pack.json"]);
  if (pack.root.is_object() && pack.root.contains("files") && pack.root["files"].is_object())
    for (const auto& [key, value] : pack.root["files"].items())
      if (value.is_string()) files[value.get<std::string>()] = read(value.get<std::string>());
  return from_files(files, dir);
}

std::shared_ptr<const Engine> Engine::default_engine() {
  static const std::shared_ptr<const Engine> engine = [] {
    std::map<std::string, std::string> files;
    const std::string prefix = "gz-energy/";
    for (std::string_view name : detail::embedded_names())
      if (name.substr(0, prefix.size()) == prefix)
        files[std::string(name.substr(prefix.size()))] = std::string(detail::embedded_file(name));
    return from_files(files, "policies/gz-energy");
  }();
  return engine;
}

const GradingModel& Engine::model(std::string_view id) const {
  for (const auto& m : models_)
    if (m.id == id) return m;
  std::string known;
  for (const auto& m : models_) known += (known.empty() ? "" : ", ") + m.id;
  throw NotFoundError("no grading model '" + std::string(id) + "' in pack " + id_ +
                      " (known: " + (known.empty() ? "none" : known) + ")");
}

const GradingModel& Engine::model_for(date::sys_days as_of) const {
  for (const auto& m : models_)
    if (m.in_force(as_of)) return m;
  throw NotFoundError("no grading model of pack " + id_ + " is in force on " + date::format("%F", as_of));
}

const Dataset& Engine::dataset(std::string_view id) const {
  if (const Dataset* d = catalog_.find(id)) return *d;
  std::string known;
  for (const auto& d : catalog_.datasets) known += (known.empty() ? "" : ", ") + d.id;
  throw NotFoundError("no dataset '" + std::string(id) + "' in pack " + id_ + " (known: " + known + ")");
}

ECREDIT_END_NAMESPACE
