#!/usr/bin/env bash
# The decisions end to end: `reckon run` of the fixtures in tests/cli/fixtures/ (each worked
# out by hand in its own header comment) and of models/ (the seed's decision and its Polars
# optimisation, worked out by hand below), checking rows of compare.csv, crossovers.csv,
# timeline.csv, npv.csv, budgets.csv, breakeven.csv and changes.csv.
#
#   RECKON=$PWD/build/reckon RECKON_SOURCE=$PWD bash tests/cli/test_decision.sh
#
# Cells are found by their column's name in the header and compared as numbers (money to
# the cent) or as text, so that a new column does not break the test.
# Prints "N passed, M failed" and exits non-zero when any check failed.
. "$(dirname "$0")/lib.sh"
# num FILE FILTER COLUMN EXPECTED [TOLERANCE]: exactly one row matches, and its COLUMN is
# EXPECTED within TOLERANCE (default half a cent).
num() {
  local file=$1 filter=$2 col=$3 want=$4 tol=${5:-0.005} got
  got=$(csv_cells "$tmp/$file" "$filter" "$col")
  if [ "$(printf '%s\n' "$got" | grep -c .)" -ne 1 ]; then
    bad "$file [$filter] $col: expected one row, got: $(printf '%s' "$got" | tr '\n' '|')"
    return
  fi
  if within "$got" "$want" "$tol"; then
    ok
  else
    bad "$file [$filter] $col: expected $want (within $tol), got $got"
  fi
}

# txt FILE FILTER COLUMN EXPECTED: exactly one row matches, and its COLUMN is EXPECTED.
txt() {
  local file=$1 filter=$2 col=$3 want=$4 got
  got=$(csv_cells "$tmp/$file" "$filter" "$col")
  if [ "$got" = "$want" ]; then ok; else
    bad "$file [$filter] $col: expected \"$want\", got \"$(printf '%s' "$got" | tr '\n' '|')\""
  fi
}

# never FILE FILTER COLUMN FLAG: exactly one row matches; its COLUMN is empty (a number column
# holds no word) and its FLAG column says never: 0.
never() {
  txt "$1" "$2" "$3" ""
  txt "$1" "$2" "$4" 0
}

# count FILE FILTER N: N rows match.
count() {
  local n
  n=$(csv_cells "$tmp/$1" "$2" model | grep -c .)
  if [ "$n" -eq "$3" ]; then ok; else bad "$1 [$2]: expected $3 rows, got $n"; fi
}

# ==== 1. The fixtures =======================================================================
"$RECKON" run "$SRC/tests/cli/fixtures" -o "$tmp" >"$tmp/stdout.txt" 2>"$tmp/stderr.txt"
expect "run tests/cli/fixtures exits 0" test $? -eq 0
expect "run tests/cli/fixtures writes nothing on standard error" test ! -s "$tmp/stderr.txt"

# ---- budgets_7pct.lua: $120 x 1.07^(m-1) a month (the arithmetic is in the fixture) --------
B="model=budgets_7pct.lua;option=Per user"
num budgets.csv "$B;basis=monthly;budget=100.00" month 1 0
num budgets.csv "$B;basis=monthly;budget=100.00" users 10000 0
num budgets.csv "$B;basis=monthly;budget=500.00" month 23 0
num budgets.csv "$B;basis=monthly;budget=500.00" users 44304 0
num budgets.csv "$B;basis=monthly;budget=1000.00" month 33 0
num budgets.csv "$B;basis=monthly;budget=1000.00" users 87153 0
# no range anywhere: the earliest and latest months are the month itself
num budgets.csv "$B;basis=monthly;budget=500.00" earliest_month 23 0
num budgets.csv "$B;basis=monthly;budget=500.00" latest_month 23 0
num budgets.csv "$B;basis=cumulative;budget=2000.00" month 12 0
num budgets.csv "$B;basis=cumulative;budget=2000.00" users 21049 0
count budgets.csv "model=budgets_7pct.lua" 4
# timeline: month m has 10,000 x 1.07^(m-1) users costing 120 x 1.07^(m-1)
#   month 1:  10,000 users, 120.00, cumulative 120.00
#   month 2:  10,700 users, 128.40, cumulative 248.40
#   month 3:  11,449 users, 137.388, cumulative 385.788
#   month 12: 10,000 x 1.07^11 = 21,048.52 users, 120 x 2.1048520 = 252.58,
#             cumulative 120 (1.07^12 - 1) / 0.07 = 120 x 1.2521916 / 0.07 = 2,146.61
#   month 36: 1.07^35 = 8.7152708 x 1.225043 = 10.676581: 106,766 users, 1,281.19,
#             cumulative 120 (1.07^36 - 1) / 0.07 = 120 x 10.423942 / 0.07 = 17,869.62
num timeline.csv "$B;month=1" users 10000 0
num timeline.csv "$B;month=1" mid 120
num timeline.csv "$B;month=1" cumulative 120
num timeline.csv "$B;month=2" users 10700 0
num timeline.csv "$B;month=2" mid 128.40
num timeline.csv "$B;month=2" cumulative 248.40
num timeline.csv "$B;month=3" users 11449 0
num timeline.csv "$B;month=3" mid 137.39
num timeline.csv "$B;month=3" cumulative 385.79
num timeline.csv "$B;month=12" users 21049 0
num timeline.csv "$B;month=12" mid 252.58
num timeline.csv "$B;month=12" cumulative 2146.61
num timeline.csv "$B;month=36" users 106766 0
num timeline.csv "$B;month=36" mid 1281.19
num timeline.csv "$B;month=36" cumulative 17869.62
count timeline.csv "model=budgets_7pct.lua" 36
# with no discount rate the NPV is the plain total
num npv.csv "$B" total 17869.62
num npv.csv "$B" npv 17869.62

