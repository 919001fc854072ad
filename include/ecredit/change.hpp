/// Change events: add / update / withdraw an entity and the lifecycle marks (objection,
/// repair) — what the archive applies between snapshots, and what a host that keeps its
/// own database feeds to a registry without SQLite (Registry::apply_changes,
/// docs/archive.md "Without SQLite").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"

ECREDIT_BEGIN_NAMESPACE

/// A change event: what hosts with their own database feed to a registry
/// (Registry::apply_changes), and what the archive applies between snapshots.
struct Change {
  enum class Op {
    upsert,     ///< add or replace the entity `dataset` / `key` with `values`
    withdraw,   ///< remove it
    objection,  ///< mark record `id`: state "" (none), "pending" or "accepted"
    repair,     ///< record or list entry `id` is repaired on `on`
  };
  Op op = Op::upsert;
  std::string dataset;               ///< upsert / withdraw: the dataset id
  std::string id;                    ///< the entity id ("<dataset>:<primary key>"; subjects too)
  std::vector<std::string> values;   ///< upsert: normalised values in the dataset's field order
  std::string state;                 ///< objection: "", "pending" or "accepted"
  std::optional<date::sys_days> on;  ///< repair: the day
};

ECREDIT_END_NAMESPACE
