/* Helpers shared by the plain C tests: a failure counter with EXPECT, tab splitting for
 * the case files of tests/data, and bounded string building that fails the test when the
 * text does not fit (never a silently cut string). */
#ifndef ECREDIT_TEST_UTIL_H
#define ECREDIT_TEST_UTIL_H

#include <stdarg.h>
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

#if defined(__GNUC__)
#define ECR_TEST_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ECR_TEST_PRINTF(f, a)
#endif

/* Appends printf-style text to the string in `buf` (capacity `cap`). Returns 1, or 0 and
 * counts a failure naming the format when the whole text does not fit. */
static inline int append(char* buf, size_t cap, const char* fmt, ...) ECR_TEST_PRINTF(3, 4);
static inline int append(char* buf, size_t cap, const char* fmt, ...) {
  const size_t used = strlen(buf);
  int n;
  va_list ap;
  va_start(ap, fmt);
  n = vsnprintf(buf + used, cap - used, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= cap - used) {
    ++failures;
    fprintf(stderr, "test buffer of %u bytes too small for \"%s\"\n", (unsigned)cap, fmt);
    return 0;
  }
  return 1;
}

#endif