# ---- migration.lua: $2,000 -> $1,100 for $12,000 once -------------------------------------
M="model=migration.lua;change=Move to the new stack;option=Old stack"
num changes.csv "$M" one_off 12000
num changes.csv "$M" saving_start 900
num changes.csv "$M" saving_end 900
num changes.csv "$M" payback_month 14 0
num changes.csv "$M" payback_fraction 13.33
num changes.csv "$M" payback_earliest 14 0
num changes.csv "$M" payback_latest 14 0
num changes.csv "$M" discounted_payback_month 14 0
num changes.csv "$M" roi_12 -0.1 0.00005
num changes.csv "$M" roi_36 1.7 0.00005
num changes.csv "$M" npv_low 20400
num changes.csv "$M" npv 20400
num changes.csv "$M" npv_high 20400
txt changes.csv "$M" note 'flat $2,000 to flat $1,100'
# IRR: the monthly rate i at which 900 (1 - (1 + i)^-36) / i = 12,000, found here by
# bisection, then a year's rate (1 + i)^12 - 1; to the 4 places the CSV shows.
irr=$(awk 'BEGIN {
  lo = 0.0001; hi = 1
  for (k = 0; k < 200; k++) { i = (lo + hi) / 2; v = 900 * (1 - (1 + i) ^ -36) / i
                              if (v > 12000) lo = i; else hi = i }
  printf "%.6f", (1 + i) ^ 12 - 1 }')
num changes.csv "$M" irr_annual "$irr" 0.00006

# ---- scale_change.lua: compute x 0.7, a remove + add, and `options` --------------------------
S="model=scale_change.lua;change=Compute x 0.7;option=Two items"
num changes.csv "$S" saving_start 300
num changes.csv "$S" saving_end 300
num changes.csv "$S" payback_month 10 0
num changes.csv "$S" payback_fraction 10
num changes.csv "$S" roi_12 0.2 0.00005
num changes.csv "$S" roi_36 2.6 0.00005
num changes.csv "$S" npv 7800
S="model=scale_change.lua;change=Compute x 0.7;option=Other"
num changes.csv "$S" saving_start 120
num changes.csv "$S" payback_month 25 0
num changes.csv "$S" roi_12 -0.52 0.00005
num changes.csv "$S" roi_36 0.44 0.00005
num changes.csv "$S" npv 1320
S="model=scale_change.lua;change=Managed database;option=Two items"
num changes.csv "$S" one_off 1400
num changes.csv "$S" saving_start 350
num changes.csv "$S" payback_month 4 0
num changes.csv "$S" payback_fraction 4
num changes.csv "$S" roi_12 2 0.00005
num changes.csv "$S" roi_36 8 0.00005
num changes.csv "$S" npv 11200
count changes.csv "model=scale_change.lua;change=Managed database;option=Other" 0
# the timeline grows by 1,000 users a month: month 36 has 10,000 + 35 x 1,000 = 45,000;
# Two items cost 1,500 a month, 36 x 1,500 = 54,000 in all
num timeline.csv "model=scale_change.lua;option=Two items;month=36" users 45000 0
num timeline.csv "model=scale_change.lua;option=Two items;month=36" cumulative 54000
# compare: Other (400) is the cheaper at every count, Two items (1,500) 1,100 more
txt compare.csv "model=scale_change.lua;users=10000;option=Two items" cheapest Other
num compare.csv "model=scale_change.lua;users=10000;option=Two items" extra 1100
num compare.csv "model=scale_change.lua;users=10000;option=Two items" rank 2 0

