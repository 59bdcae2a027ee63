#!/bin/sh
# tests/cli/batch.sh — the batch runner as a user meets it: the same bytes whatever -j; a crash, a
# hang or runaway memory costs one file; interrupted runs (SIGKILL, SIGINT, SIGTERM) leave the
# previous outputs untouched and --resume finishes them byte-identical to an uninterrupted run;
# one run per output directory; the progress line only on a terminal; -q and -v; --files-from
# with spaces and Chinese in paths, from a file and from stdin.
#
# Crashes, hangs and memory blow-ups are provoked with the NIANBAO_TEST_FAULT hook (cmd/worker.h):
# real ones come only by chance. Run by tests/run-all with $NIANBAO (the ASan/UBSan build).
set -u
nb=${NIANBAO:?}
t=${NB_TMP:?}/cli-batch
rm -rf "$t"
mkdir -p "$t/in/子目录 with space"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
note() { echo "# $*"; }
. tests/skip.sh

# ---- inputs: the real reports (when present) under awkward names, and small generated texts
# (symbolic links: the real reports are read where they are, never copied)
if [ -d ${NB_SHARED:-../shared}/corpus/real ]; then
  i=0
  real=$(cd ${NB_SHARED:-../shared}/corpus && pwd)
  for f in "$real"/real/* "$real"/seed/*; do
    i=$((i + 1))
    ln -s "$f" "$t/in/报告 $i $(basename "$f")"
  done
  ln -s "$real/seed/zhaoyuan-gxj-2023.txt" "$t/in/子目录 with space/seed copy.txt"
else
  skip "batch: the real reports as inputs" "${NB_SHARED:-../shared}/corpus is absent: generated texts only"
fi
# the project's generated sample reports (PDF, HTML, layout text, TSV)
[ -d corpus/docs ] && cp -r corpus/docs "$t/in/corpus docs"
for i in 1 2 3 4 5 6; do
  printf '某某局 2023 年政府信息公开工作年度报告\n一、总体情况\n第 %s 份。\n' "$i" > "$t/in/slow $i.txt"
done
printf '' > "$t/in/empty.pdf"
n_inputs=$(find -L "$t/in" -type f | wc -l)

# ---- 1. the same bytes whatever -j (and --no-fork), for extract and audit
for cmd in extract audit; do
  for v in j1 j2 j4 nofork; do
    case $v in nofork) jobs=--no-fork ;; *) jobs="-j ${v#j}" ;; esac
    "$nb" $cmd --lang en --today 2025-06-01 $jobs -o "$t/$cmd-$v" "$t/in" 2> "$t/$cmd-$v.err"
    echo $? > "$t/$cmd-$v.rc"
  done
  for v in j2 j4 nofork; do
    diff -r "$t/$cmd-j1" "$t/$cmd-$v" > /dev/null || fail "$cmd: -j1 and $v outputs differ"
    # stderr too, but for the output directory named in the summary
    sed "s|$t/$cmd-$v|DIR|" "$t/$cmd-$v.err" > "$t/$cmd-$v.err.cmp"
    sed "s|$t/$cmd-j1|DIR|" "$t/$cmd-j1.err" | cmp -s - "$t/$cmd-$v.err.cmp" || fail "$cmd: -j1 and $v stderr differ"
    cmp -s "$t/$cmd-j1.rc" "$t/$cmd-$v.rc" || fail "$cmd: -j1 and $v exit status differ"
  done
  [ "$(cat "$t/$cmd-j1.rc")" = 2 ] || fail "$cmd: an empty file among the inputs: exit status $(cat "$t/$cmd-j1.rc"), expected 2"
  rows=$(($(wc -l < "$t/$cmd-j1/documents.csv") - 1))
  [ "$rows" = "$n_inputs" ] || fail "$cmd: documents.csv has $rows rows for $n_inputs inputs"
  ls -A "$t/$cmd-j1" | grep -q partial && fail "$cmd: partial files left after a complete run"
  ls -A "$t/$cmd-j1" | grep -q journal && fail "$cmd: journal left after a complete run"
done
[ -s "$t/audit-j1/findings.jsonl" ] || fail "audit wrote no findings"
[ $failures = 0 ] && note "-j1, -j2, -j4, --no-fork: byte-identical outputs, stderr and exit status over $n_inputs inputs (extract and audit, $(($(wc -l < "$t/audit-j1/findings.csv") - 1)) findings)"
mv "$t/extract-j1.err" "$t/j1.err"

# ---- 2. a crash, a segfault, a hang and runaway memory cost one file each
mkdir -p "$t/faults"
cp "$t/in/slow 1.txt" "$t/faults/a-good.txt"
for k in abort segv hang oom; do cp "$t/in/slow 2.txt" "$t/faults/b-$k.txt"; done
cp "$t/in/slow 3.txt" "$t/faults/c-good.txt"
# -j1 too: a worker holds two tasks, so there a fault always has a good file queued behind it,
# which must be sent again and processed, not lost with the worker
for j in 2 1; do
o="$t/faults-j$j"
NIANBAO_TEST_FAULT="abort:b-abort,segv:b-segv,hang:b-hang,oom:b-oom" \
  "$nb" extract --lang en -j$j --timeout 3 --max-memory 600 -o "$o" "$t/faults" 2> "$o.err"
rc=$?
[ "$rc" = 2 ] || fail "faults -j$j: exit status $rc, expected 2"
d="$o/documents.csv"
grep -q "b-abort.txt,.*,error,crash: " "$d" || fail "abort -j$j: no crash row"
grep -q "b-segv.txt,.*,error,crash: " "$d" || fail "segv -j$j: no crash row"
grep -q "b-hang.txt,.*,error,timeout: " "$d" || fail "hang -j$j: no timeout row"
grep -q "b-oom.txt,.*,error,memory: " "$d" || fail "oom -j$j: no memory row"
grep -q "a-good.txt,.*,pre2019," "$d" || fail "-j$j: the good file before them was not processed"
grep -q "c-good.txt,.*,pre2019," "$d" || fail "-j$j: the good file after them was not processed"
[ "$(grep -c ',error,' "$d")" = 4 ] || fail "-j$j: $(grep -c ',error,' "$d") error rows, expected 4"
for k in abort segv hang oom; do
  grep -q "^nianbao: .*b-$k.txt: " "$o.err" || fail "-j$j: stderr does not name b-$k.txt"
done
done
note "faults (-j2 and -j1): $(grep -c ',error,' "$d") error rows: $(cut -d, -f12 "$d" | grep -o '^[a-z]*:' | tr '\n' ' ')"

# ---- 3. interrupted runs and --resume (audit: every output file, findings included)
# the reference: an uninterrupted run
"$nb" audit --today 2025-06-01 -q --lang en -j2 -o "$t/ref" "$t/in" 2> /dev/null
journal_lines() { n=$(grep -c '^D ' "$1/.nianbao-journal" 2> /dev/null); echo "${n:-0}"; }
# start a slow run into $1 and deliver signal $2 once a few documents are journaled
interrupt() {
  NIANBAO_TEST_FAULT="slow:slow" "$nb" audit --today 2025-06-01 --lang en -j2 -o "$1" "$t/in" 2> "$1.err" &
  pid=$!
  tries=0
  while [ "$(journal_lines "$1")" -lt 3 ] && [ $tries -lt 300 ]; do sleep 0.1; tries=$((tries + 1)); done
  kill -s "$2" $pid
  wait $pid
  echo $? > "$1.rc"
}
for sig in KILL INT TERM; do
  o="$t/resume-$sig"
  before=$failures
  # the previous run's outputs, which the interrupted run must leave as they were
  "$nb" audit --today 2025-06-01 -q --lang en -o "$o" "$t/in/slow 1.txt"
  cp -r "$o" "$o.before"
  interrupt "$o" $sig
  done_before=$(journal_lines "$o")
  diff -r -x '.*' "$o.before" "$o" > /dev/null || fail "$sig: the previous outputs changed"
  [ "$(cat "$o.rc")" -gt 128 ] || fail "$sig: the run was not interrupted (status $(cat "$o.rc"))"
  ls -A "$o" | grep -q '^\.cells\.csv\.partial$' || fail "$sig: no partial file kept for --resume"
  if [ $sig = KILL ]; then
    # what a kill between a document's rows and its journal line leaves: rows past the last
    # journaled length, and a torn journal line. --resume cuts both away.
    printf 'half a row,' >> "$o/.cells.csv.partial"
    printf 'D 99 12' >> "$o/.nianbao-journal"
  else
    grep -q 'interrupted' "$o.err" || fail "$sig: no word on stderr about the interruption"
  fi
  "$nb" audit --today 2025-06-01 --lang en -j2 --resume -o "$o" "$t/in" 2> "$o.resume.err"
  grep -q "resuming the interrupted run: [0-9]* files already done" "$o.resume.err" || fail "$sig: did not resume"
  skipped=$(sed -n 's/.*resuming the interrupted run: \([0-9]*\) files.*/\1/p' "$o.resume.err")
  [ "${skipped:-0}" -ge 3 ] || fail "$sig: resumed with ${skipped:-0} files done, expected at least 3"
  diff -r "$t/ref" "$o" > /dev/null || fail "$sig: resumed outputs differ from an uninterrupted run"
  ls -A "$o" | grep -q '^\.' && fail "$sig: hidden files left after the resumed run completed"
  [ $failures = $before ] &&
    note "$sig after $done_before documents: resumed with $skipped done, outputs identical to an uninterrupted run"
