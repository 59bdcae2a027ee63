#!/bin/sh
# tests/cli/html_report.sh — the HTML report end to end: `audit --html` and `report DIR --html`
# give the same bytes; the page loads nothing from outside; then the page in headless Chromium
# (tests/browser/report_test.mjs: no console error, the filter narrows the table, 洪泽 2023's
# table 4 evidence outlines the cells of cells.csv, a dismissal exports as a waiver, screenshots),
# and the exported waiver, fed back to `audit --waivers`, waives that finding.
# Skips with a reason without the shared corpus, or without chromium/node (a failure under CI=true,
# where scripts/install-deps has installed them).
set -eu
: "${NIANBAO:?}" "${NB_TMP:?}"
fail() { echo "FAIL: $*"; exit 1; }
. tests/skip.sh
C=${NB_SHARED:-../shared}/corpus
need_shared html_report
o=$NB_TMP/html
set +e
"$NIANBAO" audit -q --today 2025-06-01 -o "$o/out" --html "$o/a.html" "$C/real" "$C/seed"; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "audit --html exits $rc, expected 1 (errors found)"
[ -s "$o/a.html" ] || fail "no page written"
"$NIANBAO" report -q --today 2025-06-01 --html "$o/b.html" "$o/out" || fail "report exits non-zero"
cmp -s "$o/a.html" "$o/b.html" || fail "audit --html and report DIR --html differ"
"$NIANBAO" report -q --today 2025-06-01 --html "$o/c.html" "$o/out"
cmp -s "$o/b.html" "$o/c.html" || fail "two pages of the same folder differ"
[ ! -e "$o/a.html.partial" ] || fail "a partial page left behind"
# self-contained: no address to load, no stylesheet or script from a file
grep -Eq '(src|href)="(https?:|//)' "$o/a.html" && fail "the page refers to the network"
grep -q '<link' "$o/a.html" && fail "the page links a stylesheet"
grep -q '<script src' "$o/a.html" && fail "the page loads a script"
grep -q 'data-cell="t4.review.total"' "$o/a.html" || fail "no outline of t4.review.total"
# --lang en renders the messages again in English
"$NIANBAO" report -q --lang en --today 2025-06-01 --html "$o/en.html" "$o/out"
grep -q 'Table 4' "$o/en.html" || fail "--lang en page has no English message"
# a folder that is not an output folder is a clear error
set +e
"$NIANBAO" report -q --html "$o/x.html" "$NB_TMP/no-such-dir" 2> "$o/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q 'documents.csv' "$o/err" || fail "report of a missing folder: exit $rc, $(cat "$o/err")"

# --state that cannot be read (no store in this build, or no such file) is a clear error naming it
set +e
"$NIANBAO" report -q --state "$o/no-such.db" --html "$o/s.html" "$o/out" 2> "$o/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q 'no-such.db' "$o/err" || fail "report --state of a missing state: exit $rc, $(cat "$o/err")"

need_browser() {
  skip "html_report: the page in a browser" "$1"
  exit 0
}
command -v node >/dev/null 2>&1 || need_browser "node is absent"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need_browser "chromium is absent"
# the screenshots stay after the run, for a person to look at
shots=${NB_TEST_OUT:-build/test-output}/html_report
browse() {   # page cells.csv screenshots-folder
  mkdir -p "$3"
  node tests/browser/report_test.mjs "$1" "$2" "$3" > "$3/browser.log" 2>&1 || { cat "$3/browser.log"; fail "$1 in the browser"; }
  for s in desktop-top desktop-filtered desktop-evidence phone-top phone-evidence; do
    [ -s "$3/$s.png" ] || fail "no screenshot $3/$s.png"
  done
}
# a small run: every report's section written open
browse "$o/a.html" "$o/out/cells.csv" "$shots/open"
# a large run (the sample corpus beside, over 40 reports): sections opened on demand, their
# findings and tables written by the page's script
set +e
"$NIANBAO" audit -q --today 2025-06-01 -o "$o/big" --html "$o/big.html" "$C/real" "$C/seed" corpus; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "audit --html of the large run exits $rc"
grep -q 'data-lazy' "$o/big.html" || fail "the large run's sections are not kept for on-demand display"
browse "$o/big.html" "$o/big/cells.csv" "$shots/lazy"
shots=$shots/open
# the dismissal made in the page keeps that finding out of the next run's count
"$NIANBAO" audit -q --today 2025-06-01 --waivers "$shots/waivers.csv" -o "$o/out2" "$C/real/2023_huaian_hongze_district_gov.pdf" && rc=0 || rc=$?
grep -F 'SUM-T4-ROW' "$o/out2/findings.csv" | grep -F ',review,total,' | grep -qF '机关已发布更正说明' || fail "the exported waiver did not waive the finding"
grep -F 'SUM-T4-ROW' "$o/out2/findings.csv" | grep -F ',suit_after_review,total,' | grep -qF '机关已发布更正说明' && fail "the waiver waived another finding"
[ "$rc" -eq 1 ] || fail "one error left unwaived: exit $rc, expected 1"
echo "# html_report: $(cat "$shots/browser.log" "$shots/../lazy/browser.log" | grep -c '^ok') browser checks passed (a small and a large run); screenshots in $(dirname "$shots")"