# ---- step_crossover.lua: $500 / $1,500 / $4,000 plans against $1,000 flat ------------------
X="model=step_crossover.lua"
num crossovers.csv "$X;kind=pair;option_a=Plans;option_b=Flat" users 5000 0
txt crossovers.csv "$X;kind=pair;option_a=Plans;option_b=Flat" cheaper_below Plans
txt crossovers.csv "$X;kind=pair;option_a=Plans;option_b=Flat" cheaper_above Flat
num crossovers.csv "$X;kind=cheapest" users 5000 0
txt crossovers.csv "$X;kind=cheapest" cheaper_below Plans
txt crossovers.csv "$X;kind=cheapest" cheaper_above Flat
count crossovers.csv "$X" 2
num compare.csv "$X;users=5000;option=Plans" mid 500
num compare.csv "$X;users=5000;option=Plans" rank 1 0
txt compare.csv "$X;users=5000;option=Flat" cheapest Plans
num compare.csv "$X;users=5000;option=Flat" extra 500
num compare.csv "$X;users=10000;option=Plans" mid 1500
num compare.csv "$X;users=10000;option=Plans" rank 2 0
txt compare.csv "$X;users=10000;option=Plans" cheapest Flat
num compare.csv "$X;users=10000;option=Plans" extra 500
num compare.csv "$X;users=100000;option=Plans" extra 3000
num compare.csv "$X;users=100000;option=Flat" extra 0
expect "the summary says where the cheapest option changes" \
  grep -q "Cheapest from 1,000 users: Plans up to 5,000 users, then Flat up to 100,000 users." "$tmp/stdout.txt"

# ---- npv_simple.lua: $1,000 a month, 12 months, 12% a year simple ----------------------------
N="model=npv_simple.lua;option=Flat 1000"
num npv.csv "$N" months 12 0
num npv.csv "$N" annual_rate 0.12 0.0000005
num npv.csv "$N" monthly_rate 0.01 0.0000000005
num npv.csv "$N" total 12000
num npv.csv "$N" npv 11255.08
num npv.csv "$N" npv_low 11255.08
num npv.csv "$N" npv_high 11255.08

# ---- breakeven.lua: revenue $0.10-$0.60 a user against 600 + 0.10 a user ---------------------
E="model=breakeven.lua;option=Linear cost"
num breakeven.csv "$E" revenue_per_user 0.35 0.0000005
num breakeven.csv "$E" users 2400 0
never breakeven.csv "$E" users_if_revenue_low covers_if_revenue_low
num breakeven.csv "$E" users_if_revenue_high 1200 0
num breakeven.csv "$E" month 11 0

# ==== 2. The seed's decision (models/) ======================================================
# Each option's mid total from the seed's quotes (models/*.lua; _seed.lua reads a quote as
# the 10K price held below 10K, a straight line from 10K to 100K, and that line continued):
#   AWS ECS   10K: ECS 300 + RDS 250 + Redis 150 + ALB 100 + EBS 50 + Data 500 + AI 500
#             + Monitoring 200 = 2,050 (low 1,850, high 2,250)
#   PaaS      10K: 75 + 50 + 20 + 200 + 25 + 0 = 370;  100K: 150 + 100 + 50 + 200 + 100 = 600
#   VPS       10K: 40 + 60 + 20 + 200 + 0 = 320;       100K: 120 + 200 + 60 + 200 = 580
# Above 10K both PaaS and VPS are straight lines: PaaS 370 + (u - 10,000) x 230 / 90,000,
# VPS 320 + (u - 10,000) x 260 / 90,000.  Equal when 50 = (u - 10,000) x 30 / 90,000:
# u - 10,000 = 150,000, u = 160,000.  Below it the VPS is cheaper (320 < 370 at 10K and
# below), above it the PaaS.  AWS (2,050 at 10K, rising 6,950 / 90,000 a user) is dearer
# than both everywhere, so it crosses neither.
(cd "$SRC" && "$RECKON" run models -o "$tmp/seed" >"$tmp/seed.txt" 2>/dev/null)
expect "run models/ exits 0" test $? -eq 0
D="model=decision.lua"
P="Render/Railway PaaS" V="DigitalOcean VPS" A="AWS ECS"
expect "the summary names the cheapest option and where it changes" grep -q \
  "Cheapest from 1,000 users: DigitalOcean VPS up to 160,000 users, then Render/Railway PaaS up to 1,000,000 users." \
  "$tmp/seed.txt"
