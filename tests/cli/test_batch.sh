#!/usr/bin/env bash
# The batch cannot be hung or tricked: work folders are locked for a run's life (a folder is
# a dead run's only when its lock can be taken), signals clean up, publishing is all or
# nothing, a model's messages are capped, check and eval have run's limits and watchdog.
# No check here depends on the machine's speed: a run is waited for by the state it reaches,
# never by a sleep, and the one time limit asserted (the watchdog) has no upper bound
# tighter than 60 s.
. "$(dirname "$0")/lib.sh"
has() { grep -E -q -- "$2" "$1" && ok || { bad "$1 lacks: $2"; sed 's/^/  | /' "$1" | head -10; }; }
model() { # FILE OPTION COST
  printf 'local r = require "reckon"\nreturn r.option{ name = "%s", users = { 1000 },\n  items = { { name = "x", category = "other", cost = %s } } }\n' "$2" "$3" >"$1"
}
shm=/dev/shm
[ -d "$shm" ] && [ -w "$shm" ] || shm=${TMPDIR:-/tmp}
m="$tmp/m"
mkdir -p "$m" "$tmp/t"
model "$m/a.lua" a 1
model "$m/b.lua" b 2
forever='while true do end' # under --max-instructions 1e15: runs until it is killed
long=(--max-instructions 1000000000000000 --timeout 86400)

wait_for() { # SECONDS CONDITION...: polls until the condition holds; false on running out
  local end=$((SECONDS + $1)); shift
  until "$@"; do [ $SECONDS -lt $end ] || return 1; sleep 0.1; done
}
work_of() { ls -d "$shm"/.reckon-work-"$1"-* 2>/dev/null; } # the work folder of run PID
has_work() { [ -n "$(work_of "$1")" ]; }
has_child() { pgrep -P "$1" >/dev/null; }
gone() { ! kill -0 "$1" 2>/dev/null; }

# ---- 2. locks: a locked folder survives another run's cleaning, an unlocked one is removed.
# The folders' pids are dead here, as a live run's pid is in another PID namespace.  They are
# made in the output folder (where a run keeps its parts when there is no /dev/shm), which
# the same code cleans: in the shared /dev/shm, a run of another build of reckon (one before
# the locks) would remove them behind this test's back.
mkdir -p "$tmp/out"
locked="$tmp/out/.reckon-work-999999-aAaAaA" stale="$tmp/out/.reckon-work-999998-bBbBbB"
mkdir "$locked" "$stale"
touch "$locked/.reckon-work-folder" "$stale/.reckon-work-folder" # the marker reckon leaves
echo part >"$locked/0.part"
echo part >"$stale/0.part"
hold_lock() { # -x|-s FOLDER: a process that holds FOLDER's lock until killed (no child)
  (exec 9<"$2" && flock "$1" 9 && exec sleep 600) >/dev/null 2>&1 &
  holder=$!
}
hold_lock -x "$locked"
wait_for 30 bash -c "! flock -n '$locked' true" || bad "flock(1) did not take the lock"
"$RECKON" run "$m" -o "$tmp/out" -q 2>"$tmp/err"
test $? -eq 0 && ok || bad "a run beside a locked folder exits 0"
test -f "$locked/0.part" && ok || bad "a locked work folder (a live run's) was removed"
test ! -e "$stale" && ok || bad "an unlocked work folder (a dead run's) was left"
kill "$holder"; wait "$holder" 2>/dev/null
rm -rf "$locked"

# The same for the temporary files in the output folder: kept while another run holds the
# folder's lock, removed when none does.
temp="$tmp/out/.totals.csv.999999.AbCdEf"
echo half >"$temp"
hold_lock -s "$tmp/out"
wait_for 30 bash -c "! flock -n -x '$tmp/out' true" || bad "flock(1) did not take out's lock"
# the run cleans up first, then waits to publish until the other run (the holder) is done:
# its own temporary files appear while the other one's is still there
"$RECKON" run "$m" -o "$tmp/out" -q 2>"$tmp/err" &
runner=$!
wait_for 60 bash -c "ls -A '$tmp/out' | grep -q '^\.items\.csv\.'" ||
  bad "the run made no temporary files of its own"
