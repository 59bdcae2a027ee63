#!/bin/sh
# tests/cli/ocr_skew.sh — on a skewed scan (scripts/make-scans skew-300) of a generated report, a
# number of a t3 row that the general reader takes for a mark (a 0 read as "(" at the row's first
# column) is read again by the digits reader, because of where it stands: apart on its line, with
# numbers beside it on its row and above and below it in its column. Left as "(", the cell came
# out a printed blank, certain and wrong. One page (the third: the start of t3's rows) is read, to
# keep make test short. Skips with a message when OCR is unavailable.
set -eu
: "${NB_TMP:?}"
nianbao=${NIANBAO:-./nianbao}
. tests/ocr_scan.sh
ocr_begin ocr_skew img2pdf pdftoppm pdfseparate

# the first report of scripts/eval-ocr's default set (seed 20261202, six reports); the skew of a
# page is seeded by the file's name and the page's number, so the whole file is scanned
ocr_report r0001 6
./scripts/make-scans skew-300 "$g/gen/docs" "$g/scan" r0001.pdf
pdfseparate -f 3 -l 3 "$g/scan/r0001.pdf" "$g/p3.pdf"
ocr_or_skip "$g/p3.pdf"
"$nianbao" dump "$g/p3.pdf" >"$g/p3.txt" 2>&1 || fail "dump failed: $(tail -3 "$g/p3.txt")"
line=$(grep '部分公开' "$g/p3.txt" | head -n 1)
[ -n "$line" ] || fail "the row 部分公开 is not read: $(head -20 "$g/p3.txt")"
# its seven cells (six columns of applicants and the total), each read as a number
n=$(echo "$line" | tr ' ' '\n' | grep -c '^[0-9][0-9]*$' || true)
[ "$n" = 7 ] || fail "the row 部分公开 has $n numbers, expected 7: $line"
echo "# ocr_skew: the 部分公开 row of a skew-300 page reads seven numbers"