num seed/crossovers.csv "$D;kind=pair;option_a=$P;option_b=$V" users 160000
txt seed/crossovers.csv "$D;kind=pair;option_a=$P;option_b=$V" cheaper_below "$V"
txt seed/crossovers.csv "$D;kind=pair;option_a=$P;option_b=$V" cheaper_above "$P"
num seed/crossovers.csv "$D;kind=cheapest" users 160000
txt seed/crossovers.csv "$D;kind=cheapest" option_a "$V"
txt seed/crossovers.csv "$D;kind=cheapest" option_b "$P"
count seed/crossovers.csv "$D" 2
# the Polars analysis spans 10K..100K only, where the VPS is cheaper throughout
count seed/crossovers.csv "model=polars_optimisation.lua" 0

# compare at 10,000 users: AWS 2,050 (rank 3, 2,050 - 320 = 1,730 more), PaaS 370 (rank 2,
# 50 more), VPS 320 (rank 1)
num seed/compare.csv "$D;users=10000;option=$A" mid 2050
num seed/compare.csv "$D;users=10000;option=$A" low 1850
num seed/compare.csv "$D;users=10000;option=$A" high 2250
num seed/compare.csv "$D;users=10000;option=$A" rank 3 0
num seed/compare.csv "$D;users=10000;option=$A" extra 1730
num seed/compare.csv "$D;users=10000;option=$P" mid 370
num seed/compare.csv "$D;users=10000;option=$P" rank 2 0
num seed/compare.csv "$D;users=10000;option=$P" extra 50
num seed/compare.csv "$D;users=10000;option=$V" mid 320
num seed/compare.csv "$D;users=10000;option=$V" rank 1 0
num seed/compare.csv "$D;users=10000;option=$V" extra 0
for o in "$A" "$P" "$V"; do txt seed/compare.csv "$D;users=10000;option=$o" cheapest "$V"; done
# below 10K every quote is held: at 1,000 users the same as at 10K
num seed/compare.csv "$D;users=1000;option=$P" extra 50
# at 1,000,000 users (990,000 past 10K, 11 times the 10K-100K span):
#   PaaS 370 + 990,000 x 230 / 90,000 = 370 + 2,530 = 2,900 (rank 1)
#   VPS  320 + 990,000 x 260 / 90,000 = 320 + 2,860 = 3,180 (rank 2, 280 more)
#   AWS  each 10K mid + 11 x its rise to 100K: ECS 300 + 11 x 2,700 = 30,000,
#        RDS 250 + 11 x 1,250 = 14,000, Redis 150 + 11 x 350 = 4,000, ALB 100 + 11 x 400
#        = 4,500, EBS 50 + 11 x 250 = 2,800, Data 500 + 11 x 1,500 = 17,000, AI 500 + 11 x
#        500 = 6,000, Monitoring 200: 78,500 (rank 3, 75,600 more)
num seed/compare.csv "$D;users=1000000;option=$P" mid 2900
num seed/compare.csv "$D;users=1000000;option=$P" rank 1 0
num seed/compare.csv "$D;users=1000000;option=$V" mid 3180
num seed/compare.csv "$D;users=1000000;option=$V" extra 280
num seed/compare.csv "$D;users=1000000;option=$A" mid 78500
num seed/compare.csv "$D;users=1000000;option=$A" extra 75600
txt seed/compare.csv "$D;users=1000000;option=$V" cheapest "$P"

