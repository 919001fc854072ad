#include "ecredit/version.hpp"

ECREDIT_BEGIN_NAMESPACE

std::string_view library_version() noexcept { return ECR_VERSION_STRING; }

ECREDIT_END_NAMESPACE
