// The contract layer, internal side (docs/contract.md): the one JSON value of every public
// result and input. The library's to_json functions (include/ecredit/json.hpp and the member
// wrappers), the C ABI, the Python bindings and the CLI all go through these; a new result
// type adds one to_value here and one schema in schemas/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecredit/json.hpp"

namespace ecredit::contract {

using Json = nlohmann::ordered_json;

/// The text of `j`: indent < 0 compact; invalid UTF-8 replaced (U+FFFD), never a throw.
std::string dump(const Json& j, int indent = -1);

/// Parses `text` as one JSON object; InvalidInputError "<what>: not JSON (byte N)" or
/// "<what>: expected a JSON object".
Json parse_object(std::string_view text, std::string_view what);

// ---- outputs (the document names are those of schemas/<name>.schema.json) -----------

Json to_value(const IdResult& r);                                                          // id-result
Json to_value(const IdCheck& c, std::string_view lang, bool unmasked);                     // id-checks item
Json id_checks(const std::vector<IdCheck>& checks, std::string_view lang, bool unmasked);  // id-checks

Json to_value(const Finding& f, std::string_view lang);  // finding
Json to_value(const ValidateStats& s);                   // the report's "stats" member
Json to_value(const Report& r, std::string_view lang);   // validation-report

/// A record flag with its labels: {"flag": "under_objection", "zh": "异议处理中", "en": "under objection"}.
Json flag_value(const std::string& flag);

Json to_value(const TraceEntry& t);                        // grade trace entry
Json to_value(const Grade& g);                             // grade
Json grade_row(const Grade& g, const Registry* registry);  // grade-row
Json grade_rows(const std::vector<Grade>& g, const Registry* registry);

Json to_value(const MatchedMeasure& m);  // decision measure
Json to_value(const Decision& d);        // decision
Json to_value(const FeedbackRecord& f);  // feedback
Json to_value(const RepairDecision& d);  // repair-decision

/// A value as an output may show it: a personal ID number (or what may be one) masked.
std::string masked(const std::string& value);
Json to_value(const ImportCounts& c);                         // import-result counts member
Json to_value(const ImportResult& r, std::string_view lang);  // import-result
Json to_value(const JournalEntry& e);                         // journal-entry
Json journal(const std::vector<JournalEntry>& entries);       // journal
Json to_value(const EntityHistory& h);                        // entity-history
Json to_value(const Objection& o);                            // objection
Json objections(const std::vector<Objection>& list);          // objections
std::map<std::string, std::string> field_values(const Json& j,
                                                std::string_view where = "values");  // field-values
Json to_value(const Archive::CheckResult& c);                                        // archive-check
Json to_value(const Archive::CheckpointInfo& c);                                     // archive-checkpoint

Json related_value(const std::vector<RelatedParty>& rows, std::string_view party, date::sys_days as_of,
                   const RelatedOptions& options, bool unmasked);  // related
Json to_value(const BeneficialOwners& b, bool unmasked);           // beneficial-owners
Json to_value(const AppointmentCheck& c, bool unmasked);           // appointment-check

Json datasets(const Engine& engine);  // datasets
Json models(const Engine& engine);    // models
Json measures(const Engine& engine);  // measures

// ---- inputs -------------------------------------------------------------------------
// `where` names the value in error messages ("record", "records[3]"); `index` is its
// position in a list (a list entry without an id gets "<list>:<who>:<index>").

template <class T>
T from_value(const Json& j, const Engine& engine, std::string_view where = {}, std::size_t index = 0);

template <>
Subject from_value<Subject>(const Json& j, const Engine& engine, std::string_view where, std::size_t index);
template <>
Record from_value<Record>(const Json& j, const Engine& engine, std::string_view where, std::size_t index);
template <>
ListEntry from_value<ListEntry>(const Json& j, const Engine& engine, std::string_view where,
                                std::size_t index);
template <>
Commitment from_value<Commitment>(const Json& j, const Engine& engine, std::string_view where,
                                  std::size_t index);
template <>
Relation from_value<Relation>(const Json& j, const Engine& engine, std::string_view where, std::size_t index);
template <>
RepairRecord from_value<RepairRecord>(const Json& j, const Engine& engine, std::string_view where,
                                      std::size_t index);
template <>
RepairEvidence from_value<RepairEvidence>(const Json& j, const Engine& engine, std::string_view where,
                                          std::size_t index);
template <>
PrecheckRequest from_value<PrecheckRequest>(const Json& j, const Engine& engine, std::string_view where,
                                            std::size_t index);

/// A repair record / evidence by shape alone (no engine): what repair_record_from_json(json)
/// and repair_evidence_from_json(json) of repair.hpp do; the engine overloads add the checks
/// against the pack's repair rules.
RepairRecord repair_record_shape(const Json& j, std::string_view where = "record");
RepairEvidence repair_evidence_shape(const Json& j, std::string_view where = "evidence");

namespace detail {
// The member readers every input parser uses (src/contract/inputs.cpp); `what` names the
// object in messages ("record", "lists[2]").
void require_object(const Json& j, const std::string& what);
/// A string member; absent or null → "" — "<what>: '<key>' must be a string".
std::string string_member(const Json& j, const char* key, const std::string& what);
/// "<what>: '<key>' is required" unless `key` is present and not null.
void require_member(const Json& j, const char* key, const std::string& what);
/// An ISO date — "<what>: '<key>' must be an ISO date string" / "<what>: '<key>': <reason>".
date::sys_days day_value(const Json& v, const std::string& key, const std::string& what);
}  // namespace detail

}  // namespace ecredit::contract
