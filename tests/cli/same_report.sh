#!/bin/sh
# tests/cli/same_report.sh — one report written as PDF, pdftotext-style text, tab-separated text,
# HTML, Word (.docx) and OpenDocument (.odt) gives the same cells.csv rows apart from file, kind,
# geometry and provenance (issues 7, 14), and the same findings. Reports come from the generator
# (every report in every kind: --multi 1).
set -eu
: "${NIANBAO:?}" "${NB_TMP:?}"
fail() { echo "FAIL: $*"; exit 1; }
[ -x build/nbgen ] || fail "build/nbgen is needed (make gen)"
g=$NB_TMP/same
build/nbgen --seed 17 --count 4 --out "$g" --multi 1 --kinds pdf,layout,tsv,html,docx,odt --defect-rate 0.5 >/dev/null 2>&1
set +e
"$NIANBAO" audit -q --today 2026-06-30 -o "$g/out" "$g/docs"; rc=$?
set -e
[ "$rc" -le 1 ] || fail "audit exited $rc"
# cells: report id, table, row, col, value, raw, certain — the same for every kind of one report
cut -d, -f1,6-11 "$g/out/cells.csv" | tail -n +2 | sed 's#^[^,]*/\(r[0-9]*\)\.[^,]*,#\1,#' | sort > "$g/cells"
ids=$(cut -d, -f1 "$g/cells" | sort -u)
n=0
for id in $ids; do
  kinds=$(ls "$g/docs" | grep -c "^$id\.")
  [ "$kinds" -eq 6 ] || fail "$id was written in $kinds kinds, expected 6"
  # every distinct row must occur once per kind
  odd=$(grep "^$id," "$g/cells" | uniq -c | awk '$1 != 6' | head -3)
  [ -z "$odd" ] || fail "$id: cells differ between kinds: $odd"
  n=$((n + 1))
done
[ "$n" -eq 4 ] || fail "expected 4 reports, got $n"
cut -d, -f1,3,5-7 "$g/out/findings.csv" | tail -n +2 | grep -v ',EXTRACT-' | sed 's#^[^,]*/\(r[0-9]*\)\.[^,]*,#\1,#' | sort | uniq -c |
  awk '$1 != 6' > "$g/odd-findings"
[ ! -s "$g/odd-findings" ] || { cat "$g/odd-findings"; fail "findings differ between kinds"; }
# Word tables carry where each cell was: table, row and column (the last three columns)
prov=$(grep '\.docx,' "$g/out/cells.csv" | awk -F, '$(NF-2) == "" || $NF == ""' | wc -l)
[ "$prov" -eq 0 ] || fail "$prov docx cells without table/row/col provenance"
echo "# same report: $n reports × 6 kinds (pdf, layout, tsv, html, docx, odt) give identical cells and findings"
