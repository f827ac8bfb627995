#!/usr/bin/env bash
# The parent of a run: its summary is bounded (the first 10 and last 5 user counts of an
# option, a line for the rest), a run publishes its set of files whole (a file of reckon's
# it did not make this time is removed with the rest), and a run whose files are published
# is done: a signal after that does not turn it into an interrupted run.
. "$(dirname "$0")/lib.sh"
has() { grep -E -q -- "$2" "$1" && ok || { bad "$1 lacks: $2"; sed 's/^/  | /' "$1" | head -10; }; }

# ---- the summary of a model of 100,000 user counts ---------------------------------------
mkdir -p "$tmp/big"
for n in a b; do
  printf 'local r = require "reckon"\nlocal u = {} for i = 1, 100000 do u[i] = i end\nreturn r.option{ name = "x", users = u,\n  items = { { name = "i", category = "other", cost = 1 } } }\n' >"$tmp/big/$n.lua"
done
RECKON_TEST_SUMMARY_KEPT=1 "$RECKON" run "$tmp/big" -o "$tmp/big_out" >"$tmp/big.out" 2>"$tmp/big.err"
test $? -eq 0 && ok || bad "the two models of 100,000 user counts run: $(head -3 "$tmp/big.err")"
# 2 options x (10 first + 5 last) = 30 rows kept, whatever the 200,000 rows of totals.csv
has "$tmp/big.err" "^summary rows kept: 30$"
test "$(wc -l <"$tmp/big_out/totals.csv")" -eq 200001 && ok || bad "totals.csv keeps all 200,000 rows"
# the table: a header, then per model 10 rows, a line for 100,000 - 15 = 99,985 rows, 5 rows
test "$(grep -c '^[ab]\.lua ' "$tmp/big.out")" -eq 30 && ok || bad "the table shows 15 rows a model"
test "$(grep -c '… 99985 more rows in totals.csv$' "$tmp/big.out")" -eq 2 && ok ||
  bad "the table says 99985 more rows twice"
# a's rows, in order: users 1..10, the line, then 99,996..100,000
grep -A1 '^a\.lua .* 10 ' "$tmp/big.out" | tail -1 | grep -q '99985 more rows' && ok ||
  bad "the line follows the 10th user count"
grep -A1 '99985 more rows' "$tmp/big.out" | sed -n 2p | grep -q '^a\.lua .* 99,996 ' && ok ||
  bad "the last 5 user counts follow the line"
test "$(sed -n 1p "$tmp/big.out" | cut -c1-5)" = model && ok || bad "the table starts with its header"

# ---- a run publishes one set: the Monte Carlo files of an earlier run are removed ----------
mc="$SRC/tests/cli/mc/uniform.lua"
"$RECKON" run "$mc" -o "$tmp/mc" -q --samples 100 2>"$tmp/mc.err"
test $? -eq 0 && ok || bad "a run with --samples exits 0: $(head -3 "$tmp/mc.err")"
test -s "$tmp/mc/distribution.csv" && test -s "$tmp/mc/sensitivity.csv" && ok ||
  bad "a run with --samples writes distribution.csv and sensitivity.csv"
cp "$tmp/mc/distribution.csv" "$tmp/dist.before"
cp "$tmp/mc/totals.csv" "$tmp/totals.before"
# run.json is renamed after every table: its failure comes after the removal of the two,
# which are then put back with the rest of the old set
RECKON_TEST_PUBLISH_FAIL=run.json "$RECKON" run "$mc" -o "$tmp/mc" -q --users 5000 2>"$tmp/mc.err"
test $? -eq 3 && ok || bad "a publish that fails exits 3: $(head -3 "$tmp/mc.err")"
has "$tmp/mc.err" "no file was replaced"
cmp -s "$tmp/mc/distribution.csv" "$tmp/dist.before" && test -s "$tmp/mc/sensitivity.csv" && ok ||
  bad "a publish that fails puts the earlier run's distribution.csv and sensitivity.csv back"
