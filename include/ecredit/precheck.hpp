/// The approval precheck (docs/measures.md): which measures a department must apply
/// to a subject (or a natural person) for a business item on a date, with the legal
/// basis, and the execution-feedback record (联合奖惩执行反馈) afterwards.
///
///     ecredit::PrecheckQuery q;
///     q.scenario = "gov_procurement";
///     q.uscc = "91440113MA9UQ8E11N";
///     q.as_of = ecredit::parse_iso_date("2025-06-30");
///     ecredit::Decision d = ecredit::precheck(*engine, *registry, q);
///     if (d.verdict == ecredit::Effect::prohibit) …   // d.measures[i].basis says why
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/config.hpp"
#include "ecredit/date.hpp"
#include "ecredit/measures.hpp"

ECREDIT_BEGIN_NAMESPACE

class Engine;
class Registry;

/// A precheck query; the strings are borrowed for the duration of the call.
struct PrecheckQuery {
  std::string_view scenario;    ///< scenario code, label or alias, or a business-item code of measures.json
  std::string_view uscc;        ///< the subject queried …
  std::string_view person_id;   ///< … or a natural person (exactly one of the two)
  std::string_view department;  ///< "" = measures of every department
  date::sys_days as_of{};
};

/// A precheck query that owns its strings (parsed from JSON, kept by a host): `view()` is
/// the PrecheckQuery borrowing them, valid while this lives.
struct PrecheckRequest {
  std::string scenario, uscc, person_id, department;
  date::sys_days as_of{};
  PrecheckQuery view() const noexcept { return {scenario, uscc, person_id, department, as_of}; }
};

/// A measure that applies, and why.
struct MatchedMeasure {
  const Measure* measure = nullptr;  ///< points into the engine (valid while it lives)
  /// subject, legal_representative, responsible_person, shareholder, actual_controller or
  /// beneficial_owner: the role the person holds in `via` (the first of these when several)
  std::string target;
  std::string via;                    ///< the subject (USCC) whose file triggered it
  std::vector<std::string> triggers;  ///< list entry / record ids, or "grade D"
};

/// A list the subject (or a related subject) is on, on the as-of date.
struct ListStatus {
  std::string list, domain, entry_id, via;
  date::sys_days included_on{};
  std::optional<date::sys_days> expires_on;
};

struct DecisionTrace {
  std::string kind;  ///< query, subject, relation, list, flag, grade, measure, skipped, commitment, verdict
  std::string rule;  ///< measure id, list entry id, relation id (person IDs masked), model id …
  std::string detail;
};

/// A record of the files examined that counts while an objection to it is open: shown
/// with its flag (kFlagUnderObjection: 异议处理中 / under objection).
struct FlaggedRecord {
  std::string record;  ///< the record id
  std::string flag;    ///< kFlagUnderObjection
  std::string via;     ///< the subject (USCC) whose file holds it ("" for a person's own)
};

/// The execution-feedback record (联合奖惩执行反馈) of one measure of a decision, as
/// Decision::feedback_record builds it; to_json(const FeedbackRecord&) (json.hpp) is its JSON.
struct FeedbackRecord {
  std::string measure_id, measure_title, kind, effect;  ///< kind: reward / punishment
  bool mandatory = false;
  std::string basis, department, department_name;  ///< department_name "" when the table has none
  std::string scenario, business_item, case_no;    ///< business_item "" when the query used none
  std::string uscc, person_id, name, via;          ///< the subject (person_id as given: for the platform)
  std::string result, result_code, reason;         ///< 已惩戒 / punished …; reason "" when none
  std::string time;                                ///< ISO date or date-time
  Effect verdict = Effect::clear;                  ///< of the decision
  date::sys_days as_of{};
  std::string pack_hash;
};

/// The result of one precheck. Holds pointers into the engine's measures: keep the
/// engine alive while the decision is used.
struct Decision {
  Effect verdict = Effect::clear;
  std::vector<MatchedMeasure> measures;  ///< strongest effect first, then file order
  std::string grade, grade_model;        ///< "" when the query is a person or no model is in force
  std::vector<ListStatus> lists;
  bool commitment_allowed = true;
  std::string commitment_reason;
  /// False when the registry holds no credit file for the code queried (a genuine
  /// code: a code that is not genuine is an error, never a decision) — for a person,
  /// no own file and no related subject. Shown as 无信用档案 / no credit file.
  bool credit_file = true;
  std::vector<DecisionTrace> trace;
  std::vector<FlaggedRecord> flags;  ///< records that count while under objection
  std::string scenario;              ///< the scenario code the query resolved to
  std::string business_item;         ///< the host's business-item code, when the query used one
  std::string department, uscc, person_id, subject_name, pack_hash;
  date::sys_days as_of{};

  /// JSON of the decision; person IDs are masked.
  std::string to_json(int indent = -1) const;

  /// The execution-feedback record (联合奖惩执行反馈) for one of the decision's
  /// measures, as JSON ready for the credit platform. `result`: 已惩戒 / 已激励 /
  /// 未实施 (or punished / rewarded / not_applied); 未实施 needs a `reason`. `when`:
  /// ISO date or date-time. `department`: a department code, label or alias ("" = the
  /// query's). Throws NotFoundError (measure not in the decision, unknown department)
  /// or InvalidInputError (result that does not fit the measure, missing reason or
  /// case number, bad time).
  std::string feedback(const Engine& engine, std::string_view measure_id, std::string_view result,
                       std::string_view case_no, std::string_view department, std::string_view when,
                       std::string_view reason = {}, int indent = -1) const;
  /// The same record as data (feedback() is its JSON); throws as feedback() does.
  FeedbackRecord feedback_record(const Engine& engine, std::string_view measure_id, std::string_view result,
                                 std::string_view case_no, std::string_view department, std::string_view when,
                                 std::string_view reason = {}) const;
};

/// Matches the measures of `q.scenario` (and department) against the subject's list
/// entries, records and grade — for a person, against the files of the subjects where
/// they are legal representative or responsible person (subject rows), or hold a role
/// through a relation row in force on `q.as_of` (shareholder, actual controller, beneficial
/// owner, …: docs/measures.md), with the measures aimed at that role — as of `q.as_of`. Thread-safe:
/// engine and registry are immutable and may be shared. Throws InvalidInputError (no or
/// both of uscc / person_id) or NotFoundError (unknown scenario or department). A subject
/// a USCC or resident ID that is not genuine (an invalid code; a legacy pilot USCC or
/// 15-digit ID is genuine), or NotFoundError (unknown scenario or department). A
/// genuine code the registry does not know gets verdict clear, `credit_file` false and
/// 告知承诺制 as measures.json /commitment/no_credit_file says.
ECREDIT_API Decision precheck(const Engine& engine, const Registry& registry, const PrecheckQuery& q);

ECREDIT_END_NAMESPACE
