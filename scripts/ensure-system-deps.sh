#!/usr/bin/env bash
# The tests drive real programs from Debian: LibreOffice (an independent spreadsheet that must
# open and recalculate what we write, and Writer, which turns our Word drafts into PDF), poppler
# (pdftotext, pdftoppm: the PDF's text and page images), Chromium (the task pane and the report in
# a browser), and the fonts they draw with (Liberation Serif stands in for Times New Roman with the
# same metrics). Install them when missing; say how when we cannot.
set -euo pipefail
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
[ -f /usr/lib/libreoffice/program/libswlo.so ] || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf ] || missing+=(fonts-liberation)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Thiếu gói Debian / missing Debian packages: ${missing[*]}" >&2
  echo "Chạy / run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Cài gói Debian / installing Debian packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
