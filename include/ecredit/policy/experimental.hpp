/// Marks for the experimental policy model (the way zstd marks its advanced API).
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

/// The version of the policy model's layout: bumped on every change to a struct of
/// ecredit/policy/*.hpp (so `static_assert(ECREDIT_POLICY_MODEL_VERSION == 1)` in a host
/// turns a silent change into a compile error).
#define ECREDIT_POLICY_MODEL_VERSION 2

/// Precedes each experimental declaration; expands to nothing. Grep for it.
#define ECREDIT_EXPERIMENTAL
