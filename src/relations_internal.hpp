// Internal: helpers of the related-party queries shared with other library code (defined
// in relations.cpp); not public API.
#pragma once

#include <string>
#include <string_view>

#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE

class Registry;

/// `party` as the registry stores it: a genuine USCC or resident ID, normalised, or
/// another ID number a party of the registry has. Throws InvalidInputError naming `what`
/// (the calling query) otherwise.
std::string normalise_party(const Registry& reg, std::string_view party, std::string_view what);

ECREDIT_END_NAMESPACE
