/// Version of the headers (compile time) and of the library (run time).
#pragma once

#include <string_view>

#include "ecredit/config.hpp"
#include "ecredit/ecredit.h"

ECREDIT_BEGIN_NAMESPACE

/// The headers' version, e.g. "0.1.0".
inline constexpr std::string_view version_string = ECR_VERSION_STRING;

/// The library's version at run time; differs from `version_string` only when
/// a program was compiled against other headers than the library it runs with.
ECREDIT_API std::string_view library_version() noexcept;

ECREDIT_END_NAMESPACE
