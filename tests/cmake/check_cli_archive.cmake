# `ecredit archive …` and --archive on grade / precheck (docs/cli.md "archive"): every
# subcommand, exit codes (0 ok, 1 findings, 2 usage), --archive giving what --data gives on
# the same data, export read back by validate and --data, and the errors.
# -DCLI=the program, -DSAMPLE=examples/data/sample, -DWORK=a scratch folder, -DSQLITE=sqlite3 (optional).

include("${CMAKE_CURRENT_LIST_DIR}/cli_run.cmake")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(db "${WORK}/credit.db")

# stdout of a run that must exit `rc`
function(output_of var rc)
  execute_process(COMMAND "${CLI}" ${ARGN} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE got)
  check("ecredit ${ARGN}" "${rc}" "${got}" "${out}" "${err}")
  set(${var} "${out}" PARENT_SCOPE)
endfunction()
# every dataset line of an import's table reconciles: read = inserted + updated + unchanged + withdrawn + rejected
function(reconciles out)
  string(REGEX MATCHALL "\n[a-z_]+\t[0-9]+\t[0-9]+\t[0-9]+\t[0-9]+\t[0-9]+\t[0-9]+" lines "${out}")
  list(LENGTH lines n)
  if(n EQUAL 0)
    message(FATAL_ERROR "no dataset lines in:\n${out}")
  endif()
  foreach(line IN LISTS lines)
    string(STRIP "${line}" line)
    string(REPLACE "\t" ";" cells "${line}")
    list(GET cells 1 read)
    list(SUBLIST cells 2 5 parts)
    set(sum 0)
    foreach(p IN LISTS parts)
      math(EXPR sum "${sum} + ${p}")
    endforeach()
    if(NOT sum EQUAL read)
      message(FATAL_ERROR "does not reconcile: ${line}")
    endif()
  endforeach()
endfunction()

# --- a missing archive file: every command but init says so and exits 2 -------------------
set(missing "${WORK}/missing.db")
foreach(cmd "status" "check" "history;admin_penalty:x" "export;--out;${WORK}/x" "objection;list"
            "import;${SAMPLE};--source;s" "commitments;check;--as-of;2025-06-30")
  run(2 "archive file '${missing}' does not exist \\(create it with `ecredit archive init" archive ${cmd}
      --archive "${missing}")
endforeach()
run(2 "archive file '${missing}' does not exist" grade --archive "${missing}" --as-of 2025-06-30)
run(2 "archive file '${missing}' does not exist" precheck --archive "${missing}" --scenario bidding
    --uscc 91440113MA55R9547N --as-of 2025-06-30)
if(EXISTS "${missing}")
  message(FATAL_ERROR "a command other than init created ${missing}")
endif()

# --- usage ----------------------------------------------------------------------------------
run(2 "A subcommand is required|requires at least 1" archive)
run(2 "A subcommand is required|requires at least 1" archive objection --archive "${db}")
run(2 "give exactly one of --data DIR and --archive FILE" grade --as-of 2025-06-30)
run(2 "--data excludes --archive" grade --data "${SAMPLE}" --archive "${db}" --as-of 2025-06-30)
run(2 "give exactly one of --data DIR and --archive FILE" precheck --scenario bidding --uscc 91440113MA55R9547N)
run(2 "--archive is required" archive status)

# --- init --------------------------------------------------------------------------------------
run(0 "^已新建档案 .*credit.db（架构版本 [0-9]+）\n$" archive init --archive "${db}")
run(0 "^archive .*credit.db exists \\(schema version [0-9]+\\); nothing changed\n$" archive init --archive "${db}"
    --lang en)
# a file that is not an archive
file(WRITE "${WORK}/not.db" "this is not SQLite\n")
run(2 "^ecredit: .*not.db" archive status --archive "${WORK}/not.db")

# --- import: a folder is one batch; rejected rows → exit 1; every line reconciles ---------------
output_of(out 1 archive import --archive "${db}" "${SAMPLE}" --source 发改委 --received-at 2025-06-30)
if(NOT out MATCHES "^批次 1：来源 发改委，收到 2025-06-30，入库 [0-9-]+T[0-9:]+Z\ndataset\tread\tinserted\tupdated\tunchanged\twithdrawn\trejected\n")
  message(FATAL_ERROR "import: unexpected output\n${out}")
