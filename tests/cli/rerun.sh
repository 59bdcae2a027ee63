#!/bin/sh
# tests/cli/rerun.sh — nightly reruns with --state (issue 15) write the same bytes as a first run and
# as a run without the state, whatever -j: into the folder that holds the last run's outputs (they
# stay in place, not written again: same inodes), into another folder, with the findings across
# reports changed (only the files ending with them are made again), with an output file touched or
# an input edited (written again, still the same bytes as a run without the state); a run killed
# before or after the state's commit leaves state and outputs consistent, and the next run is right;
# a schema-1 state is migrated. Over the days (9): a kept result is reused on every day its findings
# stay the same and read again on the first day they would not (a date in the future reached, a
# waiver expired), with the bytes of a run without the state on that day; a schema-2 state (results
# kept for the day they were made) is migrated, and a newer one refused (10). Speed is measured by
# make bench (scripts/bench-rerun), not here.
set -eu
: "${NIANBAO:?}" "${NB_TMP:?}"
fail() { echo "FAIL: $*"; exit 1; }
R=${NB_SHARED:-../shared}/corpus/real
if [ ! -d "$R" ]; then echo "# rerun: skipped, $R is absent"; exit 0; fi
o=$NB_TMP/rerun
rm -rf "$o"; mkdir -p "$o/in"
OUTS="documents.csv cells.csv t2.csv t3.csv t4.csv findings.csv findings.jsonl metrics.csv datapackage.json"
audit() { "$NIANBAO" audit -q --lang en --today 2025-06-01 --roster "$o/roster.csv" "$@" && rc=0 || rc=$?; }
# same A B: every output of folder A is byte for byte folder B's
same() {
  for f in $OUTS; do cmp -s "$1/$f" "$2/$f" || fail "$3: $f differs between $1 and $2"; done
}
inodes() { for f in $OUTS; do stat -c '%n %i' "$1/$f"; done | sed 's|.*/||'; }
reused() { sed -n 's/.*files, \([0-9]*\) unchanged and reused.*/\1/p' "$1"; }

