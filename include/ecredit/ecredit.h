/* ecredit — the stable C ABI.
 *
 * One header, plain C99. Conventions (see docs/api-stability.md, docs/ownership.md):
 *  - every function returns an int status: ECR_OK (0) or a negative ECR_E* code;
 *    the values are pinned forever and only appended;
 *  - output parameters come first and are named `out`;
 *  - string parameters: every `const char*` parameter, and every `const char*` member of
 *    an options or query struct, is a NUL-terminated UTF-8 string, borrowed for the
 *    call only (the library keeps no pointer to it). NULL means "not given": where a
 *    string is optional its comment says what NULL stands for; a required string that is
 *    NULL is ECR_EINVAL, named in ecr_last_error(). There are no (pointer, length) pairs;
 *  - returned strings, one rule: a string the library makes for the caller (every
 *    ecr_*_json document, ecr_mask_id) comes back through `char** out` as a new
 *    NUL-terminated UTF-8 string owned by the caller, freed with ecr_string_free();
 *    *out is NULL after a failure. Nothing else is allocated for the caller. The other
 *    `const char*` results are never freed: static names (ecr_version, ecr_*_name),
 *    ecr_last_error() (thread-local), and the accessors of an immutable handle
 *    (ecr_engine_hash, the strings of an ecr_measure_info), valid while the handle lives;
 *  - versioned structs: every struct that crosses the boundary — options and queries
 *    the caller fills, results the library fills — has `unsigned int version` as its first
 *    member. Start from its ECR_*_INIT macro or call its ecr_*_init(&s, ECR_*_VERSION);
 *    the library refuses a version it does not know (0 included) with ECR_EINVAL, so a
 *    struct that grows in a later release is told apart from the old one;
 *  - findings are data, not errors: checking an invalid code returns ECR_OK and a
 *    result whose status is ECR_ID_INVALID;
 *  - ecr_last_error() describes the last failing call on this thread.
 * No C++ exception ever crosses this boundary. */
#ifndef ECREDIT_H
#define ECREDIT_H

#include <stddef.h>
#include <stdint.h> /* int64_t: the archive's batch and event numbers */

