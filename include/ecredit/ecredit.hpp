/// Umbrella header: everything in the ecredit C++ API.
#pragma once

#include "ecredit/catalog.hpp"
#include "ecredit/config.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"
#include "ecredit/id.hpp"
#include "ecredit/validate.hpp"
#include "ecredit/version.hpp"
