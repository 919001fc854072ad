// The contract's related-party documents: the relation input, "related" and
// "beneficial-owners" (docs/relations.md, schemas/).
#include <set>

#include "contract/contract.hpp"
#include "ecredit/error.hpp"
#include "ecredit/id.hpp"
#include "ecredit/registry.hpp"
#include "ecredit/relations.hpp"

namespace ecredit::contract {

namespace {

Json day_or_null(const std::optional<date::sys_days>& d) { return d ? Json(format_iso_date(*d)) : Json(); }
Json share_or_null(const std::optional<double>& s) { return s ? Json(*s) : Json(); }

}  // namespace

template <>
Relation from_value<Relation>(const Json& j, const Engine&, std::string_view where, std::size_t index) {
  const std::string what = where.empty() ? std::string("relation") : std::string(where);
  detail::require_object(j, what);
  static const std::set<std::string> kKeys = {"id",   "uscc",  "party_id",  "party_kind", "party_name",
                                              "role", "share", "from_date", "to_date",    "source"};
  auto str = [&](const char* key, bool required = false) {
    if (required) detail::require_member(j, key, what);
    return detail::string_member(j, key, what);
  };
  auto day = [&](const char* key) -> std::optional<date::sys_days> {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    return detail::day_value(*it, key, what);
  };
  Relation r;
  r.uscc = str("uscc", true);
  r.party_id = str("party_id", true);
  r.party_kind = str("party_kind", true);
  r.role = str("role", true);
  r.party_name = str("party_name");
  r.source = str("source");
  if (auto it = j.find("share"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) throw InvalidInputError(what + ": 'share' must be a number (0–1)");
    r.share = it->get<double>();
  }
  r.from_date = day("from_date");
  r.to_date = day("to_date");
  r.id = str("id");
  if (r.id.empty())  // like a list entry's: unique within the list given
    r.id = "relation:" + r.uscc + ":" + r.role + ":" + mask_id(r.party_id) + ":" + std::to_string(index);
  for (const auto& item : j.items()) {
    if (kKeys.count(item.key()) || item.value().is_null()) continue;
    const Json& v = item.value();
    r.attributes[item.key()] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return r;
}

Json related_value(const std::vector<RelatedParty>& rows, std::string_view party, date::sys_days as_of,
                   const RelatedOptions& options, bool unmasked) {
  auto id = [&](const std::string& s) { return unmasked ? s : masked(s); };
  Json j;
  j["party"] = id(std::string(party));
  j["as_of"] = format_iso_date(as_of);
  j["hops"] = options.hops;
  j["roles"] = options.roles;
  j["rows"] = Json::array();
  for (const RelatedParty& r : rows) {
    Json x;
    x["party_id"] = id(r.party_id);
    x["party_kind"] = r.party_kind;
    x["uscc"] = r.uscc;
    x["role"] = r.role;
    x["party_name"] = r.party_name;
    std::string rid = r.relation_id;  // a row's key may hold the person's ID
    if (!unmasked && r.party_kind == "person")
      for (std::size_t at = rid.find(r.party_id); !r.party_id.empty() && at != std::string::npos;
           at = rid.find(r.party_id, at + 1))
        rid.replace(at, r.party_id.size(), mask_id(r.party_id));
    x["relation_id"] = rid;
    x["share"] = share_or_null(r.share);
    x["from_date"] = day_or_null(r.from_date);
    x["to_date"] = day_or_null(r.to_date);
    x["hops"] = r.hops;
    Json path = Json::array();
    for (const auto& p : r.path) path.push_back(id(p));
    x["path"] = std::move(path);
    j["rows"].push_back(std::move(x));
  }
  return j;
}

Json to_value(const BeneficialOwners& b, bool unmasked) {
  auto id = [&](const std::string& s) { return unmasked ? s : masked(s); };
  Json j;
  j["uscc"] = b.uscc;
  j["as_of"] = format_iso_date(b.as_of);
  j["threshold"] = b.threshold;
  j["owners"] = Json::array();
  for (const BeneficialOwner& o : b.owners) {
    Json x;
    x["party_id"] = id(o.party_id);
    x["party_name"] = o.party_name;
    x["share"] = o.share;
    x["reasons"] = o.reasons;
    Json paths = Json::array();
    for (const auto& p : o.paths) {
      Json path = Json::array();
      for (const auto& n : p) path.push_back(id(n));
      paths.push_back(std::move(path));
    }
    x["paths"] = std::move(paths);
    j["owners"].push_back(std::move(x));
  }
  j["notes"] = b.notes;
  return j;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

Relation relation_from_json(std::string_view json, const Engine& engine) {
  Relation r = contract::from_value<Relation>(contract::parse_object(json, "relation"), engine, "relation");
  Registry::Builder(engine).add(Relation(r));
  return r;
}

std::string related_json(const std::vector<RelatedParty>& rows, std::string_view party, date::sys_days as_of,
                         const RelatedOptions& options, bool unmasked, int indent) {
  return contract::dump(contract::related_value(rows, party, as_of, options, unmasked), indent);
}

std::string to_json(const BeneficialOwners& b, bool unmasked, int indent) {
  return contract::dump(contract::to_value(b, unmasked), indent);
}

ECREDIT_END_NAMESPACE
