#!/bin/bash
# The cost of one public header (docs/layout.md "Header cost"): for each header named
# (default: every include/ecredit/*.hpp), the preprocessed lines and bytes of a file
# holding only `#include <ecredit/HEADER>`, and the median wall and CPU (user) seconds of
# five `g++ -std=c++17 -fsyntax-only` runs.  Usage: scripts/header-cost.sh [header.hpp ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ $# -gt 0 ] || set -- $(cd "$root/include/ecredit" && ls *.hpp policy/*.hpp 2>/dev/null)
printf "%-22s %8s %10s %7s %7s\n" header lines bytes wall_s user_s
for h in "$@"; do
  echo "#include <ecredit/$h>" >"$tmp/x.cpp"
  read -r l c < <(g++ -std=c++17 -I"$root/include" -E "$tmp/x.cpp" | wc -l -c)
  ws=() us=()
  for _ in 1 2 3 4 5; do
    out=$({ /usr/bin/time -f "%e %U" g++ -std=c++17 -I"$root/include" -fsyntax-only "$tmp/x.cpp"; } 2>&1 | tail -1)
    ws+=("${out% *}") us+=("${out#* }")
  done
  mw=$(printf "%s\n" "${ws[@]}" | sort -n | sed -n 3p)
  mu=$(printf "%s\n" "${us[@]}" | sort -n | sed -n 3p)
  printf "%-22s %8s %10s %7s %7s\n" "$h" "$l" "$c" "$mw" "$mu"
done
