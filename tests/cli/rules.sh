#!/bin/sh
# tests/cli/rules.sh — `nianbao rules` lists the whole catalog in either language; `nianbao explain`
# prints a rule's page (any case of the ID) and exits 2 on an unknown ID or a missing one.
set -eu
: "${NIANBAO:?}"
fail() { echo "FAIL: $*"; exit 1; }

out=$("$NIANBAO" rules --lang en)
n=$(printf '%s\n' "$out" | grep -c -E '^(SUM|MISSING|DATE|PROSE|EXTRACT|YEAR|COPY|ROSTER)-')
[ "$n" -eq 40 ] || fail "rules lists $n rules, expected 40"
printf '%s\n' "$out" | grep -q '^SUM-T4-ROW  *error  *Table 4: a row' || fail "rules --lang en: SUM-T4-ROW line"
"$NIANBAO" rules --lang zh | grep -q '^DATE-EARLY  *error  *落款日期早于报告年度结束' || fail "rules --lang zh: DATE-EARLY line"

page=$("$NIANBAO" explain date-late --lang en)
for want in 'DATE-LATE' 'severity: warning' 'description:' 'message template:' 'example:' '{deadline}'; do
  printf '%s\n' "$page" | grep -qF -- "$want" || fail "explain date-late lacks '$want'"
done

set +e
"$NIANBAO" explain NO-SUCH-RULE --lang en >/dev/null 2>"$NB_TMP/explain.err"; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "explain of an unknown ID exits $rc, expected 2"
grep -q "no rule 'NO-SUCH-RULE'" "$NB_TMP/explain.err" || fail "explain of an unknown ID: message"
set +e
"$NIANBAO" explain --lang en >/dev/null 2>&1; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "explain without an ID exits $rc, expected 2"
echo "# rules: 40 rules listed; explain prints a page and refuses unknown IDs"
