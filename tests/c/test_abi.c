/* Plain C99 test of the ABI's structs and conventions (ecredit.h's opening comment):
 *  - the layout of every struct that crosses the boundary, pinned (offsetof / sizeof);
 *  - `version` first in each, their ECR_*_INIT macros and ecr_*_init() functions, and the
 *    version protocol: an unknown version (0 included) is refused with ECR_EINVAL, by the
 *    init function and by every function that reads or fills the struct;
 *  - returned strings: every `char** out` is a caller-owned string, NULL after a failure. */
#include <ecredit/ecredit.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

/* Compile-time checks in C99 (no _Static_assert): a negative array size fails the build. */
#define ECR_STATIC_CHECK(name, cond) typedef char ecr_static_check_##name[(cond) ? 1 : -1]

/* `version` is the first member of every versioned struct, on every platform. */
ECR_STATIC_CHECK(id_result_version_first, offsetof(ecr_id_result, version) == 0);
ECR_STATIC_CHECK(validate_options_version_first, offsetof(ecr_validate_options, version) == 0);
ECR_STATIC_CHECK(precheck_query_version_first, offsetof(ecr_precheck_query, version) == 0);
ECR_STATIC_CHECK(measure_info_version_first, offsetof(ecr_measure_info, version) == 0);
ECR_STATIC_CHECK(import_counts_version_first, offsetof(ecr_import_counts, version) == 0);
ECR_STATIC_CHECK(id_result_buffers, sizeof(((ecr_id_result*)0)->normalized) == 64 &&
                                        sizeof(((ecr_id_result*)0)->converted) == 19);

/* The layouts of the 0.2 ABI on LP64 (x86-64 and AArch64 Linux, where it is built and
 * shipped): a change here is an ABI change and needs a new struct version. */
static void check_lp64_layouts(void) {
  if (sizeof(void*) != 8 || sizeof(size_t) != 8 || sizeof(int) != 4) {
    printf("not LP64: layout offsets not pinned here\n");
    return;
  }
  EXPECT(sizeof(ecr_id_result) == 128);
  EXPECT(offsetof(ecr_id_result, kind) == 4 && offsetof(ecr_id_result, status) == 8 &&
         offsetof(ecr_id_result, reason) == 12);
  EXPECT(offsetof(ecr_id_result, normalized) == 16 && offsetof(ecr_id_result, normalized_len) == 80);
  EXPECT(offsetof(ecr_id_result, birth_year) == 88 && offsetof(ecr_id_result, birth_month) == 92 &&
         offsetof(ecr_id_result, birth_day) == 96);
  EXPECT(offsetof(ecr_id_result, sex) == 100 && offsetof(ecr_id_result, permit) == 104 &&
         offsetof(ecr_id_result, converted) == 108);

  EXPECT(sizeof(ecr_validate_options) == 56);
  EXPECT(
      offsetof(ecr_validate_options, format) == 8 && offsetof(ecr_validate_options, encoding) == 16 &&
      offsetof(ecr_validate_options, delimiter) == 24 && offsetof(ecr_validate_options, max_findings) == 32 &&
      offsetof(ecr_validate_options, out_valid) == 40 && offsetof(ecr_validate_options, out_rejected) == 48);

  EXPECT(sizeof(ecr_precheck_query) == 48);
  EXPECT(offsetof(ecr_precheck_query, scenario) == 8 && offsetof(ecr_precheck_query, uscc) == 16 &&
         offsetof(ecr_precheck_query, person_id) == 24 && offsetof(ecr_precheck_query, department) == 32 &&
         offsetof(ecr_precheck_query, as_of) == 40);

  EXPECT(sizeof(ecr_measure_info) == 56);
  EXPECT(offsetof(ecr_measure_info, id) == 8 && offsetof(ecr_measure_info, title) == 16 &&
         offsetof(ecr_measure_info, basis) == 24 && offsetof(ecr_measure_info, target) == 32 &&
         offsetof(ecr_measure_info, effect) == 40 && offsetof(ecr_measure_info, mandatory) == 44 &&
         offsetof(ecr_measure_info, reward) == 48);

  EXPECT(sizeof(ecr_import_counts) == 64);
  EXPECT(offsetof(ecr_import_counts, dataset) == 8 && offsetof(ecr_import_counts, read) == 16 &&
         offsetof(ecr_import_counts, inserted) == 24 && offsetof(ecr_import_counts, updated) == 32 &&
         offsetof(ecr_import_counts, unchanged) == 40 && offsetof(ecr_import_counts, withdrawn) == 48 &&
         offsetof(ecr_import_counts, rejected) == 56);
}

