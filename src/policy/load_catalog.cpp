// Loading a policy pack: catalog.json: datasets, fields, rules.
#include "policy/loader.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <utility>

ECREDIT_BEGIN_NAMESPACE

namespace {

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

void EngineLoader::load_catalog(const JsonDoc& doc) {
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
      static const std::set<std::string> kKinds = {"subject",    "record",   "list_entry",
                                                   "commitment", "relation", "none"};
      if (!kKinds.count(ds.maps_to.kind))
        m->at("kind").fail("maps_to.kind must be subject, record, list_entry, commitment, relation or none");
      for (const auto& [key, value] : m->members()) {
        if (key == "kind" || key == "note" || key == "basis" || key == "$comment") continue;
        if (!value.json().is_string()) value.fail("expected a string");
        ds.maps_to.keys[key] = value.str();
      }
    }
    e.catalog_.datasets.push_back(std::move(ds));
  }
}

void EngineLoader::load_field(const Node& f, Field& field) {
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

std::size_t EngineLoader::resolve(const Node& at, const Dataset& ds, const std::string& name) {
  const auto idx = ds.field_index(name);
  if (idx < 0) at.fail("no field '" + name + "' in dataset '" + ds.id + "'");
  return static_cast<std::size_t>(idx);
}

Rule EngineLoader::load_rule(const Node& r, const Dataset& ds, std::size_t n) {
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

ECREDIT_END_NAMESPACE
