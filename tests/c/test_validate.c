/* Plain C99 test of the validation ABI: ecr_engine_*, ecr_validate_file, ecr_report_*. */
#include <ecredit/ecredit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static const char* write_tmp(const char* name, const char* text) {
  static char path[512];
  FILE* f;
  snprintf(path, sizeof path, "%s/%s", ECREDIT_TEST_TMP, name);
  f = fopen(path, "wb");
  if (f == NULL) return NULL;
  fputs(text, f);
  fclose(f);
  return path;
}

/* The first byte of file `p`, '\0' when it is empty or cannot be read. */
static char first_char(const char* p) {
  FILE* f = fopen(p, "rb");
  int c = f == NULL ? EOF : fgetc(f);
  if (f != NULL) fclose(f);
  return c == EOF ? '\0' : (char)c;
}

int main(void) {
  ecr_engine *builtin = NULL, *mini = NULL, *broken = NULL;
  ecr_report* report = NULL;
  char* json = NULL;
  char sentinel[] = "not reset";
  const char* path;
  ecr_validate_options opts = ECR_VALIDATE_OPTIONS_INIT;

  EXPECT(ecr_engine_default(&builtin) == ECR_OK);
  EXPECT(builtin != NULL && strlen(ecr_engine_hash(builtin)) == 64);
  EXPECT(ecr_engine_load(&mini, ECREDIT_TEST_DATA "/packs/mini") == ECR_OK);
  /* a missing path has its own status, appended to the pinned ones (issue 12) */
  EXPECT(ECR_ENOENT == -7 && ECR_EIO == -6 && ECR_EPOLICY == -5 && ECR_ENOTFOUND == -4);
  EXPECT(ecr_engine_load(&broken, "/nonexistent") == ECR_ENOENT && broken == NULL);
  EXPECT(strstr(ecr_last_error(), "'/nonexistent': No such file or directory") != NULL);
  EXPECT(strcmp(ecr_error_name(ECR_ENOENT), "ECR_ENOENT") == 0 &&
         strcmp(ecr_error_name(ECR_EIO), "ECR_EIO") == 0);
  EXPECT(strcmp(ecr_error_name(ECR_OK), "ECR_OK") == 0 &&
         strcmp(ecr_error_name(ECR_EINVAL), "ECR_EINVAL") == 0);
  EXPECT(ecr_error_name(-8) == NULL && ecr_error_name(1) == NULL);
  /* a file given as the pack folder: an I/O error naming it and the reason */
  EXPECT(ecr_engine_load(&broken, ECREDIT_TEST_DATA "/packs/mini/pack.json") == ECR_EIO && broken == NULL);
  EXPECT(strstr(ecr_last_error(), "mini/pack.json': Not a directory") != NULL);
  EXPECT(ecr_engine_load(&broken, NULL) == ECR_EINVAL && strstr(ecr_last_error(), "dir is NULL") != NULL);

  path = write_tmp("c_penalty.csv",
                   "CF_WSH,CF_XDR_MC,CF_XDR_LB,CF_JDRQ,CF_XDR_ZJHM\n"
                   "A1,甲,自然人,2023-05-01,E1\n"
                   "A2,乙,外星人,2023-05-01,E2\n");
  EXPECT(path != NULL);
  EXPECT(ecr_validate_file(&report, mini, "penalty", path, NULL) == ECR_OK);
  EXPECT(report != NULL && ecr_report_valid(report) == 0);
  /* the report's JSON is a caller-owned string: it outlives the report */
  EXPECT(ecr_report_json(&json, report, "en") == ECR_OK && json != NULL);
  ecr_report_free(report);
  EXPECT(json != NULL && strstr(json, "\"code-not-in-table\"") != NULL);
  EXPECT(json != NULL && strstr(json, "\"rows\":2") != NULL && strstr(json, "\"accepted\":1") != NULL);
  ecr_string_free(json);
  json = NULL;
  report = NULL;

  /* the golden penalty file through the built-in engine */
  EXPECT(ecr_validate_file(&report, builtin, "admin_penalty",
                           ECREDIT_TEST_DATA "/golden/admin_penalty_realistic.csv", NULL) == ECR_OK);
  EXPECT(ecr_report_json(&json, report, "zh") == ECR_OK);
  EXPECT(strstr(json, "\"rows\":11,\"accepted\":2,\"rejected\":9") != NULL);
  EXPECT(strstr(json, "\"uscc-legacy\":1") != NULL && strstr(json, "\"primary-key\":1") != NULL);
  EXPECT(strstr(json, "440106198503151234") == NULL); /* personal IDs masked */
  ecr_string_free(json);
  json = NULL;
  EXPECT(ecr_report_json(NULL, report, "zh") == ECR_EINVAL);
  json = sentinel; /* a failure resets *out to NULL */
  EXPECT(ecr_report_json(&json, NULL, "zh") == ECR_EINVAL && json == NULL);
  ecr_report_free(report);
  report = NULL;

  /* max_findings: the INIT default is 1000; 0 lists none, the counts stay complete */
  EXPECT(opts.max_findings == 1000);
  opts.max_findings = 0;
  EXPECT(ecr_validate_file(&report, mini, "penalty", path, &opts) == ECR_OK);
  EXPECT(ecr_report_json(&json, report, "en") == ECR_OK);
  EXPECT(strstr(json, "\"findings\":[]") != NULL && strstr(json, "\"code-not-in-table\":1") != NULL);
  ecr_string_free(json);
  json = NULL;
  ecr_report_free(report);
  report = NULL;
  opts.version = 1; /* the old struct version keeps its meaning: 0 = the default */
  EXPECT(ecr_validate_file(&report, mini, "penalty", path, &opts) == ECR_OK);
  EXPECT(ecr_report_json(&json, report, "en") == ECR_OK);
  EXPECT(strstr(json, "\"findings\":[]") == NULL && strstr(json, "\"type\":\"code-not-in-table\"") != NULL);
  ecr_string_free(json);
  json = NULL;
  ecr_report_free(report);
  report = NULL;
  opts.version = ECR_VALIDATE_OPTIONS_VERSION;
  opts.max_findings = 1;
  EXPECT(ecr_validate_file(&report, mini, "nope", path, &opts) == ECR_ENOTFOUND && report == NULL);
  opts.version = 99;
  EXPECT(ecr_validate_file(&report, mini, "penalty", path, &opts) == ECR_EINVAL);
  EXPECT(ecr_validate_file(NULL, mini, "penalty", path, NULL) == ECR_EINVAL);
  EXPECT(ecr_validate_file(&report, mini, "penalty", "/nonexistent.csv", NULL) == ECR_ENOENT);
  EXPECT(strstr(ecr_last_error(), "'/nonexistent.csv': No such file or directory") != NULL);
  /* a folder given as the file: named, with the reason (was "CSV input: read error") */
  EXPECT(ecr_validate_file(&report, mini, "penalty", ECREDIT_TEST_TMP, NULL) == ECR_EIO && report == NULL);
  EXPECT(strstr(ecr_last_error(), "'" ECREDIT_TEST_TMP "': Is a directory") != NULL);
  /* an output file that cannot be written */
  opts.version = ECR_VALIDATE_OPTIONS_VERSION;
  opts.out_rejected = ECREDIT_TEST_TMP;
  EXPECT(ecr_validate_file(&report, mini, "penalty", path, &opts) == ECR_EIO && report == NULL);
  EXPECT(strstr(ecr_last_error(), "cannot write rejected rows file '" ECREDIT_TEST_TMP "': Is a directory") !=
         NULL);
  opts.out_rejected = NULL;

  /* output files: the library's one rule picks the format — .jsonl and .ndjson are JSON
   * lines (0.1's C API wrote CSV into a .ndjson file), other names CSV, .tsv refused */
  {
    char valid_path[512], rejected_path[512];
    snprintf(valid_path, sizeof valid_path, "%s/c_valid.ndjson", ECREDIT_TEST_TMP);
    snprintf(rejected_path, sizeof rejected_path, "%s/c_rejected.csv", ECREDIT_TEST_TMP);
    opts.out_valid = valid_path;
    opts.out_rejected = rejected_path;
    EXPECT(ecr_validate_file(&report, mini, "penalty", path, &opts) == ECR_OK);
    ecr_report_free(report);
    report = NULL;
    EXPECT(first_char(valid_path) == '{');                                         /* {"CF_WSH":"A1",…} */
    EXPECT(first_char(rejected_path) != '{' && first_char(rejected_path) != '\0'); /* a CSV header */
    snprintf(rejected_path, sizeof rejected_path, "%s/c_rejected.jsonl", ECREDIT_TEST_TMP);
    EXPECT(ecr_validate_file(&report, mini, "penalty", path, &opts) == ECR_OK);
    ecr_report_free(report);
    report = NULL;
    EXPECT(first_char(rejected_path) == '{');
    snprintf(valid_path, sizeof valid_path, "%s/c_valid.tsv", ECREDIT_TEST_TMP);
    EXPECT(ecr_validate_file(&report, mini, "penalty", path, &opts) == ECR_EINVAL && report == NULL);
    EXPECT(strstr(ecr_last_error(), "out_valid") != NULL &&
           strstr(ecr_last_error(), "tab-separated output is not supported") != NULL);
    opts.out_valid = NULL;
    opts.out_rejected = NULL;
  }

  /* registry and grading through the C ABI (the mini pack's test model) */
  {
    ecr_registry* reg = NULL;
    char* grade = NULL;
    EXPECT(ecr_registry_load_dir(&reg, builtin, ECREDIT_TEST_DATA "/registry") == ECR_OK);
    EXPECT(reg != NULL);
    EXPECT(ecr_grade_json(&grade, mini, reg, "91440113MA9UQ8E11N", "2024-06-30", "test-class") == ECR_OK);
    EXPECT(grade != NULL && strstr(grade, "\"grade\":\"C\"") != NULL); /* serious penalty: at most C */
    EXPECT(grade != NULL && strstr(grade, "\"kind\":\"veto\"") != NULL);
    ecr_string_free(grade);
    grade = NULL;
    EXPECT(ecr_grade_json(&grade, mini, reg, "91350211M0000XUF46", "2024-06-30", NULL) == ECR_ENOTFOUND);
    /* a code that is not genuine (the check character changed) is an input error, not "unknown" */
    EXPECT(ecr_grade_json(&grade, builtin, reg, "91440113MA9UQ8E11M", "2024-06-30", NULL) == ECR_EINVAL);
    EXPECT(ecr_grade_json(&grade, mini, reg, "91440113MA9UQ8E11N", "2024-02-30", NULL) == ECR_EINVAL);
    EXPECT(grade == NULL);
    /* the shared grading cases (tests/data/grading_cases.tsv) with the built-in models */
    {
      FILE* f = fopen(ECREDIT_TEST_DATA "/grading_cases.tsv", "r");
      char line[256];
      int cases = 0;
      EXPECT(f != NULL);
      while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        char uscc[32], as_of[16], model[32], grade_s[8], score[16], no_data[8], want[64];
        if (line[0] == '#' || line[0] == '\n') continue;
        if (sscanf(line, "%31[^\t]\t%15[^\t]\t%31[^\t]\t%7[^\t]\t%15[^\t]\t%7[^\t\n]", uscc, as_of, model,
                   grade_s, score, no_data) != 6)
          continue;
        EXPECT(ecr_grade_json(&grade, builtin, reg, uscc, as_of, model) == ECR_OK);
        snprintf(want, sizeof want, "\"grade\":\"%s\"", grade_s);
        EXPECT(grade != NULL && strstr(grade, want) != NULL);
        snprintf(want, sizeof want, "\"no_data\":%s", no_data);
        EXPECT(grade != NULL && strstr(grade, want) != NULL);
        ecr_string_free(grade);
        grade = NULL;
        ++cases;
      }
      if (f != NULL) fclose(f);
      EXPECT(cases == 20);
    }
    ecr_registry_free(reg);
    reg = NULL;
    EXPECT(ecr_registry_load_dir(&reg, builtin, "/nonexistent") == ECR_ENOENT && reg == NULL);
    EXPECT(strstr(ecr_last_error(), "data folder '/nonexistent': No such file or directory") != NULL);
    /* a folder without dataset files is an error, not an empty registry (issue 12) */
    EXPECT(ecr_registry_load_dir(&reg, builtin, ECREDIT_TEST_DATA "/no_datasets") == ECR_EINVAL &&
           reg == NULL);
    EXPECT(strstr(ecr_last_error(), "no dataset file") != NULL &&
           strstr(ecr_last_error(), "README.md") != NULL);
    /* two files of one dataset with the same key: refused, not counted twice (issue 11) */
    EXPECT(ecr_registry_load_dir(&reg, builtin, ECREDIT_TEST_DATA "/dup_keys") == ECR_EINVAL && reg == NULL);
    EXPECT(strstr(ecr_last_error(), "is added twice") != NULL);
    ecr_registry_free(NULL);
    ecr_string_free(NULL);
  }

  ecr_report_free(NULL);
  ecr_engine_free(NULL);
  ecr_engine_free(mini);
  ecr_engine_free(builtin);
  printf("c validate: %d failed\n", failures);
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
