#!/usr/bin/env bash
# Runs every test: C++/C tests through ctest (dev preset), the Python package built
# with `pip install .` into a clean virtual environment and tested with pytest, and
# the C++/C tests again under AddressSanitizer + UBSan (asan preset), and the
# concurrency tests under ThreadSanitizer (tsan preset).
# Installs what it needs first.            scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=${JOBS:-$(nproc)}

bash scripts/install-deps.sh

echo "== C++/C tests (dev preset)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$JOBS"
ctest --preset dev -j "$JOBS"

echo "== Python package in a clean venv"
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

echo "== C++/C tests under ASan + UBSan (asan preset)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$JOBS"
ctest --preset asan -j "$JOBS"
echo "== concurrency tests under ThreadSanitizer (tsan preset)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$JOBS"
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build/tsan/tests/ecredit_tests --test-case='*concurrent*,*thread*'
echo "== all tests passed"