# the inputs: the Pingtan series, a copy of it under another agency's name (findings across
# reports), and the project's generated text reports
cp "$R"/20*_pingtan_zone_gov.txt "$o/in/"
sed -e 's/平潭综合实验区/南屿县人民政府/g' -e 's/平潭/南屿/g' "$R/2021_pingtan_zone_gov.txt" > "$o/in/2021_nanyu_copy.txt"
for f in corpus/docs/*.tsv corpus/docs/*.flat.txt; do cp "$f" "$o/in/"; done
printf 'agency,kind\n平潭综合实验区,government\n某县审计局,department\n' > "$o/roster.csv"
n=$(ls "$o/in" | wc -l)

# 1. a run without the state, and a first run with it: the same bytes
audit -j2 -o "$o/plain" "$o/in"
audit -j2 -o "$o/out" --state "$o/s.db" "$o/in" 2> "$o/err1"
same "$o/plain" "$o/out" "first run with --state"
grep -q ',COPY-OTHER-AGENCY,' "$o/out/findings.csv" || fail "no finding across reports to test the tail with"

# 2. reruns into the same folder, -j1 and -j2, nothing changed: the files stay (same inodes), the
# same bytes, every input reused, nothing new
inodes "$o/out" > "$o/ino1"
for j in 1 2; do
  "$NIANBAO" audit --lang en --today 2025-06-01 --roster "$o/roster.csv" -j$j -o "$o/out" --state "$o/s.db" "$o/in" \
    > /dev/null 2> "$o/err2" || true
  same "$o/plain" "$o/out" "rerun -j$j in place"
  inodes "$o/out" | grep -v datapackage > "$o/ino2"
  grep -v datapackage "$o/ino1" | cmp -s - "$o/ino2" || fail "rerun -j$j wrote its outputs again: $(diff "$o/ino1" "$o/ino2")"
  [ "$(reused "$o/err2")" = "$n" ] || fail "rerun -j$j: not all $n reused: $(cat "$o/err2")"
  grep -q 'findings: 0 new, 0 resolved' "$o/err2" || fail "rerun -j$j: $(cat "$o/err2")"
  [ "$(wc -l < "$o/out/findings-new.csv")" = 1 ] || fail "rerun -j$j: findings-new.csv is not empty"
done
"$NIANBAO" runs --state "$o/s.db" > "$o/runs"
awk -F'\t' 'NR==2 {f=$6} NR==4 && $6==f && $5==$4 {ok=1} END {exit !ok}' "$o/runs" ||
  fail "the rerun's findings count is not the first run's: $(cat "$o/runs")"

# 3. a rerun into another folder writes everything: the same bytes
audit -j2 -o "$o/other" --state "$o/s.db" "$o/in"
same "$o/plain" "$o/other" "rerun into another folder"

# 4. the findings across reports change (a threshold): findings.csv and findings.jsonl are made
# again, the documents' files stay; the same bytes as a run without the state with that threshold
audit -j2 -o "$o/plain99" --copy-other-agency 0.999 "$o/in"
cmp -s "$o/plain/findings.csv" "$o/plain99/findings.csv" && fail "the threshold changes nothing"
inodes "$o/other" > "$o/ino3"
audit -j1 -o "$o/other" --copy-other-agency 0.999 --state "$o/s.db" "$o/in"
same "$o/plain99" "$o/other" "rerun with the findings across reports changed"
inodes "$o/other" > "$o/ino4"
[ "$(grep cells.csv "$o/ino3")" = "$(grep cells.csv "$o/ino4")" ] || fail "cells.csv written again for a new tail"
[ "$(grep 'findings.csv' "$o/ino3")" != "$(grep 'findings.csv' "$o/ino4")" ] || fail "findings.csv not made again"
audit -j2 -o "$o/other" --state "$o/s.db" "$o/in"
same "$o/plain" "$o/other" "rerun with the findings across reports changed back"
# the findings across reports were worked out from the same summaries last time: written again, not
# worked out again
"$NIANBAO" audit -v --lang en --today 2025-06-01 --roster "$o/roster.csv" -o "$o/other-v" --state "$o/s.db" "$o/in" \
  2> "$o/err3" > /dev/null || true
grep -q 'the same inputs as the last run, its findings reused' "$o/err3" || fail "the stage was worked out again: $(tail -3 "$o/err3")"
# and the outputs of the last run, in another folder, are still as it left them: copied from there
grep -q "the outputs are those in .*/other: copied from there" "$o/err3" || fail "the outputs were not copied: $(tail -3 "$o/err3")"
same "$o/plain" "$o/other-v" "rerun into another folder, the stage replayed"

# 5. an output file changed by someone (same size, another mtime) is written again
printf 'X' | dd of="$o/out/t2.csv" bs=1 seek=0 conv=notrunc 2> /dev/null
audit -j2 -o "$o/out" --state "$o/s.db" "$o/in"
same "$o/plain" "$o/out" "rerun after t2.csv was edited"

# 6. an input edited: read again, the rest reused; the same bytes as a run without the state
sed -e 's/本年度全区共收到70件申请/本年度全区共收到71件申请/' "$o/in/2021_pingtan_zone_gov.txt" > "$o/edited"
mv "$o/edited" "$o/in/2021_pingtan_zone_gov.txt"
audit -j2 -o "$o/plain2" "$o/in"
audit -j2 -o "$o/out" --state "$o/s.db" "$o/in" 2> "$o/err6" || true
"$NIANBAO" audit -q --lang en --today 2025-06-01 --roster "$o/roster.csv" -j2 -o "$o/out" --state "$o/s.db" "$o/in" \
  2> /dev/null || true
same "$o/plain2" "$o/out" "rerun after an input was edited"

# 7. killed before the state's commit and between the commit and the renames (the test hook), in a
# run that reads one edited input: the state and the outputs stay consistent; the next run is right
for at in state-commit state-renames; do
  sed -e 's/本年度全区共收到71件申请/本年度全区共收到72件申请/' "$o/in/2021_pingtan_zone_gov.txt" > "$o/edited"
  mv "$o/edited" "$o/in/2021_pingtan_zone_gov.txt"
  audit -j2 -o "$o/plain3" "$o/in"
  cp -r "$o/out" "$o/before"
  runs_before=$("$NIANBAO" runs --state "$o/s.db" | wc -l)
  NIANBAO_TEST_FAULT="abort:<$at>" "$NIANBAO" audit -q --lang en --today 2025-06-01 --roster "$o/roster.csv" \
    -o "$o/out" --state "$o/s.db" "$o/in" > /dev/null 2>&1 && fail "the fault at $at did not stop the run"
  same "$o/before" "$o/out" "outputs after a run killed at $at"
  runs_after=$("$NIANBAO" runs --state "$o/s.db" | wc -l)
  if [ $at = state-commit ]; then
    [ "$runs_after" = "$runs_before" ] || fail "a run killed before its commit changed the state"
  else
    [ "$runs_after" = $((runs_before + 1)) ] || fail "a run killed after its commit is not in the state"
  fi
  audit -j2 -o "$o/out" --state "$o/s.db" "$o/in" 2> "$o/err7"
  same "$o/plain3" "$o/out" "the run after one killed at $at"
  rm -rf "$o/before"
