#!/usr/bin/env bash
# tests/cli/test_check.sh: `reckon check` runs each model's pass exactly as `reckon run` does
# (engine/cli/pipeline.h) and writes nothing: it honours --users and --samples as run does,
# and fails the models run fails, with the same message.  (The bad-models table compares
# run's verdict with check's for every row that does not depend on writing:
# test_bad_models.sh.)  Also: the usage errors of run and check name every option, the same
# lines as --help.
#
#   RECKON=build/reckon RECKON_SOURCE=$PWD bash tests/cli/test_check.sh
#
# Prints "N passed, M failed" and exits non-zero when any check failed.
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 2

# A step whose last plan ends at 1000 users: the option's own counts (500 and 1000) are
# within it, 5000 is beyond it.  The cost is on line 4.
mkdir m
cat >m/plans.lua <<'EOF'
local r = require "reckon"
return r.option{ name = "S", users = { 500, 1000 },
  items = { { name = "web", category = "compute",
    cost = r.step{ { upto = 1000, cost = 1 } } } } }
EOF
beyond='m/plans.lua:4: step: driver value 5000 is beyond the last plan (upto 1000)'

has() { grep -qxF -- "$2" "$1"; }     # FILE LINE: FILE has the exact line LINE
holds() { grep -qF -- "$2" "$1"; }    # FILE TEXT: FILE holds TEXT

# ---- --users -----------------------------------------------------------------------------
"$RECKON" check m/plans.lua >out.txt 2>err.txt
expect "check at the option's own counts exits 0" [ $? -eq 0 ]
expect "... with its ok line" has out.txt "m/plans.lua: ok (1 option, 0 analyses)"

"$RECKON" check --users 5000 m/plans.lua >out.txt 2>err.txt
expect "check --users 5000 fails the model (exit 1)" [ $? -eq 1 ]
expect "... naming file, line and the count: $(head -1 err.txt)" holds err.txt "$beyond"
expect "... and no model is ok" has out.txt "0 of 1 models ok; 0 self-check warnings"

"$RECKON" run --users 5000 m/plans.lua -o res -q >out.txt 2>err.txt
expect "run --users 5000 fails it too (exit 1)" [ $? -eq 1 ]
expect "... with the same message" holds err.txt "$beyond"
row=$(csv_columns res/errors.csv model kind message)
case "$row" in
  "plans.lua"$'\t'"error"$'\t'"$beyond"*) ok ;;
  *) bad "run's errors.csv row is plans.lua, error, the message: $row" ;;
esac

# a sweep: 100:1000:3 is 100, 550, 1000 (all within); 500:5000:2 is 500 and 5000
"$RECKON" check --users 100:1000:3 m/plans.lua >out.txt 2>err.txt
expect "check --users 100:1000:3 passes" [ $? -eq 0 ]
"$RECKON" check --users 500:5000:2 m/plans.lua >out.txt 2>err.txt
expect "check --users 500:5000:2 fails at 5000" [ $? -eq 1 ]
expect "... naming it" holds err.txt "$beyond"

# ---- --samples: a failure only the Monte Carlo pass finds (bad_models.tsv's row
# roi_lanes_beyond_largest_number: the lanes with the smallest one-offs overflow the ROI;
# at the middle it does not) -------------------------------------------------------------
lanes="$SRC/tests/cli/bad_models/roi_lanes_beyond_largest_number/model.lua"
before=$(ls -A)
"$RECKON" check "$lanes" >out.txt 2>err.txt
expect "without --samples check passes it" [ $? -eq 0 ]
"$RECKON" check --samples 10000 --seed 20260130 "$lanes" >out.txt 2>err.txt
expect "check --samples 10000 fails it (exit 1)" [ $? -eq 1 ]
expect "... with run's message: $(head -1 err.txt)" \
  holds err.txt 'model.lua:4: analysis "nf": changes.csv: roi_36_p5 is beyond the largest number'
expect "check wrote nothing here" [ "$(ls -A)" = "$before" ]

# ---- usage errors: every option named, the same lines as --help -------------------------
"$RECKON" --help >help.txt
for cmd in run check; do
  "$RECKON" "$cmd" --samples 1 m/plans.lua >out.txt 2>err.txt
  expect "$cmd --samples 1 is a usage error" [ $? -eq 2 ]
  # the usage lines: from "  reckon CMD" to the line before the next "  reckon"
  awk -v cmd="  reckon $cmd " 'index($0, cmd) == 1 { on = 1; print; next }
    on && /^  reckon / { exit } on' help.txt >help_usage.txt
  sed -n '/^Usage:$/,/^Try/p' err.txt | sed '1d;$d' >err_usage.txt
  expect "$cmd's usage error repeats --help's usage lines" cmp -s help_usage.txt err_usage.txt
  for option in "-j N" "--users LIST" "--samples N" "--seed S" "--items" "--max-memory MiB" \
    "--max-instructions N" "--timeout S"; do
    expect "$cmd's usage names $option" holds err_usage.txt "$option"
  done
done
"$RECKON" run --frobnicate m/plans.lua 2>err.txt
for option in "-o DIR" "--quiet" "--max-csv MiB"; do
  expect "run's usage names $option" holds err.txt "$option"
done
"$RECKON" check --users m/plans.lua >out.txt 2>err.txt
expect "check --users followed by no list is a usage error" [ $? -eq 2 ]

finish
