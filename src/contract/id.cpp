// The contract's identifier documents: id-result and id-checks (docs/contract.md).
#include "contract/contract.hpp"

#include "ecredit/registry.hpp"

namespace ecredit::contract {

std::string dump(const Json& j, int indent) {
  return j.dump(indent < 0 ? -1 : indent, ' ', false, Json::error_handler_t::replace);
}

Json to_value(const IdResult& r) {
  Json j;
  j["kind"] = to_string(r.kind);
  j["status"] = to_string(r.status);
  j["reason"] = to_string(r.reason);
  j["normalized"] = r.normalized;
  if (r.kind == IdKind::resident_id) {
    j["birth_date"] = r.birth_date ? Json(format_iso_date(date::sys_days{*r.birth_date})) : Json();
    j["sex"] = r.sex == '\0' ? Json() : Json(std::string(1, r.sex));
    j["permit"] = to_string(r.permit);
    j["converted"] = r.converted;
  }
  return j;
}

Json to_value(const IdCheck& c, std::string_view lang, bool unmasked) {
  const IdResult& r = c.result;
  return {{"code", (maybe_personal_id(r) && !unmasked) ? mask_id(c.code) : c.code},
          {"kind", to_string(r.kind)},
          {"status", to_string(r.status)},
          {"reason", to_string(r.reason)},
          {"message", describe(r.reason, lang)}};
}

Json id_checks(const std::vector<IdCheck>& checks, std::string_view lang, bool unmasked) {
  Json out = Json::array();
  for (const IdCheck& c : checks) out.push_back(to_value(c, lang, unmasked));
  return out;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

std::string to_json(const IdResult& r, int indent) { return contract::dump(contract::to_value(r), indent); }

std::string id_checks_json(const std::vector<IdCheck>& checks, std::string_view lang, bool unmasked,
                           int indent) {
  return contract::dump(contract::id_checks(checks, lang, unmasked), indent);
}

ECREDIT_END_NAMESPACE
