/* The C side of the contract test (tests/python/test_contract.py), through the public C ABI
 * only: the requests of tests/tools/contract_dump.cpp, one per line on stdin, one line out
 * per request — the document, or "!error <message>", or "!absent" where the C ABI has no
 * JSON for the document (id-result, the listings). */
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
  if (ecr_registry_load_dir(&regs[i], engine, dir, strlen(dir)) != ECR_OK) return NULL;
  strncpy(dirs[i], dir, sizeof dirs[i] - 1);
  return regs[i];
}

/* A member of a flat JSON object of strings, copied into buf ("" when absent). Enough for
 * the precheck queries the test writes (no escapes in their values). */
static const char* member(const char* json, const char* key, char* buf, size_t cap) {
  char pat[64];
  const char* p;
  size_t n = 0;
  snprintf(pat, sizeof pat, "\"%s\":\"", key);
  buf[0] = '\0';
  p = strstr(json, pat);
  if (p == NULL) return NULL;
  p += strlen(pat);
  while (p[n] != '\0' && p[n] != '"' && n + 1 < cap) ++n;
  memcpy(buf, p, n);
  buf[n] = '\0';
  return buf;
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
    if (strcmp(f[0], "validate") == 0 && n >= 4) {
      ecr_report* rep = NULL;
      const char* json = NULL;
      if (ecr_validate_file(&rep, engine, f[1], f[2], NULL) != ECR_OK ||
          ecr_report_json(&json, NULL, rep, f[3]) != ECR_OK)
        error_line();
      else
        printf("%s\n", json);
      ecr_report_free(rep);
    } else if (strcmp(f[0], "grade") == 0 && n >= 5) {
      char* json = NULL;
      ecr_registry* reg = registry_of(engine, f[1]);
      if (reg == NULL || ecr_grade_json(&json, engine, reg, f[2], f[3], f[4][0] ? f[4] : NULL) != ECR_OK)
        error_line();
      else
        printf("%s\n", json);
      ecr_string_free(json);
    } else if (strcmp(f[0], "precheck") == 0 && n >= 3) {
      static char scenario[256], uscc[64], person[64], department[256], as_of[32];
      ecr_precheck_query q = ECR_PRECHECK_QUERY_INIT;
      ecr_decision* d = NULL;
      const char* json = NULL;
      ecr_registry* reg = registry_of(engine, f[1]);
      q.scenario = member(f[2], "scenario", scenario, sizeof scenario);
      q.uscc = member(f[2], "uscc", uscc, sizeof uscc);
      q.person_id = member(f[2], "person_id", person, sizeof person);
      q.department = member(f[2], "department", department, sizeof department);
      q.as_of = member(f[2], "as_of", as_of, sizeof as_of);
      if (reg == NULL || ecr_precheck(&d, engine, reg, &q) != ECR_OK ||
          ecr_decision_json(&json, NULL, d) != ECR_OK)
        error_line();
      else
        printf("%s\n", json);
      ecr_decision_free(d);
    } else if (strcmp(f[0], "repair") == 0 && n >= 4) {
      char* json = NULL;
      const char* ev = f[2][0] ? f[2] : NULL;
      if (ecr_repair_json(&json, engine, f[1], strlen(f[1]), ev, ev ? strlen(ev) : 0, f[3]) != ECR_OK)
        error_line();
      else
        printf("%s\n", json);
      ecr_string_free(json);
    } else {
      printf("!absent\n");
    }
    fflush(stdout);
  }
  ecr_engine_free(engine);
  return 0;
}
