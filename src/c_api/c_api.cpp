// The extern "C" layer over the C++ library. Every body is wrapped by guard():
// no C++ exception crosses the ABI, and a failure leaves a thread-local message.
// It formats no JSON and decides no file format of its own: documents come from the
// contract (ecredit/json.hpp), output formats from ecredit::open_output.
#define ECREDIT_C_BUILDING 1
#include "ecredit/ecredit.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include <fstream>
#include <memory>

#include "ecredit/archive.hpp"
#include "ecredit/engine.hpp"
#include "ecredit/error.hpp"
#include "ecredit/grading.hpp"
#include "ecredit/id.hpp"
#include "ecredit/json.hpp"
#include "ecredit/precheck.hpp"
#include "ecredit/registry.hpp"
#include "ecredit/repair.hpp"
#include "ecredit/validate.hpp"

struct ecr_engine {
  std::shared_ptr<const ecredit::Engine> engine;
};

struct ecr_registry {
  std::shared_ptr<const ecredit::Registry> registry;
};

struct ecr_decision {
  std::shared_ptr<const ecredit::Engine> engine;  // the decision points into its measures
  ecredit::Decision decision;
};

struct ecr_report {
  ecredit::Report report;
};

struct ecr_archive {
  std::unique_ptr<ecredit::Archive> archive;
};

struct ecr_import_result {
  ecredit::ImportResult result;
};

