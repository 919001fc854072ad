/// Joint reward and punishment measures (联合奖惩措施, docs/measures.md): what a
/// department must apply to a subject for a business item, on what legal basis.
/// Loaded from a pack's measures.json; see precheck.hpp for matching.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"
#include "ecredit/grading.hpp"

ECREDIT_BEGIN_NAMESPACE

/// Effects, strongest first; a decision's verdict is the strongest matched effect.
enum class Effect : std::uint8_t { prohibit, restrict, caution, incentive, clear };

/// "prohibit", "restrict", "caution", "incentive", "clear".
ECREDIT_API const char* effect_name(Effect e) noexcept;
/// The effect for people: `lang` "en" gives effect_name(e), anything else Chinese
/// (禁止, 限制, 重点关注, 激励, 无措施).
ECREDIT_API const char* effect_label(Effect e, std::string_view lang) noexcept;

/// What makes a measure apply to a subject.
struct MeasureTrigger {
  enum class Kind : std::uint8_t { list, record, grade };
  Kind kind = Kind::list;
  Selector select;                   ///< list: list kinds + domains; record: record selector
  std::optional<int> window_months;  ///< record: decided less than this many months before as-of
  unsigned min_count = 1;            ///< record: at least this many matching records
  std::vector<std::string> grades;   ///< grade: the subject's grade is one of these …
  std::string model;                 ///< … under this model ("" = the model in force)
};

/// Who a measure is aimed at. A natural person queried by ID gets the measures aimed at
/// `legal_representative` / `responsible_person` of the subjects they represent.
enum TargetBits : std::uint8_t { target_subject = 1, target_legal_rep = 2, target_responsible = 4 };

struct Measure {
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
struct CommitmentPolicy {
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
struct BusinessItem {
  std::string code, title, scenario, note;
};

/// The measures of a pack, indexed by scenario.
struct MeasureList {
  std::vector<Measure> measures;
  std::vector<BusinessItem> business_items;
  CommitmentPolicy commitment;
  /// Measures whose `scenarios` include `scenario`, in file order (empty when none).
  const std::vector<std::size_t>& for_scenario(std::string_view scenario) const;

  std::vector<std::pair<std::string, std::vector<std::size_t>>> by_scenario;  ///< built by the loader
};

/// The short mark human output puts after an unconfirmed citation: "（待核实：文号）", or
/// "（待核实）" when `what` is empty; "" for a confirmed one. Machine output (JSON) carries
/// the status as fields instead and never puts this mark into the citation text.
ECREDIT_API std::string basis_mark(bool confirmed, std::string_view what);

ECREDIT_END_NAMESPACE
