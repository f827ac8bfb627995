#!/usr/bin/env bash
# The sandbox seen from the command line: math.random repeats run after run and differs
# between models and seeds; print is cut at its limit with one note; a huge error message
# is cut; and, under `reckon eval`, nothing of a script's runs past a limit (these need
# eval's limit options, and are skipped, saying so, by a reckon without them).
. "$(dirname "$0")/lib.sh"
case "$RECKON" in
  */*) RECKON="$(cd "$(dirname "$RECKON")" && pwd)/$(basename "$RECKON")" ;; # the cases cd
esac

m="$tmp/models"
mkdir "$m"
random_model() { # FILE: prints three random numbers, then returns a good option
  cat >"$1" <<'LUA'
local r = require "reckon"
print("random", math.random(), math.random(1, 1000000), math.random(0))
return r.option{ name = "o", users = { 1000 }, items = { { name = "x", category = "other", cost = 1 } } }
LUA
}
random_model "$m/a.lua"
random_model "$m/b.lua"

# draws MODEL SEED-ARGS...: the random line model MODEL printed under reckon run
draws() {
  local model=$1
  shift
  "$RECKON" run "$m/$model" -o "$tmp/out" -q -j 1 "$@" 2>&1 | grep '^random'
}
first=$(draws a.lua)
test -n "$first" && ok || bad "a model's print of math.random reached standard error"
test "$first" = "$(draws a.lua)" && ok || bad "math.random repeats run after run"
test "$first" = "$(draws a.lua --seed 20260130)" && ok || bad "the default seed is MC_DEFAULT_SEED"
test "$first" != "$(draws b.lua)" && ok || bad "another model draws another stream"
test "$first" != "$(draws a.lua --seed 7)" && ok || bad "another --seed draws another stream"
# the stream is the model's name's (the CSVs' model column), however its path was spelt
spelt() { # DIR ARGS...: the random line of a.lua, run from DIR as ARGS name it
  local dir=$1
  shift
  (cd "$dir" && "$RECKON" run "$@" -o "$tmp/out" -q -j 1 2>&1 | grep '^random')
}
mkdir "$tmp/solo" && cp "$m/a.lua" "$tmp/solo/a.lua"
test "$first" = "$(spelt "$tmp" solo)" && ok || bad "a.lua in a folder given by a relative name"
test "$first" = "$(spelt / "$tmp/solo")" && ok || bad "a.lua in a folder given by its absolute path"
test "$first" = "$(spelt "$tmp/solo" .)" && ok || bad "a.lua in the folder ."
test "$first" = "$(spelt "$tmp/solo" a.lua)" && ok || bad "a.lua named on its own"
e1=$("$RECKON" eval "$m/a.lua")
test -n "$e1" && test "$e1" = "$("$RECKON" eval "$m/a.lua")" && ok || bad "math.random repeats under eval"
test "$e1" = "$(cd "$m" && "$RECKON" eval a.lua)" && ok || bad "eval's stream is the file's name's, not its path's"

# print is cut at 1 MiB, with one note; the model still succeeds
cat >"$m/flood.lua" <<'LUA'
local r = require "reckon"
local line = string.rep("y", 99)
for i = 1, 30000 do print(line) end
return r.option{ name = "o", users = { 1000 }, items = { { name = "x", category = "other", cost = 1 } } }
LUA
"$RECKON" eval "$m/flood.lua" >"$tmp/flood.out" 2>&1
status=$?
test "$status" -eq 0 && ok || bad "eval of a model that prints 3 MB exits 0 (got $status)"
size=$(wc -c <"$tmp/flood.out")
test "$size" -gt 1048576 && test "$size" -lt 1048700 && ok || bad "eval's print is cut at 1 MiB (got $size bytes)"
test "$(grep -c 'output cut at 1048576 bytes (the print limit)' "$tmp/flood.out")" -eq 1 && ok ||
  bad "one note says where print was cut"
test "$(tail -n 1 "$tmp/flood.out")" = "... output cut at 1048576 bytes (the print limit)" && ok ||
  bad "the note is the last line, on a line of its own"
"$RECKON" run "$m/flood.lua" -o "$tmp/out" -q -j 1 2>"$tmp/flood.err"
status=$?
test "$status" -eq 0 && ok || bad "run of a model that prints 3 MB exits 0 (got $status)"
size=$(wc -c <"$tmp/flood.err")
test "$size" -lt 1100000 && ok || bad "run's stderr holds at most about 1 MiB of a model's print (got $size bytes)"
grep -q '^flood.lua,o,1000,' "$tmp/out/totals.csv" && ok || bad "the printing model's rows are written"

# a huge error message is cut, in eval (with its traceback) and in run
printf 'error(string.rep("z", 1 << 20))\n' >"$m/huge_error.lua"
"$RECKON" eval "$m/huge_error.lua" 2>"$tmp/huge.err"
status=$?
test "$status" -eq 1 && ok || bad "eval of a huge error exits 1 (got $status)"
grep -q 'huge_error.lua:1: zzzz.*zzz... (message cut at 4096 bytes)$' "$tmp/huge.err" && ok ||
  bad "eval cuts a huge error message, with a note: $(head -c 200 "$tmp/huge.err")"
grep -q '^stack traceback:' "$tmp/huge.err" && ok || bad "eval still shows the traceback"
size=$(wc -c <"$tmp/huge.err")
test "$size" -lt 6000 && ok || bad "eval's stderr stays small (got $size bytes)"

# Under eval, with limits: nothing of the script's runs past the limit.
limits="--max-instructions 20000000 --max-memory 32"
cat >"$tmp/probe.lua" <<'LUA'
return 1
LUA
if "$RECKON" eval $limits "$tmp/probe.lua" >/dev/null 2>&1; then
  eval_case() { # NAME EXPECTED: the bad model NAME under eval
    local dir="$SRC/tests/cli/bad_models/$1" out
    out=$(cd "$dir" && "$RECKON" eval $limits model.lua 2>&1)
    local s=$?
    test "$s" -eq 1 && ok || bad "eval of $1 exits 1 (got $s)"
    case "$out" in *"$2"*) ok ;; *) bad "eval of $1 says: $2 (it said: $(printf '%s' "$out" | head -c 300))" ;; esac
  }
  lim='instruction limit of 20000000 reached'
  eval_case xpcall_handler_after_limit "model.lua:2: $lim"
  eval_case xpcall_handler_endless "model.lua:3: $lim"
  eval_case xpcall_handler_c_function "model.lua:3: $lim"
  eval_case xpcall_handler_in_coroutine "model.lua:3: $lim"
  eval_case close_after_limit "model.lua:3: $lim"
  eval_case coroutine_wrap_close_after_limit "model.lua:4: $lim"
  eval_case coroutine_close_after_limit "model.lua:4: $lim"
  eval_case coroutine_made_before_limit "model.lua:4: $lim"
  eval_case tostring_endless "model.lua:2: $lim"
  eval_case error_object_with_metatable "model.lua:4: error object is a table value"
  eval_case gsub_callback_endless "model.lua:3: $lim"
  eval_case sort_comparator_endless "model.lua:3: $lim"
  # a memory limit inside a Lua cost function names the function's line, kind limit
  cat >"$tmp/cost_bomb.lua" <<'LUA'
local r = require "reckon"
local c = r.fixed(0) + function(x) local t = {} for i = 1, 1e9 do t[i] = {} end return 1 end
print(pcall(c.eval, c, 1000))
print("the script went on after the limit")
LUA
out=$(cd "$tmp" && "$RECKON" eval $limits cost_bomb.lua 2>&1)
case "$out" in *"cost_bomb.lua:2: memory limit of 32 MiB reached"*) ok ;; *) bad "a memory limit in a cost function names its line: $out" ;; esac
case "$out" in *"went on"*) bad "the script ran on after a memory limit" ;; *) ok ;; esac
else
  echo "SKIP: this reckon's eval takes no limit options; the eval limit cases did not run"
fi

finish
