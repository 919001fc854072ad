/// Policy model: objections (异议, objections.json, docs/policy-format.md) — the steps of
/// the procedure with their working-day deadlines, the outcomes, and whether a record
/// under objection still counts for grading and measures. Owned by an Engine
/// (Engine::objection_policy()); the archive's lifecycle (archive.hpp) follows it.
///
/// EXPERIMENTAL — the policy model (ecredit/policy/*.hpp).
/// These structs mirror the files of a policy pack (docs/policy-format.md) as the
/// loader reads them. They are public so that hosts can inspect a pack, but they follow
/// the pack format, not the API's stability promise (docs/api-stability.md): members may
/// be added, renamed or removed in ANY minor version. Code that uses them should check
/// ECREDIT_POLICY_MODEL_VERSION (bumped on every change) and expect to be updated.
/// The stable API is the rest: Engine's accessors, the results (Grade, Decision,
/// RepairDecision, …) and the functions that make them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/policy/experimental.hpp"

ECREDIT_BEGIN_NAMESPACE

/// One step of the objection procedure. Its deadline is `working_days` working days on
/// the pack's calendar after `from`: "filed" (the day the objection was filed) or an
/// earlier step (the day that step was done). `alternative_to`: the step this one
/// replaces (reject is the alternative to accept). `sets_status`: the objection's status
/// once the step is done ("accepted", "rejected"; "" keeps it). `outcomes`: the outcomes
/// that may close the objection at this step.
ECREDIT_EXPERIMENTAL struct ObjectionStepRule {
  std::string step, title, from, alternative_to, sets_status;
  int working_days = 0;
  std::vector<std::string> outcomes;
  std::string basis, basis_unconfirmed, note;
  bool basis_confirmed = true;
};

/// An outcome that closes an objection: corrected, record_confirmed, unresolved.
ECREDIT_EXPERIMENTAL struct ObjectionOutcome {
  std::string outcome, title;
  std::string basis, basis_unconfirmed, note;
  bool basis_confirmed = true;
};

/// Whether a record under objection still counts for grading and measures: while the
/// objection is pending (filed, not yet accepted) and after the authority accepted it.
/// A record that counts carries the flag under_objection (异议处理中) in grade traces and
/// precheck decisions either way.
ECREDIT_EXPERIMENTAL struct ObjectionCounting {
  bool pending_counts = true, accepted_counts = true;
  std::string basis, basis_unconfirmed, note;
  bool basis_confirmed = true;
};

ECREDIT_EXPERIMENTAL struct ObjectionPolicy {
  std::vector<ObjectionStepRule> steps;  ///< in procedure order
  std::vector<ObjectionOutcome> outcomes;
  ObjectionCounting counting;
  /// The record is marked (异议标注) when the objection is received.
  std::string mark_basis, mark_basis_unconfirmed;
  bool mark_basis_confirmed = true;

  /// The step `id`, or nullptr.
  const ObjectionStepRule* step(std::string_view id) const noexcept {
    for (const auto& s : steps)
      if (s.step == id) return &s;
    return nullptr;
  }
  /// The outcome `id`, or nullptr.
  const ObjectionOutcome* outcome(std::string_view id) const noexcept {
    for (const auto& o : outcomes)
      if (o.outcome == id) return &o;
    return nullptr;
  }
  /// Whether a record in objection state `state` (0 none, 1 pending, 2 accepted) counts.
  bool counts(std::uint8_t state) const noexcept {
    return state == 0 || (state == 1 ? counting.pending_counts : counting.accepted_counts);
  }
};

ECREDIT_END_NAMESPACE