done

# 8. a state written by schema 1 (before the rows had a table of their own) is migrated
if command -v python3 > /dev/null 2>&1; then
  python3 - "$o/v1.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""
CREATE TABLE runs(id INTEGER PRIMARY KEY, started TEXT, finished TEXT, version TEXT, catalog TEXT,
 options TEXT, files INTEGER, reused INTEGER, findings INTEGER, new INTEGER, resolved INTEGER);
CREATE TABLE files(path TEXT PRIMARY KEY, sha256 TEXT, size INTEGER, mtime_ns INTEGER, version TEXT,
 catalog TEXT, options TEXT, run INTEGER, rows BLOB, line TEXT);
CREATE TABLE findings(key TEXT PRIMARY KEY, path TEXT, rule TEXT, tbl TEXT, row TEXT, col TEXT, csv BLOB,
 first_run INTEGER, last_run INTEGER, open INTEGER);
CREATE TABLE changes(run INTEGER, kind INTEGER, key TEXT, path TEXT, rule TEXT, tbl TEXT, row TEXT,
 col TEXT, csv BLOB);
CREATE INDEX changes_run ON changes(run);
CREATE INDEX changes_key ON changes(key, run);
INSERT INTO runs VALUES(1, 'a', 'b', 'old', 'c', 'o', 1, 0, 2, 2, 0);
INSERT INTO files VALUES('gone.txt', 'ab', 1, 1, 'old', 'c', 'o', 1, x'0102', NULL);
INSERT INTO findings VALUES('k1', 'gone.txt', 'YEAR-CARRYOVER', 't3', 'carried', 'total', 'x', 1, 1, 1);
INSERT INTO findings VALUES('k2', 'gone.txt', 'MISSING-CELL', 't3', 'new', 'total', 'y', 1, 1, 1);
PRAGMA user_version=1;
""")
c.commit()
EOF
  audit -o "$o/v1out" --state "$o/v1.db" "$o/in/2019_pingtan_zone_gov.txt" || true
  [ "$rc" != 2 ] || fail "a schema-1 state is not migrated"
  python3 - "$o/v1.db" <<'EOF' || fail "the migration from schema 1"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("PRAGMA user_version").fetchone()[0] == 3
assert c.execute("SELECT rows FROM file_rows WHERE path='gone.txt'").fetchone()[0] == b'\x01\x02'
assert c.execute("SELECT cross FROM findings WHERE key='k1'").fetchone()[0] == 1
assert c.execute("SELECT cross FROM findings WHERE key='k2'").fetchone()[0] == 0
EOF
fi

# 9. over the days. The inputs: the Pingtan series and a copy of 2021 under another name published on
# 2025-06-03 (DATE-FUTURE until that day, its message naming today; DATE-LATE, waived until
# 2025-06-04). Each day's rerun has the bytes of a run without the state that day; the copy alone is
# read again on the days its findings change (06-02: today in the message; 06-03: no longer in the
# future; 06-05: the waiver expired), and on the other days (06-04, 06-06) every input is reused and
# the outputs stay in place.
d=$o/days
mkdir -p "$d/in"
cp "$R"/20*_pingtan_zone_gov.txt "$d/in/"
sed -e 's/平潭综合实验区/南屿县人民政府/g' -e 's/平潭/南屿/g' -e 's/时间: *2022-02-08/时间: 2025-06-03/' -e 's/时间：2022-02-08/时间：2025-06-03/' \
  "$R/2021_pingtan_zone_gov.txt" > "$d/in/2021_nanyu_future.txt"
nd=$(ls "$d/in" | wc -l)
printf 'rule,target,cell,reason,expires\nDATE-LATE,%s,,test,2025-06-04\n' \
  "$(sha256sum "$d/in/2021_nanyu_future.txt" | cut -c1-64)" > "$d/waivers.csv"
# day DAY OUT [ARGS]: an audit judged on DAY
day() {
  dd=$1 out=$2; shift 2
  "$NIANBAO" audit --lang en --today "$dd" --roster "$o/roster.csv" --waivers "$d/waivers.csv" -j2 -o "$out" "$@" \
    "$d/in" > /dev/null 2> "$d/err" || true
}
# judged DAY REUSED: the rerun on DAY reused REUSED inputs and wrote what a run without the state writes
judged() {
  day "$1" "$d/plain-$1"
  day "$1" "$d/out" --state "$d/s.db"
  same "$d/plain-$1" "$d/out" "the rerun on $1"
  [ "$(reused "$d/err")" = "$2" ] || fail "the rerun on $1 reused $(reused "$d/err") inputs, not $2: $(cat "$d/err")"
}
differ() { cmp -s "$d/plain-$1/findings.csv" "$d/plain-$2/findings.csv" && fail "the findings of $1 and $2 are the same"; :; }
judged 2025-06-01 0
grep -q 'DATE-FUTURE.*2021_nanyu_future\|2021_nanyu_future.*DATE-FUTURE' "$d/out/findings.csv" || fail "no DATE-FUTURE to test the days with"
judged 2025-06-02 $((nd - 1)); differ 2025-06-01 2025-06-02
judged 2025-06-03 $((nd - 1)); differ 2025-06-02 2025-06-03
inodes "$d/out" | grep -v datapackage > "$d/ino1"
judged 2025-06-04 "$nd"
inodes "$d/out" | grep -v datapackage | cmp -s - "$d/ino1" || fail "the rerun on 2025-06-04 wrote its outputs again"
judged 2025-06-05 $((nd - 1)); differ 2025-06-04 2025-06-05
judged 2025-06-06 "$nd"
# a day before those the copy was judged for: read again
judged 2025-06-02 $((nd - 1))

# 10. schema 2 kept a result for the day it was made (" now=DAY" in its options, --today's " today=DAY"
# too): migrated, it is reused that day and read again the next; a schema newer than this build's is
# refused
if command -v python3 > /dev/null 2>&1; then
  judged 2025-06-06 $((nd - 1))
  python3 - "$d/s.db" <<'EOF' || fail "making a schema-2 state"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""
UPDATE files SET options = replace(options, ' ocr=', ' today=2025-06-06 now=2025-06-06 ocr=');
DROP INDEX files_reuse;
ALTER TABLE files DROP COLUMN today_from;
ALTER TABLE files DROP COLUMN today_until;
DROP TABLE stage;
PRAGMA user_version=2;
""")
c.commit()
EOF
  judged 2025-06-06 "$nd"
  python3 - "$d/s.db" <<'EOF' || fail "the migration from schema 2"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("PRAGMA user_version").fetchone()[0] == 3
