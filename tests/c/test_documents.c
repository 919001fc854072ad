/* Plain C99 test of the contract documents the C ABI hands out (docs/contract.md):
 * ecr_check_id_json over the shared cases of tests/data/id_cases.tsv — the same result as
 * the ecr_id_result struct of ecr_check_* — and the engine's listings ecr_datasets_json,
 * ecr_models_json, ecr_measures_json, and the related-party documents ecr_related_json and
 * ecr_beneficial_owners_json over tests/data/relations (tests/data/relations.md). Every one
 * is a caller-owned string (ecr_string_free). */
#include <ecredit/ecredit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

/* 1 when `json` has "key":"value". */
static int has_string(const char* json, const char* key, const char* value) {
  char want[256] = "";
  return append(want, sizeof want, "\"%s\":\"%s\"", key, value) && strstr(json, want) != NULL;
}

/* The id cases: the document of ecr_check_id_json agrees with the struct of ecr_check_*
 * and with the case file. */
static int run_id_cases(void) {
  char line[1024];
  int cases = 0;
  FILE* f = fopen(ECREDIT_TEST_DATA "/id_cases.tsv", "rb");
  EXPECT(f != NULL);
  while (f != NULL && fgets(line, sizeof line, f) != NULL) {
    char* c[10];
    char* doc = NULL;
    ecr_id_result r = ECR_ID_RESULT_INIT;
    const char* kind;
    int n;
    if (line[0] == '#' || line[0] == '\n' || line[0] == '\r') continue;
    n = split_tabs(line, c, 10);
    if (n < 6) continue;
    kind = strcmp(c[1], "auto") == 0 ? NULL : c[1]; /* NULL: detect, as "auto" */
    EXPECT(ecr_check_id_json(&doc, c[0], kind) == ECR_OK && doc != NULL);
    if (doc == NULL) {
      fprintf(stderr, "  code %s: %s\n", c[0], ecr_last_error());
      continue;
    }
    if (strcmp(c[1], "uscc") == 0)
      EXPECT(ecr_check_uscc(&r, c[0]) == ECR_OK);
    else if (strcmp(c[1], "org_code") == 0)
      EXPECT(ecr_check_org_code(&r, c[0]) == ECR_OK);
    else if (strcmp(c[1], "resident_id") == 0)
      EXPECT(ecr_check_resident_id(&r, c[0]) == ECR_OK);
    else
      EXPECT(ecr_check_id(&r, c[0]) == ECR_OK);
    if (!has_string(doc, "kind", c[2]) || !has_string(doc, "status", c[3]) ||
        !has_string(doc, "reason", c[4]) || !has_string(doc, "kind", ecr_kind_name(r.kind)) ||
        !has_string(doc, "status", ecr_status_name(r.status)) ||
        !has_string(doc, "reason", ecr_reason_name(r.reason)) ||
        !has_string(doc, "normalized", r.normalized)) {
      fprintf(stderr, "  code %s (%s): %s\n", c[0], c[1], doc);
      EXPECT(0);
    }
    ecr_string_free(doc);
    ++cases;
  }
  if (f != NULL) fclose(f);
  return cases;
}

/* The shared related-party cases: X represents the black-listed power firm and the gas
 * firm; Y holds 60 % of B, which holds 50 % of C (30 %); the IDs are masked. */
static void run_related(const ecr_engine* engine) {
  ecr_registry* reg = NULL;
  char* doc = NULL;
  char sentinel[] = "not reset";
  EXPECT(ecr_registry_load_dir(&reg, engine, ECREDIT_TEST_DATA "/relations") == ECR_OK && reg != NULL);
  EXPECT(ecr_related_json(&doc, reg, "440106198001011230", "2025-06-30", NULL, 1, 0) == ECR_OK &&
         doc != NULL);
  EXPECT(doc != NULL && has_string(doc, "uscc", "91440113MA9REL01X2") &&
         has_string(doc, "uscc", "91440104MA5REL020F"));
  EXPECT(doc != NULL && has_string(doc, "party_id", "440106********1230") &&
         strstr(doc, "198001011230") == NULL);
  EXPECT(doc != NULL && strstr(doc, "\"director\"") == NULL); /* ended on 2024-01-01 */
  ecr_string_free(doc);
  EXPECT(ecr_related_json(&doc, reg, "440106198001011230", "2023-06-30", "director,shareholder", 2, 1) ==
         ECR_OK);
  EXPECT(doc != NULL && has_string(doc, "role", "director") &&
         has_string(doc, "party_id", "440106198001011230"));
  EXPECT(doc != NULL && strstr(doc, "legal_representative") == NULL);
  ecr_string_free(doc);
  doc = sentinel;
  EXPECT(ecr_related_json(&doc, reg, "440106198001011230", "2025-06-30", "chairman", 1, 0) == ECR_EINVAL &&
         doc == NULL && strstr(ecr_last_error(), "chairman") != NULL);
  EXPECT(ecr_related_json(&doc, reg, "440106198001011230", "2025-06-30", NULL, 0, 0) == ECR_EINVAL);
  EXPECT(ecr_related_json(&doc, reg, NULL, "2025-06-30", NULL, 1, 0) == ECR_EINVAL);
  EXPECT(ecr_beneficial_owners_json(&doc, reg, "91440105MA5REL063B", "2025-06-30", 0.25, 0) == ECR_OK);
  EXPECT(doc != NULL && strstr(doc, "\"share\":0.3") != NULL &&
         has_string(doc, "party_id", "440104********2349"));
  EXPECT(doc != NULL && strstr(doc, "\"reasons\":[\"actual_controller\"]") != NULL);
  ecr_string_free(doc);
  doc = sentinel;
  EXPECT(ecr_beneficial_owners_json(&doc, reg, "91440105MA5REL063B", "2025-06-30", 1.5, 0) == ECR_EINVAL &&
         doc == NULL && strstr(ecr_last_error(), "threshold") != NULL);
  ecr_registry_free(reg);
}