namespace {

thread_local std::string g_last_error;

int fail(int code, std::string message) {
  g_last_error = std::move(message);
  return code;
}

template <class F>
int guard(const char* fn, F&& body) noexcept {
  try {
    g_last_error.clear();
    return body();
  } catch (const std::bad_alloc&) {
    return fail(ECR_ENOMEM, std::string(fn) + ": out of memory");
  } catch (const ecredit::InvalidInputError& e) {
    return fail(ECR_EINVAL, std::string(fn) + ": " + e.what());
  } catch (const ecredit::NotFoundError& e) {
    return fail(ECR_ENOTFOUND, std::string(fn) + ": " + e.what());
  } catch (const ecredit::PolicyError& e) {
    return fail(ECR_EPOLICY, std::string(fn) + ": " + e.what());
  } catch (const ecredit::PathNotFoundError& e) {
    return fail(ECR_ENOENT, std::string(fn) + ": " + e.what());
  } catch (const ecredit::Error& e) {  // IoError, and any other library error
    return fail(ECR_EIO, std::string(fn) + ": " + e.what());
  } catch (const std::exception& e) {
    return fail(ECR_EINTERNAL, std::string(fn) + ": " + e.what());
  } catch (...) {
    return fail(ECR_EINTERNAL, std::string(fn) + ": unknown error");
  }
}

// The one way a string reaches the caller: a malloc'd copy the caller frees with
// ecr_string_free (the header's "returned strings" rule).
int return_string(char** out, const std::string& text, const char* fn) {
  char* s = static_cast<char*>(std::malloc(text.size() + 1));
  if (s == nullptr) return fail(ECR_ENOMEM, std::string(fn) + ": out of memory");
  std::memcpy(s, text.c_str(), text.size() + 1);
  *out = s;
  return ECR_OK;
}

// The version protocol of a struct: refused unless the caller set the version this
// library knows (0, an uninitialised struct, included).
int bad_version(const char* fn, const char* what, unsigned got, const char* want) {
  return fail(ECR_EINVAL, std::string(fn) + ": " + what + "->version is " + std::to_string(got) + ", not " +
                              want + " (start from its _INIT macro or _init function)");
}

// ecr_*_init: `*s = init` when `version` is the one this header defines.
template <class T>
int init_struct(const char* fn, T* s, unsigned version, unsigned want, const T& init, const char* want_name) {
  return guard(fn, [&] {
    if (s == nullptr) return fail(ECR_EINVAL, std::string(fn) + ": the struct pointer is NULL");
    if (version != want)
      return fail(ECR_EINVAL, std::string(fn) + ": unknown version " + std::to_string(version) +
                                  " (this library knows " + want_name + " = " + std::to_string(want) + ")");
    *s = init;
    return ECR_OK;
  });
}

const char* or_empty(const char* s) { return s == nullptr ? "" : s; }

void copy_cstr(char* dst, std::size_t cap, const std::string& s) {
  const std::size_t n = s.size() < cap - 1 ? s.size() : cap - 1;
  std::memcpy(dst, s.data(), n);
  dst[n] = '\0';
}

void fill(ecr_id_result* out, const ecredit::IdResult& r) {
  *out = ecr_id_result ECR_ID_RESULT_INIT;
  out->kind = static_cast<int>(r.kind);
  out->status = static_cast<int>(r.status);
  out->reason = static_cast<int>(r.reason);
  copy_cstr(out->normalized, sizeof out->normalized, r.normalized);
  out->normalized_len = r.normalized.size();
  if (r.birth_date) {
    out->birth_year = r.birth_date->year;
    out->birth_month = static_cast<int>(r.birth_date->month);
    out->birth_day = static_cast<int>(r.birth_date->day);
  }
  out->sex = r.sex;
  out->permit = static_cast<int>(r.permit);
  copy_cstr(out->converted, sizeof out->converted, r.converted);
}

template <class Check>
int check(const char* fn, ecr_id_result* out, const char* s, Check&& c) {
  return guard(fn, [&] {
    if (out == nullptr) return fail(ECR_EINVAL, std::string(fn) + ": out is NULL");
    if (out->version != ECR_ID_RESULT_VERSION)
      return bad_version(fn, "out", out->version, "ECR_ID_RESULT_VERSION");
    if (s == nullptr) return fail(ECR_EINVAL, std::string(fn) + ": s is NULL");
    fill(out, c(std::string_view(s)));
    return ECR_OK;
  });
}

// A document about the engine itself (a listing of its pack).
template <class Doc>
int engine_document(const char* fn, char** out, const ecr_engine* engine, Doc&& doc) {
  return guard(fn, [&] {
    if (out == nullptr) return fail(ECR_EINVAL, std::string(fn) + ": out is NULL");
    *out = nullptr;
    if (engine == nullptr) return fail(ECR_EINVAL, std::string(fn) + ": engine is NULL");
    return return_string(out, doc(*engine->engine), fn);
  });
}

// The decision of query `q` as a new handle in *out (ecr_precheck, ecr_precheck_from_json).
int decide(ecr_decision** out, const ecr_engine* engine, const ecr_registry* registry,
           const ecredit::PrecheckQuery& q) {
  auto d = std::make_unique<ecr_decision>();
  d->engine = engine->engine;
  d->decision = ecredit::precheck(*engine->engine, *registry->registry, q);
  *out = d.release();
  return ECR_OK;
}

// A required parameter: InvalidInputError "<name> is NULL" (guard() makes it ECR_EINVAL
// "<fn>: <name> is NULL") when it is missing.
void require(const void* p, const char* name) {
  if (p == nullptr) throw ecredit::InvalidInputError(std::string(name) + " is NULL");
}

// An import into a new result handle (ecr_archive_import_dir, ecr_archive_import_file).
template <class Import>
int import_into(const char* fn, ecr_import_result** out, ecr_archive* archive, const char* source,
                Import&& run) {
  return guard(fn, [&] {
    if (out == nullptr) return fail(ECR_EINVAL, std::string(fn) + ": out is NULL");
    *out = nullptr;
    require(archive, "archive");
    require(source, "source");
    auto r = std::make_unique<ecr_import_result>();
    r->result = run(*archive->archive);
    *out = r.release();
    return ECR_OK;
  });
}

// A document about the archive's state, into a caller-owned string.
template <class Doc>
int archive_document(const char* fn, char** out, ecr_archive* archive, Doc&& doc) {
  return guard(fn, [&] {
    if (out == nullptr) return fail(ECR_EINVAL, std::string(fn) + ": out is NULL");
    *out = nullptr;
    if (archive == nullptr) return fail(ECR_EINVAL, std::string(fn) + ": archive is NULL");
    return return_string(out, doc(*archive->archive), fn);
  });
}

}  // namespace

