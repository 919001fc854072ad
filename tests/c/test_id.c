/* Plain C99 test of the C ABI: only ecredit.h, -Wall -Wextra -pedantic -Werror.
 * Runs the shared cases of tests/data/id_cases.tsv through ecr_check_*. */
#include <ecredit/ecredit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static int checks = 0;

#define EXPECT(cond, line, what)                                                  \
  do {                                                                            \
    ++checks;                                                                     \
    if (!(cond)) {                                                                \
      ++failures;                                                                 \
      fprintf(stderr, "id_cases.tsv:%d: %s failed: %s\n", (line), (what), #cond); \
    }                                                                             \
  } while (0)

/* Split `line` at tabs into at most n fields (in place); missing fields are "". */
static void split(char* line, char** fields, int n) {
  int i = 0;
  char* p = line;
  for (i = 0; i < n; ++i) fields[i] = "";
  for (i = 0; i < n && p != NULL; ++i) {
    char* tab = strchr(p, '\t');
    fields[i] = p;
    if (tab != NULL) *tab = '\0';
    p = tab != NULL ? tab + 1 : NULL;
  }
}

static int run_cases(void) {
  char line[1024];
  int lineno = 0, cases = 0;
  FILE* f = fopen(ECREDIT_TEST_DATA "/id_cases.tsv", "rb");
  if (f == NULL) {
    fprintf(stderr, "cannot open id_cases.tsv\n");
    return -1;
  }
  while (fgets(line, sizeof line, f) != NULL) {
    char* fl[10];
    ecr_id_result r = ECR_ID_RESULT_INIT;
    int rc;
    size_t len = strlen(line);
    ++lineno;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
    if (len == 0 || line[0] == '#') continue;
    split(line, fl, 10);
    if (strcmp(fl[1], "uscc") == 0)
      rc = ecr_check_uscc(&r, fl[0]);
    else if (strcmp(fl[1], "org_code") == 0)
      rc = ecr_check_org_code(&r, fl[0]);
    else if (strcmp(fl[1], "resident_id") == 0)
      rc = ecr_check_resident_id(&r, fl[0]);
    else
      rc = ecr_check_id(&r, fl[0]);
    ++cases;
    EXPECT(rc == ECR_OK, lineno, "status code");
    EXPECT(strcmp(ecr_kind_name(r.kind), fl[2]) == 0, lineno, "kind");
    EXPECT(strcmp(ecr_status_name(r.status), fl[3]) == 0, lineno, "status");
    EXPECT(strcmp(ecr_reason_name(r.reason), fl[4]) == 0, lineno, "reason");
    EXPECT(strcmp(r.normalized, fl[5]) == 0, lineno, "normalized");
    if (r.kind == ECR_KIND_RESIDENT_ID && fl[6][0] != '\0') {
      char buf[16];
      sprintf(buf, "%04d-%02d-%02d", r.birth_year, r.birth_month, r.birth_day);
      EXPECT(strcmp(buf, fl[6]) == 0, lineno, "birth date");
      EXPECT(r.sex == fl[7][0], lineno, "sex");
      EXPECT(strcmp(r.converted, fl[9]) == 0, lineno, "converted");
    }
  }
  fclose(f);
  return cases;
}

int main(void) {
  ecr_id_result r = ECR_ID_RESULT_INIT;
  char* masked = NULL;
  char not_reset[] = "not reset";
  int cases = run_cases();
  EXPECT(cases > 40, 0, "case count");

  /* misuse is a status and a message, never a crash */
  EXPECT(ecr_check_uscc(NULL, "x") == ECR_EINVAL, 0, "NULL out");
  EXPECT(strstr(ecr_last_error(), "out is NULL") != NULL, 0, "last error");
  /* a string parameter is NUL-terminated; NULL is "not given", refused for a required one */
  EXPECT(ecr_check_uscc(&r, NULL) == ECR_EINVAL && strstr(ecr_last_error(), "s is NULL") != NULL, 0,
         "NULL s");
  EXPECT(ecr_check_uscc(&r, "") == ECR_OK && r.reason == ECR_REASON_LENGTH, 0, "empty");
  EXPECT(ecr_last_error()[0] == '\0', 0, "last error cleared");
  /* a long input is cut in `normalized` but its full length is told */
  {
    char big[201];
    memset(big, '9', sizeof big - 1);
    big[200] = '\0';
    EXPECT(ecr_check_uscc(&r, big) == ECR_OK && r.normalized_len == 200 && strlen(r.normalized) == 63, 0,
           "long input");
  }

  /* the masked form is a caller-owned string, like every string the library makes */
  EXPECT(ecr_mask_id(&masked, "440104199003071234") == ECR_OK && masked != NULL, 0, "mask");
  EXPECT(masked != NULL && strcmp(masked, "440104********1234") == 0, 0, "mask value");
  ecr_string_free(masked);
  masked = not_reset;
  EXPECT(ecr_mask_id(&masked, NULL) == ECR_EINVAL && masked == NULL, 0, "mask NULL s");
  EXPECT(ecr_mask_id(NULL, "1") == ECR_EINVAL, 0, "mask NULL out");

  EXPECT(ecr_status_name(99) == NULL && ecr_reason_name(-1) == NULL && ecr_kind_name(7) == NULL, 0,
         "unknown names");
  EXPECT(strcmp(ecr_version(), ECR_VERSION_STRING) == 0, 0, "version");
  EXPECT(ecr_version_number() == ECR_VERSION_NUMBER, 0, "version number");

  printf("%d checks over %d shared cases, %d failed\n", checks, cases, failures);
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