# Budgets, at the mid growth of 5.5% a month from 10,000 users (users 10,000 x 1.055^(m-1)):
#   PaaS over $500 when 370 + (u - 10,000) x 230 / 90,000 > 500:
#     u > 10,000 + 130 x 90,000 / 230 = 60,869.6;  1.055^(m-1) > 6.0869565,
#     m - 1 > ln 6.0869565 / ln 1.055 = 1.806148 / 0.053541 = 33.73: m - 1 = 34, month 35,
#     10,000 x 1.055^34 = 61,742 users (month 34: 58,524 users, 370 + 48,524 x 230 / 90,000
#     = 494.00; month 35: 370 + 51,742 x 230 / 90,000 = 502.23)
#   PaaS earliest (high cost 420 + (u - 10,000) x 230 / 90,000 along 8% growth):
#     u > 10,000 + 80 x 90,000 / 230 = 41,304.3; 1.08^(m-1) > 4.130435,
#     m - 1 > 1.418382 / 0.076961 = 18.43: month 20
#   PaaS latest (low cost 320 + ... along 3% growth): u > 80,434.8 needs
#     m - 1 > ln 8.043478 / ln 1.03 = 70.5: never within 36 months
#   VPS over $500 when 320 + (u - 10,000) x 260 / 90,000 > 500: u > 72,307.7;
#     m - 1 > ln 7.230769 / ln 1.055 = 36.95: month 38, never within 36 months;
#     at 8% (the VPS has no range; only growth moves): m - 1 > 1.978345 / 0.076961 = 25.7,
#     month 27 at the earliest
#   PaaS over $1,000 never: even at the high end, month 36 at 8% has 10,000 x 1.08^35 =
#     147,853 users costing 420 + 137,853 x 230 / 90,000 = 772.29
#   AWS over $100, $500 and $1,000 from month 1 (its low end, 1,850, is over them all)
#   Spent to date, PaaS: n months cost 344.444 n + 25.5556 (1.055^n - 1) / 0.055
#     (370 - 25.5556 + 25.5556 x 1.055^(m-1) a month): 25 months 8,611.1 + 464.646 x
#     2.813392 = 9,918.3 <= 10,000; 26 months 8,955.6 + 464.646 x 3.023129 = 10,360.3:
#     month 26, 10,000 x 1.055^25 = 38,134 users
#   Spent to date, VPS: 291.111 n + 525.25 (1.055^n - 1): 28 months 8,151.1 + 525.25 x
#     3.477843 = 9,977.8; 29 months 8,442.2 + 525.25 x 3.724124 = 10,398.3: month 29,
#     10,000 x 1.055^28 = 44,778 users
num seed/budgets.csv "$D;option=$P;basis=monthly;budget=500.00" month 35 0
num seed/budgets.csv "$D;option=$P;basis=monthly;budget=500.00" users 61742 0
num seed/budgets.csv "$D;option=$P;basis=monthly;budget=500.00" earliest_month 20 0
never seed/budgets.csv "$D;option=$P;basis=monthly;budget=500.00" latest_month crossed_latest
never seed/budgets.csv "$D;option=$P;basis=monthly;budget=1000.00" month crossed
never seed/budgets.csv "$D;option=$P;basis=monthly;budget=1000.00" earliest_month crossed_earliest
never seed/budgets.csv "$D;option=$V;basis=monthly;budget=500.00" month crossed
never seed/budgets.csv "$D;option=$V;basis=monthly;budget=500.00" users crossed
num seed/budgets.csv "$D;option=$V;basis=monthly;budget=500.00" earliest_month 27 0
never seed/budgets.csv "$D;option=$V;basis=monthly;budget=500.00" latest_month crossed_latest
for b in 100.00 500.00 1000.00; do
  num seed/budgets.csv "$D;option=$A;basis=monthly;budget=$b" month 1 0
  num seed/budgets.csv "$D;option=$A;basis=monthly;budget=$b" latest_month 1 0
done
num seed/budgets.csv "$D;option=$P;basis=cumulative;budget=10000.00" month 26 0
num seed/budgets.csv "$D;option=$P;basis=cumulative;budget=10000.00" users 38134 0
num seed/budgets.csv "$D;option=$V;basis=cumulative;budget=10000.00" month 29 0
num seed/budgets.csv "$D;option=$V;basis=cumulative;budget=10000.00" users 44778 0
num seed/timeline.csv "$D;option=$P;month=34" users 58524 0
num seed/timeline.csv "$D;option=$P;month=34" mid 494.00
num seed/timeline.csv "$D;option=$P;month=35" users 61742 0
num seed/timeline.csv "$D;option=$P;month=35" mid 502.23
num seed/timeline.csv "$D;option=$V;month=1" mid 320
num seed/timeline.csv "$D;option=$V;month=1" cumulative 320

