/// Policy model: joint reward and punishment measures (measures.json,
/// docs/measures.md) — triggers, targets, the commitment policy, business items.
/// Owned by an Engine (Engine::measures()); precheck.hpp matches them.
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

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"
#include "ecredit/effect.hpp"
#include "ecredit/policy/experimental.hpp"
#include "ecredit/policy/grading.hpp"

ECREDIT_BEGIN_NAMESPACE

/// What makes a measure apply to a subject.
ECREDIT_EXPERIMENTAL struct MeasureTrigger {
  enum class Kind : std::uint8_t { list, record, grade };
  Kind kind = Kind::list;
  Selector select;                   ///< list: list kinds + domains; record: record selector
  std::optional<int> window_months;  ///< record: decided less than this many months before as-of
  unsigned min_count = 1;            ///< record: at least this many matching records
  std::vector<std::string> grades;   ///< grade: the subject's grade is one of these …
  std::string model;                 ///< … under this model ("" = the model in force)
};

/// Who a measure is aimed at. A natural person queried by ID gets, for each subject they
/// are related to on the as-of date, the measures aimed at the roles they hold there:
/// `legal_representative`, `responsible_person`, `shareholder` (any natural-person
/// shareholder of record), `actual_controller`, `beneficial_owner` (docs/measures.md).
ECREDIT_EXPERIMENTAL enum TargetBits : std::uint8_t {
  target_subject = 1,
  target_legal_rep = 2,
  target_responsible = 4,
  target_shareholder = 8,
  target_actual_controller = 16,
  target_beneficial_owner = 32
};

/// The target names of measures.json, in TargetBits order: kTargetNames[i] is bit 1 << i.
ECREDIT_EXPERIMENTAL inline constexpr const char* kTargetNames[] = {
    "subject",     "legal_representative", "responsible_person",
    "shareholder", "actual_controller",    "beneficial_owner"};

ECREDIT_EXPERIMENTAL struct Measure {
  std::string id, title, title_en;
  bool reward = false;  ///< kind: reward (守信激励) or punishment (失信惩戒)
  Effect effect = Effect::caution;
  int basic_list_class = 0;  ///< 全国失信惩戒措施基础清单 class 1–3, 0 when not given
  MeasureTrigger trigger;
  std::uint8_t targets = target_subject;
  std::vector<std::string> scenarios, departments;  ///< departments empty: every department
  bool mandatory = false;
  std::string basis, note;        ///< basis: the citation, document and article
  bool basis_confirmed = true;    ///< false: some part of `basis` is not confirmed, see basis_unconfirmed
  std::string basis_unconfirmed;  ///< what is not confirmed (e.g. "文号"); empty when confirmed
  std::optional<date::sys_days> effective_from, effective_to;

  bool in_force(date::sys_days d) const noexcept {
    return (!effective_from || *effective_from <= d) && (!effective_to || d <= *effective_to);
  }
  bool for_department(std::string_view dept) const;
};

/// When approval on a credit commitment (告知承诺制) is not allowed.
ECREDIT_EXPERIMENTAL struct CommitmentPolicy {
  std::vector<Effect> denied_effects;  ///< a matched measure with one of these effects
  std::vector<std::string> denied_lists;
  struct RecordRule {
    Selector select;
    std::optional<int> window_months;
  };
  std::vector<RecordRule> denied_records;
  /// A genuine code with no credit file in the registry (measures.json
  /// /commitment/no_credit_file): whether 告知承诺制 is allowed, and why.
  struct NoCreditFile {
    bool allowed = true;
    std::string basis, note;
    bool basis_confirmed = true;
    std::string basis_unconfirmed;
  };
  NoCreditFile no_credit_file;
  std::string title, basis, note;
  bool basis_confirmed = true;    ///< false: some part of `basis` is not confirmed, see basis_unconfirmed
  std::string basis_unconfirmed;  ///< what is not confirmed (e.g. "文号"); empty when confirmed
};

/// A host system's own business-item code (事项编码) mapped onto a scenario.
ECREDIT_EXPERIMENTAL struct BusinessItem {
  std::string code, title, scenario, note;
};

/// The measures of a pack, indexed by scenario.
ECREDIT_EXPERIMENTAL struct MeasureList {
  std::vector<Measure> measures;
  std::vector<BusinessItem> business_items;
  CommitmentPolicy commitment;
  /// Measures whose `scenarios` include `scenario`, in file order (empty when none).
  const std::vector<std::size_t>& for_scenario(std::string_view scenario) const;

  std::vector<std::pair<std::string, std::vector<std::size_t>>> by_scenario;  ///< built by the loader
};

ECREDIT_END_NAMESPACE
