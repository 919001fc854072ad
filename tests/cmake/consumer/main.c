#include <ecredit/ecredit.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  ecr_id_result r = ECR_ID_RESULT_INIT;
  if (ecr_check_uscc(&r, "11100000000013127D") != ECR_OK) return 2;
  printf("uscc %s %s", ecr_status_name(r.status), ecr_version());
  return r.status == ECR_ID_VALID && strcmp(ecr_version(), ECR_VERSION_STRING) == 0 ? 0 : 1;
}
