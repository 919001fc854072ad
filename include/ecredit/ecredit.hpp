/// Umbrella header: everything in the ecredit C++ API.
#pragma once

#include "ecredit/config.hpp"
#include "ecredit/error.hpp"
#include "ecredit/id.hpp"
#include "ecredit/version.hpp"
