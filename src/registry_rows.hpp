// How a dataset row is identified in the registry, and which files of a folder are data:
// one definition shared by the registry (Builder::add_row, from_dir) and the archive
// (entity ids of stored versions, import_dir; src/archive/import.cpp).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "ecredit/catalog.hpp"
#include "ecredit/config.hpp"
#include "ecredit/engine.hpp"

ECREDIT_BEGIN_NAMESPACE

/// The entity id of a row: "<dataset>:<primary key>" (key fields '|'-joined); a dataset
/// without a primary key: "<dataset>:row<row>".
std::string row_key(const Dataset& ds, std::size_t row, const std::vector<std::string>& values);

/// A data file of a folder and the dataset its name gives.
using DataFile = std::pair<std::filesystem::path, const Dataset*>;
/// The data files of a folder (`<dataset_id>.csv` / `.tsv` / `.jsonl`, sorted), as
/// Registry::from_dir and Archive::import_dir read it: other files are listed in
/// `skipped`; PathNotFoundError / IoError when the folder cannot be read,
/// InvalidInputError when a data file names no dataset or there is none.
std::vector<DataFile> data_files(const Engine& engine, const std::string& dir,
                                 std::vector<std::string>& skipped);

ECREDIT_END_NAMESPACE
