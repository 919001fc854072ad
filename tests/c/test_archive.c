/* Plain C99 test of the archive ABI (docs/archive.md): ecr_archive_open / _free, imports
 * with their counts (struct and JSON), registry snapshots usable with the grade and
 * precheck calls, history and journal, the objection and repair events, and check —
 * over the shared case folder tests/data/precheck (day 1) and day-2 delta files written
 * here from it (an update and a withdrawal through the operation column). */
#include <ecredit/ecredit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#define DB ECREDIT_TEST_TMP "/test_archive.db"
#define DAY1 ECREDIT_TEST_DATA "/precheck"
#define PENALTY_USCC "91440111MA5H2K3L87"
#define PENALTY_ID "admin_penalty:穗发改能罚〔2026〕3号"

static void remove_db(void) {
  remove(DB);
  remove(DB "-wal");
  remove(DB "-shm");
}

/* Writes `path`: day 1's admin_penalty.csv with an operation column `op_header` first and
 * `op` on its one row; with `new_fine`, the fine 50000 changed to it. Returns 1 on success. */
static int write_delta(const char* path, const char* op_header, const char* op, const char* new_fine) {
  char header[2048] = "", row[2048] = "", out_row[2048] = "";
  FILE* in = fopen(DAY1 "/admin_penalty.csv", "r");
  FILE* out;
  char* fine;
  if (in == NULL) return 0;
  if (fgets(header, sizeof header, in) == NULL || fgets(row, sizeof row, in) == NULL) {
    fclose(in);
    return 0;
  }
  fclose(in);
  header[strcspn(header, "\r\n")] = '\0';
  row[strcspn(row, "\r\n")] = '\0';
  if (new_fine != NULL) {
    fine = strstr(row, ",50000,");
    if (fine == NULL) return 0;
    *fine = '\0';
    if (!append(out_row, sizeof out_row, "%s,%s,%s", row, new_fine, fine + 7)) return 0;
  } else if (!append(out_row, sizeof out_row, "%s", row)) {
    return 0;
  }
  out = fopen(path, "w");
  if (out == NULL) return 0;
  fprintf(out, "%s,%s\n%s,%s\n", op_header, header, op, out_row);
  return fclose(out) == 0;
}

/* The counts of dataset `dataset` in `r` (version 0 when absent). */
static ecr_import_counts counts_of(const ecr_import_result* r, const char* dataset) {
  ecr_import_counts c = ECR_IMPORT_COUNTS_INIT;
  size_t i;
  for (i = 0; i < ecr_import_result_dataset_count(r); ++i) {
    ecr_import_counts x = ECR_IMPORT_COUNTS_INIT;
    if (ecr_import_result_counts(&x, r, i) == ECR_OK && strcmp(x.dataset, dataset) == 0) return x;
  }
  c.version = 0;
  return c;
}

/* Every dataset of `r` reconciles: read = inserted + updated + unchanged + withdrawn + rejected. */
static int reconciles(const ecr_import_result* r) {
  size_t i;
  for (i = 0; i < ecr_import_result_dataset_count(r); ++i) {
    ecr_import_counts c = ECR_IMPORT_COUNTS_INIT;
    if (ecr_import_result_counts(&c, r, i) != ECR_OK) return 0;
    if (c.read != c.inserted + c.updated + c.unchanged + c.withdrawn + c.rejected) {
      fprintf(stderr, "  %s does not reconcile\n", c.dataset);
      return 0;
    }
  }
  return 1;
}

/* The grade JSON of the penalty's subject on `reg` (NULL when it cannot be graded). */
static char* grade_of(const ecr_engine* e, const ecr_registry* reg) {
  char* json = NULL;
  if (ecr_grade_json(&json, e, reg, PENALTY_USCC, "2026-02-01", NULL) != ECR_OK) return NULL;
  return json;
}

static void test_open_errors(void) {
  ecr_archive* a = (ecr_archive*)1;
  ecr_archive_free(NULL); /* the house rule: a no-op */
  ecr_import_result_free(NULL);
  EXPECT(ecr_archive_open(NULL, DB, NULL) == ECR_EINVAL);
  EXPECT(ecr_archive_open(&a, NULL, NULL) == ECR_EINVAL && a == NULL);
  EXPECT(strstr(ecr_last_error(), "path") != NULL);
  /* a CSV file is no archive: refused, naming the file */
  a = (ecr_archive*)1;
  EXPECT(ecr_archive_open(&a, DAY1 "/subject.csv", NULL) == ECR_EIO && a == NULL);
  EXPECT(strstr(ecr_last_error(), "subject.csv") != NULL);
  /* a folder that does not exist cannot hold the file */
  EXPECT(ecr_archive_open(&a, ECREDIT_TEST_TMP "/no/such/dir/x.db", NULL) == ECR_EIO && a == NULL);
}

