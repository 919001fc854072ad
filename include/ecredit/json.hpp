/// The contract: one JSON form per public result and input (docs/contract.md). Every
/// interface — the C++ member functions, the C ABI, the Python bindings and the CLI —
/// renders and parses through these, so a result has one shape everywhere, and
/// schemas/<name>.schema.json describes it (the document version is the schema's `$id`).
///
///     ecredit::Grade g = ecredit::grade(*engine, *registry, uscc, as_of);
///     std::string text = ecredit::to_json(g, 2);        // the "grade" document
///     ecredit::Record r = ecredit::record_from_json(R"({"id":"r1",…})", *engine);
///
/// `indent` < 0 gives compact JSON; invalid UTF-8 in a string is replaced (U+FFFD).
/// Inputs are checked against the engine's code tables; a bad input throws
/// InvalidInputError naming the member and the reason.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ecredit/appointment.hpp"
#include "ecredit/archive.hpp"
#include "ecredit/config.hpp"
#include "ecredit/grading.hpp"
#include "ecredit/id.hpp"
#include "ecredit/precheck.hpp"
#include "ecredit/registry.hpp"
#include "ecredit/relations.hpp"
#include "ecredit/repair.hpp"
#include "ecredit/validate.hpp"

ECREDIT_BEGIN_NAMESPACE

// ---- outputs ------------------------------------------------------------------------

/// "id-result": {kind, status, reason, normalized} and, for resident IDs, birth_date
/// (ISO or null), sex ("M"/"F" or null), permit, converted.
ECREDIT_API std::string to_json(const IdResult& r, int indent = -1);

/// One checked code as the CLI's `id --json` lists it: the code as given (masked when it
/// is or may be a resident ID, unless `unmasked`) and its result.
struct IdCheck {
  std::string code;
  IdResult result;
};
/// "id-checks": [{code, kind, status, reason, message}] with messages in `lang`.
ECREDIT_API std::string id_checks_json(const std::vector<IdCheck>& checks, std::string_view lang,
                                       bool unmasked = false, int indent = -1);

/// "finding": {type, severity, row, column, field, label, value, message} in `lang`.
ECREDIT_API std::string to_json(const Finding& f, std::string_view lang = "zh", int indent = -1);
/// "validation-report": {valid, dataset, pack: {id, hash}, stats, counts, truncated, findings}.
ECREDIT_API std::string to_json(const Report& r, std::string_view lang = "zh", int indent = -1);

/// "grade": {uscc, grade, score, model, model_version, as_of, no_data, pack_hash, trace}; every
/// trace entry has every key (kind, rule, record, age_months, factor, points, detail, basis):
/// absent strings "", absent age_months null.
ECREDIT_API std::string to_json(const Grade& g, int indent = -1);
/// "grade-row": {uscc, name, grade, score, model, no_data}, one row of a batch (`ecredit grade`
/// without --uscc); `name` from `registry` ("" when it is null or does not know the subject).
ECREDIT_API std::string grade_row_json(const Grade& g, const Registry* registry, int indent = -1);
/// The rows as one JSON array (`ecredit grade --json`).
ECREDIT_API std::string grade_rows_json(const std::vector<Grade>& grades, const Registry* registry,
                                        int indent = -1);
/// The rows as JSON Lines: one compact row per line, each ending in '\n'.
ECREDIT_API std::string grade_rows_jsonl(const std::vector<Grade>& grades, const Registry* registry);

/// "decision": the precheck decision; person IDs are masked.
ECREDIT_API std::string to_json(const Decision& d, int indent = -1);
/// "feedback": the execution-feedback record (Decision::feedback_record builds it).
ECREDIT_API std::string to_json(const FeedbackRecord& f, int indent = -1);
/// "repair-decision".
ECREDIT_API std::string to_json(const RepairDecision& d, int indent = -1);

/// "import-result": {batch, source, received_at (null when not given), recorded_at (UTC,
/// microseconds), counts: {dataset: {read, inserted, updated, unchanged, withdrawn, rejected}},
/// reports: {dataset: validation-report in `lang`}, skipped: [file]}.
ECREDIT_API std::string to_json(const ImportResult& r, std::string_view lang = "zh", int indent = -1);
/// "journal-entry": {seq, kind, entity, recorded_at, on, actor, reason, basis, detail (an object)}.
ECREDIT_API std::string to_json(const JournalEntry& e, int indent = -1);
/// "journal": the entries, oldest first (Archive::journal).
ECREDIT_API std::string journal_json(const std::vector<JournalEntry>& entries, int indent = -1);
/// "entity-history": {id, dataset, key, versions: [{batch, op, recorded_at, received_at, source,
/// actor, reason, values}], events: [journal-entry]}; personal ID numbers in values are masked.
ECREDIT_API std::string to_json(const EntityHistory& h, int indent = -1);
/// "objection": {id, record_id, status, filed_on, grounds, by, steps: [{step, title, basis,
/// working_days, due, done_on, outcome, note, overdue}]} (dates ISO, done_on null when not done).
ECREDIT_API std::string to_json(const Objection& o, int indent = -1);
/// "objections": the list, as Archive::objections returns it (`ecredit archive objection list --json`).
ECREDIT_API std::string objections_json(const std::vector<Objection>& list, int indent = -1);
/// "archive-check": {ok, problems, batches, entities, versions, events} (Archive::check).
ECREDIT_API std::string to_json(const Archive::CheckResult& c, int indent = -1);
/// "archive-checkpoint": {seq, subjects, records, parts, bytes} (Archive::checkpoint).
ECREDIT_API std::string to_json(const Archive::CheckpointInfo& c, int indent = -1);

