#!/bin/sh
# tests/cli/scale.sh — scale-out (issue 18): --shard K/N parts merged with `nianbao merge` are byte
# for byte one run (outputs, exit status, the errors about files), with 2 and 3 shards, over the
# generated corpus and the real reports; --jsonl records validate against docs/jsonl.schema.json
# and `merge --from-jsonl` turns them back into the same folder, also after a JSON tool re-wrote
# them; merge refuses a missing, repeated or foreign shard; empty shards; a killed shard resumes; the recipes of
# scripts/scale-out run here: GNU parallel (folders and JSON Lines) and nb-shard fed on standard
# input as Spark's pipe() and Hadoop streaming feed it. Run by tests/run-all with $NIANBAO.
set -u
nb=${NIANBAO:?}
case $nb in /*) ;; *) nb=$PWD/$nb ;; esac      # section 6 runs it from another folder
t=${NB_TMP:?}/cli-scale
rm -rf "$t"
mkdir -p "$t/in/odd names"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
note() { echo "# $*"; }
same() {   # same DIR_A DIR_B WHAT
  diff -r "$1" "$2" > "$t/diff.out" 2>&1 || { fail "$3: outputs differ"; head -c 2000 "$t/diff.out"; }
}

# ---- inputs: the generated corpus, the real reports, and file names the CSV and index must escape
cp -r corpus "$t/in/corpus"
. tests/skip.sh
if [ -d "${NB_SHARED:-../shared}/corpus" ]; then
  ln -s "$(cd "${NB_SHARED:-../shared}/corpus" && pwd)" "$t/in/real"   # read where they are, never copied
else
  skip "scale: the real reports as inputs" "${NB_SHARED:-../shared}/corpus is absent: generated corpus only"
fi
seed=corpus/docs/$(ls corpus/docs | grep '\.txt$' | head -1)
cp "$seed" "$t/in/odd names/a,b \"quoted\".txt"
cp "$seed" "$t/in/odd names/ leading space.txt"
cp "$seed" "$t/in/odd names/tab	and%25 percent.txt"
printf '' > "$t/in/odd names/empty.pdf"               # unreadable: its error goes to stderr
n_inputs=$(find -L "$t/in" -type f | wc -l)
opts="--lang en --today 2025-06-01"

# ---- 1. one run, the reference
# shellcheck disable=SC2086
"$nb" audit $opts -j2 --html "$t/one.html" -o "$t/one" "$t/in" 2> "$t/one.err"
echo $? > "$t/one.rc"
[ "$(cat "$t/one.rc")" = 2 ] || fail "one run: exit status $(cat "$t/one.rc"), expected 2 (an empty file)"
rows=$(($(wc -l < "$t/one/documents.csv") - 1))
[ "$rows" -ge "$n_inputs" ] || fail "one run: $rows documents for $n_inputs inputs"

# ---- 2. 2 and 3 shards (each also writing its JSON Lines) merged equal the one run
for n in 2 3; do
  k=1
  total=0
  while [ $k -le $n ]; do
    # shellcheck disable=SC2086
    "$nb" audit $opts -j1 -q --shard $k/$n --jsonl "$t/n$n-$k.jsonl" -o "$t/n$n/$k" "$t/in" 2> /dev/null
    [ -f "$t/n$n/$k/shard-index.tsv" ] || fail "shard $k/$n: no shard-index.tsv"
    total=$((total + $(($(wc -l < "$t/n$n/$k/documents.csv") - 1))))
    k=$((k + 1))
  done
  [ "$total" = "$rows" ] || fail "$n shards hold $total documents, one run $rows"
  "$nb" merge --html "$t/m$n.html" -o "$t/m$n" "$t/n$n"/* 2> "$t/m$n.err"
  echo $? > "$t/m$n.rc"
  # the page of the merged folder is the one run's page, but for the folder it names
  sed "s|$t/m$n|DIR|g" "$t/m$n.html" > "$t/m$n.html.cmp"
  sed "s|$t/one|DIR|g" "$t/one.html" | cmp -s - "$t/m$n.html.cmp" || fail "$n shards merged: --html page differs from one run's"
  same "$t/one" "$t/m$n" "$n shards merged"
  cmp -s "$t/one.rc" "$t/m$n.rc" || fail "$n shards merged: exit status $(cat "$t/m$n.rc"), one run $(cat "$t/one.rc")"
  # the errors about files, in the same order; the summary names its own folder
  sed "s|$t/m$n|DIR|" "$t/m$n.err" > "$t/m$n.err.cmp"
  sed "s|$t/one|DIR|" "$t/one.err" | cmp -s - "$t/m$n.err.cmp" || fail "$n shards merged: stderr differs from one run"
  ls "$t/m$n" | grep -q shard-index && fail "$n shards merged: a shard index in the merged folder"
  # the shards in any order on the command line
  if [ $n = 3 ]; then
    "$nb" merge -q -o "$t/m3r" "$t/n3/3" "$t/n3/1" "$t/n3/2"
    same "$t/one" "$t/m3r" "3 shards given in another order"
  fi
  # the JSON Lines records of the shards, concatenated in any order, give the same folder
  cat $(ls "$t"/n$n-*.jsonl | sort -r) > "$t/r$n.jsonl"
  "$nb" merge -q --from-jsonl -o "$t/j$n" "$t/r$n.jsonl"
  same "$t/one" "$t/j$n" "$n shards' records merged with --from-jsonl"
done
[ $failures = 0 ] && note "one run = 2 shards merged = 3 shards merged (folders and --from-jsonl), byte for byte, over $rows documents ($(($(wc -l < "$t/one/findings.csv") - 1)) findings), exit status, stderr and the --html page"

# ---- 3. the records validate against the schema, and the schema can fail
python3 - docs/jsonl.schema.json "$t/r2.jsonl" > "$t/schema.out" 2>&1 <<'EOF'
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
n = bad = 0
for line in open(sys.argv[2], encoding="utf-8"):
    n += 1
    rec = json.loads(line)
    for e in v.iter_errors(rec):
        bad += 1
        print("record", n, e.message[:200])
    # the same record with one thing wrong in it must not validate
    wrong = json.loads(line)
    wrong["counts"]["error"] = -1
    if v.is_valid(wrong):
        print("record", n, "still valid with a negative count"); bad += 1
    if rec["cells"]:
        wrong = json.loads(line)
        wrong["cells"][0]["certain"] = "yes"
        if v.is_valid(wrong):
            print("record", n, "still valid with certain as a string"); bad += 1
print(n, "records,", bad, "errors")
sys.exit(1 if bad or n == 0 else 0)
EOF
[ $? = 0 ] || { fail "--jsonl records and docs/jsonl.schema.json"; head -20 "$t/schema.out"; }
[ $failures = 0 ] && note "--jsonl: $(tail -1 "$t/schema.out") against docs/jsonl.schema.json (and a broken copy of each is refused)"

# ---- 4. records re-written by a JSON tool (members sorted, non-ASCII escaped) merge the same
python3 - "$t/r3.jsonl" "$t/r3.re.jsonl" <<'EOF'
import json, sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        out.write(json.dumps(json.loads(line), sort_keys=True, ensure_ascii=True, indent=1).replace("\n", "") + "\n")
EOF
cmp -s "$t/r3.jsonl" "$t/r3.re.jsonl" && fail "the re-written records are the same bytes: the test tests nothing"
"$nb" merge -q --from-jsonl -o "$t/jre" "$t/r3.re.jsonl"
same "$t/one" "$t/jre" "records re-written by a JSON tool"

# ---- 5. what merge refuses (exit 2, a message, no output folder)
refuse() {   # refuse WHAT MESSAGE_PATTERN merge-arguments...
  what=$1 pat=$2
  shift 2
  rm -rf "$t/refused"
  "$nb" merge --lang en -o "$t/refused" "$@" > /dev/null 2> "$t/refuse.err"
  rc=$?
  [ $rc = 2 ] || fail "merge of $what: exit status $rc, expected 2"
  grep -q "$pat" "$t/refuse.err" || { fail "merge of $what: no message '$pat'"; cat "$t/refuse.err"; }
  [ -f "$t/refused/documents.csv" ] && fail "merge of $what: wrote documents.csv"
}
refuse "a missing shard" "shard 2/3 is missing" "$t/n3/1" "$t/n3/3"
refuse "a shard given twice" "given twice" "$t/n3/1" "$t/n3/2" "$t/n3/2" "$t/n3/3"
refuse "shards of two splits" "not a shard of the same run" "$t/n2/1" "$t/n3/2" "$t/n3/3"
# shellcheck disable=SC2086
"$nb" audit --lang zh --today 2025-06-01 -q --shard 2/2 -o "$t/zh2" "$t/in" 2> /dev/null
refuse "shards of runs with other options" "not a shard of the same run" "$t/n2/1" "$t/zh2"
refuse "a folder that is no shard" "not a finished shard output folder" "$t/one"
head -n -1 "$t/r2.jsonl" > "$t/short.jsonl"
refuse "records with one missing" "has no record" --from-jsonl "$t/short.jsonl"
cat "$t/r2.jsonl" "$t/n2-1.jsonl" > "$t/twice.jsonl"
refuse "records with one twice" "two records for one input" --from-jsonl "$t/twice.jsonl"
printf '{"index":0}\n' > "$t/bad.jsonl"
refuse "a line that is no record" "needs index" --from-jsonl "$t/bad.jsonl"
printf '{"index":0,"of":1,"run":"audit lang=en bom=0 version=x","file":"a.pdf","cells":[]}\n' > "$t/bad.jsonl"
refuse "a record without its document" "needs file, sha256 and document" --from-jsonl "$t/bad.jsonl"

# ---- 6. empty shards: more shards than files still give folders, and merge
mkdir -p "$t/few"
cp "$seed" "$t/few/a.txt"
cp "$seed" "$t/few/b.txt"
"$nb" extract $opts -q -o "$t/few-one" "$t/few"
k=1
while [ $k -le 5 ]; do
  "$nb" extract $opts -q --bom --shard $k/5 -o "$t/few-s/$k" "$t/few" || fail "shard $k/5 of 2 files: exit status $?"
  k=$((k + 1))
done
empty=$(grep -L '^D' "$t"/few-s/*/shard-index.tsv | wc -l)
[ "$empty" -ge 3 ] || fail "5 shards of 2 files: $empty empty shards, expected at least 3"
"$nb" merge -q -o "$t/few-m" "$t"/few-s/*
"$nb" extract $opts -q --bom -o "$t/few-bom" "$t/few"
same "$t/few-bom" "$t/few-m" "5 shards (3 empty) of an extract with --bom"
# the shard of a file does not depend on where the tree is: the same split from another folder
mkdir -p "$t/elsewhere/deeper"
cp -r "$t/few" "$t/elsewhere/deeper/few"
for k in 1 2 3 4 5; do
  (cd "$t/elsewhere" && "$nb" extract $opts -q --shard $k/5 -o "$t/else-$k" deeper/few)
  a=$(cut -f2 "$t/few-s/$k/shard-index.tsv" | tail -n +2 | tr '\n' ' ')
  b=$(cut -f2 "$t/else-$k/shard-index.tsv" | tail -n +2 | tr '\n' ' ')
  [ "$a" = "$b" ] || fail "shard $k/5: inputs [$a] here, [$b] with the tree elsewhere"
done

# ---- 6b. a shard killed (a Slurm task past its time) continues with --resume, its index too
mkdir -p "$t/slow"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do cp "$seed" "$t/slow/slow $i.txt"; done
"$nb" extract $opts -q --shard 1/2 -o "$t/slow-ref" "$t/slow"
NIANBAO_TEST_FAULT="slow:slow" "$nb" extract $opts -q -j1 --shard 1/2 -o "$t/slow-s" "$t/slow" &
pid=$!
tries=0
journaled() { n=$(grep -c '^D ' "$t/slow-s/.nianbao-journal" 2> /dev/null); echo "${n:-0}"; }
while [ "$(journaled)" -lt 2 ] && [ $tries -lt 300 ]; do
  sleep 0.1
  tries=$((tries + 1))
done
kill -KILL $pid
wait $pid 2> /dev/null
[ -f "$t/slow-s/.shard-index.tsv.partial" ] || fail "killed shard: no partial shard index kept"
"$nb" extract $opts --shard 1/2 --resume -o "$t/slow-s" "$t/slow" 2> "$t/slow-s.err"
grep -q "resuming the interrupted run: [1-9][0-9]* files already done" "$t/slow-s.err" || fail "killed shard: did not resume"
same "$t/slow-ref" "$t/slow-s" "a killed shard resumed"

# ---- 7. the GNU parallel recipe, 2 local jobs: folders, then JSON Lines on standard output
export NIANBAO="$nb"
# shellcheck disable=SC2086
scripts/scale-out/nb-parallel -n 3 -j 2 -o "$t/par" audit $opts "$t/in" 2> "$t/par.err"
rc=$?
same "$t/one" "$t/par" "the GNU parallel recipe (folders)"
[ $rc = "$(cat "$t/one.rc")" ] || fail "the GNU parallel recipe: exit status $rc, one run $(cat "$t/one.rc")"
[ -d "$t/par.shards" ] && fail "the GNU parallel recipe left its shards behind"
# shellcheck disable=SC2086
scripts/scale-out/nb-parallel --via jsonl -n 4 -j 2 -o "$t/parj" audit $opts "$t/in" 2> "$t/parj.err"
same "$t/one" "$t/parj" "the GNU parallel recipe (JSON Lines)"
[ $failures = 0 ] && note "scripts/scale-out/nb-parallel -j 2 (3 shards in folders, 4 as JSON Lines): byte for byte the one run"

# ---- 8. nb-shard fed its shards on standard input: Spark's pipe() ("K/N" lines) and Hadoop
# streaming with NLineInputFormat ("offset<TAB>K/N" lines)
# shellcheck disable=SC2086
printf '1/2\n2/2\n' | scripts/scale-out/nb-shard - audit $opts "$t/in" > "$t/pipe.jsonl" 2> /dev/null
[ $? = 0 ] || fail "nb-shard - (Spark pipe): exit status $?, expected 0 (findings and a bad file are results)"
"$nb" merge -q --from-jsonl -o "$t/pipe" "$t/pipe.jsonl"
same "$t/one" "$t/pipe" "nb-shard fed as Spark's pipe() feeds it"
# shellcheck disable=SC2086
printf '0\t2/3\n4\t1/3\n8\t3/3\n' | scripts/scale-out/nb-shard - extract $opts "$t/few" > "$t/hadoop.jsonl"
"$nb" merge -q --from-jsonl -o "$t/hadoop" "$t/hadoop.jsonl"
same "$t/few-one" "$t/hadoop" "nb-shard fed as Hadoop streaming feeds it"
# a shard that cannot complete fails the task
scripts/scale-out/nb-shard 1/2 audit --no-such-option "$t/few" > /dev/null 2>&1 && fail "nb-shard: a failed run exited 0"
for f in scripts/scale-out/nb-slurm scripts/scale-out/nb-slurm-task scripts/scale-out/nb-hadoop-streaming; do
  sh -n "$f" || fail "$f: not valid sh"
done

[ $failures = 0 ] || { echo "$failures failure(s)"; exit 1; }
exit 0
