/* A tiny approval service in plain C: load the policy pack and the credit files once,
 * then answer one precheck per input line.
 *
 *     approval_precheck DATA_DIR [PACK_DIR] < queries.tsv
 *
 * Input lines (tab-separated): scenario, subject (USCC, or a person's ID number),
 * as-of date, and optionally the department. Lines starting with '#' are skipped.
 * Output: one line per query — verdict, then each measure as effect:id — and, for a
 * punishment the department applied, the execution-feedback JSON it would send back.
 * Exit status 0, or 1 when the pack or the data cannot be loaded. */
#include <ecredit/ecredit.h>
#include <stdio.h>
#include <string.h>

/* Splits `line` in place at tabs; returns the number of fields (at most `max`). */
static int split_tabs(char* line, char** fields, int max) {
  int n = 0;
  char* p = line;
  line[strcspn(line, "\r\n")] = '\0';
  while (n < max) {
    fields[n++] = p;
    p = strchr(p, '\t');
    if (p == NULL) break;
    *p++ = '\0';
  }
  return n;
}

int main(int argc, char** argv) {
  ecr_engine* engine = NULL;
  ecr_registry* registry = NULL;
  char line[1024];
  int lineno = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: %s DATA_DIR [PACK_DIR] < queries.tsv\n", argv[0]);
    return 2;
  }
  if ((argc > 2 ? ecr_engine_load(&engine, argv[2]) : ecr_engine_default(&engine)) != ECR_OK ||
      ecr_registry_load_dir(&registry, engine, argv[1]) != ECR_OK) {
    fprintf(stderr, "error: %s\n", ecr_last_error());
    ecr_engine_free(engine);
    return 1;
  }
  while (fgets(line, sizeof line, stdin) != NULL) {
    char* f[4];
    int n;
    ecr_precheck_query q = ECR_PRECHECK_QUERY_INIT;
    ecr_decision* d = NULL;
    ecr_id_result id = ECR_ID_RESULT_INIT;
    size_t i, count;
    ++lineno;
    if (line[0] == '#' || line[0] == '\n') continue;
    n = split_tabs(line, f, 4);
    if (n < 3) {
      printf("line %d: expected scenario, subject, as-of [, department]\n", lineno);
      continue;
    }
    q.scenario = f[0];
    /* a resident ID is a natural person; anything else is taken as a USCC */
    if (ecr_check_id(&id, f[1]) == ECR_OK && id.kind == ECR_KIND_RESIDENT_ID)
      q.person_id = f[1];
    else
      q.uscc = f[1];
    q.as_of = f[2];
    q.department = n > 3 ? f[3] : NULL;
    if (ecr_precheck(&d, engine, registry, &q) != ECR_OK) {
      printf("line %d: error: %s\n", lineno, ecr_last_error());
      continue;
    }
    if (q.person_id != NULL) {
      char* masked = NULL;
      ecr_mask_id(&masked, f[1]);
      printf("%s %s", masked != NULL ? masked : "?", ecr_effect_name(ecr_decision_verdict(d)));
      ecr_string_free(masked);
    } else {
      printf("%s %s", f[1], ecr_effect_name(ecr_decision_verdict(d)));
    }
    count = ecr_decision_measure_count(d);
    for (i = 0; i < count; ++i) {
      ecr_measure_info m = ECR_MEASURE_INFO_INIT;
      if (ecr_decision_measure(&m, d, i) == ECR_OK) printf(" %s:%s", ecr_effect_name(m.effect), m.id);
    }
    printf(" commitment=%s\n", ecr_decision_commitment_allowed(d) ? "allowed" : "denied");
    if (count > 0 && q.department != NULL) {
      ecr_measure_info m = ECR_MEASURE_INFO_INIT;
      char* feedback = NULL;
      ecr_decision_measure(&m, d, 0);
      if (ecr_decision_feedback_json(&feedback, d, m.id, m.reward ? "已激励" : "已惩戒", "CASE-0001", NULL,
                                     "2025-07-01T09:00:00+08:00", NULL) == ECR_OK)
        printf("  feedback %s\n", feedback);
      else
        printf("  feedback error: %s\n", ecr_last_error());
      ecr_string_free(feedback);
    }
    ecr_decision_free(d);
  }
  ecr_registry_free(registry);
  ecr_engine_free(engine);
  return 0;
}
