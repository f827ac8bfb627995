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
finish