test -f "$temp" && ok || bad "a temporary file was removed while another run held the folder"
kill "$holder"; wait "$holder" 2>/dev/null
wait "$runner"
test $? -eq 0 && ok || bad "a run beside another in the same output folder exits 0"
"$RECKON" run "$m" -o "$tmp/out" -q 2>"$tmp/err"
test ! -e "$temp" && ok || bad "a dead run's temporary file was left when no run held the folder"

# Cleaning touches only reckon's own names: a user's folder named like a work folder but
# without reckon's marker (or not exactly named), and a file named like a temporary CSV file
# of a name reckon never writes, survive a run with -o in their folder.
mkdir -p "$tmp/own/.reckon-work-notes" "$tmp/own/.reckon-work-1-abcdef"
echo important >"$tmp/own/.reckon-work-notes/data.txt"
echo important >"$tmp/own/.reckon-work-1-abcdef/data.txt"
echo keep >"$tmp/own/.prices.csv.123.abcdef"
echo keep >"$tmp/own/.totals.csv.123.abcdefg"
cp "$m/a.lua" "$tmp/own/"
(cd "$tmp/own" && "$RECKON" run . -o . -q 2>"$tmp/err")
test $? -eq 0 && ok || bad "a run with -o . exits 0: $(cat "$tmp/err")"
for f in .reckon-work-notes/data.txt .reckon-work-1-abcdef/data.txt .prices.csv.123.abcdef .totals.csv.123.abcdefg; do
  test -f "$tmp/own/$f" && ok || bad "cleaning removed a user's $f"
done

# Two runs into one output folder at once publish the whole set of one of them, never a mix
# (the renames are exclusive per output folder).
mkdir -p "$tmp/mixA" "$tmp/mixB"
model "$tmp/mixA/m.lua" A 1
model "$tmp/mixB/m.lua" B 2
mixed=0
for t in $(seq 1 20); do
  "$RECKON" run "$tmp/mixA" -o "$tmp/mix" -q -j 1 >/dev/null 2>&1 &
  pa=$!
  "$RECKON" run "$tmp/mixB" -o "$tmp/mix" -q -j 1 >/dev/null 2>&1 &
  pb=$!
  wait "$pa" "$pb"
  a=$(sed -n 2p "$tmp/mix/items.csv" | cut -d, -f2)
  b=$(sed -n 2p "$tmp/mix/totals.csv" | cut -d, -f2)
  [ "$a" = "$b" ] || { mixed=$((mixed + 1)); echo "mix $t: items=$a totals=$b"; }
done
test "$mixed" -eq 0 && ok || bad "two runs into one folder at once published a mixed set ($mixed of 20)"

# A run waiting to publish keeps its temporary files from another run's cleanup.  Converting
# the output folder's lock to publish lets go of it for a moment; the hook
# RECKON_TEST_PUBLISH_GAP holds the first run there, the folder unlocked and its temporary
# files finished.  A second run started then takes the folder's lock, cleans dead runs'
# temporary files and publishes; the first run's files, each locked, survive it, and the
# first run then publishes its own whole set over the second's.
mkdir -p "$tmp/gap" "$tmp/gapA" "$tmp/gapB"
model "$tmp/gapA/first.lua" first 1
model "$tmp/gapB/second.lua" second 2
RECKON_TEST_PUBLISH_GAP="$tmp/gap" "$RECKON" run "$tmp/gapA" -o "$tmp/gap_out" -q 2>"$tmp/gap.err" &
first=$!
wait_for 300 test -e "$tmp/gap/waiting" || bad "the first run never reached its publishing"
# its files: items.csv and totals.csv (no analysis: no other table), findings.txt, run.json,
# reckon.xlsx and report.html
temps=$(ls -A "$tmp/gap_out" | sed -n 's/^\.\([a-z_]*\.[a-z]*\)\.[0-9]*\.......$/\1/p' | LC_ALL=C sort | tr '\n' ' ')
test "$temps" = "findings.txt items.csv reckon.xlsx report.html run.json totals.csv " && ok ||
  bad "the first run waits with its 6 files unpublished (has $temps)"
"$RECKON" run "$tmp/gapB" -o "$tmp/gap_out" -q 2>"$tmp/gap2.err"
test $? -eq 0 && ok || bad "the second run exits 0: $(cat "$tmp/gap2.err")"
has "$tmp/gap_out/totals.csv" "^second.lua,second,"
touch "$tmp/gap/go"
wait "$first"
test $? -eq 0 && ok || bad "the first run publishes after the other's cleanup: $(cat "$tmp/gap.err")"
has "$tmp/gap_out/totals.csv" "^first.lua,first,1000,1.00,"
grep -q second "$tmp/gap_out/totals.csv" "$tmp/gap_out/items.csv" &&
  bad "the second run's rows are mixed into the first run's set" || ok