extern "C" {

const char* ecr_version(void) { return ECR_VERSION_STRING; }
int ecr_version_number(void) { return ECR_VERSION_NUMBER; }
const char* ecr_last_error(void) { return g_last_error.c_str(); }
const char* ecr_error_name(int status) {
  switch (status) {
    case ECR_OK:
      return "ECR_OK";
    case ECR_EINVAL:
      return "ECR_EINVAL";
    case ECR_ENOMEM:
      return "ECR_ENOMEM";
    case ECR_EINTERNAL:
      return "ECR_EINTERNAL";
    case ECR_ENOTFOUND:
      return "ECR_ENOTFOUND";
    case ECR_EPOLICY:
      return "ECR_EPOLICY";
    case ECR_EIO:
      return "ECR_EIO";
    case ECR_ENOENT:
      return "ECR_ENOENT";
    default:
      return nullptr;
  }
}

// ecr_*_init for each versioned struct: its _INIT value for its one known version.
#define ECR_DEFINE_INIT(fn, T, VERSION, INIT) \
  int fn(T* s, unsigned int version) { return init_struct(#fn, s, version, VERSION, T INIT, #VERSION); }
ECR_DEFINE_INIT(ecr_id_result_init, ecr_id_result, ECR_ID_RESULT_VERSION, ECR_ID_RESULT_INIT)
ECR_DEFINE_INIT(ecr_validate_options_init, ecr_validate_options, ECR_VALIDATE_OPTIONS_VERSION,
                ECR_VALIDATE_OPTIONS_INIT)
ECR_DEFINE_INIT(ecr_precheck_query_init, ecr_precheck_query, ECR_PRECHECK_QUERY_VERSION,
                ECR_PRECHECK_QUERY_INIT)
ECR_DEFINE_INIT(ecr_measure_info_init, ecr_measure_info, ECR_MEASURE_INFO_VERSION, ECR_MEASURE_INFO_INIT)
ECR_DEFINE_INIT(ecr_import_counts_init, ecr_import_counts, ECR_IMPORT_COUNTS_VERSION, ECR_IMPORT_COUNTS_INIT)
#undef ECR_DEFINE_INIT

int ecr_check_uscc(ecr_id_result* out, const char* s) {
  return check("ecr_check_uscc", out, s, [](std::string_view v) { return ecredit::check_uscc(v); });
}
int ecr_check_org_code(ecr_id_result* out, const char* s) {
  return check("ecr_check_org_code", out, s, [](std::string_view v) { return ecredit::check_org_code(v); });
}
int ecr_check_resident_id(ecr_id_result* out, const char* s) {
  return check("ecr_check_resident_id", out, s,
               [](std::string_view v) { return ecredit::check_resident_id(v); });
}
int ecr_check_id(ecr_id_result* out, const char* s) {
  return check("ecr_check_id", out, s, [](std::string_view v) { return ecredit::check_id(v); });
}

int ecr_check_id_json(char** out, const char* s, const char* kind) {
  return guard("ecr_check_id_json", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_check_id_json: out is NULL");
    *out = nullptr;
    if (s == nullptr) return fail(ECR_EINVAL, "ecr_check_id_json: s is NULL");
    const ecredit::IdKind k = ecredit::parse_id_kind(kind == nullptr ? "auto" : kind);
    return return_string(out, ecredit::to_json(ecredit::check_id(s, k)), "ecr_check_id_json");
  });
}

const char* ecr_status_name(int status) {
  if (status < ECR_ID_VALID || status > ECR_ID_INVALID) return nullptr;
  return ecredit::to_string(static_cast<ecredit::IdStatus>(status)).data();
}
const char* ecr_reason_name(int reason) {
  if (reason < ECR_REASON_NONE || reason > ECR_REASON_FIFTEEN_DIGIT) return nullptr;
  return ecredit::to_string(static_cast<ecredit::IdReason>(reason)).data();
}
const char* ecr_kind_name(int kind) {
  if (kind < ECR_KIND_UNKNOWN || kind > ECR_KIND_RESIDENT_ID) return nullptr;
  return ecredit::to_string(static_cast<ecredit::IdKind>(kind)).data();
}

int ecr_mask_id(char** out, const char* s) {
  return guard("ecr_mask_id", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_mask_id: out is NULL");
    *out = nullptr;
    if (s == nullptr) return fail(ECR_EINVAL, "ecr_mask_id: s is NULL");
    return return_string(out, ecredit::mask_id(std::string_view(s)), "ecr_mask_id");
  });
}

int ecr_engine_default(ecr_engine** out) {
  return guard("ecr_engine_default", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_engine_default: out is NULL");
    *out = new ecr_engine{ecredit::Engine::default_engine()};
    return ECR_OK;
  });
}

int ecr_engine_load(ecr_engine** out, const char* dir) {
  return guard("ecr_engine_load", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_engine_load: out is NULL");
    *out = nullptr;
    if (dir == nullptr) return fail(ECR_EINVAL, "ecr_engine_load: dir is NULL");
    *out = new ecr_engine{ecredit::Engine::load(dir)};
    return ECR_OK;
  });
}

