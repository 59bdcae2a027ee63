#!/bin/sh
# scripts/eval.sh — the evaluation harness behind `make eval` and `make eval-fast`.
#
#   scripts/eval.sh [--count N] [--seed S] [--kinds K,K,...] [--fast]
#
# 1. generates N reports into build/eval/gen with build/nbgen, in every kind: PDFs from three
#    producers (cairo `pdf`, LibreOffice `lo`, Chromium `chromium`), the text kinds and the word
#    processor files written directly (`docx`, `odt`); the office
#    conversions run at the end of nbgen, LibreOffice and Chromium side by side;
# 2. audits them: ./nianbao audit -o build/eval/out --today 2026-06-30 build/eval/gen/docs
#    (exit 1 only means findings were reported);
# 3. scores the output with build/nbeval (per kind, producer, font, size, pitch, producer × font and
#    variation tag) and writes build/eval/summary.json;
# 4. scores the real reports in ../shared/corpus against their hand-labelled truth
#    (../shared/corpus/truth, with tests/truth-allow.txt): tests/test_truth, built if needed.
# --fast: a fixed slice of 30 reports in the cairo, text, docx and odt kinds; exits non-zero when a
# cell is wrong while marked certain, missing, or uncertain outside a flat page's known ambiguity,
# or when finding recall or precision is below 100% (nbeval --strict: the gate `make test` calls);
# then 6 more (reports 31-36 of the same run) made by LibreOffice and Chromium, scored apart (see
# office_fast). When soffice or chromium is absent their part is left out and a line "skipped: …"
# says so.
# Each step's time is printed.
set -u
count=300
seed=20260630
fast=0
kinds=pdf,lo,chromium,layout,tsv,html,flat,docx,odt
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --kinds) kinds=$2; shift 2 ;;
    --fast) fast=1; count=30; seed=5; kinds=pdf,layout,tsv,html,flat,docx,odt; shift ;;
    *) echo "usage: scripts/eval.sh [--count N] [--seed S] [--kinds K,K,...] [--fast]" >&2; exit 2 ;;
  esac
done
today=2026-06-30
nianbao=${NIANBAO:-./nianbao}
top=build/eval
[ "$fast" = 1 ] && top=build/eval-fast
rm -rf "$top"
mkdir -p "$top"

# nbgen exits 3 when it left out a kind whose tool is not installed (it names the tool)
gen() {
  build/nbgen "$@" 2>>"$top/gen.log"
  rc=$?
  grep -v '^nbgen: [0-9]* reports' "$top/gen.log" | sed 's/^nbgen: //' | while IFS= read -r line; do
    case "$line" in
      *skipped*) echo "skipped: eval: $line" ;;
      *) echo "eval: $line" ;;
    esac
  done
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "eval: nbgen failed ($rc), see $top/gen.log" >&2; exit 2; }
}
# The fast slice's office part: reports 31-36 of the same run, made by LibreOffice and Chromium,
# audited and scored on their own, each line of the score prefixed "office: ". It gates (exit 1 on
# a wrong-but-certain cell or a missed injected defect) only with NB_EVAL_OFFICE_STRICT=1, until
# the readers hold on these producers (see /work/notes/producers-failures.md and docs/CORPUS.md).
office_fast() {
  o=$top/office
  mkdir -p "$o"
  t0=$(date +%s)
  gen --seed "$seed" --start "$count" --count 6 --out "$o/gen" --multi 0 --kinds lo,chromium
  [ -f "$o/gen/truth/documents.csv" ] || return 0
  "$nianbao" audit -q -o "$o/out" --today "$today" "$o/gen/docs" >"$o/audit.log" 2>&1
  ostrict=""
  [ "${NB_EVAL_OFFICE_STRICT:-0}" = 1 ] && ostrict=--strict
  build/nbeval --truth "$o/gen/truth" --out "$o/out" --summary "$o/summary.json" $ostrict >"$o/score.txt" 2>&1
  orc=$?
  sed 's/^/office: /' "$o/score.txt"
  echo "office: 6 reports by LibreOffice and Chromium in $(($(date +%s) - t0))s${ostrict:+ (gating)}"
  return $orc
}

start=$(date +%s)
gen --seed "$seed" --count "$count" --out "$top/gen" --multi 0.15 --kinds "$kinds"
gen_done=$(date +%s)

"$nianbao" audit -q -o "$top/out" --today "$today" "$top/gen/docs" >"$top/audit.log" 2>&1
rc=$?
audit_done=$(date +%s)
if [ "$rc" -gt 1 ]; then
  echo "eval: nianbao audit exited $rc (see $top/audit.log):" >&2
  tail -n 5 "$top/audit.log" >&2
fi
if [ ! -f "$top/out/cells.csv" ]; then
  echo "eval: no $top/out/cells.csv: nothing to score" >&2
  exit 2
fi
files=$(find "$top/gen/docs" -type f | wc -l)
echo "eval: $count reports ($files files) generated in $((gen_done - start))s, audited in $((audit_done - gen_done))s"
strict=""
[ "$fast" = 1 ] && strict=--strict
build/nbeval --truth "$top/gen/truth" --out "$top/out" --summary "$top/summary.json" --files "$top/files.csv" $strict
status=$?
echo "eval: scored in $(($(date +%s) - audit_done))s; total $(($(date +%s) - start))s"
if [ "$fast" = 1 ]; then
  office_fast || status=1
  exit $status
fi

# the real reports, against their hand-labelled truth (one comparison, tests/truth.h)
real=${NB_SHARED:-../shared}/corpus
if [ -d "$real/truth" ]; then
  echo "real reports against $real/truth (tests/test_truth):"
  make -s build/san/tests/test_truth >"$top/real-build.log" 2>&1 || { echo "eval: building tests/test_truth failed, see $top/real-build.log" >&2; exit 2; }
  build/san/tests/test_truth >"$top/real-truth.log" 2>&1 || status=1
  grep -E '^(#|  [^ ]+: )' "$top/real-truth.log" | grep -v '^  selftest: '   # the comparison's own self-test
else
  echo "skipped: eval: $real/truth not found: real reports not scored"
fi
exit $status
