#!/usr/bin/env bash
# The main job: builds the ecredit program (release preset) and runs `ecredit demo` on the
# built-in policy pack and a generated sample market: validation, credit files, grades,
# coverage, prechecks, credit repair, then OUT/summary.json and OUT/report.html.
# Installs what it needs first.      scripts/run-demo.sh [ecredit demo options, e.g. --size 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target ecredit_cli -j "$(nproc)"
build/release/ecredit demo --out build/demo "$@"