endif()
reconciles("${out}")
if(NOT out MATCHES "\nadmin_penalty\t([0-9]+)\t([0-9]+)\t0\t0\t0\t([0-9]+)\n")
  message(FATAL_ERROR "import: admin_penalty not all inserted or rejected\n${out}")
endif()
set(penalties "${CMAKE_MATCH_2}")

# --archive gives what --data gives on the same data: grade (all, one) and precheck
output_of(by_data 0 grade --data "${SAMPLE}" --as-of 2025-06-30)
output_of(by_archive 0 grade --archive "${db}" --as-of 2025-06-30)
if(NOT by_data STREQUAL by_archive)
  message(FATAL_ERROR "grade --archive differs from grade --data")
endif()
foreach(u 91440113MA55R9547N 91440118MA56RYK68X)
  output_of(a 0 grade --data "${SAMPLE}" --as-of 2025-06-30 --uscc ${u} --json)
  output_of(b 0 grade --archive "${db}" --as-of 2025-06-30 --uscc ${u} --json)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "grade --uscc ${u} --archive differs from --data:\n${a}\n${b}")
  endif()
  foreach(scenario bidding gov_procurement)
    output_of(a 0 precheck --data "${SAMPLE}" --scenario ${scenario} --uscc ${u} --as-of 2025-06-30 --json)
    output_of(b 0 precheck --archive "${db}" --scenario ${scenario} --uscc ${u} --as-of 2025-06-30 --json)
    if(NOT a STREQUAL b)
      message(FATAL_ERROR "precheck ${scenario} ${u} --archive differs from --data:\n${a}\n${b}")
    endif()
  endforeach()
endforeach()

# the same folder again: nothing inserted or updated
output_of(out 1 archive import --archive "${db}" "${SAMPLE}" --source 发改委 --received-at 2025-07-01 --lang en)
if(NOT out MATCHES "^batch 2: source 发改委, received 2025-07-01, recorded " OR
   NOT out MATCHES "\nadmin_penalty\t[0-9]+\t0\t0\t${penalties}\t0\t[0-9]+\n")
  message(FATAL_ERROR "re-import: not unchanged\n${out}")
endif()
reconciles("${out}")

# one file with an op column: the first penalty withdrawn (删除), exit 0 (nothing rejected)
file(STRINGS "${SAMPLE}/admin_penalty.csv" lines LIMIT_COUNT 2 ENCODING UTF-8)
list(GET lines 0 header)
list(GET lines 1 first)
string(REGEX MATCH "^[^,]+" first_no "${first}")
file(WRITE "${WORK}/withdraw.csv" "操作类型,${header}\n删除,${first}\n")
run(0 "^批次 3：.*\nadmin_penalty\t1\t0\t0\t0\t1\t0\n$" archive import --archive "${db}" "${WORK}/withdraw.csv"
    --dataset admin_penalty --source 发改委)
# withdrawing it again: rejected (exit 1), a batch all the same
run(1 "^{\n  \"batch\": 4,\n  \"source\": \"发改委\",.*\"counts\": {\n    \"admin_penalty\": {\n      \"read\": 1,\n      \"inserted\": 0,\n      \"updated\": 0,\n      \"unchanged\": 0,\n      \"withdrawn\": 0,\n      \"rejected\": 1"
    archive import --archive "${db}" "${WORK}/withdraw.csv" --dataset admin_penalty --source 发改委 --json)
# a file needs its dataset; an unknown dataset and a bad date are usage errors
run(2 "is a file: give its dataset with --dataset" archive import --archive "${db}" "${WORK}/withdraw.csv" --source s)
run(2 "nope" archive import --archive "${db}" "${WORK}/withdraw.csv" --dataset nope --source s)
run(2 "received" archive import --archive "${db}" "${SAMPLE}" --source s --received-at yesterday)
run(2 "--source is required" archive import --archive "${db}" "${SAMPLE}")
run(2 "--dataset is for a file" archive import --archive "${db}" "${SAMPLE}" --dataset subject --source s)

