#!/bin/sh
# scripts/eval.sh — the evaluation harness behind `make eval` and `make eval-fast`.
#
#   scripts/eval.sh [--count N] [--seed S] [--fast]
#
# 1. generates N reports (all kinds) into build/eval/gen with build/nbgen;
# 2. audits them: ./nianbao audit -o build/eval/out --today 2026-06-30 build/eval/gen/docs
#    (exit 1 only means findings were reported);
# 3. scores the output with build/nbeval and writes build/eval/summary.json;
# 4. audits the real reports in ../shared/corpus and scores them against tests/golden/<name>.cells.csv
#    where those exist.
# --fast: a fixed slice of 30 reports; exits non-zero when a cell is wrong while marked certain or a
# finding of an injected defect is missed (the gate `make test` calls).
set -u
count=300
seed=20260630
fast=0
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --fast) fast=1; count=30; seed=5; shift ;;
    *) echo "usage: scripts/eval.sh [--count N] [--seed S] [--fast]" >&2; exit 2 ;;
  esac
done
today=2026-06-30
nianbao=${NIANBAO:-./nianbao}
top=build/eval
[ "$fast" = 1 ] && top=build/eval-fast
rm -rf "$top"
mkdir -p "$top"

start=$(date +%s)
build/nbgen --seed "$seed" --count "$count" --out "$top/gen" --multi 0.15 --kinds pdf,layout,tsv,html,flat,docx,odt || exit 2
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
echo "eval: $count reports generated in $((gen_done - start))s, audited in $((audit_done - gen_done))s"
strict=""
[ "$fast" = 1 ] && strict=--strict
build/nbeval --truth "$top/gen/truth" --out "$top/out" --summary "$top/summary.json" $strict
status=$?
[ "$fast" = 1 ] && exit $status

# the real reports, against the lead's golden files
real=../shared/corpus
if [ -d "$real" ]; then
  "$nianbao" audit -q -o "$top/real-out" --today "$today" "$real/real" "$real/seed" >"$top/real-audit.log" 2>&1
  build/nbeval --golden tests/golden --out "$top/real-out" --summary "$top/real-summary.json"
else
  echo "eval: $real not found: real reports skipped"
fi
exit $status