#ifdef __cplusplus
extern "C" {
#endif

/* Section - Export and version */

#if defined(_WIN32)
#if defined(ECREDIT_C_BUILDING)
#define ECR_API __declspec(dllexport)
#else
#define ECR_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define ECR_API __attribute__((visibility("default")))
#else
#define ECR_API
#endif

/* The single source of the project's version: CMake and pyproject read it here. */
#define ECR_VERSION_MAJOR 0
#define ECR_VERSION_MINOR 2
#define ECR_VERSION_PATCH 0
#define ECR_VERSION_STRING "0.2.0"
#define ECR_VERSION_NUMBER (ECR_VERSION_MAJOR * 10000 + ECR_VERSION_MINOR * 100 + ECR_VERSION_PATCH)

/* The library's version at run time, e.g. "0.2.0". Compare with ECR_VERSION_STRING
 * to detect a header / library mismatch. Static storage; never NULL. */
ECR_API const char* ecr_version(void);
/* ECR_VERSION_NUMBER of the library at run time. */
ECR_API int ecr_version_number(void);

/* Section - Errors */

#define ECR_OK 0
#define ECR_EINVAL (-1)    /* misuse: a NULL out pointer, a bad enum value, ... */
#define ECR_ENOMEM (-2)    /* allocation failed */
#define ECR_EINTERNAL (-3) /* a bug in ecredit; the message says where */
#define ECR_ENOTFOUND (-4) /* a named thing (dataset, …) does not exist */
#define ECR_EPOLICY (-5)   /* a policy file is broken: file, JSON pointer, line/column in the message */
#define ECR_EIO (-6)       /* a file or folder cannot be read or written: path, reason in the message */
#define ECR_ENOENT (-7)    /* a file or folder does not exist: the path is in the message */

/* The message of the last failed call on the calling thread ("" when none).
 * Owned by the library, valid until the next ecredit call on this thread; never NULL. */
ECR_API const char* ecr_last_error(void);
/* The name of a status code ("ECR_OK", "ECR_EINVAL", …, "ECR_ENOENT"); NULL for a
 * value that is none. (ecr_status_name is about identifier statuses, ECR_ID_*.) */
ECR_API const char* ecr_error_name(int status);

/* Section - Identifiers */

/* What kind of identifier a result is about. */
#define ECR_KIND_UNKNOWN 0     /* auto-detection could not tell (wrong length) */
#define ECR_KIND_USCC 1        /* 统一社会信用代码, GB 32100 */
#define ECR_KIND_ORG_CODE 2    /* 组织机构代码, GB 11714 */
#define ECR_KIND_RESIDENT_ID 3 /* 公民身份号码 / 港澳台居民居住证, GB 11643 */

#define ECR_ID_VALID 0   /* every layer passes */
#define ECR_ID_LEGACY 1  /* genuine but old-style: a USCC pilot code, a 15-digit ID */
#define ECR_ID_INVALID 2 /* some layer failed; `reason` says which */

/* Reason codes: the first layer that failed. Stable; see ecr_reason_name(). */
#define ECR_REASON_NONE 0
#define ECR_REASON_LENGTH 1
#define ECR_REASON_CHARSET 2
#define ECR_REASON_AUTHORITY 3
#define ECR_REASON_CATEGORY 4
#define ECR_REASON_REGION 5
#define ECR_REASON_ORG_CODE_CHECKSUM 6
#define ECR_REASON_BIRTH_DATE 7
#define ECR_REASON_CHECKSUM 8
#define ECR_REASON_FIFTEEN_DIGIT 9

#define ECR_PERMIT_NONE 0
#define ECR_PERMIT_HONG_KONG 1
#define ECR_PERMIT_MACAO 2
#define ECR_PERMIT_TAIWAN 3

#define ECR_ID_RESULT_VERSION 1
/* The result of one identifier check. Plain data, owned by the caller (the stack is
 * fine); the library fills it and keeps nothing. Set `version` first: start from
 * ECR_ID_RESULT_INIT or call ecr_id_result_init(). */
typedef struct ecr_id_result {
  unsigned int version; /* ECR_ID_RESULT_VERSION, set by the caller */
  int kind;             /* ECR_KIND_* */
  int status;           /* ECR_ID_* */
  int reason;           /* ECR_REASON_* (ECR_REASON_NONE when valid) */
  /* The normalised code (trimmed, spaces and hyphens removed, full-width turned
   * half-width, upper-cased), NUL-terminated. Cut at 63 bytes; `normalized_len`
   * is the full length, so normalized_len > 63 tells that it was cut. */
  char normalized[64];
  size_t normalized_len;
  /* Resident IDs only (0 / '\0' otherwise). */
  int birth_year, birth_month, birth_day;
  char sex;           /* 'M' or 'F' */
  int permit;         /* ECR_PERMIT_* */
  char converted[19]; /* the 18-digit form of a legacy 15-digit ID, else "" */
} ecr_id_result;
#define ECR_ID_RESULT_INIT {ECR_ID_RESULT_VERSION, 0, 0, 0, "", 0, 0, 0, 0, '\0', 0, ""}
/* Sets *r to ECR_ID_RESULT_INIT for `version`. ECR_EINVAL when r is NULL or version is
 * not ECR_ID_RESULT_VERSION. */
ECR_API int ecr_id_result_init(ecr_id_result* r, unsigned int version);

/* Check a 统一社会信用代码 `s`. On ECR_OK *out holds the result (the code may still be
 * invalid: read out->status). ECR_EINVAL when out or s is NULL, or out->version is not
 * ECR_ID_RESULT_VERSION. Thread-safe. */
ECR_API int ecr_check_uscc(ecr_id_result* out, const char* s);
/* Check a 组织机构代码 (9 characters, a hyphen before the check char is allowed). */
ECR_API int ecr_check_org_code(ecr_id_result* out, const char* s);
/* Check a 公民身份号码 (18 or legacy 15 digits) or a HK/Macao/Taiwan residence permit. */
ECR_API int ecr_check_resident_id(ecr_id_result* out, const char* s);
/* Detect the kind (see docs/identifiers.md) and check as that kind. */
ECR_API int ecr_check_id(ecr_id_result* out, const char* s);
/* The contract's "id-result" document of `s` (docs/contract.md, schemas/): {kind, status,
 * reason, normalized} and, for resident IDs, birth_date, sex, permit, converted — the
 * whole normalised code, never cut. `kind` is "uscc", "org_code", "resident_id", or
 * "auto" / NULL (detected). On ECR_OK *out is a new string owned by the caller
 * (ecr_string_free). ECR_EINVAL when out or s is NULL or kind is none of those. */
ECR_API int ecr_check_id_json(char** out, const char* s, const char* kind);

/* Stable names: "valid" / "legacy" / "invalid"; "" / "length" / "charset" / ...;
 * "unknown" / "uscc" / "org_code" / "resident_id". Static storage; NULL for an
 * unknown value. */
ECR_API const char* ecr_status_name(int status);
ECR_API const char* ecr_reason_name(int reason);
ECR_API const char* ecr_kind_name(int kind);

/* Mask a personal identifier `s` for output (440104********123X): the normalised code
 * with its first n/3 (at most 6) and last n/4 (at most 4) characters kept. On ECR_OK
 * *out is a new string owned by the caller (ecr_string_free). ECR_EINVAL when out or s
 * is NULL. */
ECR_API int ecr_mask_id(char** out, const char* s);

/* Section - Engine (a loaded policy pack) */

typedef struct ecr_engine ecr_engine;

/* The built-in policy pack (policies/gz-energy). On ECR_OK *out is a new handle
 * owned by the caller (free it with ecr_engine_free); engines are immutable and may
 * be shared by threads. */
ECR_API int ecr_engine_default(ecr_engine** out);
/* A policy pack folder `dir` (with pack.json). ECR_EPOLICY when a file is broken,
 * ECR_ENOENT when the folder or a file it names does not exist, ECR_EIO when one
 * cannot be read; ecr_last_error() says which and why. */
ECR_API int ecr_engine_load(ecr_engine** out, const char* dir);
/* Frees an engine; NULL is a no-op. Reports made with it stay valid. */
ECR_API void ecr_engine_free(ecr_engine* engine);
/* The pack's listings, the contract's documents (docs/contract.md; what `ecredit datasets
 * / models / measures --json` print): "datasets" — the credit data catalog with its fields;
 * "models" — the grading models; "measures" — the joint reward and punishment measures.
 * On ECR_OK *out is a new string owned by the caller (ecr_string_free). ECR_EINVAL when
 * out or engine is NULL. */
ECR_API int ecr_datasets_json(char** out, const ecr_engine* engine);
ECR_API int ecr_models_json(char** out, const ecr_engine* engine);
ECR_API int ecr_measures_json(char** out, const ecr_engine* engine);
/* The pack's SHA-256 (hex, NUL-terminated); a borrowed accessor: owned by the engine,
 * valid while it lives, never freed. "" for NULL. */
ECR_API const char* ecr_engine_hash(const ecr_engine* engine);

/* Section - Validation */

typedef struct ecr_report ecr_report;

#define ECR_VALIDATE_OPTIONS_VERSION 2
/* Options of ecr_validate_file. Start from ECR_VALIDATE_OPTIONS_INIT; NULL strings
 * mean the defaults. max_findings means what it says everywhere (C++, Python, the CLI):
 * 0 lists no findings (the counts stay complete); ECR_VALIDATE_OPTIONS_INIT sets the
 * default, 1000. Version 1 of this struct (same layout) is still accepted with its old
 * meaning, max_findings 0 = 1000. */
typedef struct ecr_validate_options {
  unsigned int version;     /* ECR_VALIDATE_OPTIONS_VERSION */
  const char* format;       /* "auto" (by extension), "csv", "tsv", "jsonl" */
  const char* encoding;     /* "auto", "utf-8", "gb18030" */
  char delimiter;           /* CSV delimiter; '\0' = ',' (tab for tsv) */
  size_t max_findings;      /* findings kept in the report (counts stay complete); 0 = none */
  const char* out_valid;    /* path: accepted rows, normalised; NULL = none (format below) */
  const char* out_rejected; /* path: rejected rows with reasons; NULL = none. An output file
                             * ending .jsonl or .ndjson gets JSON lines, any other CSV
                             * (.tsv refused), the rule of the C++ library and the CLI */
} ecr_validate_options;
#define ECR_VALIDATE_OPTIONS_INIT {ECR_VALIDATE_OPTIONS_VERSION, NULL, NULL, '\0', 1000, NULL, NULL}
/* Sets *opts to ECR_VALIDATE_OPTIONS_INIT. ECR_EINVAL when opts is NULL or version is not
 * ECR_VALIDATE_OPTIONS_VERSION. */
ECR_API int ecr_validate_options_init(ecr_validate_options* opts, unsigned int version);

/* Validate file `path` against dataset `dataset` (an id) of the engine's
 * catalog. Thread-safe: `engine` may be shared. On ECR_OK, *out is a new report
 * owned by the caller; free it with ecr_report_free(). Invalid rows are findings in
 * the report, not an error status. ECR_ENOTFOUND for an unknown dataset, ECR_ENOENT for
 * a file that does not exist, ECR_EIO for an unreadable one (a folder, permission
 * denied) or an output file that cannot be written, ECR_EINVAL for bad options; opts
 * NULL means defaults. */
ECR_API int ecr_validate_file(ecr_report** out, const ecr_engine* engine, const char* dataset,
                              const char* path, const ecr_validate_options* opts);
/* 1 when the report has no error findings, 0 otherwise (and for NULL). */
ECR_API int ecr_report_valid(const ecr_report* report);
/* The report as JSON (see docs/validation.md) with messages in `lang` ("zh", "en";
 * NULL = "zh"). On ECR_OK *out is a new string owned by the caller (ecr_string_free). */
ECR_API int ecr_report_json(char** out, const ecr_report* report, const char* lang);
/* Frees a report; NULL is a no-op. */
ECR_API void ecr_report_free(ecr_report* report);

/* Section - Registry and grading */

typedef struct ecr_registry ecr_registry;

/* Loads the credit files of folder `dir`, <dataset_id>.csv / .tsv / .jsonl files, each
 * validated against the engine's catalog (rejected rows are not used). On ECR_OK *out
 * is a new registry owned by the caller (ecr_registry_free); it is immutable and may be
 * shared by threads. ECR_ENOENT when the folder does not exist, ECR_EIO when it cannot be
 * read (e.g. it is a file); ECR_EINVAL when it holds no dataset file, a .csv / .tsv /
 * .jsonl file whose name is no dataset id, or an entry added twice (e.g. two files of
 * one dataset holding the same key), named in ecr_last_error(). Files of other
 * extensions (notes) are not read. */
ECR_API int ecr_registry_load_dir(ecr_registry** out, const ecr_engine* engine, const char* dir);
/* Frees a registry; NULL is a no-op. */
ECR_API void ecr_registry_free(ecr_registry* registry);

/* Grades `uscc` as of `as_of` ("YYYY-MM-DD") with model `model` (NULL: the first in
 * force on the date) and returns the grade with its trace as JSON (docs/grading.md).
 * On ECR_OK *out is a new NUL-terminated string owned by the caller: free it with
 * ecr_string_free(). ECR_ENOTFOUND for an unknown subject or model, ECR_EINVAL for a
 * bad date or a model not in force on it. */
ECR_API int ecr_grade_json(char** out, const ecr_engine* engine, const ecr_registry* registry,
                           const char* uscc, const char* as_of, const char* model);
/* Frees a string the library returned through a `char** out`; NULL is a no-op. */
ECR_API void ecr_string_free(char* s);

/* Section - Related parties (关联关系, docs/relations.md) */

/* The "related" document (schemas/related.schema.json): the relations in force on `as_of`
 * within `hops` (>= 1) of `party` (a USCC or a person's ID number). `roles`: role codes of
 * table relation_role separated by commas, or NULL / "" for all. Person IDs are masked
 * unless `unmasked` is nonzero. On ECR_OK *out is a new string (ecr_string_free).
 * ECR_EINVAL for a bad date, hops 0, an unknown role or a party that is no genuine ID. */
ECR_API int ecr_related_json(char** out, const ecr_registry* registry, const char* party, const char* as_of,
                             const char* roles, unsigned int hops, int unmasked);
/* The "beneficial-owners" document (schemas/beneficial-owners.schema.json) of `uscc` on
 * `as_of`: persons holding at least `threshold` (0 < threshold <= 1; the regulation's 25 %
 * is 0.25) directly or through companies, or with actual control. */
ECR_API int ecr_beneficial_owners_json(char** out, const ecr_registry* registry, const char* uscc,
                                       const char* as_of, double threshold, int unmasked);
/* The "appointment-check" document (schemas/appointment-check.schema.json): may the person
 * `person_id` serve as `role` (legal_representative, director, supervisor, senior_manager:
 * the roles of the pack's appointment.json) on `as_of` — status allowed / barred /
 * undetermined, the reasons with their facts and basis, the grounds the data cannot check.
 * The person's ID is masked unless `unmasked` is nonzero. ECR_EINVAL for a bad date, a role
 * the pack does not cover, or a person ID that is no genuine resident ID nor one the
 * registry holds. */
ECR_API int ecr_appointment_check_json(char** out, const ecr_engine* engine, const ecr_registry* registry,
                                       const char* person_id, const char* role, const char* as_of,
                                       int unmasked);

/* Section - Precheck (joint reward and punishment, docs/measures.md) */

typedef struct ecr_decision ecr_decision;

/* Effects, strongest first; a decision's verdict is the strongest matched effect. */
#define ECR_EFFECT_PROHIBIT 0
#define ECR_EFFECT_RESTRICT 1
#define ECR_EFFECT_CAUTION 2
#define ECR_EFFECT_INCENTIVE 3
#define ECR_EFFECT_CLEAR 4

#define ECR_PRECHECK_QUERY_VERSION 1
/* A precheck query. Start from ECR_PRECHECK_QUERY_INIT (or ecr_precheck_query_init). Its
 * strings follow the header's rule: NUL-terminated, borrowed for the call. */
typedef struct ecr_precheck_query {
  unsigned int version;   /* ECR_PRECHECK_QUERY_VERSION */
  const char* scenario;   /* scenario code, label or alias, or a business-item code (required) */
  const char* uscc;       /* the subject queried … */
  const char* person_id;  /* … or a natural person: exactly one of the two */
  const char* department; /* NULL or "" = the measures of every department */
  const char* as_of;      /* "YYYY-MM-DD" (required: nothing reads the clock) */
} ecr_precheck_query;
#define ECR_PRECHECK_QUERY_INIT {ECR_PRECHECK_QUERY_VERSION, NULL, NULL, NULL, NULL, NULL}
/* Sets *query to ECR_PRECHECK_QUERY_INIT. ECR_EINVAL when query is NULL or version is
 * not ECR_PRECHECK_QUERY_VERSION. */
ECR_API int ecr_precheck_query_init(ecr_precheck_query* query, unsigned int version);

#define ECR_MEASURE_INFO_VERSION 1
/* One measure of a decision, filled by ecr_decision_measure into the caller's struct
 * (set `version` first: ECR_MEASURE_INFO_INIT or ecr_measure_info_init). Its strings are
 * borrowed accessors: owned by the decision, valid until ecr_decision_free, never freed.
 * `basis` is the clean citation; whether it is confirmed is in the decision JSON
 * (ecr_decision_json: "basis_confirmed", "basis_unconfirmed"). */
typedef struct ecr_measure_info {
  unsigned int version; /* ECR_MEASURE_INFO_VERSION, set by the caller */
  const char* id;
  const char* title;
  const char* basis;  /* legal basis: document and article */
  const char* target; /* "subject", "legal_representative", "responsible_person", "shareholder",
                         "actual_controller" or "beneficial_owner" */
  int effect;         /* ECR_EFFECT_* */
  int mandatory;      /* 1 when the department must apply it */
  int reward;         /* 1 for a reward (守信激励), 0 for a punishment */
} ecr_measure_info;
#define ECR_MEASURE_INFO_INIT {ECR_MEASURE_INFO_VERSION, NULL, NULL, NULL, NULL, 0, 0, 0}
/* Sets *m to ECR_MEASURE_INFO_INIT. ECR_EINVAL when m is NULL or version is not
 * ECR_MEASURE_INFO_VERSION. */
ECR_API int ecr_measure_info_init(ecr_measure_info* m, unsigned int version);

/* Matches the measures of the query's scenario (and department) as of its date
 * against the subject's (or person's) files. Thread-safe: engine and registry may be
 * shared by threads. On ECR_OK *out is a new decision owned by the caller
 * (ecr_decision_free); it keeps the engine alive. ECR_EINVAL for a bad query (no or
 * both of uscc / person_id, bad date, a USCC or resident ID that is not genuine — a
 * wrong check character included), ECR_ENOTFOUND for an unknown scenario or department.
 * A genuine code without a credit file gets ECR_EFFECT_CLEAR and
 * ecr_decision_has_credit_file() == 0. */
ECR_API int ecr_precheck(ecr_decision** out, const ecr_engine* engine, const ecr_registry* registry,
                         const ecr_precheck_query* query);
/* ecr_precheck with the query as the contract's "precheck-query" document (docs/contract.md):
 * {"scenario", "uscc" | "person_id", "department", "as_of"}, checked against the engine's
 * tables. The same statuses as ecr_precheck; ECR_EINVAL also for malformed JSON or a
 * member that is missing, unknown or of the wrong type, named in ecr_last_error(). */
ECR_API int ecr_precheck_from_json(ecr_decision** out, const ecr_engine* engine, const ecr_registry* registry,
                                   const char* query_json);
/* The verdict (ECR_EFFECT_*), or -1 for NULL. */
ECR_API int ecr_decision_verdict(const ecr_decision* decision);
/* "prohibit", "restrict", "caution", "incentive", "clear"; "unknown" otherwise. */
ECR_API const char* ecr_effect_name(int effect);
/* Number of measures in the decision (0 for NULL). */
ECR_API size_t ecr_decision_measure_count(const ecr_decision* decision);
/* Measure `i` (strongest effect first). ECR_EINVAL when out or decision is NULL,
 * out->version is not ECR_MEASURE_INFO_VERSION or i is out of range. */
ECR_API int ecr_decision_measure(ecr_measure_info* out, const ecr_decision* decision, size_t i);
/* 1 when approval on a credit commitment (告知承诺制) is allowed, 0 otherwise (and for NULL). */
ECR_API int ecr_decision_commitment_allowed(const ecr_decision* decision);
/* 1 when the registry holds a credit file for the code queried, 0 when it holds none
 * (无信用档案: a genuine code the registry does not know) and for NULL. A code that is
 * not genuine never gets a decision: ecr_precheck returns ECR_EINVAL for it. */
ECR_API int ecr_decision_has_credit_file(const ecr_decision* decision);
/* The decision as JSON (person IDs masked). On ECR_OK *out is a new string owned by the
 * caller (ecr_string_free). */
ECR_API int ecr_decision_json(char** out, const ecr_decision* decision);
/* The execution-feedback record (联合奖惩执行反馈) for measure `measure_id` of the
 * decision as JSON: `result` 已惩戒 / 已激励 / 未实施 (or punished / rewarded /
 * not_applied), `case_no` the business item's case number, `department` the department
 * that applied it (NULL = the query's), `when` an ISO date or date-time, `reason`
 * (required for 未实施, else may be NULL). On ECR_OK *out is a new string owned by the
 * caller (ecr_string_free). ECR_ENOTFOUND for a measure not in the decision. */
ECR_API int ecr_decision_feedback_json(char** out, const ecr_decision* decision, const char* measure_id,
                                       const char* result, const char* case_no, const char* department,
                                       const char* when, const char* reason);
/* Frees a decision; NULL is a no-op. */
ECR_API void ecr_decision_free(ecr_decision* decision);

/* Section - Credit repair (docs/repair.md) */

/* Decides whether a record may be repaired (信用修复) on `as_of` ("YYYY-MM-DD", the
 * application date). `record_json`: {"category", "severity", "decision_date", "area",
 * "penalty_types", "flags", "commitment_broken", "id"}; `evidence_json` (NULL = none):
 * evidence name → ISO date. On ECR_OK *out is a new NUL-terminated
 * JSON decision (status, earliest_date, publication_end, processing_deadline, missing,
 * regime, basis, arithmetic …) owned by the caller: free it with ecr_string_free().
 * ECR_EINVAL for a malformed record, evidence or date; ECR_ENOTFOUND when the pack has
 * no repair regimes. */
ECR_API int ecr_repair_json(char** out, const ecr_engine* engine, const char* record_json,
                            const char* evidence_json, const char* as_of);

/* Section - Archive (living credit files, docs/archive.md)
 *
 * An embedded, durable store in one file (SQLite, WAL mode) that keeps every version of
 * every entity (dataset + primary key: "admin_penalty:粤罚〔2025〕1号"), journals every
 * lifecycle event and hands registry snapshots (ecr_registry, usable with ecr_grade_json,
 * ecr_precheck …) of the current state or of an earlier one. Dates are ISO "YYYY-MM-DD";
 * batch and event numbers are one sequence (int64_t, 1, 2, …). */

typedef struct ecr_archive ecr_archive;
typedef struct ecr_import_result ecr_import_result;

/* Opens the archive file `path`, creating it when it does not exist (an older schema is
 * migrated). `engine` (NULL = the built-in pack) validates imports and builds snapshots;
 * the archive keeps its own reference, so the engine handle may be freed first. On ECR_OK
 * *out is a new handle owned by the caller (ecr_archive_free). One handle may be used by
 * several threads (calls are serialised inside) and several processes may open one file
 * (readers work while one writer imports). ECR_EIO when the file cannot be opened or is
 * no ecredit archive, ECR_EINVAL when path is NULL or the file's schema is newer than this
 * library; ecr_last_error() names the path and the reason. */
ECR_API int ecr_archive_open(ecr_archive** out, const char* path, const ecr_engine* engine);
/* Closes the archive; NULL is a no-op. Registries taken from it stay valid. */
ECR_API void ecr_archive_free(ecr_archive* archive);
/* The last batch / event number (0 for an empty archive). ECR_EINVAL when out or archive
 * is NULL. */
ECR_API int ecr_archive_last_batch(int64_t* out, ecr_archive* archive);

/* Imports every <dataset_id>.csv / .tsv / .jsonl file of folder `dir` as one batch, one
 * transaction: all of it is stored or nothing. Every row is validated by the engine's
 * catalog; only accepted rows are stored (rejected rows are counted and kept in the
 * batch's report). A row identical to the stored version is `unchanged`, a changed one
 * makes a new version (`updated`), a new key is `inserted`; an operation column (`op` /
 * `操作类型`: add / update / delete, 新增 / 修改 / 删除, I / U / D) with `delete`
 * withdraws the entity (`withdrawn`). `source` (required) names who sent the data;
 * `received_at` (NULL = not known) is the caller's ISO date or date-time of its arrival.
 * On ECR_OK *out is a new result owned by the caller (ecr_import_result_free); rejected
 * rows are findings in it, not an error status. ECR_ENOENT when the folder does not
 * exist, ECR_EIO when it cannot be read, ECR_EINVAL for a bad received_at or a file whose
 * name is no dataset id; after a failure the archive is unchanged. */
ECR_API int ecr_archive_import_dir(ecr_import_result** out, ecr_archive* archive, const char* dir,
                                   const char* source, const char* received_at);
/* One file `path` of dataset `dataset` (an id) as one batch, as ecr_archive_import_dir.
 * ECR_ENOTFOUND for a dataset the engine's catalog does not have (as ecr_validate_file). */
ECR_API int ecr_archive_import_file(ecr_import_result** out, ecr_archive* archive, const char* path,
                                    const char* dataset, const char* source, const char* received_at);
/* The batch number of an import (0 for NULL). */
ECR_API int64_t ecr_import_result_batch(const ecr_import_result* result);
/* The number of datasets counted in an import (0 for NULL). */
ECR_API size_t ecr_import_result_dataset_count(const ecr_import_result* result);

#define ECR_IMPORT_COUNTS_VERSION 1
/* The reconciliation of one dataset in one import, filled by ecr_import_result_counts into
 * the caller's struct (set `version` first: ECR_IMPORT_COUNTS_INIT or
 * ecr_import_counts_init): read = inserted + updated + unchanged + withdrawn + rejected.
 * `dataset` is a borrowed accessor: owned by the result, valid until
 * ecr_import_result_free, never freed. */
typedef struct ecr_import_counts {
  unsigned int version; /* ECR_IMPORT_COUNTS_VERSION, set by the caller */
  const char* dataset;  /* the dataset id */
  size_t read, inserted, updated, unchanged, withdrawn, rejected;
} ecr_import_counts;
#define ECR_IMPORT_COUNTS_INIT {ECR_IMPORT_COUNTS_VERSION, NULL, 0, 0, 0, 0, 0, 0}
/* Sets *c to ECR_IMPORT_COUNTS_INIT. ECR_EINVAL when c is NULL or version is not
 * ECR_IMPORT_COUNTS_VERSION. */
ECR_API int ecr_import_counts_init(ecr_import_counts* c, unsigned int version);
/* The counts of dataset `i` (0 ≤ i < ecr_import_result_dataset_count, in dataset-id
 * order). ECR_EINVAL when out or result is NULL, out->version is not
 * ECR_IMPORT_COUNTS_VERSION or i is out of range. */
ECR_API int ecr_import_result_counts(ecr_import_counts* out, const ecr_import_result* result, size_t i);
/* The contract's "import-result" document (docs/contract.md): batch, source, received_at,
 * recorded_at, counts and the validation reports with messages in `lang` ("zh", "en";
 * NULL = "zh"). On ECR_OK *out is a new string owned by the caller (ecr_string_free). */
ECR_API int ecr_import_result_json(char** out, const ecr_import_result* result, const char* lang);
/* Frees an import result; NULL is a no-op. */
ECR_API void ecr_import_result_free(ecr_import_result* result);

/* A registry snapshot of the archive: with known_at NULL and batch 0, the current state;
 * with `known_at` (an ISO date-time, UTC unless it has an offset: "2025-03-01T08:00:00Z";
 * a date alone is the end of that day, UTC), the state as the archive knew it then (it
 * filters on the archive's own recorded_at, so nothing is back-dated); with `batch` > 0,
 * the state after that batch or event. The same snapshot and pack give the same grades and
 * decisions years later. On ECR_OK *out is a new registry owned by the caller
 * (ecr_registry_free), immutable, usable with ecr_grade_json / ecr_precheck and the same
 * engine. ECR_EINVAL when both are given, batch is negative or known_at is no date-time. */
ECR_API int ecr_archive_registry(ecr_registry** out, ecr_archive* archive, const char* known_at,
                                 int64_t batch);
/* The contract's "entity-history" document of entity `id`: its versions, oldest first,
 * and its events. On ECR_OK *out is a new string owned by the caller (ecr_string_free). */
ECR_API int ecr_archive_history_json(char** out, ecr_archive* archive, const char* id);
/* The journal entries with a number above `since` (0 = all) as the contract's "journal"
 * document (an array of "journal-entry"). *out as above. ECR_EINVAL for a negative since. */
ECR_API int ecr_archive_journal_json(char** out, ecr_archive* archive, int64_t since);

/* Objections (异议, docs/archive.md "Lifecycle"): files one on record `record_id`, received
 * on `filed_on` (the record is marked at once); steps and deadlines come from the pack's
 * objections.json. `grounds` and `by` (the objector) are required. On ECR_OK *out is the
 * new objection's id, a new string owned by the caller (ecr_string_free). ECR_ENOTFOUND
 * for an unknown record, ECR_EINVAL for a bad date. */
ECR_API int ecr_archive_file_objection(char** out, ecr_archive* archive, const char* record_id,
                                       const char* filed_on, const char* grounds, const char* by);
/* Records step `step` ("accept", "reject", "platform_check", "provider_verification") of
 * objection `objection_id` as done on `on`. `outcome` (NULL = none yet; "corrected",
 * "record_confirmed", "unresolved") closes it; with "corrected", `corrected_json` (NULL =
 * none) is the "field-values" document of the new version ({"field": "value", …}; none
 * withdraws the record). `note` and `actor` may be NULL. ECR_ENOTFOUND for an unknown
 * objection, ECR_EINVAL for a step not in the policy or out of order, an unknown outcome,
 * a closed objection or a bad date. */
ECR_API int ecr_archive_advance_objection(ecr_archive* archive, const char* objection_id, const char* step,
                                          const char* on, const char* outcome, const char* note,
                                          const char* corrected_json, const char* actor);
/* The objections with status `status` (NULL = all: "pending", "accepted", "rejected",
 * "corrected", "record_confirmed", "unresolved"); with `overdue_on` (NULL = any), only those
 * with a step overdue on that day. The contract's "objections" document; *out as above. */
ECR_API int ecr_archive_objections_json(char** out, ecr_archive* archive, const char* status,
                                        const char* overdue_on);
/* A correction (更正) of entity `id`: the fields of `values_json` (a "field-values"
 * document) changed as a new version, with its `reason` (required) and `actor` (NULL =
 * ""). The values are validated as an import validates them (ECR_EINVAL naming the field). */
ECR_API int ecr_archive_correct(ecr_archive* archive, const char* id, const char* values_json,
                                const char* reason, const char* actor);
/* A repair application (信用修复) for record `record_id` filed on `filed_on` with
 * `evidence_json` (the "repair-evidence" document; NULL = none) by `by` (required); the
 * engine's decision on it and its processing deadlines are stored with it. On ECR_OK *out
 * is the application's id (a new string, ecr_string_free). */
ECR_API int ecr_archive_file_repair_application(char** out, ecr_archive* archive, const char* record_id,
                                                const char* filed_on, const char* evidence_json,
                                                const char* by);
/* Stores a repair of record `record_id` decided on `decided_on`: from that day the record
 * no longer counts in snapshots. `actor` may be NULL. ECR_ENOTFOUND for an unknown record. */
ECR_API int ecr_archive_apply_repair(ecr_archive* archive, const char* record_id, const char* decided_on,
                                     const char* actor);
/* The integrity check: SQLite's own plus the archive's invariants (counts reconcile, one
 * version chain per entity, no duplicate versions, a gap-free journal). A failed check is
 * data, not an error: on ECR_OK *out is the contract's "archive-check" document ({ok,
 * problems, batches, entities, versions, events}; ecr_string_free) and *ok (when ok is not
 * NULL) is 1 when the archive is sound, 0 when not. */
ECR_API int ecr_archive_check(char** out, int* ok, ecr_archive* archive);
/* Stores the current snapshot's image in the file as a checkpoint (in place of the earlier
 * one of this pack and library version): later snapshots start from it and apply the
 * changes after it instead of reading every version. A cache, not credit data (no journal
 * entry). *out: the contract's "archive-checkpoint" document ({seq, subjects, records,
 * parts, bytes}; ecr_string_free). */
ECR_API int ecr_archive_checkpoint(char** out, ecr_archive* archive);

#ifdef __cplusplus
}
#endif

#endif /* ECREDIT_H */
