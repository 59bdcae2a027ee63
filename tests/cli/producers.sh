#!/bin/sh
# tests/cli/producers.sh — the generator's office producers (LibreOffice, Chromium): the same report
# made by cairo, LibreOffice and Chromium has the same truth cells and findings; two runs give the
# PDFs (dates and ids normalised; LibreOffice's embedded Type 1 programs may differ, so its PDFs
# are compared by their words and boxes); --only remakes one report alone; an absent tool
# skips its kind with a message and exit 3; nbeval counts the files per producer and font. Without
# soffice or chromium the conversions are skipped, saying so (a failure under CI=true).
set -eu
: "${NB_TMP:?}"
fail() { echo "FAIL: $*"; exit 1; }
. tests/skip.sh
[ -x build/nbgen ] && [ -x build/nbeval ] || fail "build/nbgen and build/nbeval are needed (make gen)"
g=$NB_TMP/producers
mkdir -p "$g"

# an absent tool: its kind is skipped and named, the rest is written, exit 3
set +e
NBGEN_SOFFICE=/nonexistent/soffice build/nbgen --seed 3 --count 2 --multi 1 --kinds lo,tsv --out "$g/absent" 2>"$g.absent.err"
rc=$?
set -e
[ "$rc" -eq 3 ] || fail "absent soffice: nbgen exited $rc, expected 3"
grep -q 'kind lo skipped: soffice not found' "$g.absent.err" || fail "absent soffice: no message ($(cat "$g.absent.err"))"
[ "$(ls "$g/absent/docs")" = "$(printf 'r0001.tsv\nr0002.tsv')" ] || fail "absent soffice: docs are $(ls "$g/absent/docs")"
[ "$(tail -n +2 "$g/absent/truth/documents.csv" | wc -l)" -eq 2 ] || fail "absent soffice: the truth should hold the two tsv files"

if ! command -v soffice >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  skip "producers: the conversions" "soffice or chromium is absent (Debian libreoffice-writer-nogui, chromium)"
  exit 0
fi

# two reports, each by all three PDF producers; then, in a second run, only the second of them
# (--only): its files must come out the same (cairo and Chromium byte for byte, LibreOffice word for
# word with the same boxes) and alone
build/nbgen --seed 41 --count 2 --multi 1 --kinds pdf,lo,chromium --out "$g/a" 2>>"$g.err"
build/nbgen --seed 41 --count 2 --multi 1 --kinds pdf,lo,chromium --only r0002 --out "$g/c" 2>>"$g.err"
for f in r0001.pdf r0001.lo.pdf r0001.chromium.pdf r0002.lo.pdf r0002.chromium.pdf; do
  [ -s "$g/a/docs/$f" ] || fail "$f was not written ($(cat "$g.err"))"
done
head -c 5 "$g/a/docs/r0001.lo.pdf" | grep -q '%PDF-' || fail "r0001.lo.pdf is not a PDF"
[ "$(ls "$g/c/docs" | tr '\n' ' ')" = "r0002.chromium.pdf r0002.lo.pdf r0002.pdf " ] || fail "--only r0002 wrote $(ls "$g/c/docs")"
for f in r0002.pdf r0002.chromium.pdf; do
  cmp -s "$g/a/docs/$f" "$g/c/docs/$f" || fail "$f differs between two runs"
done
pdftotext -bbox "$g/a/docs/r0002.lo.pdf" "$g/a.bbox" && pdftotext -bbox "$g/c/docs/r0002.lo.pdf" "$g/c.bbox" ||
  fail "pdftotext cannot read r0002.lo.pdf"
cmp -s "$g/a.bbox" "$g/c.bbox" || fail "r0002.lo.pdf: words or boxes differ between two runs"
[ "$(grep -c '<word ' "$g/a.bbox")" -gt 100 ] || fail "r0002.lo.pdf: too few words"
cmp -s "$g/a/docs/r0002.lo.pdf" "$g/c/docs/r0002.lo.pdf" || echo "# producers: r0002.lo.pdf bytes differ between runs (LibreOffice's Type 1 programs), words and boxes equal"
[ "$(grep '^r0002' "$g/a/truth/cells.csv" | md5sum)" = "$(tail -n +2 "$g/c/truth/cells.csv" | md5sum)" ] ||
  fail "the truth cells of r0002 differ between two runs"

# the truth of one report is the same whoever made the file
for id in r0001 r0002; do
  for k in lo chromium; do
    a=$(grep "^$id\.pdf," "$g/a/truth/cells.csv" | cut -d, -f2- | md5sum)
    b=$(grep "^$id\.$k\.pdf," "$g/a/truth/cells.csv" | cut -d, -f2- | md5sum)
    [ "$a" = "$b" ] || fail "$id: the truth cells of $k differ from cairo's"
    a=$(grep "^$id\.pdf," "$g/a/truth/findings.csv" | cut -d, -f2- | md5sum)
    b=$(grep "^$id\.$k\.pdf," "$g/a/truth/findings.csv" | cut -d, -f2- | md5sum)
    [ "$a" = "$b" ] || fail "$id: the truth findings of $k differ from cairo's"
  done
  n=$(grep -c "^$id\.pdf," "$g/a/truth/cells.csv")
  [ "$n" -gt 150 ] || fail "$id: only $n truth cells"
done
grep -q '^r0001.lo.pdf,.*producer_lo;font_[a-z_]*;size_[0-9.]*;pitch_[0-9.]*' "$g/a/truth/documents.csv" ||
  fail "r0001.lo.pdf lacks its producer/font/size/pitch tags"
grep -q '^r0001.chromium.pdf,.*producer_chromium;font_' "$g/a/truth/documents.csv" || fail "r0001.chromium.pdf lacks its tags"
grep -q '^r0001.pdf,.*producer_cairo' "$g/a/truth/documents.csv" || fail "r0001.pdf lacks producer_cairo"

# nbeval's groups: two files per producer, the font of each file counted once
mkdir -p "$g/out"
printf 'file,sha256,kind,pages,agency,year,version,signed_date,status,message\n' > "$g/out/documents.csv"
printf 'file,sha256,agency,year,version,table,row,col,value,raw,certain,page\n' > "$g/out/cells.csv"
printf 'file,sha256,rule,severity,table,row,col\n' > "$g/out/findings.csv"
build/nbeval --truth "$g/a/truth" --out "$g/out" --summary "$g/summary.json" > "$g/score.txt"
grep -Eq '"lo": \{"docs": 2, "cells": [0-9]+, "exact": 0, "uncertain": 0, "wrong": 0, "missing": [0-9]+' "$g/summary.json" ||
  fail "summary.json: no producer group lo with 2 documents ($(grep -o '"lo": {[^}]*}' "$g/summary.json" | head -2))"
[ "$(grep -c '^  \(lo\|chromium\)/' "$g/score.txt")" -ge 2 ] || fail "no producer x font lines printed"
echo "# producers: 2 reports by cairo, LibreOffice and Chromium: same truth, same bytes in a second run (--only), absent tool → exit 3"
