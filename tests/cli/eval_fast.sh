#!/bin/sh
# tests/cli/eval_fast.sh — the fast slice of `make eval`, under the sanitizer build: 30 generated
# reports in every input kind (fixed seed); fails when a cell is wrong while marked certain, missing,
# or uncertain outside a flat page's known ambiguity, or when finding recall or precision is below
# 100% (nbeval --strict). Then 6 reports made by LibreOffice and Chromium, scored apart (they gate
# with NB_EVAL_OFFICE_STRICT=1; a "skipped:" line when the tools are absent, a failure under CI).
set -u
: "${NIANBAO:?}"
if [ ! -x build/nbgen ] || [ ! -x build/nbeval ]; then
  echo "FAIL: build/nbgen and build/nbeval are needed (make gen)"
  exit 1
fi
out=$(NIANBAO="$NIANBAO" ./scripts/eval.sh --fast 2>&1)
rc=$?
printf '%s\n' "$out" | sed -n '/^cells /,/^findings /p' | grep -E '^  (all|pdf|layout|tsv|html|flat|docx|odt) ' | sed 's/^/# cells /'
printf '%s\n' "$out" | grep -E '^  +warning/error: recall' | sed 's/^ */# /'
# the office part (LibreOffice, Chromium): its score, and why it was left out when it was
printf '%s\n' "$out" | sed -n '/^office: cells /,/^office: findings /p' | grep -E '^office:   (all|lo|chromium) ' | sed 's/^/# /'
printf '%s\n' "$out" | grep -E '^office:   warning/error|^office: [0-9]+ reports' | sed 's/^/# /'
# a kind nbgen left out (its tool absent) is a skip; under CI=true a failure
. tests/skip.sh
if printf '%s\n' "$out" | grep -qE '^skipped: '; then
  printf '%s\n' "$out" | grep -E '^skipped: ' | sed 's/^skipped: //' | while IFS= read -r why; do skip eval_fast "$why"; done || exit 1
fi
if [ "$rc" -ne 0 ]; then
  printf '%s\n' "$out"
  exit 1
fi