void ecr_engine_free(ecr_engine* engine) { delete engine; }

int ecr_datasets_json(char** out, const ecr_engine* engine) {
  return engine_document("ecr_datasets_json", out, engine,
                         [](const ecredit::Engine& e) { return ecredit::datasets_json(e); });
}
int ecr_models_json(char** out, const ecr_engine* engine) {
  return engine_document("ecr_models_json", out, engine,
                         [](const ecredit::Engine& e) { return ecredit::models_json(e); });
}
int ecr_measures_json(char** out, const ecr_engine* engine) {
  return engine_document("ecr_measures_json", out, engine,
                         [](const ecredit::Engine& e) { return ecredit::measures_json(e); });
}

const char* ecr_engine_hash(const ecr_engine* engine) {
  return engine == nullptr ? "" : engine->engine->hash().c_str();
}

int ecr_validate_file(ecr_report** out, const ecr_engine* engine, const char* dataset, const char* path,
                      const ecr_validate_options* opts) {
  return guard("ecr_validate_file", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_validate_file: out is NULL");
    *out = nullptr;
    if (engine == nullptr || dataset == nullptr || path == nullptr)
      return fail(ECR_EINVAL, "ecr_validate_file: engine, dataset and path must not be NULL");
    if (opts != nullptr && opts->version != ECR_VALIDATE_OPTIONS_VERSION && opts->version != 1)
      return bad_version("ecr_validate_file", "opts", opts->version, "ECR_VALIDATE_OPTIONS_VERSION (or 1)");
    ecredit::ValidateOptions vo;
    std::ofstream valid_out, rejected_out;
    if (opts != nullptr) {
      if (opts->format) vo.format = opts->format;
      if (opts->encoding) vo.encoding = opts->encoding;
      vo.delimiter = opts->delimiter;
      // version 1 read max_findings 0 as "the default"; from version 2 it means none
      if (opts->version != 1 || opts->max_findings > 0) vo.max_findings = opts->max_findings;
      if (opts->out_valid) {
        vo.out_valid_format =
            ecredit::open_output(valid_out, opts->out_valid, "out_valid", "valid rows file");
        vo.out_valid = &valid_out;
      }
      if (opts->out_rejected) {
        vo.out_rejected_format =
            ecredit::open_output(rejected_out, opts->out_rejected, "out_rejected", "rejected rows file");
        vo.out_rejected = &rejected_out;
      }
    }
    auto r = std::make_unique<ecr_report>();
    r->report = ecredit::validate_file(*engine->engine, dataset, path, vo);
    *out = r.release();
    return ECR_OK;
  });
}

int ecr_report_valid(const ecr_report* report) { return report != nullptr && report->report.valid() ? 1 : 0; }

int ecr_report_json(char** out, const ecr_report* report, const char* lang) {
  return guard("ecr_report_json", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_report_json: out is NULL");
    *out = nullptr;
    if (report == nullptr) return fail(ECR_EINVAL, "ecr_report_json: report is NULL");
    return return_string(out, ecredit::to_json(report->report, lang == nullptr ? "zh" : lang),
                         "ecr_report_json");
  });
}

void ecr_report_free(ecr_report* report) { delete report; }

int ecr_registry_load_dir(ecr_registry** out, const ecr_engine* engine, const char* dir) {
  return guard("ecr_registry_load_dir", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_registry_load_dir: out is NULL");
    *out = nullptr;
    if (engine == nullptr || dir == nullptr)
      return fail(ECR_EINVAL, "ecr_registry_load_dir: engine and dir must not be NULL");
    *out = new ecr_registry{ecredit::Registry::from_dir(*engine->engine, dir)};
    return ECR_OK;
  });
}

void ecr_registry_free(ecr_registry* registry) { delete registry; }

int ecr_grade_json(char** out, const ecr_engine* engine, const ecr_registry* registry, const char* uscc,
                   const char* as_of, const char* model) {
  return guard("ecr_grade_json", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_grade_json: out is NULL");
    *out = nullptr;
    if (engine == nullptr || registry == nullptr || uscc == nullptr || as_of == nullptr)
      return fail(ECR_EINVAL, "ecr_grade_json: engine, registry, uscc and as_of must not be NULL");
    const ecredit::Grade g = ecredit::grade(*engine->engine, *registry->registry, uscc,
                                            ecredit::parse_iso_date(as_of), model == nullptr ? "" : model);
    return return_string(out, ecredit::to_json(g), "ecr_grade_json");
  });
}

