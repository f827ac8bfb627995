#!/usr/bin/env bash
# `cmake --install` gives a reckon that needs nothing beside it: the Lua stdlib is compiled
# in, so the installed binary runs the seed's models from any working directory, and its
# man page is installed.
. "$(dirname "$0")/lib.sh"
build=$(dirname "$RECKON")
check() { local what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
check "install succeeds" test $? -eq 0
check "the binary is installed" test -x "$tmp/prefix/bin/reckon"
check "the man page is installed" test -f "$tmp/prefix/share/man/man1/reckon.1"
mkdir "$tmp/elsewhere"
(cd "$tmp/elsewhere" && "$tmp/prefix/bin/reckon" run "$SRC/models" -o out -q 2>/dev/null)
check "the installed binary runs the models from another folder" test $? -eq 0
check "and writes the seed's totals" cmp "$tmp/elsewhere/out/totals.csv" "$SRC/tests/golden/seed_totals.csv"
"$tmp/prefix/bin/reckon" --version | grep -q '^reckon [0-9]'
check "--version names reckon" test $? -eq 0

finish
