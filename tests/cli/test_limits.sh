#!/usr/bin/env bash
# Batch runs of models that misbehave: each fails alone with a message naming the limit (or
# the crash) and its line, the good models' rows are written, errors.csv lists the failures,
# and the output is the same whatever -j.  No outcome depends on the machine's speed: the
# limits that stop these models are instructions and memory (--timeout 60 is never reached);
# the one wall-time case, a pathological pattern that never ends, runs beside one good model
# under --timeout 5, and its watchdog kills at 6 s or later whatever the load.
. "$(dirname "$0")/lib.sh"
has() { grep -F -q -- "$2" "$1" && ok || { bad "$1 lacks: $2"; sed 's/^/  | /' "$1" | head -20; }; }

m="$tmp/models"
mkdir "$m"
good() { # a good model named $1 costing $2
  printf 'local r = require "reckon"\nreturn r.option{ name = "%s", users = { 1000 },\n  items = { { name = "x", category = "other", cost = %s } } }\n' "$1" "$2" >"$m/$1.lua"
}
good a_good 100
good z_good 200
printf 'while true do end\n' >"$m/loop.lua"
printf 'local ok = pcall(function() while true do end end)\nlocal r = require "reckon"\nreturn r.option{ name = "caught", items = { { name = "x", category = "other", cost = 1 } } }\n' >"$m/loop_in_pcall.lua"
printf 'local t = {}\nfor i = 1, 1e9 do t[i] = string.rep("x", 65536) .. i end\n' >"$m/memory_bomb.lua"
printf 'local function f(n) return f(n + 1) + 1 end\nreturn f(1)\n' >"$m/recursion.lua"
printf 'local f = io.open("%s/sentinel", "w")\n' "$tmp" >"$m/io_open.lua"
printf 'os.execute("touch %s/sentinel")\n' "$tmp" >"$m/os_execute.lua"
printf 'local r = require "reckon"\nlocal price = 10\nreturn r.option{ name = "typo", items = { { name = "x", category = "other", cost = prcie } } }\n' >"$m/typo.lua"
good crash 50

run() { # run ARGS...: status in $status, stderr in $tmp/err
  # (handle_segv=0: under AddressSanitizer the crashing worker is left to its signal)
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:handle_segv=0" RECKON_TEST_CRASH=crash.lua "$RECKON" run "$m" --max-instructions 20000000 --max-memory 64 \
    --timeout 60 -q "$@" 2>"$tmp/err"
  status=$?
}
run -o "$tmp/j1" -j 1
test "$status" -eq 1 && ok || bad "a run with failing models exits 1 (got $status)"
has "$tmp/err" "loop.lua:1: instruction limit of 20000000 reached"
has "$tmp/err" "loop_in_pcall.lua:1: instruction limit of 20000000 reached"
has "$tmp/err" "memory_bomb.lua:2: memory limit of 64 MiB reached"
has "$tmp/err" "recursion.lua:1: stack overflow"
has "$tmp/err" "io_open.lua:1: undefined global 'io'"
has "$tmp/err" "os_execute.lua:1: attempt to call a nil value (field 'execute')"
has "$tmp/err" "typo.lua:3: undefined global 'prcie'"
has "$tmp/err" "crash.lua: the worker crashed: signal 11"
has "$tmp/err" "8 of 10 models failed"
test ! -e "$tmp/sentinel" && ok || bad "a model reached the file system"
has "$tmp/j1/totals.csv" "a_good.lua,a_good,1000,100.00,100.00,100.00,0.1"
has "$tmp/j1/totals.csv" "z_good.lua,z_good,1000,200.00,200.00,200.00,0.2"
test "$(grep -c . "$tmp/j1/totals.csv")" -eq 3 && ok || bad "totals.csv holds the header and the two good models"
has "$tmp/j1/errors.csv" "loop.lua,limit,"
has "$tmp/j1/errors.csv" "memory_bomb.lua,limit,"
has "$tmp/j1/errors.csv" "crash.lua,crash,"
has "$tmp/j1/errors.csv" "typo.lua,error,"
test "$(grep -c . "$tmp/j1/errors.csv")" -eq 9 && ok || bad "errors.csv: a header and eight failures"
test -z "$(ls -A "$tmp/j1" | grep '^\.')" && ok || bad "no work folder or temporary file is left"

