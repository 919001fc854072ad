/* The C side of the contract test (tests/python/test_contract.py), through the public C ABI
 * only: the requests of tests/tools/contract_dump.cpp, one per line on stdin, one line out
 * per request — the document, or "!error <message>", or "!absent" for a request it does
 * not know. Every document is a caller-owned string (ecr_string_free). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecredit/ecredit.h"

#define MAX_FIELDS 8

static int split(char* line, char** fields) {
  int n = 0;
  char* p = line;
  fields[n++] = p;
  while (*p != '\0' && n < MAX_FIELDS) {
    if (*p == '\t') {
      *p = '\0';
      fields[n++] = p + 1;
    }
    ++p;
  }
  return n;
}

static void error_line(void) {
  const char* m = ecr_last_error();
  fputs("!error ", stdout);
  for (; *m != '\0'; ++m) putchar(*m == '\n' ? ' ' : *m);
  putchar('\n');
}

/* The registry of `dir`, loaded once (the cases use one or two folders). */
static ecr_registry* registry_of(const ecr_engine* engine, const char* dir) {
  static char dirs[4][1024];
  static ecr_registry* regs[4];
  int i;
  for (i = 0; i < 4 && regs[i] != NULL; ++i)
    if (strcmp(dirs[i], dir) == 0) return regs[i];
  if (i == 4) return NULL;
  if (ecr_registry_load_dir(&regs[i], engine, dir) != ECR_OK) return NULL;
  strncpy(dirs[i], dir, sizeof dirs[i] - 1);
  return regs[i];
}

/* Prints the document *json made by a call that returned `rc`, or the error; frees it.
 * (A pointer to it, so that a call in the argument list has stored it before it is read.) */
static void print_document(int rc, char** json) {
  if (rc != ECR_OK)
    error_line();
  else
    printf("%s\n", *json);
  ecr_string_free(*json);
  *json = NULL;
}

int main(void) {
  static char line[65536];
  ecr_engine* engine = NULL;
  if (ecr_engine_default(&engine) != ECR_OK) {
    error_line();
    return 1;
  }
  while (fgets(line, sizeof line, stdin) != NULL) {
    char* f[MAX_FIELDS] = {0};
    int n;
    size_t len = strlen(line);
    if (len > 0 && line[len - 1] == '\n') line[--len] = '\0';
    n = split(line, f);
    if (strcmp(f[0], "id") == 0 && n >= 3) {
      char* json = NULL;
      print_document(ecr_check_id_json(&json, f[2], f[1]), &json);
    } else if (strcmp(f[0], "validate") == 0 && n >= 4) {
      ecr_report* rep = NULL;
      char* json = NULL;
      int rc = ecr_validate_file(&rep, engine, f[1], f[2], NULL);
      if (rc == ECR_OK) rc = ecr_report_json(&json, rep, f[3]);
      print_document(rc, &json);
      ecr_report_free(rep);
    } else if (strcmp(f[0], "grade") == 0 && n >= 5) {
      char* json = NULL;
      ecr_registry* reg = registry_of(engine, f[1]);
      print_document(
          reg == NULL ? ECR_EINVAL : ecr_grade_json(&json, engine, reg, f[2], f[3], f[4][0] ? f[4] : NULL),
          &json);
    } else if (strcmp(f[0], "precheck") == 0 && n >= 3) {
      ecr_decision* d = NULL;
      char* json = NULL;
      int rc;
      ecr_registry* reg = registry_of(engine, f[1]);
      rc = reg == NULL ? ECR_EINVAL : ecr_precheck_from_json(&d, engine, reg, f[2]); /* the query document */
      if (rc == ECR_OK) rc = ecr_decision_json(&json, d);
      print_document(rc, &json);
      ecr_decision_free(d);
    } else if (strcmp(f[0], "repair") == 0 && n >= 4) {
      char* json = NULL;
      print_document(ecr_repair_json(&json, engine, f[1], f[2][0] ? f[2] : NULL, f[3]), &json);
    } else if (strcmp(f[0], "related") == 0 && n >= 6) {
      char* json = NULL;
      ecr_registry* reg = registry_of(engine, f[1]);
      print_document(
          reg == NULL ? ECR_EINVAL
                      : ecr_related_json(&json, reg, f[2], f[3], f[4], (unsigned)strtoul(f[5], NULL, 10), 0),
          &json);
    } else if (strcmp(f[0], "owners") == 0 && n >= 5) {
      char* json = NULL;
      ecr_registry* reg = registry_of(engine, f[1]);
      print_document(reg == NULL ? ECR_EINVAL
                                 : ecr_beneficial_owners_json(&json, reg, f[2], f[3], strtod(f[4], NULL), 0),
                     &json);
    } else if (strcmp(f[0], "datasets") == 0) {
      char* json = NULL;
      print_document(ecr_datasets_json(&json, engine), &json);
    } else if (strcmp(f[0], "models") == 0) {
      char* json = NULL;
      print_document(ecr_models_json(&json, engine), &json);
    } else if (strcmp(f[0], "measures") == 0) {
      char* json = NULL;
      print_document(ecr_measures_json(&json, engine), &json);
    } else {
      printf("!absent\n");
    }
    fflush(stdout);
  }
  ecr_engine_free(engine);
  return 0;
}
