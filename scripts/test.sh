#!/usr/bin/env bash
# Runs every test (CI runs this through .ci/run; keep the whole under 60 minutes on two
# cores). Stages, in order, each printed as "== name" and timed in a table at the end:
#   deps     scripts/install-deps.sh (Debian packages; installs only what is missing)
#   dev      dev preset (Debug, -Werror): build everything, ctest (C++/C tests, CLI,
#            examples, install + find_package/pkg-config consumers of the dev tree)
#   python   the package built with `pip install .` into a clean venv, clang-format check,
#            pytest (incl. the notebook and the headless-browser report check), examples
#   release  README's build path: the release preset built in full, ctest on it, which
#            includes cmake --install build/release --prefix <tmp> and building + running
#            the find_package consumer and the pkg-config programs against that install
#   asan     the C++/C tests again under AddressSanitizer + UBSan (asan preset)
#   tsan     the concurrency tests under ThreadSanitizer (tsan preset, ecredit_tests only)
#   fuzz     scripts/fuzz.sh: each libFuzzer target for FUZZ_SECONDS (default 30) from
#            fuzz/corpus/; a crash, leak or timeout fails the run
# Installs what it needs first.            scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=${JOBS:-$(nproc)}
export JOBS

# --- stage timing ----------------------------------------------------------------------
STAGE_NAMES=()
STAGE_SECS=()
_stage=""
_stage_t0=0
_stage_end() {
  if [ -n "$_stage" ]; then
    STAGE_NAMES+=("$_stage")
    STAGE_SECS+=($((SECONDS - _stage_t0)))
    _stage=""
  fi
}
stage() {
  _stage_end
  _stage=$1
  _stage_t0=$SECONDS
  echo "== $1: $2"
}
_stage_table() {
  local rc=$? failed=${_stage:-}
  _stage_end
  echo "== stage times (seconds)"
  local i
  for i in "${!STAGE_NAMES[@]}"; do
    printf '   %-8s %6d%s\n' "${STAGE_NAMES[$i]}" "${STAGE_SECS[$i]}" \
      "$([ "${STAGE_NAMES[$i]}" = "$failed" ] && [ "$rc" -ne 0 ] && echo "  FAILED")"
  done
  printf '   %-8s %6d\n' total "$SECONDS"
}
trap _stage_table EXIT
SECONDS=0

stage deps "Debian packages"
bash scripts/install-deps.sh

stage dev "C++/C tests (dev preset)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$JOBS"
ctest --preset dev -j "$JOBS"

stage python "Python package in a clean venv"
VENV=$ROOT/build/venv-test
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q ".[test]" "clang-format==23.1.5"
bash scripts/check-format.sh "$VENV/bin/clang-format"
# From tests/python, so `import ecredit` is the installed package, never the source tree.
(cd tests/python && PATH="$VENV/bin:$PATH" "$VENV/bin/python" -m pytest -c "$ROOT/pyproject.toml" --rootdir "$ROOT" .)
(cd examples/python && PATH="$VENV/bin:$PATH" "$VENV/bin/python" check_ids.py >/dev/null)
(cd examples/python && PATH="$VENV/bin:$PATH" "$VENV/bin/python" precheck_and_repair.py >/dev/null)

stage release "README's build path: release preset in full, install, consumers"
cmake --preset release >/dev/null
cmake --build --preset release -j "$JOBS"
# cmake.consumer: cmake --install build/release --prefix build/release/tests/consumer/prefix,
# then find_package(ecredit) and pkg-config (ecredit.pc, ecredit_c.pc) programs against it.
ctest --preset release -j "$JOBS"

stage asan "C++/C tests under ASan + UBSan (asan preset)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$JOBS"
ctest --preset asan -j "$JOBS"

stage tsan "concurrency tests under ThreadSanitizer (tsan preset)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$JOBS"
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build/tsan/tests/ecredit_tests --test-case='*concurrent*,*thread*'

stage fuzz "each fuzz target for ${FUZZ_SECONDS:=30} s (scripts/fuzz.sh)"
bash scripts/fuzz.sh "$FUZZ_SECONDS"

_stage_end
echo "== all tests passed"
