#!/usr/bin/env bash
# The seed's options end to end: `reckon run models/` reproduces the seed's tables line item
# by line item at 10K and 100K users (tests/golden/ holds them, transcribed by hand from
# ../shared/seed/000_f1ea318ac8b867c3.txt, mid = (low + high) / 2), and `reckon check`
# reports every stated total that disagrees with the sum of its own items.
. "$(dirname "$0")/lib.sh"

# 1. The CSVs, from another working directory and under a decimal-comma locale.
(cd "$tmp" && LC_ALL=de_DE.UTF-8 "$RECKON" run "$SRC/models" -o out >stdout.txt 2>stderr.txt)
expect "run models/ exits 0" test $? -eq 0
expect "totals.csv equals the seed's totals" cmp "$tmp/out/totals.csv" "$SRC/tests/golden/seed_totals.csv"
expect "items.csv equals the seed's line items" cmp "$tmp/out/items.csv" "$SRC/tests/golden/seed_items.csv"
expect "no temporary file is left" test -z "$(ls -A "$tmp/out" | grep '^\.')"
# Every file the run has rows for, and none it has not: no errors.csv when no model failed.
expect "every file is there" test "$(ls "$tmp/out" | tr '\n' ' ')" = "breakeven.csv budgets.csv changes.csv compare.csv crossovers.csv findings.txt items.csv npv.csv payback.csv reckon.xlsx report.html run.json timeline.csv totals.csv warnings.csv "
expect "the summary names the folder and its files" grep -q "^Wrote out/ from 7 of 7 models: items.csv, totals.csv, compare.csv, crossovers.csv, timeline.csv, npv.csv, budgets.csv, breakeven.csv, changes.csv, payback.csv, warnings.csv, findings.txt, run.json, reckon.xlsx, report.html.$" "$tmp/stdout.txt"

# 2. The seed's arithmetic mistakes, each with both numbers.
"$RECKON" check "$SRC/models" >"$tmp/check.out" 2>"$tmp/check.err"
expect "check exits 0 (warnings do not fail)" test $? -eq 0
warn() { grep -F -q -- "$1" "$tmp/check.err" || { bad "check warns: $1"; return; }; ok; }
warn 'option "AWS ECS" at 10000 users: the stated total 1850.00 (seed Option 1 TOTAL) does not match its items, which sum to 1850.00 to 2250.00'
warn 'option "Render/Railway PaaS" at 100000 users: the stated total 650.00 to 750.00 (seed Option 2 TOTAL) does not match its items, which sum to 550.00 to 650.00'
warn 'option "DigitalOcean VPS" at 10000 users: the stated total 320.00 to 340.00 (seed Option 3 TOTAL) does not match its items, which sum to 320.00'
warn 'option "DigitalOcean VPS" at 100000 users: the stated total 580.00 to 600.00 (seed Option 3 TOTAL) does not match its items, which sum to 580.00'
warn 'option "Lean" at 100000 users: the stated total 600.00 (seed lean approach Monthly Cost at 100K) does not match its items, which sum to 400.00'
expect "exactly five mistakes" test "$(grep -c warning: "$tmp/check.err")" -eq 5
expect "each warning names the model file and line" test "$(grep -c '^/.*models/[a-z_]*\.lua:[0-9]*: warning:' "$tmp/check.err")" -eq 5
expect "check reports 5 warnings" grep -q "7 of 7 models ok; 5 self-check warnings" "$tmp/check.out"

# 3. Between and beyond the seed's points (_seed.lua): AWS ECS at 5K (held at the 10K
# quote), 55K (halfway along each straight line) and 1M (the 10K-100K slope continued).
# By hand, mid at 55K: ECS 300+2700/2 = 1650, RDS 250+1250/2 = 875, Redis 150+350/2 = 325,
# ALB 300, EBS 175, Data 1250, AI 750, Monitoring 200: 5525; low: ECS 1600, RDS 850,
# Redis 300, the rest the same: 5425; high: 1700 + 900 + 350: 5625.
# At 1M the ECS line is extended: mid 3000 + 10 x 2700 = 30000; its low end takes the 10K
# quote at its HIGH end (the weight of the 10K point is negative past 100K):
# 3000 + 10 x (3000 - 400) = 29000, high 3000 + 10 x 2800 = 31000.
"$RECKON" run "$SRC/models/aws_ecs.lua" -o "$tmp/between" --users 5000,55000,1000000 -q 2>/dev/null
expect "run --users exits 0" test $? -eq 0
row() { grep -F -q -- "$1" "$tmp/between/$2" || { bad "$2 has: $1"; return; }; ok; }
row 'aws_ecs.lua,AWS ECS,5000,1850.00,2050.00,2250.00,0.41' totals.csv
row 'aws_ecs.lua,AWS ECS,55000,5425.00,5525.00,5625.00,0.100455' totals.csv
row 'aws_ecs.lua,AWS ECS,1000000,ECS,compute,29000.00,30000.00,31000.00' items.csv

finish
