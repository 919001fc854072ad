/// Policy model: the credit data list (信用数据清单): code tables and dataset definitions of a
/// policy pack. Read-only views owned by an Engine (engine.hpp). The file format is
/// documented in docs/policy-format.md.
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
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/policy/experimental.hpp"

namespace re2 {
class RE2;
}

ECREDIT_BEGIN_NAMESPACE

/// One code of a code table: accepted by `code`, `label` or any alias.
ECREDIT_EXPERIMENTAL struct Code {
  std::string code;
  std::string label;     ///< Chinese label
  std::string label_en;  ///< English label (may be empty)
  std::vector<std::string> aliases;
};

/// A code table (e.g. subject_kind, domain, penalty_type).
ECREDIT_EXPERIMENTAL class ECREDIT_API CodeTable {
 public:
  std::string name, title;
  std::vector<Code> codes;

  /// The code a cell value stands for (by code, label or alias; trimmed, full-width
  /// → half-width, ASCII case-insensitive), or nullptr.
  const Code* find(std::string_view value) const;
  /// Builds the lookup index; called by the loader after `codes` is filled.
  /// Returns the first ambiguous key (a key that maps to two codes), or "".
  std::string build_index();

 private:
  std::unordered_map<std::string, std::size_t> index_;
};

/// Normalises a key for code / header matching: trim, full-width → half-width,
/// ideographic space dropped at the ends, ASCII upper → lower.
ECREDIT_API std::string match_key(std::string_view s);

ECREDIT_EXPERIMENTAL enum class FieldType : std::uint8_t {
  string,
  integer,
  decimal,
  date,
  datetime,
  boolean,
  code,
  uscc,
  org_code,
  resident_id
};
ECREDIT_API std::string_view to_string(FieldType t) noexcept;

ECREDIT_EXPERIMENTAL enum class Severity : std::uint8_t { error, warning };
ECREDIT_API std::string_view to_string(Severity s) noexcept;

ECREDIT_EXPERIMENTAL struct RequiredIf {
  std::string field;            ///< the other field's name
  std::vector<std::string> in;  ///< normalised values that make this field required
  std::size_t field_index = 0;  ///< resolved index of `field`
};

ECREDIT_EXPERIMENTAL struct Field {
  std::string name, title, title_en;
  std::vector<std::string> aliases;
  FieldType type = FieldType::string;
  std::string codes;                 ///< code table name (type code)
  const CodeTable* table = nullptr;  ///< resolved table (type code)
  bool multiple = false;             ///< several codes in one cell
  bool required = false;
  std::optional<RequiredIf> required_if;
  std::optional<std::size_t> min_length, max_length;
  std::optional<double> minimum, maximum;         ///< integer / decimal
  std::optional<std::string> min_date, max_date;  ///< date / datetime (ISO)
  std::string pattern;                            ///< RE2, full match; empty = none
  std::shared_ptr<const re2::RE2> regex;          ///< compiled `pattern`
  bool unique = false;
  bool personal = false;  ///< masked in findings (implied for resident_id)
  Severity severity = Severity::error;
};

ECREDIT_EXPERIMENTAL enum class RuleKind : std::uint8_t { date_order, one_of_required, id_matches_type };

ECREDIT_EXPERIMENTAL struct Rule {
  RuleKind kind = RuleKind::date_order;
  std::string id;                        ///< "rules/N" unless given
  std::vector<std::string> fields;       ///< date_order: {earlier, later}; one_of_required: the set;
                                         ///< id_matches_type: {type_field, number_field}
  std::vector<std::size_t> field_index;  ///< resolved
  std::vector<std::string> codes;        ///< id_matches_type: type codes that mean a resident ID
  Severity severity = Severity::error;
};

/// How rows of a dataset become registry entries (used by the registry).
ECREDIT_EXPERIMENTAL struct MapsTo {
  std::string kind;                         ///< subject, record, list_entry, commitment, relation, none
  std::map<std::string, std::string> keys;  ///< the other keys (category, subject, date, …)
};

ECREDIT_EXPERIMENTAL struct Dataset {
  std::string id, title, title_en, disclosure, source_department, basis;
  bool basis_confirmed = true;    ///< false: some part of `basis` is not confirmed, see basis_unconfirmed
  std::string basis_unconfirmed;  ///< what is not confirmed (e.g. "文号"); empty when confirmed
  MapsTo maps_to;
  std::vector<std::string> primary_key;
  std::vector<std::size_t> primary_key_index;
  std::vector<Field> fields;
  std::vector<Rule> rules;

  /// The index of the field called `name`, or -1.
  std::ptrdiff_t field_index(std::string_view name) const;
};

/// All datasets of a pack, in file order.
ECREDIT_EXPERIMENTAL struct Catalog {
  std::vector<Dataset> datasets;
  /// The dataset with this id or nullptr.
  const Dataset* find(std::string_view id) const;
};

ECREDIT_END_NAMESPACE
