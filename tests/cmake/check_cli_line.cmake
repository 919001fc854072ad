# The ecredit program's one command line (docs/cli.md): inputs, --lang, --as-of, numbers,
# --max-findings, tab-separated headers, finding positions, counted nouns, a failed demo.
# -DCLI=the program, -DDATA=tests/data, -DWORK=a scratch folder.

include("${CMAKE_CURRENT_LIST_DIR}/cli_run.cmake")

set(golden "${DATA}/golden/admin_penalty_realistic.csv")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# --- inputs: a single file is the argument, - is standard input -------------------------
run_in("${golden}" 1 "<stdin>:4:17: error \\[date-order\\]" validate --dataset admin_penalty - --lang en)
run_in("${golden}" 1 "<标准输入>:4:17: 错误 \\[date-order\\]" validate --dataset admin_penalty -)
run_in("${DATA}/csv/gb18030.csv" 1 "; encoding gb18030" validate --dataset admin_penalty - --lang en)
set(record "${WORK}/record.json")
file(WRITE "${record}" "{\"category\": \"admin_penalty\", \"severity\": \"general\", \"decision_date\": \"2023-08-31\"}")
run(0 "^record: not_yet as of 2023-11-29\n" repair "${record}" --as-of 2023-11-29 --lang en)
run_in("${record}" 0 "^record: not_yet as of 2023-11-29\n" repair - --as-of 2023-11-29 --lang en)
# --record still works, with a one-line notice on stderr
run(0 "record: not_yet.*--record is deprecated: give the file as the argument" repair --record "${record}"
    --as-of 2023-11-29 --lang en)
run(2 "give the record file" repair --as-of 2023-11-29)
run_in("${record}" 2 "cannot both be standard input" repair - --evidence - --as-of 2023-11-29)

# --- --lang on every command --------------------------------------------------------------
run(1 "org-code-checksum\tthe embedded organisation code fails its check" id --lang en 123456789012345678)
run(1 "org-code-checksum\t所含组织机构代码校验不通过" id 123456789012345678)
run(0 "\"message\": \"wrong check character\"" id --json --lang en 91350211M0000XUF46)
run(0 "admin_penalty +[0-9]+ fields +[a-z]+ +Administrative penalties" datasets --lang en)
run(0 "admin_penalty +[0-9]+ 个字段 +[a-z]+ +行政处罚" datasets)
run(0 "记录：未到最短公示期（not_yet），截至 2023-11-29\n  修复制度" repair "${record}" --as-of 2023-11-29)
run(0 "^91440113MA9UQ8E11N 广州某发电有限公司（等级 D）：禁止，场景 bidding，截至 2025-06-30\n" precheck
    --data "${DATA}/precheck" --scenario bidding --uscc 91440113MA9UQ8E11N --as-of 2025-06-30)
run(0 "^91440113MA9UQ8E11N 广州某发电有限公司 \\(grade D\\): prohibit in bidding as of 2025-06-30\n.*Barred from"
    precheck --data "${DATA}/precheck" --scenario bidding --uscc 91440113MA9UQ8E11N --as-of 2025-06-30 --lang en)
run(0 "91440113MA9UQ8E11N C 得分 75（gz-energy-class" grade --data "${DATA}/registry" --as-of 2024-06-30
    --uscc 91440113MA9UQ8E11N)
run(0 "5 subjects graded as of 2024-06-30" grade --data "${DATA}/registry" --as-of 2024-06-30 --lang en)
run(0 "5 个主体已评价，截至 2024-06-30" grade --data "${DATA}/registry" --as-of 2024-06-30)
run(2 "--lang: .*not in" grade --data "${DATA}/registry" --lang fr)

# --- --as-of: the default is said ---------------------------------------------------------
run(0 "as of [0-9]+-[0-9]+-[0-9]+ \\(default: today, UTC" grade --data "${DATA}/registry" --lang en)
run(0 "截至 [0-9]+-[0-9]+-[0-9]+（默认：今天，UTC" precheck --data "${DATA}/precheck" --scenario bidding
    --uscc 91440101MA59U8YB6Y)
run_not(0 "default: today" grade --data "${DATA}/registry" --as-of 2024-06-30 --lang en)
run(0 "default: today \\(UTC\\), said on stderr" grade --help)
run(0 "default: 2025-06-30, the date the generated sample" demo --help)