done

# a write that fails (a full disk; here a file size limit, with SIGXFSZ ignored so write(2) fails
# with EFBIG): the run stops, says so, keeps the previous outputs, and --resume finishes it
o="$t/full"
"$nb" audit --today 2025-06-01 -q --lang en -o "$o" "$t/in/slow 1.txt"
cp -r "$o" "$o.before"
(trap '' XFSZ; ulimit -f 400; exec "$nb" audit --today 2025-06-01 --lang en -j2 -o "$o" "$t/in") 2> "$o.err"
rc=$?
[ "$rc" = 2 ] || fail "full disk: exit status $rc, expected 2"
grep -q "cannot write to" "$o.err" || fail "full disk: no message"
diff -r -x '.*' "$o.before" "$o" > /dev/null || fail "full disk: the previous outputs changed"
"$nb" audit --today 2025-06-01 --lang en -j2 --resume -o "$o" "$t/in" 2> "$o.resume.err"
grep -q "resuming the interrupted run" "$o.resume.err" || fail "full disk: did not resume"
diff -r "$t/ref" "$o" > /dev/null || fail "full disk: resumed outputs differ from an uninterrupted run"
[ $failures = 0 ] && note "a write failing with EFBIG mid-run: exit 2, previous outputs untouched, --resume completes it identically"

