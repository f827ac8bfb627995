#!/usr/bin/env bash
# Monte Carlo: distributions against their known values, the chance of being cheapest with
# and without correlation, sensitivity, determinism, and percentile checks.  The models are
# in tests/cli/mc/; every expected figure is derived in a comment here.  With 100,000
# samples and a fixed seed the run is deterministic; the tolerances are several standard
# errors wide, so a correct engine passes with any seed.
. "$(dirname "$0")/lib.sh"

"$RECKON" run "$SRC/tests/cli/mc" -o "$tmp/a" -q --samples 100000 --seed 1 2>"$tmp/a.err"
test $? -eq 0 && ok || { bad "run --samples exits 0"; cat "$tmp/a.err"; }

# near FILE MODEL OPTION ITEM COLUMN EXPECTED TOLERANCE: the cell of the row
# (model, option, item) in the named column is within TOLERANCE of EXPECTED.
near() {
  local file=$1 model=$2 option=$3 item=$4 column=$5 want=$6 tol=$7
  local got
  got=$(csv_cells "$tmp/a/$file" "model=$model;option=$option;item=$item" "$column")
  if within "$got" "$want" "$tol"; then
    ok
  else
    bad "$file $model $option $column = '$got', expected $want +- $tol"
  fi
}

# U(100, 200): mean 150, sd 100 / sqrt(12) = 28.8675; p5 105, p50 150, p95 195.
# The standard error of the mean is 28.87 / sqrt(1e5) = 0.09.
near distribution.csv uniform.lua Uniform "" mean 150 0.5
near distribution.csv uniform.lua Uniform "" sd 28.8675 0.3
near distribution.csv uniform.lua Uniform "" p5 105 0.6
near distribution.csv uniform.lua Uniform "" p50 150 0.8
near distribution.csv uniform.lua Uniform "" p95 195 0.6
# "200 to 400" as a 90% interval: lognormal, mu = (ln 200 + ln 400) / 2 = ln 282.843,
# sigma = ln 2 / (2 x 1.644854) = 0.210710; p5 200, p50 282.84, p95 400;
# mean = 282.843 x exp(sigma^2 / 2) = 282.843 x 1.022451 = 289.19.
near distribution.csv lognormal.lua Lognormal "" p5 200 1.5
near distribution.csv lognormal.lua Lognormal "" p50 282.84 1.5
near distribution.csv lognormal.lua Lognormal "" p95 400 3
near distribution.csv lognormal.lua Lognormal "" mean 289.19 1
# A ~ U(100, 200) against a certain 150: each is the cheaper half the time.
near distribution.csv cheapest.lua "A uncertain" "" p_cheapest 0.5 0.01
near distribution.csv cheapest.lua "B certain" "" p_cheapest 0.5 0.01
# One group: C = 100 + 100u and D = 110 + 100u with the same u: C is always cheaper.
near distribution.csv grouped.lua C "" p_cheapest 1 0
near distribution.csv grouped.lua D "" p_cheapest 0 0
# Drawn alone: X, Y ~ U(0, 100) and E < F when X < Y + 10:
# P = 1 - (90^2 / 2) / 100^2 = 1 - 0.405 = 0.595.
near distribution.csv alone.lua E "" p_cheapest 0.595 0.01
near distribution.csv alone.lua F "" p_cheapest 0.405 0.01
# The same range on both sides cancels in every sample.
near distribution.csv twice.lua Twice "" mean 100 0
near distribution.csv twice.lua Twice "" sd 0 0
# Sensitivity: "large input" U(0, 1000) swings from its p5 50 to its p95 950 with "small
# input" at its median 150: totals 200 and 1100, swing 900; "small input" from 105 to 195
# with "large input" at 500: 605 and 695, swing 90.  Largest first.
sens() { # sens RANK INPUT AT_LOW AT_HIGH SWING
  if grep -q "^tornado.lua,Tornado,1000,$1,$2,[0-9.]*,[0-9.]*,$3,$4,$5\$" <(tr -d '\r' <"$tmp/a/sensitivity.csv"); then ok
  else bad "sensitivity rank $1: $2 $3 $4 $5"; grep tornado "$tmp/a/sensitivity.csv"; fi
}
sens 1 "large input" 200.00 1100.00 900.00
sens 2 "small input" 605.00 695.00 90.00
grep -q "most sensitive to large input (\$900 swing), small input (\$90 swing)" <(
  "$RECKON" run "$SRC/tests/cli/mc/tornado.lua" -o "$tmp/t" --samples 1000 2>/dev/null) && ok ||
  bad "the summary names the inputs that matter most"

