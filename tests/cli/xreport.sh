#!/bin/sh
# tests/cli/xreport.sh — the rules across reports and the nightly state, end to end: the Pingtan
# series (2019–2023, its carry-overs agree) gives no YEAR- finding; edited copies of it (in a
# scratch folder, never kept) give each YEAR-, COPY- and ROSTER- finding; a second run over
# unchanged files reuses every one and finds nothing new; fixing a file resolves its findings;
# `runs` and `diff` list them; a state from a newer nianbao is refused and a state held by another
# run makes the second one fail clearly after --busy-timeout.
set -eu
: "${NIANBAO:?}" "${NB_TMP:?}"
fail() { echo "FAIL: $*"; exit 1; }
R=${NB_SHARED:-../shared}/corpus/real
if [ ! -d "$R" ]; then echo "# xreport: skipped, $R is absent"; exit 0; fi
o=$NB_TMP/xreport
rm -rf "$o"; mkdir -p "$o/in"
audit() { "$NIANBAO" audit -q --lang en --today 2025-06-01 "$@" && rc=0 || rc=$?; }
rule_count() { grep -c ",$2," "$1/findings.csv" || true; }

# 1. the real series: carry-overs agree, nothing across reports
audit -o "$o/real" "$R"/20*_pingtan_zone_gov.txt
for r in YEAR-CARRYOVER YEAR-IN-FORCE YEAR-DUPLICATE COPY-LAST-YEAR COPY-OTHER-AGENCY; do
  [ "$(rule_count "$o/real" $r)" = 0 ] || fail "the Pingtan series gives $r: $(grep ",$r," "$o/real/findings.csv")"
done
[ -s "$o/real/metrics.csv" ] || fail "no metrics.csv"
grep -F '2021_pingtan_zone_gov.txt' "$o/real/metrics.csv" | grep -q ',2021,2021,70,0.5072,0.1159,0.3623,0.0000,0.0000,' ||
  fail "2021 metrics: $(grep -F 2021_pingtan "$o/real/metrics.csv")"

# 2. edited copies: a 2022 report rewritten from 2021 (years changed, its carry-over and in-force
# counts not continued), another agency's report made from 2021 by swapping the name, and a second,
# different 2021 report
# (the 2021 report's normative-documents row prints 693665, glued: read with doubt, left empty; the
# copies print it spaced so that YEAR-IN-FORCE has numbers to compare)
cp "$R"/20*_pingtan_zone_gov.txt "$o/in/"
sed -e 's/行政规范性文件693665/行政规范性文件 69 3 665/' "$R/2021_pingtan_zone_gov.txt" > "$o/in/2021_pingtan_zone_gov.txt"
sed -e 's/2021/2022/g' -e 's/2020/2021/g' -e 's/行政规范性文件 69 3 665/行政规范性文件 120 0 665/' \
    "$o/in/2021_pingtan_zone_gov.txt" > "$o/in/2022_pingtan_rewritten.txt"
sed -e 's/平潭综合实验区/南屿县人民政府/g' -e 's/平潭/南屿/g' -e 's/我区/我县/g' "$o/in/2021_pingtan_zone_gov.txt" > "$o/in/2021_nanyu_copy.txt"
sed -e 's/本年度全区共收到70件申请/本年度全区共收到71件申请/' -e 's/640020470/650020471/' \
    "$o/in/2021_pingtan_zone_gov.txt" > "$o/in/2021_pingtan_second.txt"
cp "$o/in/2021_pingtan_zone_gov.txt" "$o/in/2021_pingtan_same_bytes.txt"
printf 'agency,kind,deadline,parent,aliases\n平潭综合实验区,government,,福建省,平潭综合实验区管委会|平潭县\n某县审计局,department,02-15,,\n' > "$o/roster.csv"
audit -o "$o/out" --roster "$o/roster.csv" --state "$o/state.db" "$o/in"
[ "$rc" = 1 ] || fail "audit exits $rc, expected 1"
grep ',YEAR-CARRYOVER,' "$o/out/findings.csv" | grep -F '2022_pingtan_rewritten.txt' | grep -q ',t3,carried,total,' ||
  fail "no YEAR-CARRYOVER on the 2022 copy: $(grep YEAR- "$o/out/findings.csv")"
