#!/usr/bin/env bash
# tests/valgrind/run.sh: the bad-models table and the Lua binding tests under valgrind.
#
#   RECKON=build/reckon bash tests/valgrind/run.sh
#
# liblua is not built with the sanitizers, so a wild read or write that lands inside Lua's own
# memory (a freed coroutine, a stack slot past the top) escapes AddressSanitizer; valgrind
# sees the whole process, the forked workers included.  Every reckon process of the two
# suites runs under `valgrind --error-exitcode=99` with a log of its own; the suites must
# pass as they do without valgrind, and every log must be empty (valgrind -q writes only
# errors).  Exits non-zero on either.
set -u
RECKON=${RECKON:?set RECKON to the reckon binary}
case "$RECKON" in */*) RECKON="$(cd "$(dirname "$RECKON")" && pwd)/$(basename "$RECKON")" ;; esac
SRC=$(cd "$(dirname "$0")/../.." && pwd)
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/reckon-valgrind.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/logs"
cat >"$tmp/reckon" <<WRAP
#!/bin/sh
exec valgrind -q --error-exitcode=99 --log-file="$tmp/logs/%p.log" "$RECKON" "\$@"
WRAP
chmod +x "$tmp/reckon"

status=0
echo "== the bad-models table under valgrind"
# valgrind runs Lua 20 to 50 times slower: the rows' time limits are raised far beyond it
# (the row about wall time too: its model runs for ever, the good ones beside it must end
# first), so the load cannot decide
BAD_MODELS_TIMEOUT=3600 BAD_MODELS_SHORT_TIMEOUT=120 BAD_MODELS_HANG=7200 RECKON="$tmp/reckon" RECKON_SOURCE="$SRC" bash "$SRC/tests/cli/test_bad_models.sh" || status=1

echo "== the Lua binding tests under valgrind"
for script in "$SRC"/tests/lua/test_*.lua; do
  if (cd "$SRC/tests/lua" && "$tmp/reckon" eval --timeout 3600 "$script" >"$tmp/lua.out" 2>&1); then
    echo "ok   $(basename "$script")"
  else
    echo "FAIL $(basename "$script")"; sed 's/^/    /' "$tmp/lua.out" | head -20; status=1
  fi
done

reports=$(find "$tmp/logs" -type f -size +0 | wc -l)
if [ "$reports" -gt 0 ]; then
  echo "valgrind reported errors in $reports processes:"
  find "$tmp/logs" -type f -size +0 | head -5 | while read -r log; do sed 's/^/    /' "$log" | head -40; done
  status=1
fi
echo "valgrind: $(ls "$tmp/logs" | wc -l) processes checked, $reports with errors"
exit $status
