/* Check identifiers through the C ABI and mask a personal one for a log line. */
#include <ecredit/ecredit.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  const char* codes[] = {"91440101MA59U8YB6Y", "91350211M0000XUF46", "440104199003071234"};
  size_t i;
  for (i = 0; i < sizeof codes / sizeof codes[0]; ++i) {
    ecr_id_result r = ECR_ID_RESULT_INIT;
    char* masked = NULL;
    if (ecr_check_id(&r, codes[i]) != ECR_OK ||
        (r.kind == ECR_KIND_RESIDENT_ID && ecr_mask_id(&masked, codes[i]) != ECR_OK)) {
      fprintf(stderr, "error: %s\n", ecr_last_error());
      return 1;
    }
    printf("%-20s %-12s %-8s %s\n", masked != NULL ? masked : r.normalized, ecr_kind_name(r.kind),
           ecr_status_name(r.status), ecr_reason_name(r.reason));
    ecr_string_free(masked);
  }
  return 0;
}
