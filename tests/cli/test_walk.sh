#!/usr/bin/env bash
# The directory walk: symbolic links never loop, never lead outside the folder given, and a
# model reached twice through links runs once; hard links and pipes are never run.
. "$(dirname "$0")/lib.sh"
has() { grep -F -q -- "$2" "$1" && ok || { bad "$1 lacks: $2"; sed 's/^/  | /' "$1" | head -20; }; }
lacks() { grep -F -q -- "$2" "$1" && { bad "$1 has: $2"; sed 's/^/  | /' "$1" | head -20; } || ok; }
model() { # FILE OPTION
  printf 'local r = require "reckon"\nreturn r.option{ name = "%s", users = { 1000 },\n  items = { { name = "x", category = "other", cost = 1 } } }\n' "$2" >"$1"
}
rows() { tr -d '\r' <"$1" | tail -n +2 | cut -d, -f1 | sort | tr '\n' ' '; }

check_run() { # LABEL EXPECTED-MODELS: runs $tmp/m; every walk must end (timeout 60 is a hang)
  timeout 60 "$RECKON" run "$tmp/m" -o "$tmp/out" -q 2>"$tmp/err"
  status=$?
  test "$status" -ne 124 && ok || bad "$1: the walk hung"
  got=$(rows "$tmp/out/totals.csv")
  test "$got" = "$2" && ok || bad "$1: ran '$got', expected '$2'"
}

mkdir -p "$tmp/m/sub"
model "$tmp/m/a.lua" a
model "$tmp/m/sub/b.lua" b

# One loop: loop -> .  (it ran every model 41 times)
ln -s . "$tmp/m/loop"
check_run "one loop" "a.lua sub/b.lua "
test "$status" -eq 0 && ok || bad "one loop: exit $status"
has "$tmp/err" "m/loop: skipped: a link to a folder already walked"

# Two loops (they never finished): sub/up -> .. as well
ln -s .. "$tmp/m/sub/up"
check_run "two loops" "a.lua sub/b.lua "
has "$tmp/err" "m/sub/up: skipped: a link to a folder already walked"

# A link out: evil.lua -> ../outside.txt is never run, and neither is a folder outside.
printf 'error("outside was run")\n' >"$tmp/outside.txt"
mkdir "$tmp/elsewhere"
model "$tmp/elsewhere/far.lua" far
ln -s ../outside.txt "$tmp/m/evil.lua"
ln -s ../elsewhere "$tmp/m/far"
ln -s "$tmp/m/../outside.txt" "$tmp/m/sub/evil2.lua"
check_run "links out" "a.lua sub/b.lua "
test "$status" -eq 0 && ok || bad "links out: exit $status"
has "$tmp/err" "m/evil.lua: skipped: a link that leads outside $tmp/m (to $tmp/outside.txt)"
has "$tmp/err" "m/far: skipped: a link that leads outside"
has "$tmp/err" "m/sub/evil2.lua: skipped: a link that leads outside"
lacks "$tmp/err" "outside was run"

# A dangling link is skipped with a word.
ln -s nowhere.lua "$tmp/m/dangling.lua"
check_run "dangling" "a.lua sub/b.lua "
has "$tmp/err" "m/dangling.lua: skipped: a link that leads nowhere"

# Links in: a folder reached only through links runs once; a file linked beside itself once.
mkdir "$tmp/m/.store"
model "$tmp/m/.store/c.lua" c
ln -s .store "$tmp/m/vis"
ln -s .store "$tmp/m/vis2"
ln -s a.lua "$tmp/m/alias.lua"
check_run "links in" "a.lua sub/b.lua vis/c.lua "
has "$tmp/err" "m/alias.lua: skipped: the same file as a model already found under another name"
has "$tmp/err" "m/vis2: skipped: a link to a folder already walked"

# A hard link is never run from a walk: its other name may be a file outside the folder
# (as require and r.csv.read refuse one).
mkdir "$tmp/h"
model "$tmp/h/ok.lua" ok
printf 'error("a file outside was run through a hard link")\n' >"$tmp/outside_model.lua"
ln "$tmp/outside_model.lua" "$tmp/h/evil.lua"
timeout 60 "$RECKON" run "$tmp/h" -o "$tmp/outh" -q 2>"$tmp/err"
test $? -eq 0 && ok || bad "a hard link in the folder: exit $?"
test "$(rows "$tmp/outh/totals.csv")" = "ok.lua " && ok || bad "a hard link was run"
has "$tmp/err" "h/evil.lua: skipped: a file with other hard links"
lacks "$tmp/err" "a file outside was run"

# A pipe named like a model is never opened (it would block the worker).
mkfifo "$tmp/m/pipe.lua"
check_run "a pipe" "a.lua sub/b.lua vis/c.lua "
has "$tmp/err" "m/pipe.lua: skipped: not a regular file"

# check walks the same way.
timeout 60 "$RECKON" check "$tmp/m" >"$tmp/check.out" 2>"$tmp/check.err"
test $? -eq 0 && ok || bad "check of the linked tree exits 0"
has "$tmp/check.out" "3 of 3 models ok"

# A path given on the command line is run even through a link (the user named it).
ln -s "$tmp/elsewhere/far.lua" "$tmp/given.lua"
"$RECKON" run "$tmp/given.lua" -o "$tmp/out2" -q 2>"$tmp/err"
test $? -eq 0 && ok || bad "a file named through a link runs"
has "$tmp/out2/totals.csv" "given.lua,far"

finish