void ecr_string_free(char* s) { std::free(s); }

int ecr_related_json(char** out, const ecr_registry* registry, const char* party, const char* as_of,
                     const char* roles, unsigned int hops, int unmasked) {
  return guard("ecr_related_json", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_related_json: out is NULL");
    *out = nullptr;
    require(registry, "registry");
    require(party, "party");
    require(as_of, "as_of");
    ecredit::RelatedOptions o;
    o.hops = hops;
    if (roles != nullptr) {
      std::string_view rest(roles);
      while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view r = rest.substr(0, comma);
        if (!r.empty()) o.roles.emplace_back(r);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
    }
    const date::sys_days day = ecredit::parse_iso_date(as_of);
    const auto rows = ecredit::related(*registry->registry, party, day, o);
    return return_string(out, ecredit::related_json(rows, party, day, o, unmasked != 0), "ecr_related_json");
  });
}

int ecr_beneficial_owners_json(char** out, const ecr_registry* registry, const char* uscc, const char* as_of,
                               double threshold, int unmasked) {
  return guard("ecr_beneficial_owners_json", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_beneficial_owners_json: out is NULL");
    *out = nullptr;
    require(registry, "registry");
    require(uscc, "uscc");
    require(as_of, "as_of");
    const auto b =
        ecredit::beneficial_owners(*registry->registry, uscc, ecredit::parse_iso_date(as_of), threshold);
    return return_string(out, ecredit::to_json(b, unmasked != 0), "ecr_beneficial_owners_json");
  });
}

int ecr_appointment_check_json(char** out, const ecr_engine* engine, const ecr_registry* registry,
                               const char* person_id, const char* role, const char* as_of, int unmasked) {
  return guard("ecr_appointment_check_json", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_appointment_check_json: out is NULL");
    *out = nullptr;
    require(engine, "engine");
    require(registry, "registry");
    require(person_id, "person_id");
    require(role, "role");
    require(as_of, "as_of");
    const auto c = ecredit::appointment_check(*engine->engine, *registry->registry, person_id, role,
                                              ecredit::parse_iso_date(as_of));
    return return_string(out, ecredit::to_json(c, unmasked != 0), "ecr_appointment_check_json");
  });
}

int ecr_precheck(ecr_decision** out, const ecr_engine* engine, const ecr_registry* registry,
                 const ecr_precheck_query* query) {
  return guard("ecr_precheck", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_precheck: out is NULL");
    *out = nullptr;
    if (engine == nullptr || registry == nullptr || query == nullptr)
      return fail(ECR_EINVAL, "ecr_precheck: engine, registry and query must not be NULL");
    if (query->version != ECR_PRECHECK_QUERY_VERSION)
      return bad_version("ecr_precheck", "query", query->version, "ECR_PRECHECK_QUERY_VERSION");
    if (query->scenario == nullptr || query->as_of == nullptr)
      return fail(ECR_EINVAL, "ecr_precheck: query->scenario and query->as_of are required");
    ecredit::PrecheckQuery q;
    q.scenario = query->scenario;
    q.uscc = or_empty(query->uscc);
    q.person_id = or_empty(query->person_id);
    q.department = or_empty(query->department);
    q.as_of = ecredit::parse_iso_date(query->as_of);
    return decide(out, engine, registry, q);
  });
}

int ecr_precheck_from_json(ecr_decision** out, const ecr_engine* engine, const ecr_registry* registry,
                           const char* query_json) {
  return guard("ecr_precheck_from_json", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_precheck_from_json: out is NULL");
    *out = nullptr;
    if (engine == nullptr || registry == nullptr || query_json == nullptr)
      return fail(ECR_EINVAL, "ecr_precheck_from_json: engine, registry and query_json must not be NULL");
    const ecredit::PrecheckRequest q = ecredit::precheck_query_from_json(query_json, *engine->engine);
    return decide(out, engine, registry, q.view());
  });
}

int ecr_decision_verdict(const ecr_decision* decision) {
  return decision == nullptr ? -1 : static_cast<int>(decision->decision.verdict);
}

const char* ecr_effect_name(int effect) {
  if (effect < 0 || effect > ECR_EFFECT_CLEAR) return "unknown";
  return ecredit::effect_name(static_cast<ecredit::Effect>(effect));
}

