// The contract's "field-values" input (docs/contract.md): the fields of a correction
// (Archive::correct, advance_objection's corrected values), parsed here for every interface.
#include "contract/contract.hpp"
#include "ecredit/error.hpp"
#include "ecredit/json.hpp"

namespace ecredit::contract {

std::map<std::string, std::string> field_values(const Json& j, std::string_view where) {
  const std::string what = where.empty() ? std::string("values") : std::string(where);
  detail::require_object(j, what);
  if (j.empty()) throw InvalidInputError(what + ": no field given");
  std::map<std::string, std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key().empty()) throw InvalidInputError(what + ": a field name is empty");
    if (it->is_null()) {
      out[it.key()] = "";
    } else if (it->is_string()) {
      out[it.key()] = it->get<std::string>();
    } else {
      throw InvalidInputError(what + ": '" + it.key() + "' must be a string or null");
    }
  }
  return out;
}

}  // namespace ecredit::contract

ECREDIT_BEGIN_NAMESPACE

std::map<std::string, std::string> field_values_from_json(std::string_view json) {
  return contract::field_values(contract::parse_object(json, "values"), "values");
}

ECREDIT_END_NAMESPACE