grep ',YEAR-CARRYOVER,' "$o/out/findings.csv" | grep -F '2022_pingtan_rewritten.txt' | grep -q ',1,0,' ||
  fail "YEAR-CARRYOVER expected 1 (2021 carried forward), actual 0"
grep ',YEAR-IN-FORCE,' "$o/out/findings.csv" | grep -F '2022_pingtan_rewritten.txt' | grep -q ',t2,normative,in_force,' ||
  fail "no YEAR-IN-FORCE: $(grep YEAR-IN "$o/out/findings.csv")"
grep ',YEAR-IN-FORCE,' "$o/out/findings.csv" | grep -q ',785,665,' || fail "YEAR-IN-FORCE: expected 665+120-0=785"
grep ',YEAR-DUPLICATE,' "$o/out/findings.csv" | grep -F '2021_pingtan_second.txt' | grep -qF '2021_pingtan_zone_gov.txt' ||
  fail "no YEAR-DUPLICATE between the two 2021 reports"
grep ',YEAR-DUPLICATE,' "$o/out/findings.csv" | grep -F 'same_bytes' | grep -qF 'zone_gov.txt,' &&
  fail "the same bytes twice is a YEAR-DUPLICATE"
grep ',COPY-LAST-YEAR,' "$o/out/findings.csv" | grep -F '2022_pingtan_rewritten.txt' | grep -qF '2021_pingtan' ||
  fail "no COPY-LAST-YEAR on the rewritten report"
grep ',COPY-OTHER-AGENCY,' "$o/out/findings.csv" | grep -F '2021_nanyu_copy.txt' | grep -qF '2021_pingtan' ||
  fail "no COPY-OTHER-AGENCY on the copy with the name swapped"
grep ',COPY-' "$o/out/findings.csv" | grep -qF '2019_pingtan_zone_gov.txt,' && fail "a COPY- finding on the 2019 report"
grep ',ROSTER-MISSING,' "$o/out/findings.csv" | grep -q '某县审计局' || fail "no ROSTER-MISSING for 某县审计局"
grep ',ROSTER-MISSING,' "$o/out/findings.csv" | grep -q ',2022,某县审计局,' || fail "ROSTER-MISSING names no year"
grep ',ROSTER-MISSING,' "$o/out/findings.csv" | grep -q '平潭综合实验区,' && fail "ROSTER-MISSING for an agency that reported"
grep ',ROSTER-UNLISTED,' "$o/out/findings.csv" | grep -q '2021_nanyu_copy.txt' || fail "no ROSTER-UNLISTED for the unlisted agency"
[ "$(grep -c ',ROSTER-UNLISTED,' "$o/out/findings.csv")" = 1 ] || fail "ROSTER-UNLISTED on a listed agency"
[ -f "$o/out/findings-new.csv" ] && [ -f "$o/out/findings-resolved.csv" ] || fail "no findings-new/resolved.csv"
[ "$(($(wc -l < "$o/out/findings-new.csv")))" = "$(($(wc -l < "$o/out/findings.csv")))" ] || fail "first run: every finding is new"
[ ! -e "$o/out/.xreport.tsv.partial" ] && [ ! -e "$o/out/xreport.tsv" ] || fail "the stage's working file is left"

# the same run in two shards, merged (folders and --jsonl records): the same findings across reports
for k in 1 2; do
  audit -o "$o/sh$k" --roster "$o/roster.csv" --shard $k/2 --jsonl "$o/sh$k.jsonl" "$o/in"