size_t ecr_decision_measure_count(const ecr_decision* decision) {
  return decision == nullptr ? 0 : decision->decision.measures.size();
}

int ecr_decision_measure(ecr_measure_info* out, const ecr_decision* decision, size_t i) {
  return guard("ecr_decision_measure", [&] {
    if (out == nullptr || decision == nullptr)
      return fail(ECR_EINVAL, "ecr_decision_measure: out and decision must not be NULL");
    if (out->version != ECR_MEASURE_INFO_VERSION)
      return bad_version("ecr_decision_measure", "out", out->version, "ECR_MEASURE_INFO_VERSION");
    const auto& ms = decision->decision.measures;
    if (i >= ms.size())
      return fail(ECR_EINVAL, "ecr_decision_measure: index " + std::to_string(i) + " out of range (" +
                                  std::to_string(ms.size()) + " measures)");
    const ecredit::Measure& m = *ms[i].measure;
    out->id = m.id.c_str();
    out->title = m.title.c_str();
    out->basis = m.basis.c_str();
    out->target = ms[i].target.c_str();
    out->effect = static_cast<int>(m.effect);
    out->mandatory = m.mandatory ? 1 : 0;
    out->reward = m.reward ? 1 : 0;
    return ECR_OK;
  });
}

int ecr_decision_commitment_allowed(const ecr_decision* decision) {
  return decision != nullptr && decision->decision.commitment_allowed ? 1 : 0;
}

int ecr_decision_has_credit_file(const ecr_decision* decision) {
  return decision != nullptr && decision->decision.credit_file ? 1 : 0;
}

int ecr_decision_json(char** out, const ecr_decision* decision) {
  return guard("ecr_decision_json", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_decision_json: out is NULL");
    *out = nullptr;
    if (decision == nullptr) return fail(ECR_EINVAL, "ecr_decision_json: decision is NULL");
    return return_string(out, ecredit::to_json(decision->decision), "ecr_decision_json");
  });
}

int ecr_decision_feedback_json(char** out, const ecr_decision* decision, const char* measure_id,
                               const char* result, const char* case_no, const char* department,
                               const char* when, const char* reason) {
  return guard("ecr_decision_feedback_json", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_decision_feedback_json: out is NULL");
    *out = nullptr;
    if (decision == nullptr || measure_id == nullptr || result == nullptr || case_no == nullptr ||
        when == nullptr)
      return fail(
          ECR_EINVAL,
          "ecr_decision_feedback_json: decision, measure_id, result, case_no and when must not be NULL");
    const std::string json = decision->decision.feedback(*decision->engine, measure_id, result, case_no,
                                                         or_empty(department), when, or_empty(reason));
    return return_string(out, json, "ecr_decision_feedback_json");
  });
}

void ecr_decision_free(ecr_decision* decision) { delete decision; }

int ecr_repair_json(char** out, const ecr_engine* engine, const char* record_json, const char* evidence_json,
                    const char* as_of) {
  return guard("ecr_repair_json", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_repair_json: out is NULL");
    *out = nullptr;
    if (engine == nullptr || record_json == nullptr || as_of == nullptr)
      return fail(ECR_EINVAL, "ecr_repair_json: engine, record_json and as_of must not be NULL");
    const ecredit::Engine& e = *engine->engine;
    const ecredit::RepairRecord rec = ecredit::repair_record_from_json(record_json, e);
    const ecredit::RepairEvidence ev = evidence_json == nullptr
                                           ? ecredit::RepairEvidence{}
                                           : ecredit::repair_evidence_from_json(evidence_json, e);
    const ecredit::RepairDecision d = ecredit::repair(e, rec, ev, ecredit::parse_iso_date(as_of));
    return return_string(out, ecredit::to_json(d), "ecr_repair_json");
  });
}

int ecr_archive_open(ecr_archive** out, const char* path, const ecr_engine* engine) {
  return guard("ecr_archive_open", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_archive_open: out is NULL");
    *out = nullptr;
    if (path == nullptr) return fail(ECR_EINVAL, "ecr_archive_open: path is NULL");
    auto a = std::make_unique<ecr_archive>();
    a->archive = ecredit::Archive::open(path, engine == nullptr ? nullptr : engine->engine);
    *out = a.release();
    return ECR_OK;
  });
}

void ecr_archive_free(ecr_archive* archive) { delete archive; }

