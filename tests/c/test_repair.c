/* Plain C99 test of ecr_repair_json over the shared cases of tests/data/repair_cases.tsv. */
#include <ecredit/ecredit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

/* Appends `["a","b"]` for the `sep`-separated items of `s` to `out`. */
static void json_list(char* out, size_t cap, const char* s, char sep) {
  const char* p = s;
  int first = 1;
  append(out, cap, "[");
  while (*p != '\0') {
    size_t len = strcspn(p, sep == ',' ? "," : ";");
    if (len > 0) {
      append(out, cap, "%s\"%.*s\"", first ? "" : ",", (int)len, p);
      first = 0;
    }
    p += len;
    if (*p != '\0') ++p;
  }
  append(out, cap, "]");
}

/* The JSON form of a case-file cell into `buf`: "-" is null, anything else a string. */
static const char* json_value(char* buf, size_t cap, const char* cell) {
  buf[0] = '\0';
  if (strcmp(cell, "-") == 0)
    append(buf, cap, "null");
  else
    append(buf, cap, "\"%s\"", cell);
  return buf;
}

/* 1 when `json` has "key":value (value already JSON-quoted or null). */
static int has(const char* json, const char* key, const char* value) {
  char want[256] = "";
  return append(want, sizeof want, "\"%s\":%s", key, value) && strstr(json, want) != NULL;
}

int main(void) {
  ecr_engine* engine = NULL;
  FILE* f;
  char line[2048];
  int cases = 0;
  char* out = NULL;

  EXPECT(ecr_engine_default(&engine) == ECR_OK);
  f = fopen(ECREDIT_TEST_DATA "/repair_cases.tsv", "r");
  EXPECT(f != NULL);
  if (f != NULL && fgets(line, sizeof line, f) == NULL) EXPECT(0);
  while (f != NULL && fgets(line, sizeof line, f) != NULL) {
    char* c[20];
    char record[1024], evidence[1024], want[128];
    const char* p;
    if (line[0] == '#' || line[0] == '\n') continue;
    if (strchr(line, '\n') == NULL && !feof(f)) {
      fprintf(stderr, "repair_cases.tsv: a line longer than %u bytes\n", (unsigned)sizeof line);
      EXPECT(0);
      break;
    }
    if (split_tabs(line, c, 20) != 20) {
      EXPECT(0);
      continue;
    }
    record[0] = '\0';
    append(record, sizeof record,
           "{\"id\":\"%s\",\"category\":\"%s\",\"severity\":\"%s\",\"decision_date\":\"%s\",\"area\":\"%s\","
           "\"commitment_broken\":%s,\"penalty_types\":",
           c[0], c[1], c[2], c[3], c[4], strcmp(c[7], "yes") == 0 ? "true" : "false");
    json_list(record, sizeof record, c[5], ',');
    append(record, sizeof record, ",\"flags\":");
    json_list(record, sizeof record, c[6], ',');
    if (c[16][0] != '\0') append(record, sizeof record, ",\"fine_amount\":%s", c[16]);
    if (c[17][0] != '\0') append(record, sizeof record, ",\"procedure\":\"%s\"", c[17]);
    append(record, sizeof record, "}");
    /* evidence "a=d;b=e" → {"a":"d","b":"e"} */
    strcpy(evidence, "{");
    for (p = c[8]; *p != '\0';) {
      size_t len = strcspn(p, ";");
      const char* eq = memchr(p, '=', len);
      if (eq != NULL)
        append(evidence, sizeof evidence, "%s\"%.*s\":\"%.*s\"", strlen(evidence) > 1 ? "," : "",
               (int)(eq - p), p, (int)(len - (size_t)(eq - p) - 1), eq + 1);
      p += len;
      if (*p != '\0') ++p;
    }
    append(evidence, sizeof evidence, "}");
    if (ecr_repair_json(&out, engine, record, evidence, c[9]) != ECR_OK) {
      fprintf(stderr, "case %s: %s\n", c[0], ecr_last_error());
      EXPECT(0);
      continue;
    }
    if (!has(out, "status", json_value(want, sizeof want, c[10]))) {
      fprintf(stderr, "case %s: %s\n", c[0], out);
      EXPECT(0);
    }
    EXPECT(has(out, "earliest_date", json_value(want, sizeof want, c[11])));
    EXPECT(has(out, "publication_end", json_value(want, sizeof want, c[12])));
    EXPECT(has(out, "processing_deadline", json_value(want, sizeof want, c[15])));
    EXPECT(has(out, "regime", json_value(want, sizeof want, c[14])));
    EXPECT(has(out, "processing_deadline_extended", json_value(want, sizeof want, c[19])));
    /* steps "a=d;b=e": the object of step a has "due":"d" */
    for (p = c[18]; *p != '\0';) {
      size_t len = strcspn(p, ";");
      const char* eq = memchr(p, '=', len);
      if (eq != NULL) {
        char key[128] = "", due[64] = "";
        const char* at;
        append(key, sizeof key, "\"step\":\"%.*s\"", (int)(eq - p), p);
        append(due, sizeof due, "\"due\":\"%.*s\"", (int)(len - (size_t)(eq - p) - 1), eq + 1);
        at = strstr(out, key);
        if (at == NULL || strstr(at, due) == NULL || strstr(at, due) > strchr(at, '}')) {
          fprintf(stderr, "case %s: step %s: %s\n", c[0], key, out);
          EXPECT(0);
        }
      }
      p += len;
      if (*p != '\0') ++p;
    }
    ecr_string_free(out);
    out = NULL;
    ++cases;
  }
  if (f != NULL) fclose(f);
  EXPECT(cases >= 20);

  /* bad input is a status with a message, never a crash */
  EXPECT(ecr_repair_json(&out, engine, "{", NULL, "2024-01-01") == ECR_EINVAL && out == NULL);
  EXPECT(strstr(ecr_last_error(), "record") != NULL);
  {
    const char* ok =
        "{\"category\":\"admin_penalty\",\"severity\":\"general\",\"decision_date\":\"2024-01-01\"}";
    EXPECT(ecr_repair_json(&out, engine, ok, NULL, "2024-06-01") == ECR_OK && out != NULL);
    EXPECT(out != NULL && has(out, "status", "\"missing_evidence\""));
    ecr_string_free(out);
    out = NULL;
    EXPECT(ecr_repair_json(&out, engine, ok, "{\"x\":1}", "2024-06-01") == ECR_EINVAL);
    EXPECT(strstr(ecr_last_error(), "unknown name 'x'") != NULL);
  }
  EXPECT(ecr_repair_json(&out, engine, "{}", NULL, "2024-13-01") == ECR_EINVAL);
  EXPECT(ecr_repair_json(NULL, engine, "{}", NULL, "2024-01-01") == ECR_EINVAL);
  EXPECT(ecr_repair_json(&out, NULL, "{}", NULL, "2024-01-01") == ECR_EINVAL);

  ecr_engine_free(engine);
  printf("c repair: %d cases, %d failed\n", cases, failures);
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
