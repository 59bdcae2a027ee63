#!/bin/sh
# tests/cli/office_doc.sh — legacy Word through LibreOffice (issue 14): generated reports saved as
# .docx, converted to .doc by LibreOffice in one batch, give the same cells and findings as the
# .docx they came from, with kind doc; the conversions leave nothing behind in $TMPDIR. Skipped,
# saying so, when LibreOffice is not installed (optional at run time; a failure under CI=true).
set -eu
: "${NIANBAO:?}" "${NB_TMP:?}"
fail() { echo "FAIL: $*"; exit 1; }
. tests/skip.sh
if ! command -v soffice >/dev/null 2>&1; then
  skip office_doc "LibreOffice (soffice) is absent; libreoffice-writer-nogui runs the .doc test"
  exit 0
fi
[ -x build/nbgen ] || fail "build/nbgen is needed (make gen)"
g=$NB_TMP/office-doc
rm -rf "$g"
mkdir -p "$g/in" "$g/tmp"
build/nbgen --seed 23 --count 3 --out "$g/gen" --kinds docx --multi 0 --defect-rate 0.5 >/dev/null 2>&1
cp "$g"/gen/docs/*.docx "$g/in/"
# one LibreOffice for the three files, with a profile of its own
soffice "-env:UserInstallation=file://$g/profile" --headless --norestore --convert-to doc --outdir "$g/in" \
  "$g"/gen/docs/*.docx >/dev/null 2>&1 || true
n=$(ls "$g/in" | grep -c '\.doc$' || true)
[ "$n" -eq 3 ] || fail "LibreOffice wrote $n .doc files, expected 3"
set +e
TMPDIR=$g/tmp "$NIANBAO" audit -q -j 1 --today 2026-06-30 -o "$g/out" "$g/in"; rc=$?
set -e
[ "$rc" -le 1 ] || { cat "$g/out/documents.csv"; fail "audit exited $rc"; }
kinds=$(grep -c '\.doc,[0-9a-f]*,doc,' "$g/out/documents.csv" || true)
[ "$kinds" -eq 3 ] || fail "$kinds .doc files have kind doc, expected 3"
# cells: report id, table, row, col, value, raw, certain — once from the .docx, once from the .doc
cut -d, -f1,6-11 "$g/out/cells.csv" | tail -n +2 | sed 's#^[^,]*/\(r[0-9]*\)\.[^,]*,#\1,#' | sort | uniq -c |
  awk '$1 != 2' > "$g/odd"
[ ! -s "$g/odd" ] || { head -5 "$g/odd"; fail "cells differ between the .docx and the .doc"; }
rows=$(tail -n +2 "$g/out/cells.csv" | wc -l)
[ "$rows" -gt 300 ] || fail "only $rows cell rows"
cut -d, -f1,3,5-7 "$g/out/findings.csv" | tail -n +2 | grep -v ',EXTRACT-' | sed 's#^[^,]*/\(r[0-9]*\)\.[^,]*,#\1,#' | sort | uniq -c |
  awk '$1 != 2' > "$g/odd-findings"
[ ! -s "$g/odd-findings" ] || { cat "$g/odd-findings"; fail "findings differ between the .docx and the .doc"; }
left=$(ls "$g/tmp" | grep -c nianbao-lo || true)
[ "$left" -eq 0 ] || fail "the conversion left $left directories in TMPDIR"
echo "# office doc: 3 reports as .docx and as LibreOffice .doc give identical cells and findings"
