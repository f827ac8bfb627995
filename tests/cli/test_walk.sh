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

# A model swapped between the walk and its load.  RECKON_TEST_LOAD_PAUSE=P (a test hook) makes
# the load wait twice, before the model is opened (at the pipe P.open) and after it was
# opened and checked (at P.read), until a writer has opened and closed that pipe: at_pause
# swaps the file at one of the waits, so that no outcome depends on timing (timeout 60: only
# a hang guard).  A pipe a wait: a writer for the second cannot meet the first's reader.
mkfifo "$tmp/pause.open" "$tmp/pause.read"
mkdir "$tmp/s"
printf 'error("the swapped-in file was run")\n' >"$tmp/evil.lua"
printf 'error("the file outside was run")\n' >"$tmp/outside2.lua"
paused() { # COMMAND DIR OUT...: starts reckon COMMAND DIR (output to $tmp/err), pausing
  RECKON_TEST_LOAD_PAUSE="$tmp/pause" timeout 60 "$RECKON" "$@" >"$tmp/out.txt" 2>"$tmp/err" &
  pid=$!
}
at_pause() { # open|read SHELL-COMMANDS: run while the load waits at that point's pipe
  timeout 60 sh -c "{ $2; } >'$tmp/pause.$1'" || bad "the load never waited at $1: $2"
}
ended() { wait "$pid"; status=$?; }

refused_swap() { # LABEL SWAP REASON MUST-NOT-PRINT: a.lua swapped before its load is not run
  model "$tmp/s/a.lua" a
  paused run "$tmp/s" -o "$tmp/outs" -q
  at_pause open "$2 && mv '$tmp/s/new' '$tmp/s/a.lua'"
  ended
  test "$status" -eq 1 && ok || bad "$1 before its load: exit $status"
  has "$tmp/err" "s/a.lua: not run: the file changed since the folder was walked ($3)"
  lacks "$tmp/err" "$4"
}
refused_swap "a model replaced" "cp '$tmp/evil.lua' '$tmp/s/new'" \
  "it is another file than the one the walk found" "the swapped-in file was run"
refused_swap "a model replaced by a link out" "ln -sf '$tmp/outside2.lua' '$tmp/s/new'" \
  "it is a symbolic link" "the file outside was run"

rm -f "$tmp/s/a.lua"
model "$tmp/s/a.lua" a
paused check "$tmp/s"
at_pause open "ln '$tmp/s/a.lua' '$tmp/outside_name.lua'"
ended
test "$status" -eq 1 && ok || bad "check of a model given a hard link before its load: exit $status"
has "$tmp/err" "s/a.lua: not run: the file changed since the folder was walked (it has other hard links)"
rm -f "$tmp/outside_name.lua"

# Swapped once it is open: the file read is the one checked, whatever the name leads to now.
model "$tmp/s/a.lua" a
paused run "$tmp/s" -o "$tmp/outs" -q
at_pause open ":"
at_pause read "cp '$tmp/evil.lua' '$tmp/s/new' && mv '$tmp/s/new' '$tmp/s/a.lua'"
ended
test "$status" -eq 0 && ok || bad "a model replaced after it was opened: exit $status"
test "$(rows "$tmp/outs/totals.csv")" = "a.lua " && ok || bad "the model opened did not run"
lacks "$tmp/err" "the swapped-in file was run"

# A link named on the command line is resolved once: the file it led to then is the one read
# (retargeting the link meanwhile changes nothing), and messages name the link as given.
ln -s "$tmp/elsewhere/far.lua" "$tmp/given2.lua"
paused run "$tmp/given2.lua" -o "$tmp/outg" -q
at_pause open ":"
at_pause read "ln -sf '$tmp/evil.lua' '$tmp/given2.lua'"
ended
test "$status" -eq 0 && ok || bad "a command-line link retargeted after the load opened it: exit $status"
has "$tmp/outg/totals.csv" "given2.lua,far"
lacks "$tmp/err" "the swapped-in file was run"
printf 'local r = require "reckon"\nerror("boom at two")\n' >"$tmp/elsewhere/boom.lua"
ln -s elsewhere/boom.lua "$tmp/link1.lua"
ln -s link1.lua "$tmp/link2.lua"
"$RECKON" run "$tmp/link2.lua" -o "$tmp/outl" -q 2>"$tmp/err"
test $? -eq 1 && ok || bad "a chain of command-line links to a failing model: exit $?"
has "$tmp/err" "$tmp/link2.lua:2: boom at two"
mkfifo "$tmp/elsewhere/pipe.lua"
ln -s elsewhere/pipe.lua "$tmp/pipe_link.lua"
timeout 60 "$RECKON" run "$tmp/pipe_link.lua" -o "$tmp/outp" -q 2>"$tmp/err"
test $? -eq 1 && ok || bad "a command-line link to a pipe: exit $? (124: it blocked)"
has "$tmp/err" "pipe_link.lua: cannot run: it is not a plain file"

finish
