#!/usr/bin/env bash
# tests/cli/test_scale.sh: nothing a model makes is quadratic.  Each model below makes
# 100,000 of something (items, ranges, groups, change targets, options in an analysis); a
# quadratic pass would take hours here (10^10 steps), a linear or n log n one a second or
# two (a minute under the sanitizers).  No check races the clock: the runs are given ten
# minutes, for a loaded machine and a sanitizer build.
. "$(dirname "$0")/lib.sh"
m="$tmp/models"
mkdir "$m"

# 100,000 items in one option, each with a range of its own (100,000 inputs), a change that
# scales and removes 100,000 targets, under Monte Carlo.
cat >"$m/items.lua" <<'LUA'
local r = require "reckon"
local items, scale, remove = {}, {}, {}
for i = 1, 100000 do
  items[i] = { name = "item " .. i, category = "other", cost = r.fixed(r.range(1, 2)) }
  if i % 2 == 0 then scale["item " .. i] = 0.5 else remove[#remove + 1] = "item " .. i end
end
local big = r.option{ name = "big", users = { 1000 }, items = items }
local small = r.option{ name = "small", users = { 1000 }, items = { { name = "x", category = "other", cost = 1 } } }
local cut = r.change{ name = "cut", one_off = 0, scale = scale, remove = remove, options = { "big" } }
return { big, small, r.analysis{ name = "a", options = { big, small }, users = { 1000, 2000 },
  timeline = { months = 12, start = 1000, growth = r.growth.compound{ monthly = 0.01 } }, changes = { cut } } }
LUA
# 100,000 ranges in 100,000 groups, and 100,000 more in one group.
cat >"$m/groups.lua" <<'LUA'
local r = require "reckon"
local items = {}
for i = 1, 100000 do
  items[i] = { name = "g" .. i, category = "other", cost = r.fixed(r.range(1, 2, { group = "g" .. i })) }
end
for i = 1, 100000 do
  items[100000 + i] = { name = "s" .. i, category = "other", cost = r.fixed(r.range(1, 2, { group = "one" })) }
end
return r.option{ name = "groups", users = { 1000 }, items = items }
LUA
# An analysis of 100,000 options: refused at once, not searched pair by pair.
cat >"$m/options.lua" <<'LUA'
local r = require "reckon"
local options = {}
for i = 1, 100000 do
  options[i] = r.option{ name = "o" .. i, users = { 1000 }, items = { { name = "x", category = "other", cost = i } } }
end
return r.analysis{ name = "many", options = options, users = { 1000, 2000 } }
LUA
# Two of 100,000 options with one name: found by a hashed look, not 10^10 comparisons.
sed 's/"o" \.\. i,/i == 100000 and "o1" or "o" .. i,/' "$m/options.lua" >"$m/twice.lua"

# 20,000 ranges that nothing reads: under --samples 10000 they would take 1.6 GB of Monte
# Carlo arrays; only what the options and analyses read is drawn.
cat >"$m/unused.lua" <<'LUA'
local r = require "reckon"
for _ = 1, 20000 do r.range(1, 2) end
return r.option{ name = "used", users = { 1000 }, items = { { name = "x", category = "other", cost = r.fixed(r.range(1, 2)) } } }
LUA

cd "$tmp" || exit 1
# One batch of the three, two at a time; the analysis of 100,000 options fails alone.
"$RECKON" run models/items.lua models/groups.lua models/options.lua -o out --samples 2 -q \
  --timeout 600 -j 2 2>"$tmp/err"
status=$?
test "$status" -eq 1 && ok || { bad "100,000 items, ranges and groups run, the 100,000 options fail (exit $status)"; head -5 "$tmp/err"; }
grep -q '^items.lua,big,1000,' out/totals.csv && ok || bad "totals.csv has the big option"
grep -q '^groups.lua,groups,1000,' out/totals.csv && ok || bad "totals.csv has the groups option"
grep -q '^items.lua,big,1000,' out/distribution.csv && ok || bad "distribution.csv has the big option"
grep -q 'analysis "many": compares 100000 options; at most 200' "$tmp/err" && ok ||
  { bad "the message names the bound"; head -3 "$tmp/err"; }
grep -c '' "$tmp/err" | grep -qx 2 && ok || { bad "only options.lua failed"; head -5 "$tmp/err"; }

"$RECKON" check models/twice.lua 2>"$tmp/err" >/dev/null
grep -q 'twice.lua:6: analysis "many": two options are named "o1"' "$tmp/err" && ok ||
  { bad "two options of one name among 100,000 are found"; head -3 "$tmp/err"; }
"$RECKON" run models/unused.lua -o outu --samples 10000 --max-memory 64 -q 2>"$tmp/err"
test $? -eq 0 && ok || { bad "20,000 unused ranges under --samples 10000 --max-memory 64"; head -3 "$tmp/err"; }
grep -q '^unused.lua,used,1000,,' outu/distribution.csv && ok || bad "distribution.csv has the option"
finish
