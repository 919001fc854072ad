/// Umbrella header: everything in the ecredit C++ API.
#pragma once

#include "ecredit/catalog.hpp"
#include "ecredit/config.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"
#include "ecredit/file.hpp"
#include "ecredit/grading.hpp"
#include "ecredit/id.hpp"
#include "ecredit/json.hpp"
#include "ecredit/measures.hpp"
#include "ecredit/precheck.hpp"
#include "ecredit/registry.hpp"
#include "ecredit/repair.hpp"
#include "ecredit/sample.hpp"
#include "ecredit/validate.hpp"
#include "ecredit/version.hpp"