/* The pinned version numbers and the INIT macros: version set, everything else empty. */
static void check_init_macros(void) {
  ecr_id_result r = ECR_ID_RESULT_INIT;
  ecr_validate_options o = ECR_VALIDATE_OPTIONS_INIT;
  ecr_precheck_query q = ECR_PRECHECK_QUERY_INIT;
  ecr_measure_info m = ECR_MEASURE_INFO_INIT;
  ecr_import_counts c = ECR_IMPORT_COUNTS_INIT;
  EXPECT(ECR_ID_RESULT_VERSION == 1 && ECR_VALIDATE_OPTIONS_VERSION == 2 && ECR_PRECHECK_QUERY_VERSION == 1 &&
         ECR_MEASURE_INFO_VERSION == 1 && ECR_IMPORT_COUNTS_VERSION == 1);
  EXPECT(c.version == ECR_IMPORT_COUNTS_VERSION && c.dataset == NULL && c.read == 0 && c.rejected == 0);
  EXPECT(r.version == ECR_ID_RESULT_VERSION && r.kind == 0 && r.normalized[0] == '\0' &&
         r.converted[0] == '\0');
  EXPECT(o.version == ECR_VALIDATE_OPTIONS_VERSION && o.format == NULL && o.max_findings == 1000 &&
         o.out_valid == NULL && o.out_rejected == NULL);
  EXPECT(q.version == ECR_PRECHECK_QUERY_VERSION && q.scenario == NULL && q.as_of == NULL);
  EXPECT(m.version == ECR_MEASURE_INFO_VERSION && m.id == NULL && m.effect == 0);
}

/* Each ecr_*_init: the known version gives the INIT value; 0, the next version and NULL
 * are refused and leave the struct as it was. */
static void check_init_functions(void) {
  ecr_id_result r;
  ecr_validate_options o;
  ecr_precheck_query q;
  ecr_measure_info m;
  ecr_import_counts c;
  const unsigned bad[] = {0u, 99u};
  size_t i;

  memset(&r, 0x5a, sizeof r);
  EXPECT(ecr_id_result_init(&r, ECR_ID_RESULT_VERSION) == ECR_OK);
  EXPECT(r.version == ECR_ID_RESULT_VERSION && r.kind == 0 && r.status == 0 && r.normalized[0] == '\0' &&
         r.normalized_len == 0 && r.sex == '\0' && r.converted[0] == '\0');
  memset(&o, 0x5a, sizeof o);
  EXPECT(ecr_validate_options_init(&o, ECR_VALIDATE_OPTIONS_VERSION) == ECR_OK);
  EXPECT(o.version == ECR_VALIDATE_OPTIONS_VERSION && o.format == NULL && o.encoding == NULL &&
         o.delimiter == '\0' && o.max_findings == 1000 && o.out_valid == NULL && o.out_rejected == NULL);
  memset(&q, 0x5a, sizeof q);
  EXPECT(ecr_precheck_query_init(&q, ECR_PRECHECK_QUERY_VERSION) == ECR_OK);
  EXPECT(q.version == ECR_PRECHECK_QUERY_VERSION && q.scenario == NULL && q.uscc == NULL &&
         q.person_id == NULL && q.department == NULL && q.as_of == NULL);
  memset(&m, 0x5a, sizeof m);
  EXPECT(ecr_measure_info_init(&m, ECR_MEASURE_INFO_VERSION) == ECR_OK);
  EXPECT(m.version == ECR_MEASURE_INFO_VERSION && m.id == NULL && m.title == NULL && m.basis == NULL &&
         m.target == NULL && m.effect == 0 && m.mandatory == 0 && m.reward == 0);
  memset(&c, 0x5a, sizeof c);
  EXPECT(ecr_import_counts_init(&c, ECR_IMPORT_COUNTS_VERSION) == ECR_OK);
  EXPECT(c.version == ECR_IMPORT_COUNTS_VERSION && c.dataset == NULL && c.read == 0 && c.inserted == 0 &&
         c.updated == 0 && c.unchanged == 0 && c.withdrawn == 0 && c.rejected == 0);

  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    r.version = 7u;
    o.version = 7u;
    q.version = 7u;
    m.version = 7u;
    c.version = 7u;
    EXPECT(ecr_id_result_init(&r, bad[i]) == ECR_EINVAL && r.version == 7u);
    EXPECT(strstr(ecr_last_error(), "ecr_id_result_init: unknown version") != NULL);
    EXPECT(ecr_validate_options_init(&o, bad[i]) == ECR_EINVAL && o.version == 7u);
    EXPECT(ecr_precheck_query_init(&q, bad[i]) == ECR_EINVAL && q.version == 7u);
    EXPECT(ecr_measure_info_init(&m, bad[i]) == ECR_EINVAL && m.version == 7u);
    EXPECT(ecr_import_counts_init(&c, bad[i]) == ECR_EINVAL && c.version == 7u);
  }
  /* version 1 of the validate options is still read by ecr_validate_file, but the init
   * function makes only the current one */
  EXPECT(ecr_validate_options_init(&o, 1u) == ECR_EINVAL);
  EXPECT(ecr_id_result_init(NULL, ECR_ID_RESULT_VERSION) == ECR_EINVAL);
  EXPECT(ecr_validate_options_init(NULL, ECR_VALIDATE_OPTIONS_VERSION) == ECR_EINVAL);
  EXPECT(ecr_precheck_query_init(NULL, ECR_PRECHECK_QUERY_VERSION) == ECR_EINVAL);
  EXPECT(ecr_measure_info_init(NULL, ECR_MEASURE_INFO_VERSION) == ECR_EINVAL);
  EXPECT(ecr_import_counts_init(NULL, ECR_IMPORT_COUNTS_VERSION) == ECR_EINVAL);
}

