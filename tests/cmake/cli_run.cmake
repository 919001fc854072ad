# The checks the CLI test scripts share (check_cli.cmake, check_cli_errors.cmake,
# check_cli_line.cmake); CLI is the program.
# run(rc regex args…): exit status rc, stdout+stderr match regex.
# run_in(file rc regex args…): the same with `file` on standard input.
# run_not(rc regex args…): exit status rc, stdout+stderr do NOT match regex.
function(check what expect_rc rc out err)
  if(NOT rc STREQUAL "${expect_rc}")
    message(FATAL_ERROR "${what}: exit ${rc}, expected ${expect_rc}\n${out}${err}")
  endif()
endfunction()
function(run expect_rc expect_regex)
  execute_process(COMMAND "${CLI}" ${ARGN} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  check("ecredit ${ARGN}" "${expect_rc}" "${rc}" "${out}" "${err}")
  if(NOT "${out}${err}" MATCHES "${expect_regex}")
    message(FATAL_ERROR "ecredit ${ARGN}: output does not match '${expect_regex}':\n${out}${err}")
  endif()
endfunction()
function(run_in input expect_rc expect_regex)
  execute_process(COMMAND "${CLI}" ${ARGN} INPUT_FILE "${input}" OUTPUT_VARIABLE out ERROR_VARIABLE err
                  RESULT_VARIABLE rc)
  check("ecredit ${ARGN} < ${input}" "${expect_rc}" "${rc}" "${out}" "${err}")
  if(NOT "${out}${err}" MATCHES "${expect_regex}")
    message(FATAL_ERROR "ecredit ${ARGN} < ${input}: output does not match '${expect_regex}':\n${out}${err}")
  endif()
endfunction()
function(run_not expect_rc bad_regex)
  execute_process(COMMAND "${CLI}" ${ARGN} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  check("ecredit ${ARGN}" "${expect_rc}" "${rc}" "${out}" "${err}")
  if("${out}${err}" MATCHES "${bad_regex}")
    message(FATAL_ERROR "ecredit ${ARGN}: output matches '${bad_regex}':\n${out}${err}")
  endif()
endfunction()