# Determinism: the same seed gives the same bytes, whatever the order the files were
# made in, the folder, the locale; another seed gives other numbers.
mkdir "$tmp/shuffled"
for f in twice tornado lognormal grouped cheapest alone uniform; do cp "$SRC/tests/cli/mc/$f.lua" "$tmp/shuffled/"; done
(cd "$tmp" && LC_ALL=de_DE.UTF-8 "$RECKON" run shuffled -o b -q --samples 100000 --seed 1 2>/dev/null)
for f in distribution.csv sensitivity.csv totals.csv; do
  cmp -s "$tmp/a/$f" "$tmp/b/$f" && ok || bad "$f is byte-identical across runs"
done
"$RECKON" run "$SRC/tests/cli/mc" -o "$tmp/c" -q --samples 100000 --seed 2 2>/dev/null
cmp -s "$tmp/a/distribution.csv" "$tmp/c/distribution.csv" && bad "another seed gives other samples" || ok
"$RECKON" run "$SRC/tests/cli/mc" -o "$tmp/d" -q --samples 100000 2>/dev/null
"$RECKON" run "$SRC/tests/cli/mc" -o "$tmp/e" -q --samples 100000 2>/dev/null
cmp -s "$tmp/d/distribution.csv" "$tmp/e/distribution.csv" && ok || bad "without --seed runs repeat"

# A percentile check: p90 of U(4000, 6000) is 5800, above 5000: the model fails with its
# file and line; within 6000 it passes.
mkdir "$tmp/checks"
cat >"$tmp/checks/over.lua" <<'LUA'
local r = require "reckon"
return r.option{ name = "Over", users = { 100000 },
  items = { { name = "x", category = "compute", cost = r.fixed(r.range(4000, 6000, { dist = "uniform" })) } },
  checks = { { users = 100000, percentile = 0.9, max = 5000 } } }
LUA
sed 's/max = 5000/max = 6000/; s/Over/Under/' "$tmp/checks/over.lua" >"$tmp/checks/under.lua"
"$RECKON" check "$tmp/checks" >"$tmp/check.out" 2>"$tmp/check.err"
test $? -eq 1 && ok || bad "a failed percentile check fails check"
grep -q 'over.lua:2: check failed: option "Over": p90 of the total at 100000 users is 5[78][0-9][0-9]\.[0-9][0-9], above the limit 5000' "$tmp/check.err" && ok ||
  { bad "the failed check names file, line, percentile and value"; cat "$tmp/check.err"; }
grep -q "under.lua: ok" "$tmp/check.out" && ok || bad "a passing check passes"

# Decisions under uncertainty (tests/cli/mc_decisions).
"$RECKON" run "$SRC/tests/cli/mc_decisions" -o "$tmp/dec" -q --samples 20000 --seed 3 2>"$tmp/dec.err"
test $? -eq 0 && ok || { bad "run mc_decisions"; cat "$tmp/dec.err"; }
cell() { csv_cells "$tmp/dec/$1" "$2" "$3"; } # cell FILE FILTER COLUMN
is() { # is WHAT GOT WANT TOLERANCE
  if within "$2" "$3" "$4"; then ok; else bad "$1 = '$2', expected $3 +- $4"; fi
}
# The migration pays back in month ceil(C / 900), C ~ U(9000, 15000): within 12 months
# when C <= 10,800: P = 1,800 / 6,000 = 0.3; the median C 12,000 gives month 14 (13.33);
# p5: C = 9,300 -> month 11 (10.33); p95: C = 14,700 -> month 17 (16.33); always within 36.
is "p_payback_12" "$(cell changes.csv change=Move p_payback_12)" 0.3 0.015
is "payback_p50" "$(cell changes.csv change=Move payback_p50)" 14 0
is "payback_p5" "$(cell changes.csv change=Move payback_p5)" 11 0
is "payback_p95" "$(cell changes.csv change=Move payback_p95)" 17 0
is "p_payback" "$(cell changes.csv change=Move p_payback)" 1 0
grep -q "pays back within 12 months with probability 0.3[0-9]" <("$RECKON" run "$SRC/tests/cli/mc_decisions/migration.lua" -o "$tmp/dec2" --samples 20000 --seed 3 2>/dev/null) && ok ||
  bad "the summary gives the chance of paying back within 12 months"
# The $500 budget is first exceeded when rate x 1.07^(m - 1) > 0.05: with the median rate
# 0.012, 1.07^(m-1) > 4.1667, m - 1 > 21.09: month 23; the budget's p5 month comes from the
# rate's p95, 0.0138: 1.07^(m-1) > 3.6232, m - 1 > 19.03: month 21; its p95 month from
# the rate's p5, 0.0102: 1.07^(m-1) > 4.9020, m - 1 > 23.49: month 25.  Always crossed.
is "month_p50" "$(cell budgets.csv option=Growing month_p50)" 23 0
is "month_p5" "$(cell budgets.csv option=Growing month_p5)" 21 0
is "month_p95" "$(cell budgets.csv option=Growing month_p95)" 25 0
is "p_crossed" "$(cell budgets.csv option=Growing p_crossed)" 1 0

finish
