#!/bin/sh
# tests/cli/audit.sh — `nianbao audit` and `extract` end to end on the real reports: the exact
# findings rows the issue names, grep-like exit status and --fail-on, messages in both languages,
# waivers (applied, expired), findings.jsonl one object per line, --bom, and same bytes twice.
set -eu
: "${NIANBAO:?}" "${NB_TMP:?}"
fail() { echo "FAIL: $*"; exit 1; }
. tests/skip.sh
# an empty directory inside the inputs is walked past, not a crash (found when ../shared was absent)
mkdir -p "$NB_TMP/walk/empty dir"
printf '某某局2023年政府信息公开工作年度报告\n一、总体情况\n' > "$NB_TMP/walk/a.txt"
"$NIANBAO" extract -q -o "$NB_TMP/walk-out" "$NB_TMP/walk" || fail "a directory holding an empty one"
[ "$(wc -l < "$NB_TMP/walk-out/documents.csv")" -eq 2 ] || fail "one input file expected in documents.csv"

C=${NB_SHARED:-../shared}/corpus
need_shared audit
seed=$C/seed/zhaoyuan-gxj-2023.txt
hz23=$C/real/2023_huaian_hongze_district_gov.pdf
pt20=$C/real/2020_pingtan_zone_gov.txt
o=$NB_TMP/audit

set +e
"$NIANBAO" audit -q --today 2025-06-01 --lang en -o "$o" "$seed" "$hz23" "$pt20"; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "audit with errors exits $rc, expected 1"
f=$o/findings.csv
head -1 "$f" | grep -qx 'file,sha256,rule,severity,table,row,col,page,expected,actual,message,waived' || fail "findings.csv header"
row() { grep -F "$1" "$f" | grep -F ",$2," | grep -qF "$3" || fail "missing finding: $1 $2 $3"; }
row zhaoyuan DATE-EARLY ',error,,,,'
for c in upheld corrected other pending total; do row zhaoyuan MISSING-CELL ",info,t4,review,$c,"; done
row 2023_huaian SUM-T4-ROW ',error,t4,review,total,4,11,0,'
row 2023_huaian SUM-T4-ROW ',error,t4,suit_after_review,total,4,5,0,'
row 2020_pingtan SUM-T3-OUTCOMES ',error,t3,total,natural,1,26,20,'
row 2020_pingtan SUM-T3-OUTCOMES ',error,t3,total,total,1,27,21,'
n=$(grep -c ',error,' "$f")
[ "$n" -eq 5 ] || fail "expected exactly 5 errors on these three reports, got $n"
grep -F 'SUM-T4-ROW' "$f" | grep -qF 'Table 4' || fail "--lang en message"

# one JSON object per line, as many as CSV rows
jl=$(wc -l < "$o/findings.jsonl")
cl=$(($(wc -l < "$f") - 1))
[ "$jl" -eq "$cl" ] || fail "findings.jsonl has $jl lines, findings.csv $cl rows"
grep -v '^{.*}$' "$o/findings.jsonl" && fail "a findings.jsonl line is not an object"

# --fail-on never: 0; an unreadable file: 2
"$NIANBAO" audit -q --fail-on never -o "$o" "$seed" || fail "--fail-on never should exit 0"
: > "$NB_TMP/empty.pdf"
set +e
"$NIANBAO" audit -q -o "$o" "$NB_TMP/empty.pdf" "$seed"; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "an unreadable file makes the exit status $rc, expected 2"
grep -qF 'empty.pdf' "$o/documents.csv" && grep -F 'empty.pdf' "$o/documents.csv" | grep -qF ',error,empty:' \
  || fail "documents.csv row for the empty file"
grep -qF 'zhaoyuan' "$o/cells.csv" || fail "the good file beside it was not processed"

# waivers: one in force marks its finding waived; an expired one does not
sha=$(grep -F zhaoyuan "$o/documents.csv" | cut -d, -f2)
printf 'rule,target,cell,reason,expires\nDATE-EARLY,%s,,signed early by a known typo,2099-12-31\nMISSING-CELL,招远市工业和信息化局+2023,,old,2020-01-01\n' "$sha" > "$NB_TMP/w.csv"
"$NIANBAO" audit -q --today 2025-06-01 --waivers "$NB_TMP/w.csv" -o "$o" "$seed" || fail "a waived error must not fail the run"
grep -F DATE-EARLY "$o/findings.csv" | grep -qF 'signed early by a known typo' || fail "waived finding marked"
grep -F MISSING-CELL "$o/findings.csv" | grep -qF ',old' && fail "expired waiver applied"

# same inputs, same bytes; --bom puts a BOM on CSV files only
"$NIANBAO" extract -q -o "$o/a" "$seed" "$hz23" "$pt20"
"$NIANBAO" extract -q -o "$o/b" "$seed" "$hz23" "$pt20"
for x in documents.csv cells.csv t2.csv t3.csv t4.csv datapackage.json; do
  cmp -s "$o/a/$x" "$o/b/$x" || fail "$x differs between two runs"
done
"$NIANBAO" extract -q --bom -o "$o/bom" "$seed"
[ "$(head -c 3 "$o/bom/cells.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "--bom"
[ "$(head -c 1 "$o/bom/datapackage.json")" = '{' ] || fail "datapackage.json must not get a BOM"
ls -a "$o/a" | grep -q '\.tmp' && fail "temporary files left behind"
echo "# audit: exact findings on the seed, 洪泽 2023 and 平潭 2020; exit 0/1/2; waivers; jsonl; same bytes twice; --bom"