int ecr_archive_last_batch(int64_t* out, ecr_archive* archive) {
  return guard("ecr_archive_last_batch", [&] {
    if (out == nullptr || archive == nullptr)
      return fail(ECR_EINVAL, "ecr_archive_last_batch: out and archive must not be NULL");
    *out = archive->archive->last_batch();
    return ECR_OK;
  });
}

int ecr_archive_import_dir(ecr_import_result** out, ecr_archive* archive, const char* dir, const char* source,
                           const char* received_at) {
  return import_into("ecr_archive_import_dir", out, archive, source, [&](ecredit::Archive& a) {
    require(dir, "dir");
    return a.import_dir(dir, source, or_empty(received_at));
  });
}

int ecr_archive_import_file(ecr_import_result** out, ecr_archive* archive, const char* path,
                            const char* dataset, const char* source, const char* received_at) {
  return import_into("ecr_archive_import_file", out, archive, source, [&](ecredit::Archive& a) {
    require(path, "path");
    require(dataset, "dataset");
    return a.import_file(path, dataset, source, or_empty(received_at));
  });
}

int64_t ecr_import_result_batch(const ecr_import_result* result) {
  return result == nullptr ? 0 : result->result.batch;
}

size_t ecr_import_result_dataset_count(const ecr_import_result* result) {
  return result == nullptr ? 0 : result->result.counts.size();
}

int ecr_import_result_counts(ecr_import_counts* out, const ecr_import_result* result, size_t i) {
  return guard("ecr_import_result_counts", [&] {
    if (out == nullptr || result == nullptr)
      return fail(ECR_EINVAL, "ecr_import_result_counts: out and result must not be NULL");
    if (out->version != ECR_IMPORT_COUNTS_VERSION)
      return bad_version("ecr_import_result_counts", "out", out->version, "ECR_IMPORT_COUNTS_VERSION");
    const auto& counts = result->result.counts;
    if (i >= counts.size())
      return fail(ECR_EINVAL, "ecr_import_result_counts: index " + std::to_string(i) + " out of range (" +
                                  std::to_string(counts.size()) + " datasets)");
    auto it = counts.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(i));
    const ecredit::ImportCounts& c = it->second;
    out->dataset = it->first.c_str();
    out->read = c.read;
    out->inserted = c.inserted;
    out->updated = c.updated;
    out->unchanged = c.unchanged;
    out->withdrawn = c.withdrawn;
    out->rejected = c.rejected;
    return ECR_OK;
  });
}

int ecr_import_result_json(char** out, const ecr_import_result* result, const char* lang) {
  return guard("ecr_import_result_json", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_import_result_json: out is NULL");
    *out = nullptr;
    if (result == nullptr) return fail(ECR_EINVAL, "ecr_import_result_json: result is NULL");
    return return_string(out, ecredit::to_json(result->result, lang == nullptr ? "zh" : lang),
                         "ecr_import_result_json");
  });
}

void ecr_import_result_free(ecr_import_result* result) { delete result; }

int ecr_archive_registry(ecr_registry** out, ecr_archive* archive, const char* known_at, int64_t batch) {
  return guard("ecr_archive_registry", [&] {
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_archive_registry: out is NULL");
    *out = nullptr;
    if (archive == nullptr) return fail(ECR_EINVAL, "ecr_archive_registry: archive is NULL");
    if (batch < 0)
      return fail(ECR_EINVAL, "ecr_archive_registry: batch " + std::to_string(batch) + " is negative");
    if (known_at != nullptr && batch != 0)
      return fail(ECR_EINVAL, "ecr_archive_registry: give known_at or batch, not both");
    ecredit::Archive& a = *archive->archive;
    std::shared_ptr<const ecredit::Registry> r;
    if (known_at != nullptr)
      r = a.registry_known_at(ecredit::parse_known_at(known_at));
    else if (batch != 0)
      r = a.registry_at_batch(batch);
    else
      r = a.registry();
    *out = new ecr_registry{std::move(r)};
    return ECR_OK;
  });
}

int ecr_archive_history_json(char** out, ecr_archive* archive, const char* id) {
  return archive_document("ecr_archive_history_json", out, archive, [&](ecredit::Archive& a) {
    require(id, "id");
    return ecredit::to_json(a.history(id));
  });
}

int ecr_archive_journal_json(char** out, ecr_archive* archive, int64_t since) {
  return archive_document("ecr_archive_journal_json", out, archive, [&](ecredit::Archive& a) {
    if (since < 0) throw ecredit::InvalidInputError("since " + std::to_string(since) + " is negative");
    return ecredit::journal_json(a.journal(since));
  });
}