# a file that changed since it was journaled is done again, and the rest after it
o="$t/resume-changed"
interrupt "$o" KILL
touch -d '2001-01-01' "$t/in/slow 1.txt"
"$nb" audit --today 2025-06-01 --lang en -j2 --resume -o "$o" "$t/in" 2> "$o.resume.err"
"$nb" audit --today 2025-06-01 -q --lang en -j2 -o "$t/ref2" "$t/in" 2> /dev/null
diff -r "$t/ref2" "$o" > /dev/null || fail "resume after a change: outputs differ from a fresh run"

# --resume with nothing to resume starts from the beginning
"$nb" audit --today 2025-06-01 --lang en --resume -o "$t/fresh" "$t/in/slow 2.txt" 2> "$t/fresh.err"
grep -q "no interrupted run to resume" "$t/fresh.err" || fail "--resume without a journal: no note"

# ---- 4. one run per output directory
NIANBAO_TEST_FAULT="slow:slow" "$nb" extract -q -j1 -o "$t/locked" "$t/in/slow 1.txt" "$t/in/slow 2.txt" &
pid=$!
tries=0
while [ ! -f "$t/locked/.nianbao-journal" ] && [ $tries -lt 100 ]; do sleep 0.1; tries=$((tries + 1)); done
"$nb" extract --lang en -o "$t/locked" "$t/in/slow 3.txt" 2> "$t/locked.err"
rc=$?
wait $pid
[ "$rc" = 2 ] || fail "a second run into a busy directory: exit status $rc, expected 2"
grep -q "another nianbao run" "$t/locked.err" || fail "a second run into a busy directory: no message"