done
[ -f "$o/sh1/xreport.tsv" ] || fail "a shard does not keep its summaries for the merge"
"$NIANBAO" merge -q --lang en --today 2025-06-01 --roster "$o/roster.csv" -o "$o/merged" "$o/sh1" "$o/sh2" || true
cmp -s "$o/out/findings.csv" "$o/merged/findings.csv" || fail "merged shards' findings differ from one run's"
cmp -s "$o/out/metrics.csv" "$o/merged/metrics.csv" || fail "merged shards' metrics differ"
[ ! -e "$o/merged/xreport.tsv" ] || fail "the merge left its summaries"
"$NIANBAO" merge -q --lang en --today 2025-06-01 --roster "$o/roster.csv" --from-jsonl -o "$o/mergedj" "$o/sh1.jsonl" "$o/sh2.jsonl" || true
cmp -s "$o/out/findings.csv" "$o/mergedj/findings.csv" || fail "records merged: findings differ from one run's"

# waivers cover findings across reports as they do a report's own: by the report's sha256 or
# agency+year (ROSTER-MISSING: the roster's agency and the missing year), rule or family prefix, cell
copy_sha=$(sha256sum "$o/in/2021_nanyu_copy.txt" | cut -d' ' -f1)
printf 'rule,target,cell,reason,expires\nCOPY-*,%s,,written from the zone'"'"'s template on purpose,\nROSTER-MISSING,某县审计局+2022,,merged into the county office,\nYEAR-CARRYOVER,%s,t3.carried.natural,that column only,\nCOPY-LAST-YEAR,%s,,expired,2020-01-01\n' \
  "$copy_sha" "$(sha256sum "$o/in/2022_pingtan_rewritten.txt" | cut -d' ' -f1)" \
  "$(sha256sum "$o/in/2022_pingtan_rewritten.txt" | cut -d' ' -f1)" > "$o/waivers.csv"
audit -o "$o/waived" --roster "$o/roster.csv" --waivers "$o/waivers.csv" "$o/in"
grep ',COPY-OTHER-AGENCY,' "$o/waived/findings.csv" | grep -F '2021_nanyu_copy.txt' | grep -qF "on purpose" ||
  fail "a waiver by sha256 and family does not cover COPY-OTHER-AGENCY: $(grep COPY-OTHER "$o/waived/findings.csv")"
grep ',ROSTER-MISSING,' "$o/waived/findings.csv" | grep ',2022,某县审计局,' | grep -q 'merged into the county office' ||
  fail "a waiver by agency+year does not cover ROSTER-MISSING"
grep ',ROSTER-MISSING,' "$o/waived/findings.csv" | grep ',2021,某县审计局,' | grep -q 'merged into' &&
  fail "the 2022 waiver covers the 2021 ROSTER-MISSING"
grep ',YEAR-CARRYOVER,' "$o/waived/findings.csv" | grep -F 2022_pingtan_rewritten | grep ',carried,natural,' | grep -q 'that column only' ||
  fail "a waiver for a cell does not cover it"
grep ',YEAR-CARRYOVER,' "$o/waived/findings.csv" | grep ',carried,total,' | grep -q 'that column only' && fail "a waiver for another cell applies"
grep ',COPY-LAST-YEAR,' "$o/waived/findings.csv" | grep -q 'expired' && fail "an expired waiver applies"
[ "$(grep -c . "$o/waived/findings.csv")" = "$(grep -c . "$o/out/findings.csv")" ] || fail "waived findings are dropped"
[ "$(grep -c "on purpose\|county office\|that column only" "$o/waived/findings.csv")" = 3 ] || fail "expected 3 waived findings"
# the same through shards merged with the same waivers
for k in 1 2; do audit -o "$o/wsh$k" --roster "$o/roster.csv" --waivers "$o/waivers.csv" --shard $k/2 "$o/in"; done
"$NIANBAO" merge -q --lang en --today 2025-06-01 --roster "$o/roster.csv" --waivers "$o/waivers.csv" -o "$o/wmerged" "$o/wsh1" "$o/wsh2" || true
cmp -s "$o/waived/findings.csv" "$o/wmerged/findings.csv" || fail "waived: merged shards' findings differ from one run's"

