// How a dataset row is identified in the registry: one definition shared by
// Registry::Builder::add_row (record / list entry / commitment ids, subjects' entity ids)
// and the archive (entity ids of stored versions, src/archive/import.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ecredit/catalog.hpp"
#include "ecredit/config.hpp"

ECREDIT_BEGIN_NAMESPACE

/// The entity id of a row: "<dataset>:<primary key>" (key fields '|'-joined); a dataset
/// without a primary key: "<dataset>:row<row>".
std::string row_key(const Dataset& ds, std::size_t row, const std::vector<std::string>& values);

ECREDIT_END_NAMESPACE