# The Polars optimisation on AWS ECS (models/polars_optimisation.lua): compute items cost
# 0.60-0.85 of before (mid 0.725), for 40-120 hours at $100 (4,000 / 8,000 / 12,000).
# ECS mid is 300 at 10K and 3,000 at 100K: the line through them is 0.03 u, so month m
# saves 0.275 x 0.03 x 10,000 x 1.055^(m-1) = 82.5 x 1.055^(m-1):
#   month 1:  300 x (1 - 0.725) = 82.50
#   month 36: 82.5 x 1.055^35 = 82.5 x 6.513810 = 537.39
#   after n months: 82.5 (1.055^n - 1) / 0.055 = 1,500 (1.055^n - 1)
#   payback of 8,000: 1.055^n >= 6.3333, n >= ln 6.3333 / ln 1.055 = 1.845827 / 0.053541
#     = 34.47: month 35; fraction 34 + (8,000 - 1,500 x 5.174230) / (82.5 x 6.174230)
#     = 34 + 238.65 / 509.37 = 34.47
#   ROI 12: (1,500 x (1.055^12 - 1) - 8,000) / 8,000 = (1,351.81 - 8,000) / 8,000 = -0.831
#   ROI 36: (1,500 x (1.055^36 - 1) - 8,000) / 8,000 = (8,808.13 - 8,000) / 8,000 = 0.101
#   NPV at 10% a year, compounded to d = 1.1^(1/12) - 1 a month: a geometric sum, computed
#     below: -8,000 + 82.5 / (1 + d) x (1 - q^36) / (1 - q), q = 1.055 / (1 + d)
PO="model=polars_optimisation.lua;change=Polars optimisation;option=$A"
num seed/changes.csv "$PO" one_off_low 4000
num seed/changes.csv "$PO" one_off 8000
num seed/changes.csv "$PO" one_off_high 12000
num seed/changes.csv "$PO" saving_start 82.50
num seed/changes.csv "$PO" saving_end 537.39
num seed/changes.csv "$PO" payback_month 35 0
num seed/changes.csv "$PO" payback_fraction 34.47
num seed/changes.csv "$PO" roi_12 -0.831 0.00006
num seed/changes.csv "$PO" roi_36 0.101 0.00006
polars_npv=$(awk 'BEGIN { d = 1.1 ^ (1 / 12) - 1; q = 1.055 / (1 + d)
  printf "%.4f", -8000 + 82.5 / (1 + d) * (1 - q ^ 36) / (1 - q) }')
num seed/changes.csv "$PO" npv "$polars_npv"
count seed/changes.csv "model=polars_optimisation.lua" 3

# Payback looks as far as ROI does, and a free change that loses never pays back.
#   Short: a 10-month timeline of 1,000 users; A costs $200 a month (item "x"). "Half"
#   scales x by 0.5 for $1,200 once: $100 saved a month, so the cumulative saving reaches
#   1,200 at the end of month 12 (payback_month 12, past the 10 months, where ROI looks:
#   roi_12 = (1,200 - 1,200) / 1,200 = 0, roi_36 = (3,600 - 1,200) / 1,200 = 2); not
#   "never" beside an ROI that says it has paid back.
#   "Dearer" scales x by 1.1 for nothing: -$20 a month; its cumulative saving falls below
#   the one-off of 0 in month 1 and never comes back: never, not month 0.
mkdir -p "$tmp/short"
cat >"$tmp/short/short.lua" <<'LUA'
local r = require "reckon"
local a = r.option{ name = "A", items = { { name = "x", category = "compute", cost = 200 } } }
return r.analysis{
  name = "Short", options = { a }, users = { 1000, 2000 },
  timeline = { months = 10, start = 1000, growth = r.growth.linear{ per_month = 0 } },
  changes = { r.change{ name = "Half", one_off = 1200, scale = { x = 0.5 } },
              r.change{ name = "Dearer", one_off = 0, scale = { x = 1.1 } } },
}
LUA
"$RECKON" run "$tmp/short" -o "$tmp/short_out" -q 2>"$tmp/short.err"
HALF="model=short.lua;change=Half;option=A"
txt short_out/changes.csv "$HALF" payback_month 12
num short_out/changes.csv "$HALF" roi_12 0 0.00005
num short_out/changes.csv "$HALF" roi_36 2 0.00005
DEARER="model=short.lua;change=Dearer;option=A"
never short_out/changes.csv "$DEARER" payback_month pays_back
never short_out/changes.csv "$DEARER" payback_earliest pays_back_earliest

