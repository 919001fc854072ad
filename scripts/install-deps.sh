#!/usr/bin/env bash
# Installs what building and testing ecredit needs, and nothing that is there already.
# Idempotent; uses sudo when not root. Debian/Ubuntu (apt-get) only.
#   scripts/install-deps.sh
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config python3-dev python3-venv
  libfmt-dev libhowardhinnant-date-dev doctest-dev nlohmann-json3-dev libcli11-dev
  pybind11-dev binutils libre2-dev libssl-dev
  libsqlite3-dev  # the archive (src/archive/, docs/archive.md)
  chromium  # the headless-browser test of the demo's report.html (tests/python/test_demo.py)
  fonts-noto-cjk  # Chinese glyphs in report.html (its font-family names Noto Sans CJK SC first)
  tesseract-ocr tesseract-ocr-chi-sim  # the OCR check that report.html shows Chinese, not boxes
  clang libclang-rt-14-dev  # the libFuzzer targets (fuzz preset, scripts/fuzz.sh, CI's fuzz stage)
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} Debian packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
