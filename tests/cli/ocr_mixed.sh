#!/bin/sh
# tests/cli/ocr_mixed.sh — a page with a text layer whose table is a picture (nbgen --image-table:
# table 4 drawn as a 300 dpi image, the prose around it as text): the picture is read by OCR and
# its lines put among the page's text lines, so table 4's cells are read from the image — every
# one, none wrong while certain, in the section the text layer gives — and the document says
# pdf-ocr; with --ocr never the table is not there at all (the cells came from the picture). A text
# PDF without pictures is not touched by OCR. Skips with a message when OCR is unavailable.
set -eu
: "${NB_TMP:?}"
nianbao=${NIANBAO:-./nianbao}
fail() { echo "FAIL: $*"; exit 1; }
[ -x build/nbgen ] && [ -x build/nbeval ] || fail "build/nbgen and build/nbeval are needed"
command -v pdfimages >/dev/null 2>&1 || { echo "# ocr_mixed: skipped, pdfimages is absent"; exit 0; }
g=$NB_TMP/ocr_mixed
rm -rf "$g"
mkdir -p "$g"
export OMP_THREAD_LIMIT=1

# a ruled report whose table 4 has numbers other than 0 (3, 3 and their total 6) and blanks
build/nbgen --seed 20261202 --count 6 --only r0006 --multi 0 --kinds pdf --image-table --out "$g/gen" 2>"$g/gen.err" ||
  fail "nbgen: $(cat "$g/gen.err")"
f=$g/gen/docs/r0006.pdf
grep -q 't4_image' "$g/gen/truth/documents.csv" || fail "nbgen --image-table did not draw table 4 as a picture"
[ "$(pdfimages -list "$f" | tail -n +3 | wc -l)" = 1 ] || fail "expected one image: $(pdfimages -list "$f")"
page=$(pdfimages -list "$f" | tail -n +3 | awk '{ print $1 }')
[ -n "$(pdftotext -f "$page" -l "$page" "$f" - | tr -d ' \n\f')" ] || fail "the picture's page has no text layer"
pdftotext -f "$page" -l "$page" "$f" - | grep -q '行政复议' && fail "table 4's text is in the text layer, not only in the picture"

if "$nianbao" dump "$f" 2>/dev/null | grep -q '^ocr: not run'; then
  echo "# ocr_mixed: skipped, $("$nianbao" dump "$f" | sed -n 's/^ocr: not run: //p')"
  exit 0
fi
"$nianbao" dump "$f" >"$g/dump.txt"
grep -q '^ocr pictures: 1 read on pages with a text layer$' "$g/dump.txt" || fail "dump: $(grep '^ocr' "$g/dump.txt")"
grep -q '^ocr: 1 pages' "$g/dump.txt" || fail "dump: $(grep '^ocr' "$g/dump.txt")"

"$nianbao" extract -q -j1 --timeout 600 -o "$g/out" "$g/gen/docs" || fail "extract failed"
row=$(tail -n 1 "$g/out/documents.csv")
echo "$row" | grep -q ',pdf-ocr,.*,ok,' || fail "not pdf-ocr and ok: $row"
# table 4 against the truth: row,col -> value, every cell read, certain ones right
awk -F, '$2 == "t4" { print $3 "," $4 "," $5 }' "$g/gen/truth/cells.csv" | sort >"$g/truth-t4.txt"
awk -F, '$6 == "t4" { print $7 "," $8 "," $9 "," $12 }' "$g/out/cells.csv" | sort >"$g/out-t4.txt"
[ "$(wc -l <"$g/truth-t4.txt")" = 15 ] || fail "the truth has $(wc -l <"$g/truth-t4.txt") cells of table 4"
[ "$(wc -l <"$g/out-t4.txt")" = 15 ] || fail "$(wc -l <"$g/out-t4.txt") cells of table 4 read: $(cat "$g/out-t4.txt")"
grep -q '^review,total,6,yes$' "$g/out-t4.txt" || fail "review total not read as a certain 6: $(cat "$g/out-t4.txt")"
exact=0
while IFS=, read -r r c v; do
  o=$(grep "^$r,$c," "$g/out-t4.txt") || fail "cell $r/$c not read"
  ov=$(echo "$o" | cut -d, -f3) sure=$(echo "$o" | cut -d, -f4)
  if [ "$ov" = "$v" ]; then exact=$((exact + 1)); elif [ "$sure" = yes ]; then fail "cell $r/$c = '$ov' certain, truth '$v'"; fi
done <"$g/truth-t4.txt"
[ "$exact" -ge 14 ] || fail "only $exact of 15 cells of table 4 exact: $(cat "$g/out-t4.txt")"
build/nbeval --truth "$g/gen/truth" --out "$g/out" >"$g/score.txt" 2>&1 || fail "nbeval: $(cat "$g/score.txt")"
wrong=$(awk '$1 == "all" { print $5; exit }' "$g/score.txt")
[ "$wrong" = 0 ] || fail "$wrong cells wrong while certain: $(head -3 "$g/score.txt")"
# the lines read from the picture stand between the section's heading and the next one, as drawn
awk -F, '$6 == "t4" { print $13 }' "$g/out/cells.csv" | sort -u | grep -qx "$page" || fail "table 4 not on page $page"

# --ocr never: the picture is not read, and table 4 is absent
"$nianbao" extract -q --ocr never -o "$g/never" "$g/gen/docs" || fail "extract --ocr never failed"
[ "$(awk -F, '$6 == "t4"' "$g/never/cells.csv" | wc -l)" = 0 ] || fail "--ocr never: table 4 read without its picture"
tail -n 1 "$g/never/documents.csv" | grep -q ',pdf,' || fail "--ocr never: $(tail -n 1 "$g/never/documents.csv")"

# the same report without the picture: no OCR at all
build/nbgen --seed 20261202 --count 6 --only r0006 --multi 0 --kinds pdf --out "$g/plain" 2>/dev/null || fail "nbgen (plain) failed"
"$nianbao" dump "$g/plain/docs/r0006.pdf" | grep -q '^ocr' && fail "a text PDF without pictures went to OCR"
echo "# ocr_mixed: table 4 read from its picture, $exact of 15 cells exact"
