// Reading data/sample/*.json (src/sample/data.hpp) with the library's located JSON
// reader (src/policy_json.hpp): every error names the file, the JSON pointer and the line.
#include "data.hpp"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "ecredit/error.hpp"
#include "policy_json.hpp"
#include "sample/embedded_data.hpp"

ECREDIT_BEGIN_NAMESPACE
namespace sample {

const char* const kDomainLabel[kDomains] = {"电力", "石油天然气", "油气管道保护", "新能源和可再生能源",
                                            "节能"};

const char* const kDatasetId[kDatasets] = {
    "subject",    "practitioner",    "admin_license",         "admin_penalty",
    "red_list",   "black_list",      "key_attention_list",    "arrears",
    "commitment", "safety_incident", "energy_saving",         "commendation",
    "evaluation", "relation",        "dishonest_debtor_list", "abnormal_operation_list"};

namespace {

using detail::JsonDoc;
using detail::Node;

constexpr const char* kCertKey[kCertFormats] = {"none",        "gas_pipe", "gas_bottle", "hazmat",
                                                "oil",         "cylinder", "equipment",  "elec_gen",
                                                "elec_supply", "install",  "pv",         "safety"};
constexpr const char* kCityAuthKey[kCityAuthorities] = {
    "dev", "urban", "industry", "emergency", "market", "commerce", "nea", "saving_centre", "housing"};
constexpr const char* kProjectKey[kProjects] = {"none",      "power_plant", "pipeline",
                                                "oil_depot", "grid",        "storage_plant"};

/// The index of `n`'s string among `names`; fails naming the allowed values.
template <std::size_t N>
int one_of(const Node& n, const char* const (&names)[N], const char* what) {
  const std::string s = n.str();
  for (std::size_t i = 0; i < N; ++i)
    if (s == names[i]) return static_cast<int>(i);
  std::string allowed;
  for (std::size_t i = 0; i < N; ++i) allowed += (i ? ", " : "") + std::string(names[i]);
  n.fail("unknown " + std::string(what) + " '" + s + "' (expected one of: " + allowed + ")");
}

/// A domain label (the catalog's `domain` codes) or null / absent: kAnyDomain.
int domain_of(const Node& row, const char* key, bool required) {
  const std::optional<Node> n = row.get(key);
  if (!n) {
    if (required) row.at(key).fail("a domain is required here");
    return kAnyDomain;
  }
  return one_of(*n, kDomainLabel, "domain");
}

int authority_of(const Node& n) {
  const std::string s = n.str();
  if (s == "district_urban") return kDistUrban;
  if (s == "district_emergency") return kDistEmergency;
  if (s == "district_dev") return kDistDev;
  for (int i = 0; i < kCityAuthorities; ++i)
    if (s == kCityAuthKey[i]) return i;
  n.fail("unknown authority '" + s +
         "' (expected dev, urban, industry, emergency, market, commerce, nea, saving_centre, housing, "
         "district_urban, district_emergency or district_dev)");
}

unsigned count_of(const Node& n, std::size_t max = 1'000'000'000) {
  const std::size_t v = n.count();
  if (v > max) n.fail("out of range (at most " + std::to_string(max) + ")");
  return static_cast<unsigned>(v);
}

std::string text_of(const Node& n, bool non_empty = true) {
  std::string s = n.str();
  if (non_empty && s.empty()) n.fail("empty text");
  return s;
}

std::vector<std::string> texts_of(const Node& n) {
  std::vector<std::string> v;
  for (const Node& e : n.elements()) v.push_back(text_of(e));
  return v;
}

std::vector<Node> rows_of(const JsonDoc& doc, std::initializer_list<std::string_view> fields) {
  std::vector<Node> rows = Node(doc, doc.root, "").elements();
  if (rows.empty()) Node(doc, doc.root, "").fail("no rows");
  for (const Node& r : rows) r.allow_only(fields);
  return rows;
}

std::vector<LicenceKind> read_licences(const JsonDoc& doc) {
  std::vector<LicenceKind> v;
  for (const Node& r : rows_of(doc, {"id", "decision_doc", "certificate", "license_type", "authority",
                                     "domain", "valid_years", "content", "cert_no_format"})) {
    LicenceKind k;
    k.id = text_of(r.at("id"));
    for (const auto& other : v)
      if (other.id == k.id) r.at("id").fail("duplicate licence id '" + k.id + "'");
    k.doc = text_of(r.at("decision_doc"));
    k.cert = text_of(r.at("certificate"), false);
    k.type = text_of(r.at("license_type"));
    k.auth = authority_of(r.at("authority"));
    k.domain = domain_of(r, "domain", false);
    k.years = static_cast<int>(count_of(r.at("valid_years"), 99));
    k.content = text_of(r.at("content"));
    k.cert_fmt = one_of(r.at("cert_no_format"), kCertKey, "certificate-number format");
    v.push_back(std::move(k));
  }
  return v;
}

std::vector<Archetype> read_archetypes(const JsonDoc& doc, const std::vector<LicenceKind>& licences) {
  std::vector<Archetype> v;
  for (const Node& r :
       rows_of(doc, {"role", "share_per_10000", "individual", "domain", "second_domain", "second_domain_pct",
                     "second_role", "second_role_pct", "name_words", "business_scope", "capital_min",
                     "capital_max", "rates", "licences", "project", "industrial"})) {
    Archetype a;
    a.role = text_of(r.at("role"));
    a.share = count_of(r.at("share_per_10000"), 10'000);
    a.individual = r.at("individual").boolean();
    a.domain = static_cast<Dom>(domain_of(r, "domain", true));
    a.domain2 = domain_of(r, "second_domain", false);
    a.domain2_pct = count_of(r.at("second_domain_pct"), 100);
    if (auto n = r.get("second_role")) a.role2 = text_of(*n);
    a.role2_pct = count_of(r.at("second_role_pct"), 100);
    a.words = texts_of(r.at("name_words"));
    if (a.words.empty()) r.at("name_words").fail("no name words");
    a.scope = text_of(r.at("business_scope"));
    a.capital_lo = static_cast<int>(count_of(r.at("capital_min")));
    a.capital_hi = static_cast<int>(count_of(r.at("capital_max")));
    if (a.capital_hi < a.capital_lo) r.at("capital_max").fail("capital_max is below capital_min");
    const Node rates = r.at("rates");
    for (const auto& member : rates.members()) {
      const std::string& key = member.first;  // named: clang (the fuzz preset) refuses a
                                              // lambda capturing a structured binding in C++17
      if (std::find_if(kDatasetId + 1, kDatasetId + kDatasets, [&](const char* id) { return key == id; }) ==
          kDatasetId + kDatasets)
        member.second.fail("no dataset '" + key + "' takes a rate (the record datasets do)");
    }
    for (int d = 1; d < kDatasets; ++d) {
      const std::optional<Node> rate = optional_rate(d) ? rates.get(kDatasetId[d]) : rates.at(kDatasetId[d]);
      a.rates[static_cast<std::size_t>(d - 1)] = rate ? count_of(*rate, 100'000) : kDefaultRate;
    }
    for (const Node& l : r.at("licences").elements()) {
      const std::string id = l.str();
      const auto it =
          std::find_if(licences.begin(), licences.end(), [&](const LicenceKind& k) { return k.id == id; });
      if (it == licences.end()) l.fail("no licence '" + id + "' in licences.json");
      a.licences.push_back(static_cast<int>(it - licences.begin()));
    }
    a.project = one_of(r.at("project"), kProjectKey, "project kind");
    a.industrial = r.at("industrial").boolean();
    v.push_back(std::move(a));
  }
  return v;
}

std::vector<District> read_districts(const JsonDoc& doc) {
  std::vector<District> v;
  for (const Node& r : rows_of(doc, {"code", "label", "abbr", "weight", "industrial_weight", "roads"})) {
    District d;
    d.code = text_of(r.at("code"));
    if (d.code.size() != 6 ||
        !std::all_of(d.code.begin(), d.code.end(), [](char c) { return c >= '0' && c <= '9'; }))
      r.at("code").fail("a district code is 6 digits (GB/T 2260)");
    d.label = text_of(r.at("label"));
    d.abbr = text_of(r.at("abbr"));
    d.weight = count_of(r.at("weight"));
    d.industrial_weight = count_of(r.at("industrial_weight"));
    d.roads = texts_of(r.at("roads"));
    if (d.roads.empty()) r.at("roads").fail("no roads");
    v.push_back(std::move(d));
  }
  return v;
}

std::vector<PersonRegion> read_person_regions(const JsonDoc& doc, std::size_t& permit_region) {
  std::vector<PersonRegion> v;
  permit_region = 0;
  for (const Node& r : rows_of(doc, {"code", "weight", "residence_permit"})) {
    PersonRegion p;
    p.code = text_of(r.at("code"));
    if (p.code.size() != 6 ||
        !std::all_of(p.code.begin(), p.code.end(), [](char c) { return c >= '0' && c <= '9'; }))
      r.at("code").fail("a region code is 6 digits (GB/T 2260)");
    p.weight = count_of(r.at("weight"));
    p.permit = r.at("residence_permit").boolean();
    if (!v.empty() && v.back().permit && !p.permit)
      r.at("residence_permit").fail("the residence-permit regions come last");
    if (p.permit && p.weight != 0)
      r.at("weight").fail("residence-permit regions have weight 0 (chosen explicitly)");
    if (p.permit && permit_region == 0) permit_region = v.size();
    v.push_back(std::move(p));
  }
  const Node root(doc, doc.root, "");
  if (permit_region == 0 || v.size() - permit_region != 3)
    root.fail("expected the three residence-permit regions (Hong Kong, Macao, Taiwan) last");
  return v;
}

std::vector<Weighted> read_surnames(const JsonDoc& doc) {
  std::vector<Weighted> v;
  for (const Node& r : rows_of(doc, {"surname", "weight"}))
    v.push_back({text_of(r.at("surname")), count_of(r.at("weight"))});
  return v;
}

/// A string of 3-byte UTF-8 characters (CJK).
std::string cjk_chars(const Node& n) {
  std::string s = text_of(n);
  bool ok = s.size() % 3 == 0;
  for (std::size_t i = 0; ok && i < s.size(); i += 3) ok = (static_cast<unsigned char>(s[i]) & 0xF0) == 0xE0;
  if (!ok) n.fail("expected Chinese characters only (3-byte UTF-8 each)");
  return s;
}

Names read_names(const JsonDoc& doc) {
  const Node r(doc, doc.root, "");
  r.allow_only({"male_given_chars", "female_given_chars", "shared_given_chars", "trade_name_chars",
                "mobile_prefixes"});
  Names n;
  n.male_chars = cjk_chars(r.at("male_given_chars"));
  n.female_chars = cjk_chars(r.at("female_given_chars"));
  n.shared_chars = cjk_chars(r.at("shared_given_chars"));
  n.trade_chars = cjk_chars(r.at("trade_name_chars"));
  for (const Node& p : r.at("mobile_prefixes").elements()) {
    std::string s = p.str();
    if (s.size() != 3 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
      p.fail("a mobile prefix is 3 digits");
    n.mobile_prefixes.push_back(std::move(s));
  }
  if (n.mobile_prefixes.empty()) r.at("mobile_prefixes").fail("no mobile prefixes");
  return n;
}

std::vector<Violation> read_violations(const JsonDoc& doc) {
  std::vector<Violation> v;
  for (const Node& r :
       rows_of(doc, {"domain", "roles", "authority", "penalty_type", "facts", "basis", "severity_weights"})) {
    Violation x;
    x.domain = domain_of(r, "domain", false);
    x.roles = texts_of(r.at("roles"));
    x.auth = authority_of(r.at("authority"));
    x.type = text_of(r.at("penalty_type"));
    x.facts = text_of(r.at("facts"));
    x.basis = detail::read_basis(r.at("basis")).text;
    const Node w = r.at("severity_weights");
    w.allow_only({"minor", "general", "serious"});
    x.minor = count_of(w.at("minor"), 1000);
    x.general = count_of(w.at("general"), 1000);
    x.serious = count_of(w.at("serious"), 1000);
    if (x.minor + x.general + x.serious == 0) w.fail("every severity weight is 0");
    v.push_back(std::move(x));
  }
  if (v.back().domain != kAnyDomain || !v.back().roles.empty())
    Node(doc, doc.root, "/" + std::to_string(v.size() - 1))
        .fail("the last violation must fit every subject (domain null, no roles)");
  return v;
}

std::vector<IncidentKind> read_incidents(const JsonDoc& doc) {
  std::vector<IncidentKind> v;
  for (const Node& r : rows_of(doc, {"domain", "what"}))
    v.push_back({domain_of(r, "domain", true), text_of(r.at("what"))});
  return v;
}

std::vector<Honour> read_honours(const JsonDoc& doc) {
  std::vector<Honour> v;
  for (const Node& r :
       rows_of(doc, {"domain", "roles", "title", "level", "awarded_by", "valid_years", "person"})) {
    Honour h;
    h.domain = domain_of(r, "domain", false);
    h.roles = texts_of(r.at("roles"));
    h.title = text_of(r.at("title"));
    h.level = text_of(r.at("level"));
    h.by = text_of(r.at("awarded_by"), false);
    h.valid_years = static_cast<int>(count_of(r.at("valid_years"), 99));
    h.person = r.at("person").boolean();
    v.push_back(std::move(h));
  }
  return v;
}

std::vector<BadLabel> read_bad_labels(const JsonDoc& doc) {
  std::vector<BadLabel> v;
  for (const Node& r : rows_of(doc, {"code_table", "label"}))
    v.push_back({text_of(r.at("code_table")), text_of(r.at("label"))});
  return v;
}

}  // namespace

const std::vector<std::string_view>& table_files() {
  static const std::vector<std::string_view> v = {
      "licences.json", "archetypes.json", "districts.json", "person_regions.json", "surnames.json",
      "names.json",    "violations.json", "incidents.json", "commendations.json",  "bad_labels.json"};
  return v;
}

std::string_view embedded_table(std::string_view file) { return sample_data::embedded_file(file); }

Tables read_tables(const std::map<std::string, std::string, std::less<>>& files) {
  auto doc = [&](std::string_view name) {
    const auto it = files.find(name);
    const std::string path = "data/sample/" + std::string(name);
    if (it == files.end()) throw PolicyError("missing data file", path);
    return detail::parse_policy_json(path, it->second);
  };
  Tables t;
  t.licences = read_licences(doc("licences.json"));
  t.archetypes = read_archetypes(doc("archetypes.json"), t.licences);
  t.districts = read_districts(doc("districts.json"));
  t.person_regions = read_person_regions(doc("person_regions.json"), t.permit_region);
  t.surnames = read_surnames(doc("surnames.json"));
  t.names = read_names(doc("names.json"));
  t.violations = read_violations(doc("violations.json"));
  t.incidents = read_incidents(doc("incidents.json"));
  t.honours = read_honours(doc("commendations.json"));
  t.bad_labels = read_bad_labels(doc("bad_labels.json"));
  return t;
}

const Tables& tables() {
  static const Tables t = [] {
    std::map<std::string, std::string, std::less<>> files;
    for (std::string_view f : table_files()) files.emplace(std::string(f), std::string(embedded_table(f)));
    return read_tables(files);
  }();
  return t;
}

}  // namespace sample
ECREDIT_END_NAMESPACE