/* tests/data/appointment (tests/data/appointment.md): barred by a revocation two years
 * ago, allowed after three; a role the pack does not cover is an input error */
static void run_appointment(const ecr_engine* engine) {
  ecr_registry* reg = NULL;
  char* doc = NULL;
  char sentinel[] = "not reset";
  EXPECT(ecr_registry_load_dir(&reg, engine, ECREDIT_TEST_DATA "/appointment") == ECR_OK && reg != NULL);
  EXPECT(ecr_appointment_check_json(&doc, engine, reg, "440106197803031239", "legal_representative",
                                    "2025-05-10", 0) == ECR_OK &&
         doc != NULL);
  EXPECT(doc != NULL && has_string(doc, "status", "barred") &&
         has_string(doc, "ground", "revoked_or_closed") && has_string(doc, "until", "2026-05-10"));
  EXPECT(doc != NULL && has_string(doc, "person_id", "440106********1239") &&
         strstr(doc, "197803031239") == NULL);
  ecr_string_free(doc);
  EXPECT(ecr_appointment_check_json(&doc, engine, reg, "440106197803031239", "legal_representative",
                                    "2026-05-10", 1) == ECR_OK &&
         doc != NULL);
  EXPECT(doc != NULL && has_string(doc, "status", "allowed") && strstr(doc, "\"allowed\":true") != NULL &&
         has_string(doc, "person_id", "440106197803031239") && has_string(doc, "ground", "incapacity"));
  ecr_string_free(doc);
  doc = sentinel;
  EXPECT(ecr_appointment_check_json(&doc, engine, reg, "440106197803031239", "shareholder", "2025-05-10",
                                    0) == ECR_EINVAL &&
         doc == NULL && strstr(ecr_last_error(), "shareholder") != NULL);
  EXPECT(ecr_appointment_check_json(&doc, NULL, reg, "440106197803031239", "director", "2025-05-10", 0) ==
         ECR_EINVAL);
  ecr_registry_free(reg);
}

int main(void) {
  ecr_engine* engine = NULL;
  char* doc = NULL;
  char sentinel[] = "not reset";
  int cases = run_id_cases();
  EXPECT(cases > 40);

  /* a kind that is none is an input error naming it */
  doc = sentinel;
  EXPECT(ecr_check_id_json(&doc, "91440101MA59U8YB6Y", "passport") == ECR_EINVAL && doc == NULL);
  EXPECT(strstr(ecr_last_error(), "passport") != NULL);
  EXPECT(ecr_check_id_json(&doc, NULL, NULL) == ECR_EINVAL &&
         ecr_check_id_json(NULL, "1", NULL) == ECR_EINVAL);
  EXPECT(ecr_check_id_json(&doc, "91440101MA59U8YB6Y", "auto") == ECR_OK && doc != NULL &&
         has_string(doc, "status", "valid"));
  ecr_string_free(doc);

  /* the listings of the built-in pack */
  EXPECT(ecr_engine_default(&engine) == ECR_OK);
  EXPECT(ecr_datasets_json(&doc, engine) == ECR_OK && doc != NULL && doc[0] == '[');
  EXPECT(doc != NULL && has_string(doc, "id", "admin_penalty") && strstr(doc, "\"fields\":[") != NULL);
  ecr_string_free(doc);
  EXPECT(ecr_models_json(&doc, engine) == ECR_OK && doc != NULL && doc[0] == '[');
  EXPECT(doc != NULL && has_string(doc, "id", "gz-energy-class"));
  ecr_string_free(doc);
  EXPECT(ecr_measures_json(&doc, engine) == ECR_OK && doc != NULL && doc[0] == '[');
  EXPECT(doc != NULL && has_string(doc, "id", "elec-bl-procurement") &&
         strstr(doc, "\"basis_confirmed\"") != NULL);
  ecr_string_free(doc);
  doc = sentinel;
  EXPECT(ecr_datasets_json(&doc, NULL) == ECR_EINVAL && doc == NULL);
  doc = sentinel;
  EXPECT(ecr_models_json(&doc, NULL) == ECR_EINVAL && doc == NULL);
  doc = sentinel;
  EXPECT(ecr_measures_json(&doc, NULL) == ECR_EINVAL && doc == NULL);
  EXPECT(ecr_datasets_json(NULL, engine) == ECR_EINVAL);
  run_related(engine);
  run_appointment(engine);
  ecr_engine_free(engine);

  printf("c documents: %d id cases, %d failed\n", cases, failures);
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
