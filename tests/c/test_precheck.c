/* Plain C99 test of the precheck ABI: ecr_precheck, ecr_decision_*, over the shared
 * cases of tests/data/precheck_cases.tsv. */
#include <ecredit/ecredit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

/* 1 when the decision has measure `id`. */
static int has_measure(const ecr_decision* d, const char* id, size_t len) {
  size_t i;
  for (i = 0; i < ecr_decision_measure_count(d); ++i) {
    ecr_measure_info m = ECR_MEASURE_INFO_INIT;
    if (ecr_decision_measure(&m, d, i) == ECR_OK && strlen(m.id) == len && strncmp(m.id, id, len) == 0)
      return 1;
  }
  return 0;
}

/* Every comma-separated id of `list` is (want = 1) or is not (want = 0) in the decision. */
static int check_ids(const ecr_decision* d, const char* list, int want) {
  const char* p = list;
  int ok = 1;
  while (*p != '\0') {
    size_t len = strcspn(p, ",");
    if (len > 0 && has_measure(d, p, len) != want) {
      fprintf(stderr, "  measure %.*s: expected %s\n", (int)len, p, want ? "present" : "absent");
      ok = 0;
    }
    p += len;
    if (*p == ',') ++p;
  }
  return ok;
}

int main(void) {
  ecr_engine* engine = NULL;
  ecr_registry* reg = NULL;
  ecr_decision* d = NULL;
  ecr_precheck_query q = ECR_PRECHECK_QUERY_INIT;
  FILE* f;
  char line[1024];
  int cases = 0;
  char* json = NULL;
  char* feedback = NULL;
  ecr_measure_info m = ECR_MEASURE_INFO_INIT;

  EXPECT(ecr_engine_default(&engine) == ECR_OK);
  EXPECT(ecr_registry_load_dir(&reg, engine, ECREDIT_TEST_DATA "/precheck") == ECR_OK);

  f = fopen(ECREDIT_TEST_DATA "/precheck_cases.tsv", "r");
  EXPECT(f != NULL);
  if (f != NULL && fgets(line, sizeof line, f) == NULL) EXPECT(0); /* header */
  while (f != NULL && fgets(line, sizeof line, f) != NULL) {
    char* c[11];
    int rc;
    if (line[0] == '#' || line[0] == '\n') continue;
    if (split_tabs(line, c, 11) != 11) {
      EXPECT(0);
      continue;
    }
    q.scenario = c[1];
    q.uscc = c[2][0] ? c[2] : NULL;
    q.person_id = c[3][0] ? c[3] : NULL;
    q.department = c[4][0] ? c[4] : NULL;
    q.as_of = c[5];
    rc = ecr_precheck(&d, engine, reg, &q);
    { /* the same query as the contract's precheck-query document: the same answer */
      char doc[1024] = "";
      ecr_decision* dj = NULL;
      append(doc, sizeof doc, "{\"scenario\": \"%s\", \"as_of\": \"%s\"", c[1], c[5]);
      if (c[2][0]) append(doc, sizeof doc, ", \"uscc\": \"%s\"", c[2]);
      if (c[3][0]) append(doc, sizeof doc, ", \"person_id\": \"%s\"", c[3]);
      if (c[4][0]) append(doc, sizeof doc, ", \"department\": \"%s\"", c[4]);
      append(doc, sizeof doc, "}");
      if (ecr_precheck_from_json(&dj, engine, reg, doc) != rc ||
          (rc == ECR_OK && ecr_decision_verdict(dj) != ecr_decision_verdict(d))) {
        fprintf(stderr, "case %s: ecr_precheck_from_json(%s) differs: %s\n", c[0], doc, ecr_last_error());
        EXPECT(0);
      }
      ecr_decision_free(dj);
    }
    if (strcmp(c[6], "invalid-input") == 0) {
      /* a code that is not genuine is an input error, never a verdict */
      if (rc != ECR_EINVAL || d != NULL) {
        fprintf(stderr, "case %s: status %d, expected ECR_EINVAL\n", c[0], rc);
        EXPECT(0);
      }
      ecr_decision_free(d);
      d = NULL;
      ++cases;
      continue;
    }
    if (rc != ECR_OK) {
      fprintf(stderr, "case %s: %s\n", c[0], ecr_last_error());
      EXPECT(0);
      continue;
    }
    if (strcmp(ecr_effect_name(ecr_decision_verdict(d)), c[6]) != 0) {
      fprintf(stderr, "case %s: verdict %s, expected %s\n", c[0], ecr_effect_name(ecr_decision_verdict(d)),
              c[6]);
      EXPECT(0);
    }
    if (!check_ids(d, c[7], 1) || !check_ids(d, c[8], 0)) {
      fprintf(stderr, "case %s: measures differ\n", c[0]);
      EXPECT(0);
    }
    EXPECT(ecr_decision_commitment_allowed(d) == (strcmp(c[9], "yes") == 0));
    EXPECT(ecr_decision_has_credit_file(d) == (strcmp(c[10], "yes") == 0));
    ecr_decision_free(d);
    d = NULL;
    ++cases;
  }
  if (f != NULL) fclose(f);
  EXPECT(cases >= 20);

  /* the decision's JSON, a measure's fields and the feedback record */
  q = (ecr_precheck_query)ECR_PRECHECK_QUERY_INIT;
  q.scenario = "gov_procurement";
  q.uscc = "91440113MA9UQ8E11N";
  q.as_of = "2025-06-30";
  q.department = "finance";
  EXPECT(ecr_precheck(&d, engine, reg, &q) == ECR_OK);
  EXPECT(ecr_decision_verdict(d) == ECR_EFFECT_RESTRICT);
  EXPECT(ecr_decision_json(&json, d) == ECR_OK && strstr(json, "\"verdict\":\"restrict\"") != NULL);
  EXPECT(strstr(json, ecr_engine_hash(engine)) != NULL);
  ecr_string_free(json);
  json = NULL;
  EXPECT(ecr_decision_json(NULL, d) == ECR_EINVAL && ecr_decision_json(&json, NULL) == ECR_EINVAL &&
         json == NULL);
  EXPECT(ecr_decision_measure(&m, d, 0) == ECR_OK);
  EXPECT(strcmp(m.id, "elec-bl-procurement") == 0 && m.mandatory == 1 && m.reward == 0 &&
         strlen(m.basis) > 0);
  EXPECT(strcmp(m.target, "subject") == 0 && m.effect == ECR_EFFECT_RESTRICT);
  EXPECT(ecr_decision_measure(&m, d, 99) == ECR_EINVAL);
  EXPECT(ecr_decision_feedback_json(&feedback, d, "elec-bl-procurement", "已惩戒", "CG-1", NULL, "2025-07-01",
                                    NULL) == ECR_OK);
  EXPECT(feedback != NULL && strstr(feedback, "\"result_code\":\"punished\"") != NULL);
  ecr_string_free(feedback);
  feedback = NULL;
  EXPECT(ecr_decision_feedback_json(&feedback, d, "elec-bl-procurement", "未实施", "CG-1", NULL, "2025-07-01",
                                    NULL) == ECR_EINVAL &&
         feedback == NULL);
  EXPECT(ecr_decision_feedback_json(&feedback, d, "nope", "已惩戒", "CG-1", NULL, "2025-07-01", NULL) ==
         ECR_ENOTFOUND);
  ecr_decision_free(d);
  d = NULL;

  /* a query document that is not one: the member and the reason */
  EXPECT(ecr_precheck_from_json(&d, engine, reg, "{\"scenario\":") == ECR_EINVAL && d == NULL);
  EXPECT(ecr_precheck_from_json(&d, engine, reg,
                                "{\"as_of\":\"2025-06-30\",\"uscc\":\"91440113MA9UQ8E11N\"}") == ECR_EINVAL &&
         strstr(ecr_last_error(), "scenario") != NULL);
  EXPECT(ecr_precheck_from_json(&d, engine, reg, NULL) == ECR_EINVAL &&
         ecr_precheck_from_json(NULL, engine, reg, "{}") == ECR_EINVAL);

  /* misuse is a status, never a crash */
  EXPECT(ecr_precheck(NULL, engine, reg, &q) == ECR_EINVAL);
  EXPECT(ecr_precheck(&d, engine, reg, NULL) == ECR_EINVAL && d == NULL);
  q.as_of = "2025-02-30";
  EXPECT(ecr_precheck(&d, engine, reg, &q) == ECR_EINVAL && d == NULL);
  q.as_of = "2025-06-30";
  q.scenario = "nope";
  EXPECT(ecr_precheck(&d, engine, reg, &q) == ECR_ENOTFOUND && strstr(ecr_last_error(), "nope") != NULL);
  q.scenario = "bidding";
  q.person_id = "440106198001011230"; /* and a uscc: both */
  EXPECT(ecr_precheck(&d, engine, reg, &q) == ECR_EINVAL);
  q.version = 99;
  EXPECT(ecr_precheck(&d, engine, reg, &q) == ECR_EINVAL);
  EXPECT(ecr_decision_verdict(NULL) == -1 && ecr_decision_measure_count(NULL) == 0);
  EXPECT(strcmp(ecr_effect_name(7), "unknown") == 0);
  ecr_decision_free(NULL);

  ecr_registry_free(reg);
  ecr_engine_free(engine);
  printf("c precheck: %d cases, %d failed\n", cases, failures);
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