/* The built-in engine and the precheck registry, loaded once by main(). */
static ecr_engine* engine = NULL;
static ecr_registry* reg = NULL;

/* A query with a decision that has measures (gov_procurement: restrict). */
static ecr_precheck_query procurement_query(void) {
  ecr_precheck_query q = ECR_PRECHECK_QUERY_INIT;
  q.scenario = "gov_procurement";
  q.uscc = "91440113MA9UQ8E11N";
  q.as_of = "2025-06-30";
  return q;
}

/* The functions that read or fill a versioned struct refuse one whose version they do
 * not know, with a message naming the struct and the version. */
static void check_version_protocol(void) {
  ecr_decision* d = NULL;
  ecr_report* report = NULL;
  ecr_id_result r = ECR_ID_RESULT_INIT;
  ecr_validate_options o = ECR_VALIDATE_OPTIONS_INIT;
  ecr_precheck_query q = procurement_query();
  ecr_measure_info m = ECR_MEASURE_INFO_INIT;

  /* a result struct the caller did not initialise (version 0) is not filled */
  r.version = 0u;
  r.kind = 42;
  EXPECT(ecr_check_uscc(&r, "91440101MA59U8YB6Y") == ECR_EINVAL && r.kind == 42);
  EXPECT(strstr(ecr_last_error(), "out->version is 0, not ECR_ID_RESULT_VERSION") != NULL);
  r.version = ECR_ID_RESULT_VERSION + 1u;
  EXPECT(ecr_check_id(&r, "91440101MA59U8YB6Y") == ECR_EINVAL);
  EXPECT(ecr_check_org_code(&r, "12345678-8") == ECR_EINVAL && ecr_check_resident_id(&r, "1") == ECR_EINVAL);
  r.version = ECR_ID_RESULT_VERSION;
  EXPECT(ecr_check_uscc(&r, "91440101MA59U8YB6Y") == ECR_OK && r.status == ECR_ID_VALID &&
         r.version == ECR_ID_RESULT_VERSION);

  o.version = 0u;
  EXPECT(ecr_validate_file(&report, engine, "admin_penalty",
                           ECREDIT_TEST_DATA "/golden/admin_penalty_realistic.csv", &o) == ECR_EINVAL &&
         report == NULL);
  EXPECT(strstr(ecr_last_error(), "opts->version is 0") != NULL);
  o.version = ECR_VALIDATE_OPTIONS_VERSION + 1u;
  EXPECT(ecr_validate_file(&report, engine, "admin_penalty",
                           ECREDIT_TEST_DATA "/golden/admin_penalty_realistic.csv", &o) == ECR_EINVAL);

  q.version = 0u;
  EXPECT(ecr_precheck(&d, engine, reg, &q) == ECR_EINVAL && d == NULL);
  EXPECT(strstr(ecr_last_error(), "query->version is 0, not ECR_PRECHECK_QUERY_VERSION") != NULL);
  q.version = ECR_PRECHECK_QUERY_VERSION;
  EXPECT(ecr_precheck(&d, engine, reg, &q) == ECR_OK && ecr_decision_measure_count(d) > 0);

  m.version = 0u;
  m.id = NULL;
  EXPECT(ecr_decision_measure(&m, d, 0) == ECR_EINVAL && m.id == NULL);
  EXPECT(strstr(ecr_last_error(), "out->version is 0, not ECR_MEASURE_INFO_VERSION") != NULL);
  m.version = ECR_MEASURE_INFO_VERSION;
  EXPECT(ecr_decision_measure(&m, d, 0) == ECR_OK && m.id != NULL && m.version == ECR_MEASURE_INFO_VERSION);

  ecr_decision_free(d);
}

