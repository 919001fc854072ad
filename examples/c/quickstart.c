/* The C tour of README.md, whole: README's C fragments are excerpts of this file
 * (tests/python/test_readme.py checks that they are). Check a code, validate a dataset
 * file, load the credit files, grade a subject, precheck it for government procurement
 * and decide a credit repair. Paths are relative to the repository root, where ctest
 * runs it. Exit status 0, or 1 when a call fails. */
#include <ecredit/ecredit.h>
#include <stdio.h>
#include <string.h>

static int failed(const char* what) {
  fprintf(stderr, "error: %s: %s\n", what, ecr_last_error());
  return 1;
}

int main(void) {
  const char* code = "91440101MA59U8YB6X"; /* the last character mistyped */
  int status = 0;

  ecr_id_result r = ECR_ID_RESULT_INIT;
  if (ecr_check_uscc(&r, code) != ECR_OK)
    fprintf(stderr, "%s\n", ecr_last_error());
  else if (r.status == ECR_ID_INVALID)
    printf("%s: %s\n", r.normalized, ecr_reason_name(r.reason));

  ecr_engine* engine = NULL;
  ecr_report* report = NULL;
  char* json = NULL; /* every string the library makes is the caller's: ecr_string_free */
  ecr_engine_default(&engine);
  if (ecr_validate_file(&report, engine, "admin_penalty", "examples/data/sample/admin_penalty.csv", NULL) ==
          ECR_OK &&
      ecr_report_json(&json, report, "en") == ECR_OK)
    puts(json);
  else
    status = failed("validate");
  ecr_string_free(json);
  ecr_report_free(report);

  ecr_registry* reg = NULL;
  char* grade = NULL;
  const char* dir = "tests/data/precheck";
  if (ecr_registry_load_dir(&reg, engine, dir) == ECR_OK &&
      ecr_grade_json(&grade, engine, reg, "91440113MA9UQ8E11N", "2024-06-30", NULL) == ECR_OK)
    puts(grade);
  else
    status = failed("grade");
  ecr_string_free(grade);

  ecr_precheck_query q = ECR_PRECHECK_QUERY_INIT; /* the approval precheck */
  ecr_decision* d = NULL;
  q.scenario = "gov_procurement";
  q.uscc = "91440113MA9UQ8E11N";
  q.as_of = "2025-06-30";
  if (ecr_precheck(&d, engine, reg, &q) == ECR_OK) {
    printf("precheck %s: %s\n", q.scenario, ecr_effect_name(ecr_decision_verdict(d)));
    for (size_t i = 0; i < ecr_decision_measure_count(d); ++i) {
      ecr_measure_info m = ECR_MEASURE_INFO_INIT; /* id, title, basis, target, effect, … */
      if (ecr_decision_measure(&m, d, i) == ECR_OK)
        printf("  %s %s %s\n", ecr_effect_name(m.effect), m.id, m.title);
    }
  } else {
    status = failed("precheck");
  }
  ecr_decision_free(d);

  char* repair = NULL; /* credit repair: the decision as JSON */
  const char* rec =
      "{\"category\":\"admin_penalty\",\"severity\":\"general\",\"decision_date\":\"2023-08-31\"}";
  const char* evidence = "{\"obligations_fulfilled\":\"2023-10-01\",\"commitment\":\"2023-12-01\"}";
  if (ecr_repair_json(&repair, engine, rec, evidence, "2023-12-01") == ECR_OK)
    puts(repair);
  else
    status = failed("repair");
  ecr_string_free(repair);
  ecr_registry_free(reg);
  ecr_engine_free(engine);
  return status;
}
