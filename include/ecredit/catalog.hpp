/// The credit data list (信用数据清单): code tables and dataset definitions of a
/// policy pack. Read-only views owned by an Engine (engine.hpp). The file format is
/// documented in docs/policy-format.md.
#pragma once

#include "ecredit/policy/catalog.hpp"  // IWYU pragma: export
