// How a dataset row becomes registry entries (through the dataset's maps_to): one
// definition shared by Registry::Builder::add_row, the archive's snapshots (which mark
// the entries — objection, repair — before adding them, src/archive/snapshot.cpp) and
// Registry::apply_changes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ecredit/catalog.hpp"
#include "ecredit/config.hpp"
#include "ecredit/registry.hpp"

ECREDIT_BEGIN_NAMESPACE

/// The entity id of a row: "<dataset>:<primary key>" (key fields '|'-joined); a dataset
/// without a primary key: "<dataset>:row<row>".
std::string row_key(const Dataset& ds, std::size_t row, const std::vector<std::string>& values);

/// What one row adds: at most one of subject / record / list_entry / commitment, and
/// for an unfulfilled commitment its breach record (`<id>:breach`). Nothing when the
/// row has nothing to attach it to (no USCC or person, no date).
struct RowEntries {
  std::optional<Subject> subject;
  std::optional<Record> record;
  std::optional<ListEntry> list_entry;
  std::optional<Commitment> commitment;
  std::optional<Record> breach;
};
RowEntries row_entries(const Dataset& ds, std::size_t row, const std::vector<std::string>& values);

/// Adds them to `b` (the breach before its commitment, as add_row always did).
void add_entries(Registry::Builder& b, RowEntries&& e);

ECREDIT_END_NAMESPACE