int main(void) {
  ecr_engine* engine = NULL;
  ecr_archive* a = NULL;
  ecr_import_result* r1 = NULL;
  ecr_import_result* r2 = NULL;
  ecr_import_result* r3 = NULL;
  ecr_import_result* r4 = NULL;
  ecr_registry* from_dir = NULL;
  ecr_registry* at1 = NULL;
  ecr_registry* now = NULL;
  ecr_registry* empty = NULL;
  ecr_registry* reg = NULL;
  ecr_decision* d = NULL;
  ecr_import_counts c = ECR_IMPORT_COUNTS_INIT;
  char* json = NULL;
  char* g_dir = NULL;
  char* g_at1 = NULL;
  char* g_now = NULL;
  char* objection = NULL;
  char* application = NULL;
  int64_t last = -1;
  int ok = -1;
  size_t i;

  test_open_errors();
  remove_db();
  EXPECT(ecr_engine_default(&engine) == ECR_OK);
  EXPECT(ecr_archive_open(&a, DB, engine) == ECR_OK && a != NULL);
  ecr_engine_free(engine); /* the archive keeps its own reference */
  engine = NULL;
  EXPECT(ecr_engine_default(&engine) == ECR_OK);
  EXPECT(ecr_archive_last_batch(&last, a) == ECR_OK && last == 0);
  EXPECT(ecr_archive_last_batch(NULL, a) == ECR_EINVAL);

  /* day 1: every dataset inserted, counts reconcile */
  EXPECT(ecr_archive_import_dir(&r1, a, DAY1, "发改委", "2025-03-01") == ECR_OK);
  EXPECT(ecr_import_result_batch(r1) == 1);
  EXPECT(ecr_import_result_dataset_count(r1) == 6);
  EXPECT(reconciles(r1));
  for (i = 0; i < ecr_import_result_dataset_count(r1); ++i) {
    ecr_import_counts x = ECR_IMPORT_COUNTS_INIT;
    EXPECT(ecr_import_result_counts(&x, r1, i) == ECR_OK);
    EXPECT(x.read > 0 && x.inserted == x.read - x.rejected && x.updated == 0 && x.unchanged == 0);
  }
  c = counts_of(r1, "admin_penalty");
  EXPECT(c.version == ECR_IMPORT_COUNTS_VERSION && c.read == 1 && c.inserted == 1);
  /* the version protocol and the index range of the counts */
  c.version = 0;
  EXPECT(ecr_import_result_counts(&c, r1, 0) == ECR_EINVAL);
  c.version = ECR_IMPORT_COUNTS_VERSION;
  EXPECT(ecr_import_result_counts(&c, r1, 6) == ECR_EINVAL);
  EXPECT(strstr(ecr_last_error(), "out of range") != NULL);
  EXPECT(ecr_import_result_counts(&c, NULL, 0) == ECR_EINVAL);
  EXPECT(ecr_import_result_batch(NULL) == 0 && ecr_import_result_dataset_count(NULL) == 0);
  /* the import-result document */
  EXPECT(ecr_import_result_json(&json, r1, "en") == ECR_OK && json != NULL);
  EXPECT(json != NULL && strstr(json, "\"batch\":1") != NULL && strstr(json, "\"admin_penalty\"") != NULL &&
         strstr(json, "发改委") != NULL);
  ecr_string_free(json);
  json = NULL;

  /* the same folder again: nothing changes */
  EXPECT(ecr_archive_import_dir(&r2, a, DAY1, "发改委", "2025-03-02") == ECR_OK);
  EXPECT(ecr_import_result_batch(r2) == 2);
  EXPECT(reconciles(r2));
  for (i = 0; i < ecr_import_result_dataset_count(r2); ++i) {
    ecr_import_counts x = ECR_IMPORT_COUNTS_INIT;
    EXPECT(ecr_import_result_counts(&x, r2, i) == ECR_OK);
    EXPECT(x.inserted == 0 && x.updated == 0 && x.unchanged == x.read - x.rejected);
  }

  /* the snapshot after batch 1 is the registry of the folder: the same grade */
  EXPECT(ecr_registry_load_dir(&from_dir, engine, DAY1) == ECR_OK);
  EXPECT(ecr_archive_registry(&at1, a, NULL, 1) == ECR_OK && at1 != NULL);
  g_dir = grade_of(engine, from_dir);
  g_at1 = grade_of(engine, at1);
  EXPECT(g_dir != NULL && g_at1 != NULL && strcmp(g_dir, g_at1) == 0);

  /* an objection to the penalty, accepted, then the record confirmed */
  EXPECT(ecr_archive_file_objection(&objection, a, PENALTY_ID, "2026-02-02", "处罚决定已撤销",
                                    "广州某售电有限公司") == ECR_OK);
  EXPECT(objection != NULL && objection[0] != '\0');
  EXPECT(ecr_archive_objections_json(&json, a, "pending", NULL) == ECR_OK);
  EXPECT(json != NULL && objection != NULL && strstr(json, objection) != NULL &&
         strstr(json, "\"status\":\"pending\"") != NULL);
  ecr_string_free(json);
  json = NULL;
  EXPECT(ecr_archive_advance_objection(a, objection, "accept", "2026-02-03", NULL, NULL, NULL, "信用办") ==
         ECR_OK);
  EXPECT(ecr_archive_objections_json(&json, a, "accepted", NULL) == ECR_OK);
  EXPECT(json != NULL && objection != NULL && strstr(json, objection) != NULL);
  ecr_string_free(json);
  json = NULL;
  EXPECT(ecr_archive_advance_objection(a, objection, "no_such_step", "2026-02-04", NULL, NULL, NULL, NULL) ==
         ECR_EINVAL);
  EXPECT(strstr(ecr_last_error(), "no_such_step") != NULL);
  EXPECT(ecr_archive_advance_objection(a, "no-such-objection", "accept", "2026-02-04", NULL, NULL, NULL,
                                       NULL) == ECR_ENOTFOUND);
  EXPECT(ecr_archive_advance_objection(a, objection, "platform_check", "not a date", NULL, NULL, NULL,
                                       NULL) == ECR_EINVAL);
  EXPECT(ecr_archive_advance_objection(a, objection, "platform_check", "2026-02-04", NULL, NULL, NULL,
                                       NULL) == ECR_OK);
  EXPECT(ecr_archive_advance_objection(a, objection, "provider_verification", "2026-02-10",
                                       "record_confirmed", "核实无误", NULL, "信用办") == ECR_OK);
  EXPECT(ecr_archive_objections_json(&json, a, "record_confirmed", NULL) == ECR_OK);
  EXPECT(json != NULL && objection != NULL && strstr(json, objection) != NULL);
  ecr_string_free(json);
  json = NULL;
  EXPECT(ecr_archive_objections_json(&json, a, NULL, "2026-02-05") == ECR_OK);
  EXPECT(json != NULL && json[0] == '[');
  ecr_string_free(json);
  json = NULL;
  EXPECT(ecr_archive_file_objection(&json, a, "admin_penalty:no-such-record", "2026-02-02", "x", "y") ==
             ECR_ENOTFOUND &&
         json == NULL);
  EXPECT(ecr_archive_file_objection(&json, a, PENALTY_ID, "2026-02-02", NULL, "y") == ECR_EINVAL &&
         json == NULL);
  EXPECT(strstr(ecr_last_error(), "grounds") != NULL);

  /* a repair application, then the repair: from that day the penalty no longer counts */
  EXPECT(ecr_archive_file_repair_application(&application, a, PENALTY_ID, "2026-01-20", NULL,
                                             "广州某售电有限公司") == ECR_OK);
  EXPECT(application != NULL && application[0] != '\0');
  ecr_string_free(application); /* the out-parameter is reused below */
  application = NULL;
  EXPECT(ecr_archive_apply_repair(a, PENALTY_ID, "2026-01-25", "信用办") == ECR_OK);
  EXPECT(ecr_archive_registry(&reg, a, NULL, 0) == ECR_OK);
  json = grade_of(engine, reg);
  EXPECT(json != NULL && g_at1 != NULL && strcmp(json, g_at1) != 0);
  ecr_string_free(json);
  json = NULL;
  ecr_registry_free(reg);
  reg = NULL;

  /* day 2: the penalty updated (operation column "op", 修改), then withdrawn (操作类型, D) */
  EXPECT(write_delta(ECREDIT_TEST_TMP "/archive_update.csv", "op", "修改", "60000"));
  EXPECT(ecr_archive_import_file(&r3, a, ECREDIT_TEST_TMP "/archive_update.csv", "admin_penalty", "发改委",
                                 "2026-02-20T09:30:00+08:00") == ECR_OK);
  c = counts_of(r3, "admin_penalty");
  EXPECT(c.version == ECR_IMPORT_COUNTS_VERSION && c.read == 1 && c.updated == 1);
  EXPECT(reconciles(r3));
  EXPECT(write_delta(ECREDIT_TEST_TMP "/archive_delete.csv", "操作类型", "D", NULL));
  EXPECT(ecr_archive_import_file(&r4, a, ECREDIT_TEST_TMP "/archive_delete.csv", "admin_penalty", "发改委",
                                 NULL) == ECR_OK);
  c = counts_of(r4, "admin_penalty");
  EXPECT(c.version == ECR_IMPORT_COUNTS_VERSION && c.read == 1 && c.withdrawn == 1);
  EXPECT(reconciles(r4));

  /* the current state no longer has the penalty; the snapshot after batch 1 still does */
  EXPECT(ecr_archive_registry(&now, a, NULL, 0) == ECR_OK);
  g_now = grade_of(engine, now);
  EXPECT(g_now != NULL && g_at1 != NULL && strcmp(g_now, g_at1) != 0);
  EXPECT(g_now != NULL && strstr(g_now, "穗发改能罚〔2026〕3号") == NULL);
  EXPECT(g_at1 != NULL && strstr(g_at1, "穗发改能罚〔2026〕3号") != NULL);
  ecr_string_free(g_at1);
  g_at1 = grade_of(engine, at1);
  EXPECT(g_dir != NULL && g_at1 != NULL && strcmp(g_dir, g_at1) == 0); /* unchanged by the later batches */
  /* a snapshot from the archive is a registry like any other: the shared precheck case
   * power-bidding (tests/data/precheck_cases.tsv) on it */
  EXPECT(ecr_precheck_from_json(&d, engine, now,
                                "{\"scenario\":\"bidding\",\"uscc\":\"91440113MA9UQ8E11N\",\"as_of\":"
                                "\"2025-06-30\"}") == ECR_OK);
  EXPECT(ecr_decision_verdict(d) == ECR_EFFECT_PROHIBIT);
  ecr_decision_free(d);
  /* known_at: before the archive learned anything, nothing was known */
  EXPECT(ecr_archive_registry(&empty, a, "2000-01-01T00:00:00Z", 0) == ECR_OK);
  EXPECT(ecr_grade_json(&json, engine, empty, PENALTY_USCC, "2026-02-01", NULL) == ECR_ENOTFOUND &&
         json == NULL);
  EXPECT(ecr_archive_registry(&reg, a, "2000-01-01T00:00:00Z", 1) == ECR_EINVAL && reg == NULL);
  EXPECT(ecr_archive_registry(&reg, a, NULL, -1) == ECR_EINVAL && reg == NULL);
  EXPECT(ecr_archive_registry(&reg, a, "yesterday", 0) == ECR_EINVAL && reg == NULL);
  EXPECT(ecr_archive_registry(NULL, a, NULL, 0) == ECR_EINVAL);

  /* history: the versions of the penalty, the withdrawal last */
  EXPECT(ecr_archive_history_json(&json, a, PENALTY_ID) == ECR_OK);
  EXPECT(json != NULL && strstr(json, "inserted") != NULL && strstr(json, "updated") != NULL &&
         strstr(json, "withdrawn") != NULL && strstr(json, "60000") != NULL);
  ecr_string_free(json);
  json = NULL;

  /* repairs: unknown records and missing dates are refused */
  EXPECT(ecr_archive_file_repair_application(&application, a, "admin_penalty:no-such-record", "2026-03-01",
                                             NULL, "某公司") == ECR_ENOTFOUND &&
         application == NULL);
  EXPECT(ecr_archive_apply_repair(a, "admin_penalty:no-such-record", "2026-03-01", NULL) == ECR_ENOTFOUND);
  EXPECT(ecr_archive_apply_repair(a, PENALTY_ID, NULL, NULL) == ECR_EINVAL);

  /* the journal: every batch and event, numbered 1, 2, … */
  EXPECT(ecr_archive_last_batch(&last, a) == ECR_OK && last >= 8);
  EXPECT(ecr_archive_journal_json(&json, a, 0) == ECR_OK);
  EXPECT(json != NULL && strstr(json, "objection_filed") != NULL && strstr(json, "\"import\"") != NULL);
  ecr_string_free(json);
  json = NULL;
  EXPECT(ecr_archive_journal_json(&json, a, last) == ECR_OK && json != NULL && strcmp(json, "[]") == 0);
  ecr_string_free(json);
  json = NULL;
  EXPECT(ecr_archive_journal_json(&json, a, -1) == ECR_EINVAL && json == NULL);

  /* a correction is a new version */
  EXPECT(ecr_archive_correct(a, "red_list:no-such-entry", "{\"reason\":\"x\"}", "更正", "信用办") ==
         ECR_ENOTFOUND);
  EXPECT(ecr_archive_correct(a, PENALTY_ID, "not json", "更正", NULL) == ECR_EINVAL);
  EXPECT(ecr_archive_correct(a, PENALTY_ID, "{\"fine_amount\":7}", "更正", NULL) == ECR_EINVAL);
  EXPECT(strstr(ecr_last_error(), "fine_amount") != NULL);

  /* integrity */
  EXPECT(ecr_archive_check(&json, &ok, a) == ECR_OK && ok == 1);
  EXPECT(json != NULL && strstr(json, "\"ok\":true") != NULL);
  ecr_string_free(json);
  json = NULL;
  EXPECT(ecr_archive_check(NULL, &ok, a) == ECR_EINVAL);

  /* a checkpoint: the current snapshot stored; a snapshot from it grades the same */
  {
    int64_t before = 0, after = 0;
    ecr_registry* now = NULL;
    char *grade_before = NULL, *grade_after = NULL;
    EXPECT(ecr_archive_last_batch(&before, a) == ECR_OK);
    EXPECT(ecr_archive_registry(&now, a, NULL, before) == ECR_OK);
    grade_before = grade_of(engine, now);
    EXPECT(grade_before != NULL);
    ecr_registry_free(now);
    now = NULL;
    EXPECT(ecr_archive_checkpoint(&json, a) == ECR_OK && json != NULL);
    EXPECT(json != NULL && strstr(json, "\"parts\":") != NULL);
    {
      char want[64];
      snprintf(want, sizeof want, "\"seq\":%lld", (long long)before);
      EXPECT(json != NULL && strstr(json, want) != NULL);
    }
    ecr_string_free(json);
    json = NULL;
    EXPECT(ecr_archive_last_batch(&after, a) == ECR_OK && after == before); /* no event */
    EXPECT(ecr_archive_registry(&now, a, NULL, before) == ECR_OK);          /* from the checkpoint */
    grade_after = grade_of(engine, now);
    EXPECT(grade_before != NULL && grade_after != NULL && strcmp(grade_before, grade_after) == 0);
    ecr_registry_free(now);
    ecr_string_free(grade_before);
    ecr_string_free(grade_after);
    EXPECT(ecr_archive_checkpoint(NULL, a) == ECR_EINVAL);
    EXPECT(ecr_archive_checkpoint(&json, NULL) == ECR_EINVAL && json == NULL);
  }

  /* errors of the import: nothing is stored */
  {
    ecr_import_result* bad = (ecr_import_result*)1;
    int64_t before = 0, after = 0;
    EXPECT(ecr_archive_last_batch(&before, a) == ECR_OK);
    EXPECT(ecr_archive_import_dir(&bad, a, ECREDIT_TEST_DATA "/no_such_folder", "x", NULL) == ECR_ENOENT &&
           bad == NULL);
    EXPECT(ecr_archive_import_dir(&bad, a, DAY1, "x", "not a date") == ECR_EINVAL && bad == NULL);
    EXPECT(strstr(ecr_last_error(), "not a date") != NULL);
    EXPECT(ecr_archive_import_dir(&bad, a, DAY1, NULL, NULL) == ECR_EINVAL && bad == NULL);
    EXPECT(strstr(ecr_last_error(), "source") != NULL);
    EXPECT(ecr_archive_import_file(&bad, a, DAY1 "/subject.csv", "no_such_dataset", "x", NULL) ==
               ECR_ENOTFOUND &&
           bad == NULL);
    EXPECT(strstr(ecr_last_error(), "no_such_dataset") != NULL);
    EXPECT(ecr_archive_last_batch(&after, a) == ECR_OK && after == before);
  }

  /* the archive survives a reopen */
  ecr_archive_free(a);
  a = NULL;
  EXPECT(ecr_archive_open(&a, DB, NULL) == ECR_OK);
  EXPECT(ecr_archive_last_batch(&last, a) == ECR_OK && last >= 8);
  EXPECT(ecr_archive_check(&json, &ok, a) == ECR_OK && ok == 1);
  ecr_string_free(json);

  ecr_string_free(objection);
  ecr_string_free(application);
  ecr_string_free(g_dir);
  ecr_string_free(g_at1);
  ecr_string_free(g_now);
  ecr_registry_free(from_dir);
  ecr_registry_free(at1);
  ecr_registry_free(now);
  ecr_registry_free(empty);
  ecr_import_result_free(r1);
  ecr_import_result_free(r2);
  ecr_import_result_free(r3);
  ecr_import_result_free(r4);
  ecr_archive_free(a);
  ecr_engine_free(engine);
  if (failures == 0) printf("test_archive: ok\n");
  return failures == 0 ? 0 : 1;
}