# The pathological pattern, alone: killed by the watchdog (the hook never runs inside a C
# function), kind timeout; the good model beside it is unharmed.
mkdir "$tmp/pat"
printf 'local s = string.rep("a", 200000)\nreturn s:find(".-.-.-.-.-.-.-.-b")\n' >"$tmp/pat/pattern.lua"
cp "$m/a_good.lua" "$tmp/pat/"
# --timeout 5 (the watchdog at 6 s): the good model ends well within it, however loaded
"$RECKON" run "$tmp/pat" -o "$tmp/pat_out" -q --timeout 5 -j 2 2>"$tmp/pat.err"
test $? -eq 1 && ok || bad "a run with a pathological pattern exits 1"
has "$tmp/pat.err" "pattern.lua:2: killed after 6 s: the time limit (--timeout)"
has "$tmp/pat_out/errors.csv" "pattern.lua,timeout,"
has "$tmp/pat_out/totals.csv" "a_good.lua,a_good,1000,100.00,100.00,100.00,0.1"

# The same files whatever -j.
run -o "$tmp/j4" -j 4
for f in totals.csv items.csv errors.csv; do
  cmp -s "$tmp/j1/$f" "$tmp/j4/$f" && ok || bad "$f is the same with -j 1 and -j 4"
done

# A run killed half way leaves the old files whole, and the next run cleans up after it.
good slow 1
printf 'local t0 = os.clock()\nwhile os.clock() - t0 < 30 do end\n' >"$m/slow.lua"
cp "$tmp/j1/totals.csv" "$tmp/totals.before"
RECKON_TEST_CRASH=crash.lua "$RECKON" run "$m" -o "$tmp/j1" -q --timeout 60 -j 2 2>/dev/null &
pid=$!
for _ in $(seq 600); do pgrep -P "$pid" >/dev/null && break; sleep 0.1; done # a worker runs
kill -KILL "$pid"
wait "$pid" 2>/dev/null
cmp -s "$tmp/j1/totals.csv" "$tmp/totals.before" && ok || bad "a killed run left the old totals.csv whole"
rm "$m/slow.lua"
run -o "$tmp/j1" -j 2
test -z "$(ls -A "$tmp/j1" | grep '^\.')" && ok || bad "the next run cleaned up what the killed one left"

# -o -: totals.csv on standard output, a model's print on standard error.
mkdir "$tmp/stdout"
printf 'local r = require "reckon"
print("hello from the model")
return r.option{ name = "p", users = { 1000 }, items = { { name = "x", category = "other", cost = 7 } } }
' >"$tmp/stdout/p.lua"
"$RECKON" run "$tmp/stdout" -o - >"$tmp/stdout.csv" 2>"$tmp/stdout.err"
test $? -eq 0 && ok || bad "run -o - exits 0"
# rows end in LF, as a Unix pipe expects (--line-ends crlf gives RFC 4180's CRLF); the
# findings go to standard error
printf 'model,option,users,low,mid,high,per_user\np.lua,p,1000,7.00,7.00,7.00,0.007000\n' | cmp -s - "$tmp/stdout.csv" && ok ||
  { bad "run -o - writes totals.csv, and only it, to standard output"; cat "$tmp/stdout.csv"; }
grep -q '^No findings' "$tmp/stdout.err" && ok || bad "run -o - writes the findings to standard error: $(cat "$tmp/stdout.err")"
"$RECKON" run "$tmp/stdout" -o - --line-ends crlf 2>/dev/null >"$tmp/stdout_crlf.csv"
printf 'model,option,users,low,mid,high,per_user\r\np.lua,p,1000,7.00,7.00,7.00,0.007000\r\n' | cmp -s - "$tmp/stdout_crlf.csv" && ok ||
  { bad "run -o - --line-ends crlf ends rows in CRLF"; od -c "$tmp/stdout_crlf.csv" | head; }