# Under --samples, p_payback_12 is the chance of paying back within 12 months even on a
# 10-month timeline.  Users in month m are 100 + g (m - 1) with g uniform on 0..100; x costs
# $1 a user, halved: the saving over 12 months is (1,200 + 66 g) / 2 = 600 + 33 g, which
# reaches the one-off of 1,700 when g >= 33.33: p = 2/3 (20,000 lanes: sd 0.0033, so
# within 0.02 is six of them).
cat >"$tmp/short/lanes.lua" <<'LUA'
local r = require "reckon"
local a = r.option{ name = "A", items = { { name = "x", category = "compute", cost = r.linear{ rate = 1 } } } }
return r.analysis{
  name = "Lanes", options = { a }, users = { 100, 1000 },
  timeline = { months = 10, start = 100,
               growth = r.growth.linear{ per_month = r.range(0, 100, { dist = "uniform" }) } },
  changes = { r.change{ name = "Half", one_off = 1700, scale = { x = 0.5 } } },
}
LUA
"$RECKON" run "$tmp/short/lanes.lua" -o "$tmp/lanes_out" -q --samples 20000 2>"$tmp/lanes.err"
num lanes_out/changes.csv "model=lanes.lua;change=Half;option=A" p_payback_12 0.6667 0.02

# Users along a growth are whole when they are whole on paper: 1000 * 1.1^3 = 1331 (in
# doubles 1331.0000000000005) takes the plan "up to 1331" ($200), as compare.csv prices
# 1,331 users, not the $800 plan above it; the $500 budget is never crossed.
cat >"$tmp/short/plan.lua" <<'LUA'
local r = require "reckon"
local a = r.option{ name = "A", items = { { name = "db", category = "database",
  cost = r.step{ { upto = 1100, cost = 50 }, { upto = 1331, cost = 200 }, { cost = 800 } } } } }
return r.analysis{ name = "Plan", options = { a }, users = { 1000, 1331, 2000 },
  timeline = { months = 4, start = 1000, growth = r.growth.compound{ monthly = 0.1 } },
  budgets = { 500 } }
LUA
"$RECKON" run "$tmp/short/plan.lua" -o "$tmp/plan_out" -q 2>"$tmp/plan.err"
num plan_out/timeline.csv "model=plan.lua;month=4;option=A" mid 200
num plan_out/compare.csv "model=plan.lua;users=1331;option=A" mid 200
never plan_out/budgets.csv "model=plan.lua;option=A;basis=monthly" month crossed

# Two options of the same bill summed another way ($0.1 and $0.2 a user against $0.3 a user)
# never cross; revenue that reaches a flat $200 only at the top of the span (10,000 users x
# $0.02) covers it from 10,000 users, not from the bottom of the span.
cat >"$tmp/short/same.lua" <<'LUA'
local r = require "reckon"
local a = r.option{ name = "A", items = { { name = "x", category = "compute", cost = r.linear{ rate = 0.1 } },
                                          { name = "y", category = "compute", cost = r.linear{ rate = 0.2 } } } }
local b = r.option{ name = "B", items = { { name = "z", category = "compute", cost = r.linear{ rate = 0.3 } } } }
local c = r.option{ name = "C", items = { { name = "w", category = "compute", cost = 200 } } }
return { r.analysis{ name = "Same", options = { a, b },
                     users = { from = 1000, to = 1000000, points = 50, spacing = "log" } },
         r.analysis{ name = "Touch", options = { c }, users = { 1000, 10000 }, revenue_per_user = 0.02 } }
LUA
"$RECKON" run "$tmp/short/same.lua" -o "$tmp/same_out" -q 2>"$tmp/same.err"
count same_out/crossovers.csv "model=same.lua;analysis=Same;kind=pair" 0
num same_out/breakeven.csv "model=same.lua;analysis=Touch;option=C" users 10000

