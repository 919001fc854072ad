#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz preset: clang, ASan + UBSan) and runs each for SECONDS
# (default 60; CI, through scripts/test.sh, runs 30) from the seed corpora in fuzz/corpus/
# (new inputs go to build/fuzz/corpus/<target>). Prints per target the inputs run; a
# crash, sanitizer report, leak, timeout or out-of-memory of any target makes it exit 1,
# with the crashing input in build/fuzz/artifacts/ and the end of the log shown.
#   scripts/fuzz.sh [SECONDS]            (FUZZ_TARGETS="fuzz_id fuzz_repair" for a subset)
# Long runs: scripts/fuzz.sh 3600 (not in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
JOBS=${JOBS:-$(nproc)}
bash scripts/install-deps.sh   # clang and libclang-rt-14-dev (libFuzzer) are in its list
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$JOBS"
mkdir -p build/fuzz/artifacts build/fuzz/logs
failed=()
for t in ${FUZZ_TARGETS:-fuzz_id fuzz_validate fuzz_policy fuzz_repair fuzz_archive}; do
  mkdir -p "build/fuzz/corpus/$t"
  log=build/fuzz/logs/$t.log
  echo "== $t for ${SECONDS_EACH}s"
  rc=0
  build/fuzz/fuzz/$t -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$t-" \
    "build/fuzz/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" || true
  if [ "$rc" -ne 0 ]; then
    echo "fuzz: $t failed (exit $rc); the end of $log:" >&2
    tail -n 40 "$log" >&2
    failed+=("$t")
  fi
done
if ((${#failed[@]} > 0)); then
  echo "fuzz: FAILED: ${failed[*]} (inputs in build/fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzz: all targets ran ${SECONDS_EACH}s without a crash"