# ---- 5. what goes to stderr: progress only on a terminal, -q, -v
grep -q "$(printf '\r')" "$t/j1.err" && fail "a progress line was drawn with stderr not a terminal"
if command -v script > /dev/null 2>&1; then
  t0=$(date +%s%N)
  script -qec "'$nb' extract --lang en -j2 -o '$t/tty' '$t/in'" /dev/null > "$t/tty.out" 2>&1
  ms=$((($(date +%s%N) - t0) / 1000000))
  grep -q "files .*/s .*ETA .*errors" "$t/tty.out" || fail "no progress line on a terminal"
  redraws=$(tr '\r' '\n' < "$t/tty.out" | grep -c 'ETA')
  # at most ten a second, and the last one when all is done
  [ "$redraws" -le $((ms / 100 + 2)) ] || fail "$redraws progress redraws in $ms ms: more than ten a second"
  note "progress line on a terminal: $redraws redraws in $ms ms"
else
  skip "batch: the progress line on a terminal" "script(1) is absent (bsdutils)"
fi
"$nb" extract --lang en -q -o "$t/quiet" "$t/in" 2> "$t/quiet.err"
[ "$(wc -l < "$t/quiet.err")" = 1 ] || fail "-q: stderr should hold only the one file error, has $(wc -l < "$t/quiet.err") lines"
grep -q "empty.pdf: the file is empty" "$t/quiet.err" || fail "-q: the file error is missing"
"$nb" extract --lang en -v -o "$t/verbose" "$t/in" 2> "$t/verbose.err"
[ "$(grep -c '^nianbao: \[[0-9]*/[0-9]*\] ' "$t/verbose.err")" = "$n_inputs" ] || fail "-v: not one line per file"

# ---- 6. --files-from: spaces and Chinese in paths, from a file and from stdin
find -L "$t/in" -type f | sort > "$t/list"
"$nb" extract -q -o "$t/from-file" --files-from "$t/list" 2> /dev/null
"$nb" extract -q -o "$t/from-stdin" --files-from - < "$t/list" 2> /dev/null
[ "$(($(wc -l < "$t/from-file/documents.csv") - 1))" = "$n_inputs" ] || fail "--files-from FILE: wrong number of rows"
diff -r "$t/from-file" "$t/from-stdin" > /dev/null || fail "--files-from - differs from --files-from FILE"
grep -q "子目录 with space/seed copy.txt" "$t/from-file/documents.csv" 2> /dev/null ||
  [ ! -d ${NB_SHARED:-../shared}/corpus ] || fail "a path with spaces and Chinese is missing from documents.csv"

# the output directory inside the input directory is not read as input on the next run
mkdir -p "$t/nest"
cp "$t/in/slow 1.txt" "$t/in/slow 2.txt" "$t/nest/"
"$nb" extract -q -o "$t/nest/out" "$t/nest" 2> /dev/null
"$nb" extract -q -o "$t/nest/out" "$t/nest" 2> /dev/null
[ "$(($(wc -l < "$t/nest/out/documents.csv") - 1))" = 2 ] || fail "the output directory inside the inputs was read as input"

[ $failures = 0 ] || exit 1
echo "batch: all checks passed"
