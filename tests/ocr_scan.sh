# tests/ocr_scan.sh — sourced by tests/cli/ocr*.sh: what the OCR tests share. A work directory of
# their own, one OpenMP thread (pages run across workers, not threads), a report of scripts/eval-ocr's
# default set (seed 20261202) from the generator, and the skip when nianbao cannot run OCR here.
# Needs nianbao set (the binary under test).

fail() { echo "FAIL: $*"; exit 1; }

# ocr_begin NAME COMMAND...: $g is a fresh $NB_TMP/NAME; the build's tools must be there, and the
# test is skipped (with a message) when one of the COMMANDs is absent.
ocr_begin() {
  ocr_name=$1
  shift
  for t in build/nbgen build/nbeval build/nbscan; do [ -x "$t" ] || fail "$t is needed (make gen build/nbeval build/nbscan)"; done
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || { echo "# $ocr_name: skipped, $c is absent"; exit 0; }
  done
  g=$NB_TMP/$ocr_name
  rm -rf "$g"
  mkdir -p "$g"
  export OMP_THREAD_LIMIT=1
}

# ocr_report ONLY COUNT [NBGEN-OPTION...]: report ONLY of COUNT generated into $g/gen (docs, truth).
ocr_report() {
  only=$1 count=$2
  shift 2
  build/nbgen --seed 20261202 --count "$count" --only "$only" --multi 0 --kinds pdf "$@" --out "$g/gen" 2>"$g/gen.err" ||
    fail "nbgen: $(cat "$g/gen.err")"
}

# ocr_or_skip PDF: end the test (skipped, saying why) when nianbao does not run OCR on PDF.
ocr_or_skip() {
  if "$nianbao" dump "$1" 2>/dev/null | grep -q '^ocr: not run'; then
    echo "# $ocr_name: skipped, $("$nianbao" dump "$1" | sed -n 's/^ocr: not run: //p')"
    exit 0
  fi
}