# 3. the next night, nothing changed: every file reused, nothing new
audit -o "$o/out2" --roster "$o/roster.csv" --state "$o/state.db" "$o/in" 2> "$o/err" || true
cmp -s "$o/out/findings.csv" "$o/out2/findings.csv" || fail "the rerun's findings differ"
cmp -s "$o/out/cells.csv" "$o/out2/cells.csv" || fail "the rerun's cells differ"
[ "$(wc -l < "$o/out2/findings-new.csv")" = 1 ] || fail "rerun: new findings $(cat "$o/out2/findings-new.csv")"
"$NIANBAO" runs --state "$o/state.db" > "$o/runs"
awk -F'\t' 'NR==3 && $4==$5 && $4==8 {ok=1} END {exit !ok}' "$o/runs" || fail "rerun did not reuse all 8 files: $(cat "$o/runs")"
# 4. the 2022 report fixed: its carry-over and in-force findings are resolved
sed -e 's/二、上年结转政府信息公开申请数量0000000/二、上年结转政府信息公开申请数量1000001/' -e 's/行政规范性文件 120 0 665/行政规范性文件 120 0 785/' \
    "$o/in/2022_pingtan_rewritten.txt" > "$o/fixed" && mv "$o/fixed" "$o/in/2022_pingtan_rewritten.txt"
"$NIANBAO" audit --lang en --today 2025-06-01 -o "$o/out3" --roster "$o/roster.csv" --state "$o/state.db" "$o/in" 2> "$o/err3" || true
grep -q ',YEAR-CARRYOVER,' "$o/out3/findings-resolved.csv" || fail "the fixed carry-over is not resolved: $(cat "$o/out3/findings-resolved.csv")"
grep -q ',YEAR-IN-FORCE,' "$o/out3/findings-resolved.csv" || fail "the fixed in-force count is not resolved"
grep ',YEAR-CARRYOVER,' "$o/out3/findings.csv" | grep -q '^[^,]*2022_pingtan' && fail "YEAR-CARRYOVER still raised after the fix"
grep -Eq 'run 3: 8 files, 7 unchanged and reused; findings: [0-9]+ new, 3 resolved' "$o/err3" || fail "stderr does not say the counts: $(cat "$o/err3")"
"$NIANBAO" diff --state "$o/state.db" 1 3 > "$o/diff"
grep -q '^-.*,YEAR-CARRYOVER,' "$o/diff" || fail "diff 1 3 does not show the resolved carry-over"
"$NIANBAO" report -q --lang en --state "$o/state.db" --html "$o/page.html" "$o/out3" || fail "report --state fails"
grep -q 'YEAR-CARRYOVER' "$o/page.html" || fail "the page does not list the resolved finding"

# the page's plots across years take the years this run has not from the state
audit -o "$o/h1" --state "$o/h.db" "$R/2019_pingtan_zone_gov.txt" "$R/2020_pingtan_zone_gov.txt"
audit -o "$o/h2" --state "$o/h.db" --html "$o/h.html" "$R/2021_pingtan_zone_gov.txt" "$R/2023_pingtan_zone_gov.txt"
grep -q 'come from the state' "$o/h.html" || fail "the plots across years do not use the state"
sed -n '/id="years"/,$p' "$o/h.html" | grep -q '>2019<' || fail "2019, from the state, is not on the plot"

# 5. a state from a newer nianbao is refused; a state held by another run fails after the timeout
if command -v python3 >/dev/null 2>&1; then
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=99'); c.commit()" "$o/new.db"
  audit -o "$o/out4" --state "$o/new.db" "$o/in/2021_nanyu_copy.txt" 2> "$o/err4" || true
  [ "$rc" = 2 ] && grep -q 'newer nianbao' "$o/err4" || fail "a newer state: exit $rc, $(cat "$o/err4")"
  python3 -c "
