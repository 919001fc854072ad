#!/usr/bin/env bash
# Fails when a C/C++ source is not formatted by .clang-format (Google-based).
#   scripts/check-format.sh [clang-format]      (default: clang-format on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
CF=${1:-clang-format}
git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs "$CF" --dry-run --Werror
echo "format: ok"
