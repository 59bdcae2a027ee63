#!/bin/sh
# tests/cli/ocr_noise.sh — a noisy scan (grey grain and specks, scripts/make-scans noise-300) of a
# generated report is read with no cell wrong while certain. Before the paper was whitened
# (ocr_whiten), Tesseract read the lone 1s of a t3 row of this report as 工 and a total's 5 as 忆,
# the digits reader found nothing in them, and the cells came out as printed blanks: certain and
# wrong. The row's 1s must now read as 1 (or, at worst, be left uncertain), and nbeval must count
# no cell wrong while certain in the whole report. Skips with a message when OCR is unavailable.
set -eu
: "${NB_TMP:?}"
nianbao=${NIANBAO:-./nianbao}
. tests/ocr_scan.sh
ocr_begin ocr_noise img2pdf pdftoppm

# the fifth report of scripts/eval-ocr's default set (seed 20261202, six reports): four pages
ocr_report r0005 6
./scripts/make-scans noise-300 "$g/gen/docs" "$g/scan" r0005.pdf
ocr_or_skip "$g/scan/r0005.pdf"
"$nianbao" audit -q -j1 --timeout 600 -o "$g/out" --today 2026-06-30 "$g/scan" || [ $? -eq 1 ] || fail "audit failed"

# the row whose lone 1s were read as 工: each cell the truth's 1, or uncertain — never another
# value while certain (a printed blank where a 1 is printed was the failure)
for col in natural total; do
  want=$(awk -F, -v c="$col" '$2 == "t3" && $3 == "denied.process" && $4 == c { print $5 }' "$g/gen/truth/cells.csv")
  [ "$want" = 1 ] || fail "the truth of t3 denied.process $col is '$want', expected 1 (the generator changed: pick the row again)"
  got=$(awk -F, -v c="$col" '$6 == "t3" && $7 == "denied.process" && $8 == c { print $9 "|" $12 }' "$g/out/cells.csv")
  case "$got" in
    "1|yes"|*"|no") ;;
    *) fail "t3 denied.process $col read as '$got' (value|certain), printed 1" ;;
  esac
done
build/nbeval --truth "$g/gen/truth" --out "$g/out" >"$g/score.txt" 2>&1 || fail "nbeval: $(cat "$g/score.txt")"
wrong=$(awk '$1 == "all" { print $5; exit }' "$g/score.txt")
[ "$wrong" = 0 ] || fail "$wrong cells wrong while certain: $(sed -n '/wrong cells/,+6p' "$g/score.txt")"
exact=$(awk '$1 == "all" { sub("%", "", $3); print $3; exit }' "$g/score.txt")
awk -v e="$exact" 'BEGIN { exit !(e >= 95) }' || fail "only $exact% of the cells exact: $(head -3 "$g/score.txt")"
echo "# ocr_noise: noise-300, $exact% of the cells exact, none wrong while certain"