import sqlite3,sys,time
c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE'); open(sys.argv[2],'w').close(); time.sleep(4)" "$o/state.db" "$o/locked" &
  lock=$!
  while [ ! -e "$o/locked" ]; do sleep 0.1; done
  audit -o "$o/out5" --busy-timeout 300 --state "$o/state.db" "$o/in/2021_nanyu_copy.txt" 2> "$o/err5" || true
  wait $lock
  [ "$rc" = 2 ] && grep -q 'another run' "$o/err5" || fail "a held state: exit $rc, $(cat "$o/err5")"
  "$NIANBAO" runs --state "$o/state.db" | tail -n +2 | wc -l | grep -qx 3 || fail "the failed runs changed the state"
fi
# 6. the test bed of `make xeval` (scripts/xseries.py), small: every report's six parts are found in
# its own heading style (nbgen prints 一、 一． 第一部分 （一） 1.; a rewrite or a copy does not mix two),
# YEAR-IN-FORCE is owed only where table 2 has the 2021 format's 现行有效件数 column, and nianbao scores
# 1.000 on every rule, every rewrite 1.00 similar to last year's (its counts changed in digits and in
# Chinese)
bed=$o/bed
if command -v python3 >/dev/null 2>&1; then
  python3 scripts/xseries.py --nbgen "${NBGEN:-build/nbgen}" --seed 16 --agencies 12 --copy-rate 0.5 \
      --rewrite-rate 0.5 --out "$bed" > "$o/bed.log" 2>&1 || fail "xseries: $(tail -1 "$o/bed.log")"
  python3 - "$bed" <<'PY' || fail "the test bed is wrong (above)"
import csv, os, re, sys
sys.path.insert(0, "scripts")
from xseries import find_parts
d = sys.argv[1]
bad = 0
for name in sorted(os.listdir(os.path.join(d, "docs"))):
    lines = open(os.path.join(d, "docs", name), encoding="utf-8").read().split("\n")
    if sorted(find_parts(lines)) != [1, 2, 3, 4, 5, 6]:
        print("FAIL: %s: parts %s" % (name, sorted(find_parts(lines))))
        bad += 1
rules = {}
for r in csv.DictReader(open(os.path.join(d, "truth", "xfindings.csv"), encoding="utf-8")):
    rules[r["rule"]] = rules.get(r["rule"], 0) + 1
    if r["rule"] == "YEAR-IN-FORCE":
        text = open(r["file"], encoding="utf-8").read()
        if not re.search(r"\t\s*现行有效件数\s*$", text, re.M):
            print("FAIL: %s owes YEAR-IN-FORCE without the 2021 table 2" % r["file"])
            bad += 1
for rule in ("YEAR-CARRYOVER", "YEAR-DUPLICATE", "COPY-LAST-YEAR", "COPY-OTHER-AGENCY", "ROSTER-MISSING"):
    if not rules.get(rule):
        print("FAIL: the bed owes no %s" % rule)
        bad += 1
sys.exit(1 if bad else 0)
PY
  python3 scripts/xeval.py --nianbao "$NIANBAO" --dir "$bed" > "$o/bed.txt" || fail "xeval fails"
  rows=$(grep -cE '^\| (YEAR|COPY|ROSTER)-[A-Z-]+ \| [0-9]+ \| [0-9]+ \| [0-9]+ \| 1\.000 \| 1\.000 \|$' "$o/bed.txt")
  [ "$rows" = 7 ] || fail "the bed's scores: $(head -10 "$o/bed.txt")"
  sims=$(grep ',COPY-LAST-YEAR,' "$bed/out/findings.csv" | awk -F, '{print $10}' | sort -u | tr '\n' ' ')
  [ "$sims" = "1.00 " ] || fail "rewrites not 1.00 similar to last year's: $sims"
fi
echo "# xreport: $(grep -c , "$o/out/findings.csv") findings over $(ls "$o/in" | wc -l) reports; rerun reused $(awk -F'\t' 'NR==3{print $5}' "$o/runs")"