/// "related": {party, as_of, hops, roles, rows: [{party_id, party_kind, uscc, role,
/// party_name, relation_id, share, from_date, to_date, hops, path}]}; person IDs masked
/// (in `party`, party_id and path) unless `unmasked`.
ECREDIT_API std::string related_json(const std::vector<RelatedParty>& rows, std::string_view party,
                                     date::sys_days as_of, const RelatedOptions& options,
                                     bool unmasked = false, int indent = -1);
/// "beneficial-owners": {uscc, as_of, threshold, owners: [{party_id, party_name, share,
/// reasons, paths}], notes}; person IDs masked unless `unmasked`.
ECREDIT_API std::string to_json(const BeneficialOwners& b, bool unmasked = false, int indent = -1);
/// "appointment-check": {person_id, role, as_of, status, allowed, reasons: [{ground, title,
/// outcome, why, until, facts: [{kind, id, uscc, date}], basis, basis_confirmed,
/// basis_unconfirmed}], unchecked: [{ground, title, basis, …}], basis}; the person's ID
/// masked (in person_id and fact ids) unless `unmasked`.
ECREDIT_API std::string to_json(const AppointmentCheck& c, bool unmasked = false, int indent = -1);

/// "datasets": the catalog, [{id, title, title_en, disclosure, source_department, maps_to,
/// primary_key, fields: [{name, title, type, required, aliases}]}].
ECREDIT_API std::string datasets_json(const Engine& engine, int indent = -1);
/// "models": [{id, title, version, scale, effective_from, effective_to, supervision}].
ECREDIT_API std::string models_json(const Engine& engine, int indent = -1);
/// "measures": [{id, title, kind, effect, scenarios, departments, mandatory, basis,
/// basis_confirmed, basis_unconfirmed, effective_from, effective_to}].
ECREDIT_API std::string measures_json(const Engine& engine, int indent = -1);

// ---- inputs -------------------------------------------------------------------------
// Each parses one JSON object (docs/contract.md, schemas/<name>.schema.json). Codes (kind,
// domain, district, list, severity, category, …) are checked against `engine`'s code tables
// and vocabulary; an unknown member is refused where the schema closes the object.

/// "subject": {uscc | person_id, name, kind, domains, legal_rep_id, responsible_ids, district}.
ECREDIT_API Subject subject_from_json(std::string_view json, const Engine& engine);
/// "record": {id, uscc | person_id, category, severity, polarity, decision_date, domain,
/// expires_on, repaired_on, objection, …}; other members become attributes (lists ';'-joined).
ECREDIT_API Record record_from_json(std::string_view json, const Engine& engine);
/// "list-entry": {id, uscc | person_id, list, domain, included_on, expires_on, removed_on}.
ECREDIT_API ListEntry list_entry_from_json(std::string_view json, const Engine& engine);
/// "commitment": {id, uscc | person_id, type, status, domain, date, …}.
ECREDIT_API Commitment commitment_from_json(std::string_view json, const Engine& engine);
/// "relation" input: {id, uscc, party_id, party_kind, role, party_name, share, from_date,
/// to_date, source, …} (other members become attributes), checked as Registry::Builder::add
/// checks it against `engine`'s code tables.
ECREDIT_API Relation relation_from_json(std::string_view json, const Engine& engine);
/// "repair-record" checked against the engine's repair rules (categories, severities);
/// repair_record_from_json(json) (repair.hpp) checks the shape only.
ECREDIT_API RepairRecord repair_record_from_json(std::string_view json, const Engine& engine);
/// "repair-evidence": evidence name → ISO date (null = not provided); names from the engine's
/// repair tiers.
ECREDIT_API RepairEvidence repair_evidence_from_json(std::string_view json, const Engine& engine);
/// "field-values": {"field": "value" | null, …} — the fields of a correction
/// (Archive::correct, advance_objection's corrected values); null = empty. Checks the shape
/// only; the archive validates the values against the dataset.
ECREDIT_API std::map<std::string, std::string> field_values_from_json(std::string_view json);
/// "precheck-query": {scenario, uscc | person_id, department, as_of}.
ECREDIT_API PrecheckRequest precheck_query_from_json(std::string_view json, const Engine& engine);

ECREDIT_END_NAMESPACE
