#!/bin/sh
# tests/cli/truth_edit.sh — the truth comparison can fail: test_truth passes on the hand-labelled
# truth as it is, and fails, naming the cell, when one certain truth cell is edited, when a blank
# one is given a value, and when a cell the source leaves undetermined is made certain (nianbao
# reads it uncertain). The truth files (not the reports) are copied to $NB_TMP; the reports are
# linked, never copied. (Stale allow-list entries: test_truth's own self-test.)
set -eu
: "${TESTBIN:?}" "${NB_TMP:?}"
fail() { echo "FAIL: $*"; exit 1; }
. tests/skip.sh
need_shared truth_edit
S=$(cd "${NB_SHARED:-../shared}" && pwd)
t=$NB_TMP/truth-edit
rm -rf "$t"
mkdir -p "$t/corpus/truth"
ln -s "$S/corpus/real" "$S/corpus/seed" "$t/corpus/"
reset_truth() { cp "$S"/corpus/truth/* "$t/corpus/truth/"; chmod u+w "$t"/corpus/truth/*; }
truth() { NB_SHARED=$t "$TESTBIN/test_truth" > "$t/log" 2>&1; }

reset_truth
truth || { cat "$t/log"; fail "test_truth fails on an unedited copy of the truth"; }
# a certain cell edited: 平潭 2021 t3.new.natural 64 -> 65
sed -i 's/^t3,new,natural,64,yes,/t3,new,natural,65,yes,/' "$t/corpus/truth/2021_pingtan_zone_gov.csv"
truth && fail "an edited truth cell (平潭 2021 t3.new.natural) passes"
grep -q '2021_pingtan_zone_gov: t3.new.natural wrong: read 64' "$t/log" || fail "the edited cell is not named: $(grep 2021 "$t/log")"
# a blank cell given a value: 招远 2023 t4.review.upheld (blank in the source) -> 1
reset_truth
grep -q '^t4,review,upheld,,yes,' "$t/corpus/truth/zhaoyuan-gxj-2023.csv" || fail "the seed's truth changed: pick another cell"
sed -i 's/^t4,review,upheld,,yes,/t4,review,upheld,1,yes,/' "$t/corpus/truth/zhaoyuan-gxj-2023.csv"
truth && fail "a blank truth cell given a value passes"
# a cell the source does not determine, given the value nianbao leaves uncertain: now a certain cell read uncertain
reset_truth
sed -i 's/^t2,normative,repealed,,no,/t2,normative,repealed,3,yes,/' "$t/corpus/truth/2021_pingtan_zone_gov.csv"
truth && fail "a determined truth cell read uncertain passes"
grep -q 't2.normative.repealed uncertain' "$t/log" || fail "the uncertain cell is not named"
echo "# truth_edit: test_truth passes on the truth, fails on an edited, a filled and a determined cell"
