# Errors that name the thing and the reason (issue 12): the CLI shows the library's
# messages for missing, unreadable and empty inputs and exits 2.
include("${CMAKE_CURRENT_LIST_DIR}/cli_run.cmake")

set(work "${CMAKE_CURRENT_BINARY_DIR}/cli_errors")
file(REMOVE_RECURSE "${work}")
file(MAKE_DIRECTORY "${work}/empty")

# grade --data: a missing folder is named with the reason (was "not a directory")
run(2 "ecredit: cannot read data folder '${work}/missing/': No such file or directory"
    grade --data "${work}/missing/" --as-of 2024-06-30)
# an empty folder: no dataset file, exit 2 (was "0 subjects graded … with :", exit 0)
run(2 "ecredit: no dataset file \\(<dataset_id>.csv, .tsv or .jsonl\\) in data folder '${work}/empty/'; known datasets: .*subject"
    grade --data "${work}/empty/" --as-of 2024-06-30)
# a data file that names no dataset is refused, not skipped
file(WRITE "${work}/empty/penalties.csv" "a,b\n1,2\n")
run(2 "penalties.csv names no dataset of pack" grade --data "${work}/empty" --as-of 2024-06-30)
file(REMOVE "${work}/empty/penalties.csv")

# repair RECORD: a folder is an I/O error (was "not JSON (byte 1)"), a missing file says so
run(2 "ecredit: cannot read record file '${work}/empty': Is a directory"
    repair "${work}/empty" --as-of 2024-06-30)
run(2 "ecredit: cannot read record file '${work}/nope.json': No such file or directory"
    repair "${work}/nope.json" --as-of 2024-06-30)

# validate: a folder given as the file (was "CSV input: read error")
run(2 "cannot read input file '${work}/empty': Is a directory" validate --dataset admin_penalty "${work}/empty")

file(REMOVE_RECURSE "${work}")
