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
version=$(sed -n 's/^project(reckon VERSION \([0-9.]*\) .*/\1/p' "$SRC/CMakeLists.txt")
"$tmp/prefix/bin/reckon" --version | grep -q "^reckon $version "
check "--version is the version CMakeLists.txt sets ($version)" test $? -eq 0
printf 'print(require("reckon").version)\n' >"$tmp/version.lua"
check "the man page names it" grep -q "^\.TH RECKON 1 \"[0-9-]*\" \"reckon $version\"" "$SRC/doc/reckon.1"
check "r.version is the same" test "$("$tmp/prefix/bin/reckon" eval "$tmp/version.lua")" = "$version"

finish