# --- status, history ---------------------------------------------------------------------------
run(0 "^档案 .*credit.db：架构版本 [0-9]+；4 个批次，[0-9]+ 个实体，[0-9]+ 个版本，[0-9]+ 个事件；最新序号 4\nbatch\trecorded_at"
    archive status --archive "${db}")
run(0 "\n3\t[0-9T:Z-]+\t-\t发改委\tadmin_penalty\t1\t0\t0\t0\t1\t0\n" archive status --archive "${db}" --lang en)
run(0 "^admin_penalty:${first_no} \\(dataset admin_penalty, key ${first_no}\\): 2 versions, [0-9]+ events?\nbatch\top.*\n1\tinserted\t.*\n3\twithdrawn\t"
    archive history --archive "${db}" "admin_penalty:${first_no}" --lang en)
run(0 "^{\n  \"id\": \"admin_penalty:${first_no}\",\n  \"dataset\": \"admin_penalty\",.*\"op\": \"withdrawn\""
    archive history --archive "${db}" "admin_penalty:${first_no}" --json)
run(0 "^\\[\n  {\n    \"seq\": 1,\n    \"kind\": \"import\"" archive status --archive "${db}" --json)
run(2 "admin_penalty:nope" archive history --archive "${db}" "admin_penalty:nope")

# the withdrawal shows: the snapshot no longer has the record
output_of(after 0 grade --archive "${db}" --as-of 2025-06-30 --uscc 91440113MA55R9547N --json)
if(after MATCHES "${first_no}")
  message(FATAL_ERROR "the withdrawn penalty ${first_no} still counts:\n${after}")
endif()

# --- export: the current state as <dataset>.csv, read back by validate and --data ---------------
run(0 "admin_penalty：[0-9]+ 行 → .*admin_penalty.csv" archive export --archive "${db}" --out "${WORK}/export")
file(GLOB exported "${WORK}/export/*.csv")
foreach(f IN LISTS exported)
  get_filename_component(ds "${f}" NAME_WE)
  run(0 "result: valid" validate --dataset ${ds} "${f}" --lang en)
endforeach()
output_of(by_export 0 grade --data "${WORK}/export" --as-of 2025-06-30)
output_of(by_archive 0 grade --archive "${db}" --as-of 2025-06-30)
if(NOT by_export STREQUAL by_archive)
  message(FATAL_ERROR "grade --data of the export differs from grade --archive")
endif()
file(READ "${WORK}/export/admin_penalty.csv" exported_penalties)
if(exported_penalties MATCHES "${first_no}")
  message(FATAL_ERROR "the withdrawn penalty is in the export")
endif()

# --- check: ok → 0; a tampered file → 1 ---------------------------------------------------------
run(0 "^档案检查通过：4 个批次" archive check --archive "${db}")
run(0 "\"ok\": true" archive check --archive "${db}" --json)
# --- checkpoint: stored, no event; grade from it is grade without it -----------------------------
output_of(grade_before 0 grade --archive "${db}" --as-of 2025-06-30)
run(0 "^已保存检查点：第 [0-9]+ 批次/事件的快照" archive checkpoint --archive "${db}")
run(0 "\"parts\": [0-9]+" archive checkpoint --archive "${db}" --json)
run(0 "^checkpoint stored: the snapshot of seq" archive checkpoint --archive "${db}" --lang en)
output_of(grade_after 0 grade --archive "${db}" --as-of 2025-06-30)
if(NOT grade_before STREQUAL grade_after)
  message(FATAL_ERROR "grade --archive differs after a checkpoint")
endif()
run(0 "^档案检查通过：4 个批次" archive check --archive "${db}")
if(SQLITE)
  file(COPY_FILE "${db}" "${WORK}/tampered.db")
  execute_process(COMMAND "${SQLITE}" "${WORK}/tampered.db"
                  "DELETE FROM version WHERE seq = (SELECT max(seq) FROM version);" RESULT_VARIABLE rc)
  if(rc EQUAL 0)
    run(1 "archive check failed: [1-9][0-9]* problems?" archive check --archive "${WORK}/tampered.db" --lang en)
  endif()
endif()

