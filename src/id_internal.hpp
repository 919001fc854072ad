// Identifier helpers shared inside the library (defined in id.cpp); not public API
// (hidden: the library is built with -fvisibility=hidden and this is not ECREDIT_API).
#pragma once

#include <string_view>

#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE

/// Already in the normal form of a USCC's characters: exactly 18 ASCII digits and
/// upper-case letters, so the normaliser (trim, full-width folding, upper case) can be
/// skipped. Says nothing about the check character.
bool is_plain_uscc(std::string_view s) noexcept;

/// Shaped like a resident ID (15 or 18 digits, an 18-digit one maybe ending in X), whatever
/// its checks say: a number the registry refuses unless it is a genuine one.
bool is_resident_id_shaped(std::string_view s) noexcept;

ECREDIT_END_NAMESPACE