grep -q "hello from the model" "$tmp/stdout.err" && ok || bad "print goes to standard error with -o -"
# the seed's models with -o -: each stated-total warning once on standard error (as it
# came: the findings printed after leave out their copy), a failure once, the findings whole
mkdir -p "$tmp/seed_stdout"
cp "$SRC"/models/*.lua "$tmp/seed_stdout/"
printf 'error("boom")\n' >"$tmp/seed_stdout/broken.lua"
"$RECKON" run "$tmp/seed_stdout" -o - >/dev/null 2>"$tmp/seed_stdout.err"
test $? -eq 1 && ok || bad "run -o - with a failing model exits 1"
n=$(grep -c 'warning: option' "$tmp/seed_stdout.err")
test "$n" -eq 5 && ok || bad "-o -: the seed's 5 warnings once each on standard error (got $n lines)"
n=$(grep -c 'broken.lua:1: boom' "$tmp/seed_stdout.err")
test "$n" -eq 1 && ok || bad "-o -: the failure once on standard error (got $n lines)"
grep -q '^Seed decision (decision.lua):$' "$tmp/seed_stdout.err" &&
  grep -q 'pays back in month 35' "$tmp/seed_stdout.err" && ok ||
  bad "-o -: the findings on standard error: $(head -c 600 "$tmp/seed_stdout.err")"

# The progress line: on a terminal's standard error, never when it is piped or with --quiet.
"$RECKON" run "$tmp/stdout" -o "$tmp/piped" 2>"$tmp/piped.err" >/dev/null
grep -q "models done" "$tmp/piped.err" && bad "no progress line when standard error is a file" || ok
if command -v script >/dev/null 2>&1; then
  mkdir "$tmp/long" # a run long enough to draw the line: a model busy for half a second
  printf 'local r = require "reckon"\nlocal t0 = os.clock()\nwhile os.clock() - t0 < 0.5 do end\nreturn r.option{ name = "slow", items = { { name = "x", category = "other", cost = 1 } } }\n' >"$tmp/long/slow.lua"
  script -qc "'$RECKON' run '$tmp/long' -o '$tmp/tty' >/dev/null" "$tmp/typescript" >/dev/null 2>&1
  tr '\r' '\n' <"$tmp/typescript" | grep -q "of 1 models done" && ok ||
    bad "a progress line on a terminal"
  script -qc "'$RECKON' run '$tmp/long' -o '$tmp/tty' -q >/dev/null" "$tmp/typescript" >/dev/null 2>&1
  tr '\r' '\n' <"$tmp/typescript" | grep -q "models done" && bad "no progress line with --quiet" || ok
fi

# Usage errors exit 2.
"$RECKON" run "$m" -j 0 2>/dev/null; test $? -eq 2 && ok || bad "-j 0 is a usage error"
"$RECKON" run "$m" --timeout x 2>/dev/null; test $? -eq 2 && ok || bad "--timeout x is a usage error"

# Garbage the collector has not taken yet does not count against the core's memory: 40 MiB
# of dropped strings, then 4 items at 200,000 user counts (4 x 200,000 x 3 doubles = 18 MiB
# of the core's arrays, and about 9 MB of totals rows) fit under --max-memory 64 once a
# collection is made
# before the core's block would be refused, as Lua makes one before refusing its own.
mkdir "$tmp/gc"
cat >"$tmp/gc/garbage.lua" <<'LUA'
local r = require "reckon"
local g = {} for i = 1, 40 do g[i] = string.rep("x", 1 << 20) .. i end g = nil
local items = {}
for i = 1, 4 do items[i] = { name = "i" .. i, category = "other", cost = r.linear{ base = 1, rate = 0.01 } } end
return r.option{ name = "x", items = items }
LUA
"$RECKON" run "$tmp/gc" -o "$tmp/gc_out" -q --max-memory 64 --users 1:1000000:200000 2>"$tmp/gc.err"
test $? -eq 0 && ok || { bad "dropped garbage counted against the core's memory"; head -3 "$tmp/gc.err"; }
test "$(grep -c '^garbage.lua,x,' "$tmp/gc_out/totals.csv")" -eq 200000 && ok || bad "totals.csv has the 200,000 rows"

# Rows stream: a long sweep's rows and totals past their first MiB go to the work folder, not
# to the worker's memory.  30,000 user counts of an option named with 2,500 bytes are
# 75,000,000 bytes of totals.csv rows (more than --max-memory 64's 67,108,864) and as many of
# items.csv; they are written whole, each row with the name and its count.
mkdir -p "$tmp/stream"
cat >"$tmp/stream/long.lua" <<'LUA'
local r = require "reckon"
local users = {}
for i = 1, 30000 do users[i] = i end
return r.option{ name = string.rep("N", 2500), users = users,
  items = { { name = "a", category = "other", cost = 1 } } }
LUA
"$RECKON" run "$tmp/stream" -o "$tmp/stream_out" -q --format csv --max-memory 64 2>"$tmp/stream.err"
test $? -eq 0 && ok || { bad "75 MB of totals rows under --max-memory 64"; head -3 "$tmp/stream.err"; }
name=$(printf 'N%.0s' $(seq 2500))
for f in totals items; do
  awk -F, -v name="$name" 'NR > 1 && $1 == "long.lua" && $2 == name && $3 == NR - 1 { n++ }
    END { exit n == 30000 ? 0 : 1 }' "$tmp/stream_out/$f.csv" && ok ||
    bad "$f.csv has the 30,000 rows of the long-named option, in order"
done
n=$(wc -l <"$tmp/stream_out/totals.csv")
test "$n" -eq 30001 && ok || bad "totals.csv has 30,000 rows and its header (it has $n lines)"

finish
