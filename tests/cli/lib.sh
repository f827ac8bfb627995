# lib.sh: what the command-line tests share.  Source it first:  . "$(dirname "$0")/lib.sh"
#   RECKON  the binary under test (ctest sets it); SRC  the source tree;
#   tmp     a scratch folder removed at exit;
#   ok / bad MESSAGE  count a check; finish  prints "N passed, M failed" and sets the status.
set -u
RECKON=${RECKON:?set RECKON to the reckon binary}
case "$RECKON" in /*) ;; */*) RECKON="$PWD/$RECKON" ;; esac # tests cd
SRC=${RECKON_SOURCE:-$PWD}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
finish() {
  printf '%d passed, %d failed\n' "$passed" "$failed"
  test "$failed" -eq 0
}
