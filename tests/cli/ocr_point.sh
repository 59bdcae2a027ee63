#!/bin/sh
# tests/cli/ocr_point.sh — a point after a lone digit that only one of the two readers saw is no
# part of the number. On a jpeg-300 scan of a generated report the digits reader read two t3
# totals' 2s (read at 99 by the general reader) as "2."; on a scan-200 scan of another the general
# reader read a t3 carried 0 as "0." and the digits reader found no digit in it. The table reader
# takes a digit and a point for list numbering, not a value, and those cells came out printed
# blanks, certain and wrong. Each must now read as its number, or be left uncertain, and nbeval
# must count no cell of either report wrong while certain. Skips with a message when OCR is
# unavailable.
set -eu
: "${NB_TMP:?}"
nianbao=${NIANBAO:-./nianbao}
. tests/ocr_scan.sh
ocr_begin ocr_point img2pdf pdftoppm

# check_cell ROW COL: the cell is the truth's number, certain, or uncertain — never a certain blank
check_cell() {
  want=$(awk -F, -v r="$1" -v c="$2" '$2 == "t3" && $3 == r && $4 == c { print $5 }' "$g/gen/truth/cells.csv")
  [ -n "$want" ] || fail "the truth of t3 $1 $2 is blank (the generator changed: pick the cell again)"
  got=$(awk -F, -v r="$1" -v c="$2" '$6 == "t3" && $7 == r && $8 == c { print $9 "|" $12 }' "$g/out/cells.csv")
  case "$got" in
    "$want|yes"|*"|no") ;;
    *) fail "$level $doc t3 $1 $2 read as '$got' (value|certain), printed $want" ;;
  esac
}

# one report of scripts/eval-ocr's default set (seed 20261202, six reports) at one scan level
scan_and_audit() {
  level=$1 doc=$2
  rm -rf "$g/gen" "$g/scan" "$g/out"
  ocr_report "$doc" 6
  ./scripts/make-scans "$level" "$g/gen/docs" "$g/scan" "$doc.pdf"
  ocr_or_skip "$g/scan/$doc.pdf"
  "$nianbao" audit -q -j1 --timeout 600 -o "$g/out" --today 2026-06-30 "$g/scan" || [ $? -eq 1 ] || fail "audit failed"
}

no_wrong_cell() {
  build/nbeval --truth "$g/gen/truth" --out "$g/out" >"$g/score.txt" 2>&1 || fail "nbeval: $(cat "$g/score.txt")"
  wrong=$(awk '$1 == "all" { print $5; exit }' "$g/score.txt")
  [ "$wrong" = 0 ] || fail "$level $doc: $wrong cells wrong while certain: $(grep 'want' "$g/score.txt")"
}

scan_and_audit jpeg-300 r0001
check_cell denied.process total
check_cell unable.need_create total
no_wrong_cell
scan_and_audit scan-200 r0002
check_cell carried other_org
no_wrong_cell
echo "# ocr_point: a point one reader saw after a lone digit leaves no certain blank (jpeg-300, scan-200)"