int ecr_archive_file_objection(char** out, ecr_archive* archive, const char* record_id, const char* filed_on,
                               const char* grounds, const char* by) {
  return guard("ecr_archive_file_objection", [&] {
    const char* fn = "ecr_archive_file_objection";
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_archive_file_objection: out is NULL");
    *out = nullptr;
    require(archive, "archive");
    require(record_id, "record_id");
    require(filed_on, "filed_on");
    require(grounds, "grounds");
    require(by, "by");
    const std::string id =
        archive->archive->file_objection(record_id, ecredit::parse_iso_date(filed_on), grounds, by);
    return return_string(out, id, fn);
  });
}

int ecr_archive_advance_objection(ecr_archive* archive, const char* objection_id, const char* step,
                                  const char* on, const char* outcome, const char* note,
                                  const char* corrected_json, const char* actor) {
  return guard("ecr_archive_advance_objection", [&] {
    require(archive, "archive");
    require(objection_id, "objection_id");
    require(step, "step");
    require(on, "on");
    const std::map<std::string, std::string> values = corrected_json == nullptr
                                                          ? std::map<std::string, std::string>{}
                                                          : ecredit::field_values_from_json(corrected_json);
    archive->archive->advance_objection(objection_id, step, ecredit::parse_iso_date(on), or_empty(outcome),
                                        or_empty(note), values, or_empty(actor));
    return ECR_OK;
  });
}

int ecr_archive_objections_json(char** out, ecr_archive* archive, const char* status,
                                const char* overdue_on) {
  return archive_document("ecr_archive_objections_json", out, archive, [&](ecredit::Archive& a) {
    std::optional<date::sys_days> overdue;
    if (overdue_on != nullptr) overdue = ecredit::parse_iso_date(overdue_on);
    return ecredit::objections_json(a.objections(or_empty(status), overdue));
  });
}

int ecr_archive_correct(ecr_archive* archive, const char* id, const char* values_json, const char* reason,
                        const char* actor) {
  return guard("ecr_archive_correct", [&] {
    require(archive, "archive");
    require(id, "id");
    require(values_json, "values_json");
    require(reason, "reason");
    archive->archive->correct(id, ecredit::field_values_from_json(values_json), reason, or_empty(actor));
    return ECR_OK;
  });
}

int ecr_archive_file_repair_application(char** out, ecr_archive* archive, const char* record_id,
                                        const char* filed_on, const char* evidence_json, const char* by) {
  return guard("ecr_archive_file_repair_application", [&] {
    const char* fn = "ecr_archive_file_repair_application";
    if (out == nullptr) return fail(ECR_EINVAL, "ecr_archive_file_repair_application: out is NULL");
    *out = nullptr;
    require(archive, "archive");
    require(record_id, "record_id");
    require(filed_on, "filed_on");
    require(by, "by");
    ecredit::Archive& a = *archive->archive;
    const ecredit::RepairEvidence ev = evidence_json == nullptr
                                           ? ecredit::RepairEvidence{}
                                           : ecredit::repair_evidence_from_json(evidence_json, a.engine());
    return return_string(out, a.file_repair_application(record_id, ecredit::parse_iso_date(filed_on), ev, by),
                         fn);
  });
}

int ecr_archive_apply_repair(ecr_archive* archive, const char* record_id, const char* decided_on,
                             const char* actor) {
  return guard("ecr_archive_apply_repair", [&] {
    require(archive, "archive");
    require(record_id, "record_id");
    require(decided_on, "decided_on");
    archive->archive->apply_repair(record_id, ecredit::parse_iso_date(decided_on), std::nullopt,
                                   or_empty(actor));
    return ECR_OK;
  });
}

int ecr_archive_check(char** out, int* ok, ecr_archive* archive) {
  return archive_document("ecr_archive_check", out, archive, [&](ecredit::Archive& a) {
    const ecredit::Archive::CheckResult c = a.check();
    if (ok != nullptr) *ok = c.ok ? 1 : 0;
    return ecredit::to_json(c);
  });
}

int ecr_archive_checkpoint(char** out, ecr_archive* archive) {
  return archive_document("ecr_archive_checkpoint", out, archive,
                          [&](ecredit::Archive& a) { return ecredit::to_json(a.checkpoint()); });
}

}  // extern "C"
