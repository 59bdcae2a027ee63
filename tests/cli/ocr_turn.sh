#!/bin/sh
# tests/cli/ocr_turn.sh — a page scanned turned (90°, 180°, 270°) is turned upright by Tesseract's
# orientation detection (run only when the page, read lying as the document's pages lay, reads
# poorly) before it is read: one table page of a generated report is scanned upright
# and turned (qpdf --rotate before the scan, so the page image itself lies turned, as a scanner's
# would), and the turned scans give the same cells as the upright one; dump reports the turn.
# A two-page document with only its second page turned has that one turned. One page each, to keep
# make test short. Skips with a message when OCR or the osd data is unavailable.
set -eu
: "${NB_TMP:?}"
nianbao=${NIANBAO:-./nianbao}
. tests/ocr_scan.sh
ocr_begin ocr_turn img2pdf pdftoppm qpdf pdfseparate
mkdir -p "$g/src"

# page 2 of the report tests/cli/ocr.sh reads: the start of its tables
ocr_report r0002 3
pdfseparate -f 2 -l 2 "$g/gen/docs/r0002.pdf" "$g/src/up.pdf"
qpdf --rotate=+90 "$g/src/up.pdf" "$g/src/r90.pdf"
qpdf --rotate=+180 "$g/src/up.pdf" "$g/src/r180.pdf"
qpdf --rotate=+270 "$g/src/up.pdf" "$g/src/r270.pdf"
# a document of two pages where only the second lies turned: orientation is judged page by page
qpdf "$g/gen/docs/r0002.pdf" --pages "$g/gen/docs/r0002.pdf" 1-2 -- --rotate=+90:2 "$g/src/mixed.pdf"
./scripts/make-scans clean-300 "$g/src" "$g/scan"
landscape() { pdfinfo "$1" | awk '/^Page size:/ { print ($3 > $5) }'; }
[ "$(landscape "$g/scan/r90.pdf")" != "$(landscape "$g/scan/up.pdf")" ] || fail "the 90° scan lies as the upright one: its image is not turned"

ocr_or_skip "$g/scan/up.pdf"
if "$nianbao" dump "$g/scan/up.pdf" | grep -q '^ocr orientation: .*osd'; then
  echo "# ocr_turn: skipped, $("$nianbao" dump "$g/scan/up.pdf" | sed -n 's/^ocr orientation: [^;]*; //p')"
  exit 0
fi

# dump says how each page lay, and the turned page is read at its upright size
"$nianbao" dump "$g/scan/up.pdf" | grep -q '^ocr orientation: 1 upright, 0 turned 90, 0 turned 180, 0 turned 270$' \
  || fail "upright: $("$nianbao" dump "$g/scan/up.pdf" | grep '^ocr')"
"$nianbao" dump "$g/scan/r90.pdf" | grep -q '^ocr orientation: 0 upright, 1 turned 90, 0 turned 180, 0 turned 270$' \
  || fail "90°: $("$nianbao" dump "$g/scan/r90.pdf" | grep '^ocr')"
"$nianbao" dump "$g/scan/r180.pdf" | grep -q '^ocr orientation: 0 upright, 0 turned 90, 1 turned 180, 0 turned 270$' \
  || fail "180°: $("$nianbao" dump "$g/scan/r180.pdf" | grep '^ocr')"
"$nianbao" dump "$g/scan/r270.pdf" | grep -q '^ocr orientation: 0 upright, 0 turned 90, 0 turned 180, 1 turned 270$' \
  || fail "270°: $("$nianbao" dump "$g/scan/r270.pdf" | grep '^ocr')"

"$nianbao" dump "$g/scan/mixed.pdf" | grep -q '^ocr orientation: 1 upright, 1 turned 90, 0 turned 180, 0 turned 270$' \
  || fail "mixed: $("$nianbao" dump "$g/scan/mixed.pdf" | grep '^ocr')"
"$nianbao" dump "$g/scan/mixed.pdf" | grep -q '^-- page 2 (842x595)$' || fail "mixed: page 2 not read at its upright size"
mv "$g/scan/mixed.pdf" "$g/mixed.pdf"   # not among the one-page scans compared below

# the same cells: every certain cell of a turned scan has the upright scan's value, and nearly all
# cells agree in value and certainty (the turned render's pixels differ, so a doubtful digit may
# fall the other way)
"$nianbao" extract -q -j1 --timeout 600 -o "$g/out" "$g/scan" || fail "extract failed"
# table,row,col -> value,certain, per file
cut -d, -f1,6-9,12 "$g/out/cells.csv" | tail -n +2 | sed 's|^[^,]*/||; s|\.pdf,|,|' | sort >"$g/cells.txt"
up=$(grep -c '^up,.*,yes$' "$g/cells.txt" || true)
[ "$up" -ge 8 ] || fail "only $up certain cells on the upright page: $(grep '^up,' "$g/cells.txt")"
for t in r90 r180 r270; do
  same=0 total=0
  while IFS=, read -r f tb r c v s; do
    total=$((total + 1))
    u=$(grep "^up,$tb,$r,$c," "$g/cells.txt" || true)
    if [ "$s" = yes ]; then
      [ -n "$u" ] || fail "$t: cell $tb/$r/$c certain but not on the upright page"
      [ "$(echo "$u" | cut -d, -f5)" = "$v" ] || fail "$t: cell $tb/$r/$c = '$v' certain, upright: '$u'"
    fi
    [ "${u#up,}" = "$tb,$r,$c,$v,$s" ] && same=$((same + 1))
  done <<END
$(grep "^$t," "$g/cells.txt")
END
  [ "$total" -eq "$(grep -c '^up,' "$g/cells.txt")" ] || fail "$t: $total cells, upright $(grep -c '^up,' "$g/cells.txt")"
  [ $((same * 10)) -ge $((total * 8)) ] || fail "$t: only $same of $total cells as upright"
  echo "# ocr_turn: $t: $same of $total cells as upright"
done

# without the osd data the page is read as it lies, the file is not failed, and dump says why
mkdir -p "$g/tessdata"
td=${TESSDATA_PREFIX:-/usr/share/tesseract-ocr/5/tessdata}
for l in chi_sim eng; do ln -s "$td/$l.traineddata" "$g/tessdata/"; done
TESSDATA_PREFIX=$g/tessdata "$nianbao" dump "$g/scan/r90.pdf" >"$g/noosd.txt" || fail "dump without osd data failed"
grep -q '^ocr: 1 pages' "$g/noosd.txt" || fail "without osd data: $(grep '^ocr' "$g/noosd.txt")"
grep -q '^ocr orientation: 0 upright, 0 turned 90, 0 turned 180, 0 turned 270; .*tesseract-ocr-osd' "$g/noosd.txt" \
  || fail "without osd data: $(grep '^ocr' "$g/noosd.txt")"
