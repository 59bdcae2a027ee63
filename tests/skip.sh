# tests/skip.sh — sourced by tests/cli/*.sh: how a CLI test skips what it cannot run. A skip prints a
# "skipped: " line, which tests/run-all shows and counts in `make test`'s last line; under CI
# (CI=true, or NB_NO_SKIP=1) nothing may be skipped — scripts/install-deps installs every tool and
# CI has ../shared — so a skip is a failure there.

no_skips() {
  [ "${CI:-}" = true ] || { [ -n "${NB_NO_SKIP:-}" ] && [ "$NB_NO_SKIP" != 0 ]; }
}

# skip WHAT REASON: say what is not run and why; under CI, fail the test instead.
skip() {
  if no_skips; then
    echo "FAIL: $1 not run: $2 (no skip under CI=true: CI has ../shared, and scripts/install-deps installs every tool)"
    exit 1
  fi
  echo "skipped: $1: $2"
}

# need_shared TEST: exit the test as skipped when the shared corpus of real reports is absent.
need_shared() {
  [ -d "${NB_SHARED:-../shared}/corpus" ] && return 0
  skip "$1" "${NB_SHARED:-../shared}/corpus is absent (the real reports)"
  exit 0
}