/* Every function returning a string through `char** out`: a caller-owned string that
 * outlives the handle it came from; after a failure *out is NULL. */
static void check_returned_strings(void) {
  ecr_decision* d = NULL;
  ecr_report* report = NULL;
  ecr_precheck_query q = procurement_query();
  char sentinel[] = "not reset";
  char* s = NULL;
  char* kept[3] = {NULL, NULL, NULL};
  size_t i;

  EXPECT(ecr_precheck(&d, engine, reg, &q) == ECR_OK);
  EXPECT(ecr_validate_file(&report, engine, "admin_penalty",
                           ECREDIT_TEST_DATA "/golden/admin_penalty_realistic.csv", NULL) == ECR_OK);
  /* two calls give two strings (no buffer inside the handle reused) */
  EXPECT(ecr_decision_json(&kept[0], d) == ECR_OK && ecr_decision_json(&kept[1], d) == ECR_OK);
  EXPECT(kept[0] != NULL && kept[1] != NULL && kept[0] != kept[1] && strcmp(kept[0], kept[1]) == 0);
  EXPECT(ecr_report_json(&kept[2], report, "en") == ECR_OK && kept[2] != NULL);
  ecr_decision_free(d);
  ecr_report_free(report);
  /* ... and they outlive their handles */
  EXPECT(kept[0] != NULL && strstr(kept[0], "\"verdict\":\"restrict\"") != NULL);
  EXPECT(kept[2] != NULL && strstr(kept[2], "\"rows\":11") != NULL);
  for (i = 0; i < 3; ++i) ecr_string_free(kept[i]);

  s = sentinel;
  EXPECT(ecr_grade_json(&s, engine, reg, NULL, "2024-06-30", NULL) == ECR_EINVAL && s == NULL);
  s = sentinel;
  EXPECT(ecr_repair_json(&s, engine, NULL, NULL, "2024-06-30") == ECR_EINVAL && s == NULL);
  EXPECT(strstr(ecr_last_error(), "must not be NULL") != NULL);
  s = sentinel;
  EXPECT(ecr_decision_feedback_json(&s, NULL, "m", "已惩戒", "C", NULL, "2025-07-01", NULL) == ECR_EINVAL &&
         s == NULL);
  s = sentinel;
  EXPECT(ecr_mask_id(&s, NULL) == ECR_EINVAL && s == NULL);
  s = sentinel;
  EXPECT(ecr_decision_json(&s, NULL) == ECR_EINVAL && s == NULL);
  s = sentinel;
  EXPECT(ecr_report_json(&s, NULL, NULL) == ECR_EINVAL && s == NULL);
  /* borrowed accessors are never NULL and not freed */
  EXPECT(strlen(ecr_engine_hash(engine)) == 64 && strcmp(ecr_engine_hash(NULL), "") == 0);
}

int main(void) {
  check_lp64_layouts();
  check_init_macros();
  check_init_functions();
  EXPECT(ecr_engine_default(&engine) == ECR_OK);
  EXPECT(ecr_registry_load_dir(&reg, engine, ECREDIT_TEST_DATA "/precheck") == ECR_OK);
  if (engine != NULL && reg != NULL) {
    check_version_protocol();
    check_returned_strings();
  }
  ecr_registry_free(reg);
  ecr_engine_free(engine);
  printf("c abi: %d failed\n", failures);
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