assert c.execute("SELECT count(*) FROM files WHERE options LIKE '%now=%' OR options LIKE '%today=%'").fetchone()[0] == 0
# 2025-06-06 is day 20245 from 1970-01-01
assert c.execute("SELECT count(*) FROM files WHERE today_from = 20245 AND today_until = 20246").fetchone()[0] >= 1
EOF
  judged 2025-06-07 0
  judged 2025-06-08 "$nd"
  cp "$d/s.db" "$d/newer.db"
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=4'); c.commit()" "$d/newer.db"
  day 2025-06-08 "$d/newer" --state "$d/newer.db"
  grep -q 'newer nianbao (schema 4 > 3)' "$d/err" || fail "a schema-4 state: $(cat "$d/err")"
fi

# 11. the rules about one document ask about today only through nb_today_* (rules/audit_opts.h),
# which record the days their verdicts hold over: one that read the day itself would be reused on
# days it should not
if grep -n 'today_[ymd]' rules/*.c cmd/audit.c cmd/pipeline.c | grep -v '^rules/audit_opts.c:'; then
  fail "a rule reads today itself, not through nb_today_* (the state would reuse it on the wrong days)"
fi
echo "# rerun: $n reports; reruns in place, elsewhere, with a new tail, after edits and kills, over the days: same bytes"