# A sentence is never cut: 80 budgets of one option ($100 to $8,000, never crossed by a
# flat $50) make a sentence of over 3,000 bytes, which ends with the last budget.
cat >"$tmp/short/many.lua" <<'LUA'
local r = require "reckon"
local a = r.option{ name = "A", items = { { name = "x", category = "compute", cost = 50 } } }
local budgets = {}
for i = 1, 80 do budgets[i] = 100 * i end
return r.analysis{ name = "Many", options = { a }, users = { 1000, 2000 },
  timeline = { months = 12, start = 1000, growth = r.growth.linear{ per_month = 0 } },
  budgets = budgets }
LUA
"$RECKON" run "$tmp/short/many.lua" -o "$tmp/many_out" >"$tmp/many.out" 2>"$tmp/many.err"
grep -q 'A a month: never over \$100 within 12 months, never over \$200 within 12 months, .*never over \$8,000 within 12 months\.$' "$tmp/many.out" && ok ||
  bad "the budgets' sentence holds all 80 budgets: $(grep -c 'never over' "$tmp/many.out") lines, $(grep 'A a month' "$tmp/many.out" | wc -c) bytes"

# Money equal on paper is equal: A = 100 + 0.07 u is $800 at 10,000 users (in doubles
# 800.0000000000001).  A budget of $800 a month, or $2,400 spent over the 3 months, is
# never exceeded; revenue of $0.08 a user covers A from 0.08 u = 100 + 0.07 u, u = 10,000
# users (not 10,001), and along the flat timeline from month 1.  B = $100.06 flat crosses
# C = $0.10 a user at 1,000.6 users: C is the cheapest up to 1,000 users (at 1,001 it costs
# $100.10), which the sentence says.
cat >"$tmp/short/ties.lua" <<'LUA'
local r = require "reckon"
local a = r.option{ name = "A", items = { { name = "x", category = "other", cost = r.linear{ base = 100, rate = 0.07 } } } }
local b = r.option{ name = "B", items = { { name = "y", category = "other", cost = 100.06 } } }
local c = r.option{ name = "C", items = { { name = "z", category = "other", cost = r.linear{ rate = 0.1 } } } }
return { r.analysis{ name = "Tie", options = { a }, users = { 10, 100000 }, revenue_per_user = 0.08,
                     timeline = { months = 3, start = 10000, growth = r.growth.linear{ per_month = 0 } },
                     budgets = { 800 }, cumulative_budgets = { 2400 } },
         r.analysis{ name = "Up to", options = { c, b }, users = { 10, 5000 } } }
LUA
"$RECKON" run "$tmp/short/ties.lua" -o "$tmp/ties_out" >"$tmp/ties.out" 2>"$tmp/ties.err"
never ties_out/budgets.csv "model=ties.lua;option=A;basis=monthly" month crossed
never ties_out/budgets.csv "model=ties.lua;option=A;basis=cumulative" month crossed
num ties_out/breakeven.csv "model=ties.lua;option=A" users 10000
num ties_out/breakeven.csv "model=ties.lua;option=A" month 1
grep -q "Cheapest from 10 users: C up to 1,000 users, then B up to 5,000 users." "$tmp/ties.out" && ok ||
  bad "the cheapest sentence names the last whole user count on the old side: $(grep Cheapest "$tmp/ties.out")"

# A change whose target matches nothing is a typo, reported with the change's line; the
# other models of the run still write their rows.
mkdir -p "$tmp/typo"
cat >"$tmp/typo/typo.lua" <<'LUA'
local r = require "reckon"
local a = r.option{ name = "A", items = { { name = "web", category = "compute", cost = 100 } } }
return r.analysis{
  name = "Typo", options = { a }, users = { 1000, 2000 },
  timeline = { months = 12, start = 1000, growth = r.growth.linear{ per_month = 0 } },
  changes = { r.change{ name = "Faster", one_off = 10, scale = { compte = 0.5 } } },
}
LUA
cp "$SRC/tests/cli/fixtures/migration.lua" "$tmp/typo/"
"$RECKON" run "$tmp/typo" -o "$tmp/typo_out" -q 2>"$tmp/typo.err"
if [ $? -eq 1 ] && grep -q 'typo.lua:6: change "Faster": "compte" matches no item name or category' "$tmp/typo.err"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL: a change target that matches nothing is an error naming its line"; cat "$tmp/typo.err"
fi
if grep -q '^migration.lua,' "$tmp/typo_out/changes.csv" && ! grep -q '^typo.lua,' "$tmp/typo_out/changes.csv"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL: the other model's rows are written, the failed one's are not"
fi

finish
