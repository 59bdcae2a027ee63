#!/bin/sh
# tests/cli/ocr.sh — scanned reports end to end (a few pages, to keep make test short): a
# generated report turned into an image-only PDF at 300 dpi (scripts/make-scans, build/nbscan) is
# read by OCR: kind pdf-ocr with its mean confidence, its cells scored against the generator's
# truth with no cell wrong while certain; --ocr never leaves it no_text_layer; on the signature
# page with a red seal over it the agency's name is still read; the same scan gives the same
# bytes whatever -j. Skips with a message when nianbao was built or runs without Tesseract.
set -eu
: "${NB_TMP:?}"
nianbao=${NIANBAO:-./nianbao}
. tests/ocr_scan.sh
ocr_begin ocr img2pdf pdftoppm

# one report of a few pages (five or six, as the generator lays it out)
ocr_report r0002 3
./scripts/make-scans clean-300 "$g/gen/docs" "$g/scan" r0002.pdf
[ -z "$(pdffonts "$g/scan/r0002.pdf" | tail -n +3)" ] || fail "the scan has fonts: not image-only"
# the report's page count follows the generator's layout choices: take it from the scan, not a constant
pages=$(pdfinfo "$g/scan/r0002.pdf" | awk '/^Pages:/ { print $2 }')
[ "${pages:-0}" -ge 3 ] || fail "the scan has '$pages' pages"

ocr_or_skip "$g/scan/r0002.pdf"

# read by OCR into the same tables as the text layer
"$nianbao" audit -q -j1 --timeout 600 -o "$g/out" --today 2026-06-30 "$g/scan" || [ $? -eq 1 ] || fail "audit failed"
row=$(tail -n 1 "$g/out/documents.csv")
kind=$(echo "$row" | awk -F, '{ print $3 }')
[ "$kind" = pdf-ocr ] || fail "kind is '$kind', expected pdf-ocr: $row"
conf=$(echo "$row" | awk -F, '{ print $NF }')
awk -v c="$conf" 'BEGIN { exit !(c >= 90 && c <= 100) }' || fail "mean confidence '$conf' not in 90-100"
echo "$row" | grep -q ',ok,' || fail "status not ok: $row"
build/nbeval --truth "$g/gen/truth" --out "$g/out" >"$g/score.txt" 2>&1 || fail "nbeval: $(cat "$g/score.txt")"
wrong=$(awk '$1 == "all" { print $5; exit }' "$g/score.txt")
[ "$wrong" = 0 ] || fail "$wrong cells wrong while certain: $(sed -n '/wrong cells/,+6p' "$g/score.txt")"
exact=$(awk '$1 == "all" { sub("%", "", $3); print $3; exit }' "$g/score.txt")
awk -v e="$exact" 'BEGIN { exit !(e >= 95) }' || fail "only $exact% of the cells exact: $(head -3 "$g/score.txt")"

# --ocr never: a scan is what it was before OCR
"$nianbao" audit -q --ocr never -o "$g/never" --today 2026-06-30 "$g/scan" || [ $? -eq 1 ] || fail "audit --ocr never failed"
tail -n 1 "$g/never/documents.csv" | grep -q ",pdf,$pages,.*,no_text_layer," || fail "--ocr never: $(tail -n 1 "$g/never/documents.csv")"
grep -q 'EXTRACT-NO-TEXT' "$g/never/findings.csv" || fail "--ocr never: no EXTRACT-NO-TEXT"
"$nianbao" audit -q --ocr sometimes -o "$g/bad" "$g/scan" 2>/dev/null && fail "--ocr sometimes accepted"

# the last page with a seal stamped over the signature: the agency's name under it is still read
# (red is dropped before recognition), and runs at -j1 and -j2 give the same bytes
./scripts/make-scans stamp-300 "$g/gen/docs" "$g/stamp" r0002.pdf
pdfseparate -f "$pages" -l "$pages" "$g/stamp/r0002.pdf" "$g/stamp/last.pdf"
rm "$g/stamp/r0002.pdf"
cp "$g/stamp/last.pdf" "$g/stamp/last2.pdf"
agency=$(awk -F, '$1 == "r0002.pdf" { print $5 }' "$g/gen/truth/documents.csv")
tail=$(printf '%s' "$agency" | LC_ALL=C.UTF-8 sed 's/^..//')   # the seal's ring crosses the first characters
"$nianbao" dump "$g/stamp/last.pdf" | grep -q "$tail" || fail "stamped: '$tail' not read under the seal"
"$nianbao" extract -q -j1 --timeout 600 -o "$g/s1" "$g/stamp" || fail "extract of the stamped page failed"
"$nianbao" extract -q -j2 --timeout 600 -o "$g/s2" "$g/stamp" || fail "extract -j2 of the stamped page failed"
for f in documents.csv cells.csv; do cmp -s "$g/s1/$f" "$g/s2/$f" || fail "$f differs between -j1 and -j2"; done
echo "# ocr: $pages scanned pages read, $exact% of the cells exact, mean confidence $conf"