test -z "$(ls -A "$tmp/gap_out" | grep '^\.')" && ok || bad "temporary files were left: $(ls -A "$tmp/gap_out")"

# A second run while a first, slow one runs: the first's folder survives, and both end well.
printf '%s\n' "$forever" >"$tmp/slow.lua"
"$RECKON" run "$tmp/slow.lua" -o "$tmp/slow_out" -q "${long[@]}" 2>/dev/null &
first=$!
wait_for 60 has_work "$first" || bad "the slow run made no work folder"
first_work=$(work_of "$first")
"$RECKON" run "$m" -o "$tmp/out2" -q 2>"$tmp/err"
test $? -eq 0 && ok || bad "a second run beside a slow one exits 0"
test -d "$first_work" && ok || bad "the second run removed the live run's work folder"

# ---- 3. signals: SIGTERM ends the slow run, its worker and its work folder.
wait_for 60 has_child "$first" || bad "the slow run started no worker"
worker=$(pgrep -P "$first" | head -1)
kill -TERM "$first"
wait "$first"
status=$?
test "$status" -eq 143 && ok || bad "a run ended by SIGTERM exits 143 (got $status)"
test ! -e "$first_work" && ok || bad "SIGTERM left the work folder $first_work"
wait_for 60 gone "${worker:-0}" && ok || bad "the worker outlived its run"
test -z "$(ls -A "$tmp/slow_out" 2>/dev/null)" && ok || bad "SIGTERM left files in the output folder: $(ls -A "$tmp/slow_out")"

