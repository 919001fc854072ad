#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for SECONDS
# (default 60) from the seed corpora in fuzz/corpus/. Installs clang when missing.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
bash scripts/install-deps.sh
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
for t in fuzz_id fuzz_validate fuzz_policy fuzz_repair; do
  mkdir -p "build/fuzz/corpus/$t"
  echo "== $t for ${SECONDS_EACH}s"
  build/fuzz/fuzz/$t -max_total_time="$SECONDS_EACH" -max_len=4096 -print_final_stats=1 \
    "build/fuzz/corpus/$t" "fuzz/corpus/$t" 2>&1 | grep -E "stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY" || true
done