# --- lifecycle: objection file / advance / list, repair file / apply, commitments check ----------
file(STRINGS "${SAMPLE}/admin_penalty.csv" lines LIMIT_COUNT 4 ENCODING UTF-8)
list(GET lines 2 second)
string(REGEX MATCH "^[^,]+" disputed "${second}")
list(GET lines 3 third)
string(REGEX MATCH "^[^,]+" repaired "${third}")
output_of(objection 0 archive objection file --archive "${db}" --record "admin_penalty:${disputed}"
          --filed-on 2025-07-01 --grounds 处罚已撤销 --by 当事人)
string(STRIP "${objection}" objection)
if(objection STREQUAL "")
  message(FATAL_ERROR "objection file printed no id")
endif()
run(0 "^id\trecord\tstatus\tfiled_on\tby\tnext_step\tdue\toverdue\n${objection}\tadmin_penalty:${disputed}\tpending\t2025-07-01\t当事人\taccept\t[0-9-]+\tfalse\n$"
    archive objection list --archive "${db}")
run(0 "^objection ${objection}: accepted\n$" archive objection advance --archive "${db}" "${objection}" --step accept
    --on 2025-07-02 --lang en)
# a step done twice, a step out of order, an unknown step, a bad date: usage errors
run(2 "accept" archive objection advance --archive "${db}" "${objection}" --step accept --on 2025-07-02)
run(2 "provider_verification" archive objection advance --archive "${db}" "${objection}" --step provider_verification
    --on 2025-07-03)
run(2 "nope" archive objection advance --archive "${db}" "${objection}" --step nope --on 2025-07-03)
run(2 "2025-13-01" archive objection advance --archive "${db}" "${objection}" --step platform_check --on 2025-13-01)
run(2 "FIELD=VALUE" archive objection advance --archive "${db}" "${objection}" --step platform_check --on 2025-07-03
    --set oops)
# overdue: the platform check was due within 2 working days
run(0 "\"status\": \"accepted\".*\"step\": \"platform_check\".*\"overdue\": true" archive objection list
    --archive "${db}" --overdue-on 2025-09-30 --json)
run(0 "^\\[\\]\n$" archive objection list --archive "${db}" --status rejected --json)
# the record carries the flag in a grade trace
run(0 "异议处理中|under objection" grade --archive "${db}" --as-of 2025-06-30 --uscc 91440118MA56RYK68X --lang en)
run(0 "^异议 ${objection}：accepted\n$" archive objection advance --archive "${db}" "${objection}"
    --step platform_check --on 2025-07-03 --note 平台无差错)
run(0 "\"status\": \"record_confirmed\"" archive objection advance --archive "${db}" "${objection}"
    --step provider_verification --on 2025-07-10 --outcome record_confirmed --json)
run(0 "\nseq\tkind\ton\tactor\treason\tbasis\n[0-9]+\tobjection_filed\t2025-07-01\t当事人" archive history
    --archive "${db}" "admin_penalty:${disputed}")

file(WRITE "${WORK}/evidence.json" "{\"obligations_fulfilled\": \"2025-03-01\", \"commitment\": \"2025-06-30\"}")
run(0 "^([^\n]+)\n.*已登记信用修复申请 .*记录 admin_penalty:${repaired}，2025-06-30 提出" archive repair file --archive "${db}" --record "admin_penalty:${repaired}" --filed-on 2025-06-30
    --evidence "${WORK}/evidence.json" --by 企业)
run(0 "^record admin_penalty:${repaired} repaired from 2025-06-30; it no longer counts\n$" archive repair apply
    --archive "${db}" --record "admin_penalty:${repaired}" --decided-on 2025-06-30 --lang en)
run(2 "nope" archive repair apply --archive "${db}" --record admin_penalty:nope --decided-on 2025-06-30)
run(2 "--decided-on is required" archive repair apply --archive "${db}" --record "admin_penalty:${repaired}")

# commitments: overdue and unfulfilled ones become breaches once
output_of(first 0 archive commitments check --archive "${db}" --as-of 2030-01-01)
if(NOT first MATCHES "^(commitment:[^\n]+:breach\n)+$")
  message(FATAL_ERROR "commitments check: no breach ids\n${first}")
endif()
run(0 "^ecredit: as of 2030-01-01: 0 new commitment breaches\n$" archive commitments check --archive "${db}" --as-of 2030-01-01
    --lang en)
run(0 "^档案检查通过" archive check --archive "${db}")

file(REMOVE_RECURSE "${WORK}")