# SIGINT the same, and the old files stay whole.
cp "$m"/*.lua "$tmp/t/" && printf '%s\n' "$forever" >"$tmp/t/slow.lua"
"$RECKON" run "$tmp/out" -o "$tmp/out" -q >/dev/null 2>&1 # (no models: a usage error)
cp "$tmp/out/totals.csv" "$tmp/totals.before"
"$RECKON" run "$tmp/t" -o "$tmp/out" -q "${long[@]}" 2>/dev/null &
run=$!
wait_for 60 has_child "$run" || bad "the run started no worker"
run_work=$(work_of "$run")
kill -INT "$run"
wait "$run"
status=$?
test "$status" -eq 130 && ok || bad "a run ended by SIGINT exits 130 (got $status)"
test -n "$run_work" && test ! -e "$run_work" && ok || bad "SIGINT left the work folder"
cmp -s "$tmp/out/totals.csv" "$tmp/totals.before" && ok || bad "SIGINT replaced totals.csv"
test -z "$(ls -A "$tmp/out" | grep '^\.')" && ok || bad "SIGINT left temporary files in out/"

# SIGKILL cannot be caught: the workers die with the run, and the next run cleans up.
"$RECKON" run "$tmp/t" -o "$tmp/out" -q "${long[@]}" 2>/dev/null &
run=$!
wait_for 60 has_child "$run" || bad "the run started no worker"
worker=$(pgrep -P "$run" | head -1)
run_work=$(work_of "$run")
kill -KILL "$run"
wait "$run" 2>/dev/null
wait_for 60 gone "${worker:-0}" && ok || bad "a worker outlived its killed run"
"$RECKON" run "$m" -o "$tmp/out" -q 2>"$tmp/err"
test -n "$run_work" && test ! -e "$run_work" && ok || bad "the next run left the killed run's work folder"

# SIGPIPE: -o - | head -1 leaves nothing in TMPDIR (it left 18 MB there for ever).
mkdir "$tmp/tmpdir"
(TMPDIR="$tmp/tmpdir" "$RECKON" run "$m" -o - --users 1:10000000:20000 & echo $! >"$tmp/pid"; wait $!) |
  head -1 >"$tmp/head"
has "$tmp/head" "^model,option,users"
test -z "$(ls -A "$tmp/tmpdir")" && ok || bad "-o - | head left in TMPDIR: $(ls -A "$tmp/tmpdir")"
test -z "$(work_of "$(cat "$tmp/pid")")" && ok || bad "-o - | head left its work folder"

# ---- 4. publishing is all or nothing: a rename failing in the middle puts back the files
# renamed before it (bad_models.tsv has the rows for a folder in the way).
rm -rf "$tmp/pub" && mkdir "$tmp/pub"
"$RECKON" run "$m" -o "$tmp/pub" -q 2>/dev/null
rm "$tmp/pub/run.json" # a final file that did not exist before must not appear
(cd "$tmp/pub" && cksum * >"$tmp/pub.before")
model "$m/c.lua" c 3
RECKON_TEST_PUBLISH_FAIL=totals.csv "$RECKON" run "$m" -o "$tmp/pub" -q 2>"$tmp/err"
status=$?
test "$status" -eq 3 && ok || bad "a rename failing exits 3 (got $status)"
has "$tmp/err" "pub/totals.csv: cannot replace: .*\(no file was replaced\)"
(cd "$tmp/pub" && cksum * >"$tmp/pub.after")
cmp -s "$tmp/pub.before" "$tmp/pub.after" && ok || { bad "a rename failing replaced files"; diff "$tmp/pub.before" "$tmp/pub.after"; }
test -z "$(ls -A "$tmp/pub" | grep '^\.')" && ok || bad "a rename failing left copies: $(ls -A "$tmp/pub")"
rm "$m/c.lua"

# ---- 6. a model printing 100 MB: its messages are cut at 1 MiB with a note, the innocent
# models succeed, and so does it.
printf 'local line = string.rep("x", 999)\nfor i = 1, 100000 do print(line) end\nlocal r = require "reckon"\nreturn r.option{ name = "chatty", users = { 1000 }, items = { { name = "x", category = "other", cost = 5 } } }\n' >"$m/chatty.lua"
"$RECKON" run "$m" -o "$tmp/chat" -q -j 2 2>"$tmp/err"
test $? -eq 0 && ok || bad "a run with a chatty model exits 0"
has "$tmp/chat/totals.csv" "^a.lua,a,1000"
has "$tmp/chat/totals.csv" "^b.lua,b,1000"
has "$tmp/chat/totals.csv" "^chatty.lua,chatty,1000"
has "$tmp/err" "^\[reckon: cut here: only the first 1048576 bytes are kept\]"
size=$(wc -c <"$tmp/err")
test "$size" -lt 2000000 && ok || bad "the chatty model's messages were not capped ($size bytes)"
rm "$m/chatty.lua"

# A model whose results find no room in the work folder (here: a file size limit, as a
# full /dev/shm would) fails alone, kind limit, naming the folder and what to change; the
# others succeed.
printf 'local r = require "reckon"\nlocal items = {}\nfor i = 1, 2000 do items[i] = { name = "item " .. i, category = "other", cost = i } end\nreturn r.option{ name = "big", users = { 1000 }, items = items }\n' >"$m/big.lua"
(ulimit -f 64; exec "$RECKON" run "$m" -o "$tmp/full" -q -j 1) 2>"$tmp/err"
test $? -eq 1 && ok || bad "a model whose results cannot be kept fails alone"
has "$tmp/err" "big.lua: no room for the model's results in the work folder in /.* \(File too large\): lower --max-csv \(now 256 MiB\), or give /.* more room"
has "$tmp/full/errors.csv" "^big.lua,limit,.*File too large"
has "$tmp/full/totals.csv" "^a.lua,a,1000"
rm "$m/big.lua"
# On a small /dev/shm (where the work folder goes) the full part is emptied to the failure
# alone, so the model after it still has room (only where this test may mount a tmpfs).
if unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs /dev/shm' 2>/dev/null; then
  printf 'local r = require "reckon"\nlocal items = {}\nfor i = 1, 20000 do items[i] = { name = "item " .. i, category = "other", cost = i } end\nreturn r.option{ name = "big", users = { 1000 }, items = items }\n' >"$m/big.lua"
  model "$m/z.lua" z 1
  unshare -m sh -c "mount -t tmpfs -o size=1m tmpfs /dev/shm && exec '$RECKON' run '$m' -o '$tmp/shm' -q -j 1" 2>"$tmp/err"
  test $? -eq 1 && ok || bad "a model filling /dev/shm fails alone"
  has "$tmp/shm/errors.csv" "^big.lua,limit,.*work folder in /dev/shm \(No space left on device\)"
  test "$(grep -c . "$tmp/shm/errors.csv")" -eq 2 && ok || bad "models after a full /dev/shm failed: $(cat "$tmp/shm/errors.csv")"
  has "$tmp/shm/totals.csv" "^z.lua,z,1000"
  rm "$m/big.lua" "$m/z.lua"
fi

# ---- 5. check and eval: run's limit flags and watchdog.  A pathological pattern is killed
# at the time limit (the watchdog cannot fire early, whatever the load; 60 s is a hang).
printf 'local s = string.rep("a", 200000)\nfor i = 1, 100000 do local x = i * 2 end\nreturn s:find(".-.-.-.-.-.-.-.-b")\n' >"$tmp/pattern.lua"
for cmd in check eval; do
  start=$SECONDS
  timeout 120 "$RECKON" $cmd --timeout 1 "$tmp/pattern.lua" >"$tmp/$cmd.out" 2>"$tmp/$cmd.err"
  status=$?
  test "$status" -eq 1 && ok || bad "$cmd of a pathological pattern under --timeout 1 exits 1 (got $status)"
  test $((SECONDS - start)) -lt 60 && ok || bad "$cmd ran past 60 s under --timeout 1"
  has "$tmp/$cmd.err" "pattern.lua(:[0-9]+)?: killed after 2 s: the time limit \(--timeout\)"
  # The hook's last line (quota.h's where_mirror): enforced once the sandbox's hook fills it.
  if grep -q where_mirror "$SRC/engine/lua/quota.c" 2>/dev/null; then
    has "$tmp/$cmd.err" "pattern.lua:[23]: killed after 2 s"
  fi
done
mkdir "$tmp/patdir" && cp "$tmp/pattern.lua" "$tmp/patdir/"
"$RECKON" run "$tmp/patdir" -o "$tmp/patout" -q --timeout 1 2>"$tmp/run.err"
test $? -eq 1 && ok || bad "run of a pathological pattern exits 1"
has "$tmp/run.err" "pattern.lua(:[0-9]+)?: killed after 2 s: the time limit \(--timeout\)"
if grep -q where_mirror "$SRC/engine/lua/quota.c" 2>/dev/null; then
  has "$tmp/run.err" "pattern.lua:[23]: killed after 2 s"
  has "$tmp/patout/errors.csv" "pattern.lua,timeout,.*pattern.lua:[23]: killed after 2 s"
fi
# A crash names the last line the hook saw, too (here: after the model ran its loop).
printf 'local n = 0\nfor i = 1, 100000 do n = n + i end\nlocal r = require "reckon"\nreturn r.option{ name = "c", users = { 1000 }, items = { { name = "x", category = "other", cost = 1 } } }\n' >"$tmp/patdir/crash.lua"
rm "$tmp/patdir/pattern.lua"
ASAN_OPTIONS="${ASAN_OPTIONS:-}:handle_segv=0" RECKON_TEST_CRASH_LOADED=crash.lua \
  "$RECKON" run "$tmp/patdir" -o "$tmp/patout" -q 2>"$tmp/run.err"
test $? -eq 1 && ok || bad "a run whose worker crashes exits 1"
has "$tmp/run.err" "crash.lua(:[0-9]+)?: the worker crashed: signal 11"
if grep -q where_mirror "$SRC/engine/lua/quota.c" 2>/dev/null; then
  has "$tmp/run.err" "crash.lua:2: the worker crashed: signal 11"
fi
printf 'while true do end\n' >"$tmp/loop.lua"
for cmd in check eval; do
  "$RECKON" $cmd --max-instructions 100000 "$tmp/loop.lua" >"$tmp/$cmd.out" 2>"$tmp/$cmd.err"
  test $? -eq 1 && ok || bad "$cmd --max-instructions stops a loop"
  has "$tmp/$cmd.err" "loop.lua:1: instruction limit of 100000 reached"
  printf 'local t = {}\nfor i = 1, 1e9 do t[i] = string.rep("x", 65536) .. i end\n' >"$tmp/bomb.lua"
  "$RECKON" $cmd --max-memory 16 "$tmp/bomb.lua" >"$tmp/$cmd.out" 2>"$tmp/$cmd.err"
  test $? -eq 1 && ok || bad "$cmd --max-memory stops a memory bomb"
  has "$tmp/$cmd.err" "bomb.lua:2: memory limit of 16 MiB reached"
  "$RECKON" $cmd --timeout x "$tmp/loop.lua" 2>/dev/null; test $? -eq 2 && ok || bad "$cmd --timeout x is a usage error"
  "$RECKON" $cmd --max-memory 2>/dev/null; test $? -eq 2 && ok || bad "$cmd --max-memory without a value is a usage error"
done
# A model that prints more than the messages' cap is checked like it is run: its messages are
# cut, its check succeeds (a capped capture never fails the worker).
printf 'local r = require "reckon"\nlocal s = string.rep("x", 1000)\nfor i = 1, 2000 do print(s) end\nreturn r.option{name = "o", items = {{name = "x", category = "other", cost = 1}}}\n' >"$tmp/flood.lua"
"$RECKON" check "$tmp/flood.lua" >"$tmp/check.out" 2>"$tmp/check.err"
test $? -eq 0 && ok || bad "check of a model that prints 2 MB exits 0"
has "$tmp/check.out" "flood.lua: ok"
has "$tmp/check.err" "reckon: cut here"
# A reader that stops is no crash: eval ends quietly, killed by SIGPIPE like any filter.
printf 'for i = 1, 1000000 do print(string.rep("y", 100)) end\n' >"$tmp/talk.lua"
"$RECKON" eval "$tmp/talk.lua" 2>"$tmp/eval.err" | head -1 >/dev/null
test "${PIPESTATUS[0]}" -eq 141 && ok || bad "eval into a reader that stopped ends of SIGPIPE (141)"
test ! -s "$tmp/eval.err" && ok || { bad "eval into a reader that stopped said something"; cat "$tmp/eval.err"; }
printf 'print("hello")\n' >"$tmp/hello.lua"
test "$("$RECKON" eval "$tmp/hello.lua")" = hello && ok || bad "eval prints to standard output"
# --max-csv: a number of MiB, 0 for no limit.  A model of 30,000 user counts writes at least
# 30000 * 80 bytes of items and totals rows (tests/cli/bad_models/csv_cap_sweep: 2,400,000)
# and at most 30000 * 95 (an items row "sweep.lua,sweep,30000,x,other,1.00,1.00,1.00,\r\n"
# is 48 bytes at most, a totals row "sweep.lua,sweep,30000,1.00,1.00,1.00,0.333333\r\n" 47:
# 2,850,000): over --max-csv 2 (2,097,152 bytes), under --max-csv 3 (3,145,728) and none.
"$RECKON" run "$m" --max-csv x -o "$tmp/cap" 2>/dev/null; test $? -eq 2 && ok || bad "--max-csv x is a usage error"
"$RECKON" run "$m" --max-csv 2>/dev/null; test $? -eq 2 && ok || bad "--max-csv without a value is a usage error"
mkdir -p "$tmp/capm"
cp "$SRC/tests/cli/bad_models/csv_cap_sweep/model.lua" "$tmp/capm/sweep.lua"
for cap in 2:1 3:0 0:0; do
  "$RECKON" run "$tmp/capm" --max-csv "${cap%:*}" -o "$tmp/cap" -q 2>"$tmp/cap.err"
  test $? -eq "${cap#*:}" && ok || bad "--max-csv ${cap%:*} exits ${cap#*:}: $(head -2 "$tmp/cap.err")"
done
has "$tmp/cap/totals.csv" "^sweep.lua,sweep,30000,1.00,"
"$RECKON" check -j 1 "$m" >"$tmp/check.out" 2>&1
test $? -eq 0 && ok || bad "check -j 1 of good models exits 0"
has "$tmp/check.out" "^2 of 2 models ok; 0 self-check warnings"

# Started with a standard stream closed (cron, `2>&-`): /dev/null takes its place, so the
# part files a worker opens do not take fd 2 and the rows are not lost.
"$RECKON" run "$m" -o "$tmp/ref" -q -j 1 2>/dev/null
for closed in '2>&-' '>&-' '<&-' '2>&- >&-'; do
  rm -rf "$tmp/closed"
  (eval "exec $closed"; exec "$RECKON" run "$m" -o "$tmp/closed" -j 1) >"$tmp/closed.out"
  status=$?
  test "$status" -eq 0 && ok || bad "run with $closed exits 0 (got $status)"
  cmp -s "$tmp/ref/totals.csv" "$tmp/closed/totals.csv" && ok || bad "run with $closed writes every row of totals.csv"
  cmp -s "$tmp/ref/items.csv" "$tmp/closed/items.csv" && ok || bad "run with $closed writes every row of items.csv"
done

finish
