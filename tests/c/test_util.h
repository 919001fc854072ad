/* Helpers shared by the plain C tests: a failure counter with EXPECT, and tab splitting
 * for the case files of tests/data. */
#ifndef ECREDIT_TEST_UTIL_H
#define ECREDIT_TEST_UTIL_H

#include <stdio.h>
#include <string.h>

static int failures = 0;
#define EXPECT(cond)                                                     \
  do {                                                                   \
    if (!(cond)) {                                                       \
      ++failures;                                                        \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                    \
  } while (0)

/* Splits `line` in place at tabs (the line end removed) into at most `n` fields;
 * returns the number found. */
static inline int split_tabs(char* line, char** fields, int n) {
  int k = 0;
  char* p = line;
  line[strcspn(line, "\r\n")] = '\0';
  while (k < n) {
    fields[k++] = p;
    p = strchr(p, '\t');
    if (p == NULL) break;
    *p++ = '\0';
  }
  return k;
}

#endif