cmp -s "$tmp/mc/totals.csv" "$tmp/totals.before" && ok || bad "a publish that fails keeps totals.csv"
"$RECKON" run "$mc" -o "$tmp/mc" -q --users 5000 2>"$tmp/mc.err"
test $? -eq 0 && ok || bad "the run without --samples exits 0: $(head -3 "$tmp/mc.err")"
test ! -e "$tmp/mc/distribution.csv" && test ! -e "$tmp/mc/sensitivity.csv" && ok ||
  bad "a run without --samples removes the earlier run's distribution.csv and sensitivity.csv"
has "$tmp/mc/totals.csv" ",5000,"
test -z "$(ls -A "$tmp/mc" | grep '^\.')" && ok || bad "temporary files were left: $(ls -A "$tmp/mc")"
mkdir "$tmp/mc/distribution.csv" # a folder of that name is the user's: left alone
"$RECKON" run "$mc" -o "$tmp/mc" -q 2>"$tmp/mc.err"
test $? -eq 0 && test -d "$tmp/mc/distribution.csv" && ok || bad "a folder named distribution.csv is left"

# ---- a signal after the files are published: the run is done --------------------------------
wait_for() { # SECONDS CONDITION...: polls until the condition holds; false on running out
  local end=$((SECONDS + $1)); shift
  until "$@"; do [ $SECONDS -lt $end ] || return 1; sleep 0.1; done
}
mkdir -p "$tmp/sig"
RECKON_TEST_PUBLISHED="$tmp/sig" "$RECKON" run "$mc" -o "$tmp/sig_out" --users 7000 >"$tmp/sig.out" 2>"$tmp/sig.err" &
run=$!
wait_for 300 test -e "$tmp/sig/published" || bad "the run never published"
kill -TERM "$run"
touch "$tmp/sig/go"
wait "$run"
test $? -eq 0 && ok || bad "a SIGTERM after the publish: the run still exits 0: $(head -3 "$tmp/sig.err")"
has "$tmp/sig_out/totals.csv" ",7000,"
has "$tmp/sig.out" "^Wrote $tmp/sig_out/ from 1 of 1 models"
grep -q "no file was replaced" "$tmp/sig.err" && bad "it says no file was replaced" || ok
# the same signal just before the renames: an interrupted run, and no file replaced
mkdir -p "$tmp/gap"
RECKON_TEST_PUBLISH_GAP="$tmp/gap" "$RECKON" run "$mc" -o "$tmp/sig_out" -q --users 8000 2>"$tmp/gap.err" &
run=$!
wait_for 300 test -e "$tmp/gap/waiting" || bad "the run never reached its publishing"
kill -TERM "$run"
wait "$run"
test $? -eq 143 && ok || bad "a SIGTERM before the renames: exit 143"
has "$tmp/gap.err" "no file was replaced"
has "$tmp/sig_out/totals.csv" ",7000,"

# ---- -jN glued, and -o -'s failure says where its errors are -------------------------------
printf 'error("broken")\n' >"$tmp/broken.lua"
"$RECKON" run "$mc" -o "$tmp/j1" -q -j1 2>"$tmp/j.err"
test $? -eq 0 && ok || bad "run -j1 is taken like -j 1: $(head -2 "$tmp/j.err")"
"$RECKON" check "$mc" -j2 >/dev/null 2>"$tmp/j.err"
test $? -eq 0 && ok || bad "check -j2 is taken like -j 2: $(head -2 "$tmp/j.err")"
for bad_j in -j0 -jx -j257; do
  "$RECKON" run "$mc" -o "$tmp/j1" -q "$bad_j" 2>"$tmp/j.err"
  test $? -eq 2 && ok || bad "run $bad_j is a usage error"
  has "$tmp/j.err" "-j needs a number of worker processes from 1 to 256"
done
"$RECKON" run "$tmp/broken.lua" -o - >/dev/null 2>"$tmp/stdout.err"
test $? -eq 1 && ok || bad "run -o - of a failing model exits 1"
has "$tmp/stdout.err" "broken.lua:1: broken"
has "$tmp/stdout.err" "1 of 1 models failed \(see above: with -o - no errors.csv is written\)"

finish
