# Runs the ecredit program on known codes and checks output and exit status.
include("${CMAKE_CURRENT_LIST_DIR}/cli_run.cmake")

run(0 "^ecredit [0-9]+\\.[0-9]+\\.[0-9]+" --version)
run(0 "11100000000013127D\tuscc\tvalid\t-" id 11100000000013127D)
run(0 "91350211M0000XUF46\tuscc\tlegacy\tchecksum" id 91350211M0000XUF46)
run(1 "123456\\*+5678\tuscc\tinvalid\torg-code-checksum" id 123456789012345678)
run(0 "110105\\*+002X\tresident_id\tvalid" id 11010519491231002X)
run(0 "11010519491231002X\tresident_id\tvalid" id --unmasked 11010519491231002X)
run(1 "\"reason\": \"charset\"" id --json --kind org_code 12345678Y)
run(0 "\"kind\": \"org_code\"" id --json 12345678-8 --kind auto)
run(2 "kind" id --kind bogus 1)
run(2 "required" id)
# an all-digit code that fails every check may still be somebody's ID: masked
run(1 "110105\\*+0026\tuscc\tinvalid\tregion" id 110105194902310026)
# a genuine all-digit USCC is not personal: shown
run(0 "\n11100000000013127D\t" id 11100000000013127D)

# validate: an empty file or one of blank lines is an error, not "valid" (issue 11)
set(empty "${CMAKE_CURRENT_BINARY_DIR}/cli_empty.csv")
file(WRITE "${empty}" "")
run(1 "\\[empty-file\\] the file is empty: no header.*result: has errors" validate --dataset admin_penalty "${empty}" --lang en)
file(WRITE "${empty}" "\n  \n\n")
run(1 "empty-file" validate --dataset admin_penalty "${empty}" --json)
file(REMOVE "${empty}")