# --- numbers: out of range is an error, never wrapped or clamped ----------------------------
run(2 "--seed: '-1' is not a whole number from 0 to 18446744073709551615" demo --seed -1 --out "${WORK}/d")
run(2 "--seed: '18446744073709551616' is not a whole number" demo --seed 18446744073709551616 --out "${WORK}/d")
run(2 "--size: '0' is not a whole number from 1 to 10000000" demo --size 0 --out "${WORK}/d")
run(2 "--size: '12x' is not a whole number" demo --size 12x --out "${WORK}/d")
run(2 "--max-findings: '-1' is not a whole number" validate --dataset admin_penalty "${golden}" --max-findings -1)
run(2 "--threads: '-2' is not a whole number from 0 to 1024" grade --data "${DATA}/registry" --threads -2)
run(2 "--threads: '4294967296' is not a whole number" grade --data "${DATA}/registry" --threads 4294967296)
if(EXISTS "${WORK}/d")
  message(FATAL_ERROR "a rejected demo command created ${WORK}/d")
endif()

# --- --max-findings 0: no findings listed, complete counts ----------------------------------
run(1 "no findings listed.*11 errors, 1 warning;.*date-order +1" validate --dataset admin_penalty "${golden}"
    --lang en --max-findings 0)
run_not(1 "\\[date-order\\]" validate --dataset admin_penalty "${golden}" --max-findings 0)

# --- tab-separated output has a header ------------------------------------------------------
run(0 "^code\tkind\tstatus\treason\tmessage\n11100000000013127D\tuscc\tvalid\t-\t-\n$" id 11100000000013127D)
run(0 "^uscc\tname\tgrade\tscore\tmodel\tno_data\n91440101MA59U8YB6Y\t广州某光伏有限公司\tB\t90\tgz-energy-class\tfalse\n"
    grade --data "${DATA}/registry" --as-of 2024-06-30)

# validate writes CSV or JSON Lines: a .tsv name is refused, not filled with commas
run(2 "--out-rejected .*rejected.tsv: tab-separated output is not supported" validate --dataset admin_penalty
    "${golden}" --out-rejected "${WORK}/rejected.tsv")
if(EXISTS "${WORK}/rejected.tsv")
  message(FATAL_ERROR "a refused --out-rejected file was created")
endif()

# --- finding positions, counted nouns -------------------------------------------------------
run(1 "admin_penalty_realistic.csv:10: error \\[primary-key\\]" validate --dataset admin_penalty "${golden}" --lang en)
run_not(1 "csv:[0-9]+:0:" validate --dataset admin_penalty "${golden}" --lang en)
run(1 "admin_penalty: 11 rows, 2 accepted, 9 rejected \\(1 blank\\); 11 errors, 1 warning; encoding utf-8"
    validate --dataset admin_penalty "${golden}" --lang en)
run(1 "admin_penalty：11 行，接受 2 行，拒绝 9 行（空行 1 行）；11 个错误，1 个警告；编码 utf-8"
    validate --dataset admin_penalty "${golden}")
set(one "${WORK}/one.csv")
file(READ "${golden}" text)
string(REGEX MATCH "^[^\n]*\n[^\n]*\n" head2 "${text}")
file(WRITE "${one}" "${head2}")
run(0 "admin_penalty: 1 row, 1 accepted, 0 rejected \\(0 blank\\); 0 errors, 0 warnings" validate --dataset
    admin_penalty "${one}" --lang en)

# --- a subject with no name -----------------------------------------------------------------
file(COPY "${DATA}/precheck/" DESTINATION "${WORK}/noname")
file(READ "${WORK}/noname/subject.csv" subjects)
string(REPLACE "91440113MA9UQ8E11N,广州某发电有限公司," "91440113MA9UQ8E11N,," subjects "${subjects}")
file(WRITE "${WORK}/noname/subject.csv" "${subjects}")
run(0 "^91440113MA9UQ8E11N \\(no name\\) \\(grade D\\): prohibit in bidding" precheck --data "${WORK}/noname"
    --scenario bidding --uscc 91440113MA9UQ8E11N --as-of 2025-06-30 --lang en)
run(0 "^91440113MA9UQ8E11N （无名称）（等级 D）：禁止" precheck --data "${WORK}/noname" --scenario bidding
    --uscc 91440113MA9UQ8E11N --as-of 2025-06-30)

# --- a failed demo leaves nothing it made ---------------------------------------------------
file(MAKE_DIRECTORY "${WORK}/demo/report.html")  # report.html cannot be written: the last step fails
run(2 "cannot write .*report.html.*removed .*summary.json, .*validation, .*data" demo --size 5 --out
    "${WORK}/demo" --lang en)
foreach(p data validation summary.json)
  if(EXISTS "${WORK}/demo/${p}")
    message(FATAL_ERROR "a failed demo left ${WORK}/demo/${p} behind")
  endif()
endforeach()
if(NOT IS_DIRECTORY "${WORK}/demo/report.html")
  message(FATAL_ERROR "a failed demo removed ${WORK}/demo/report.html, which it had not made")
endif()
run(2 "cannot create" demo --size 5 --out "${one}/sub")

file(REMOVE_RECURSE "${WORK}")
