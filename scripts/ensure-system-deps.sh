#!/usr/bin/env bash
# The tests drive two real programs from Debian: LibreOffice (an independent spreadsheet that must
# open and recalculate what we write) and Chromium (the task pane and the report in a browser).
# Install them when missing; say how when we cannot.
set -euo pipefail
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Thiếu gói Debian / missing Debian packages: ${missing[*]}" >&2
  echo "Chạy / run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Cài gói Debian / installing Debian packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
