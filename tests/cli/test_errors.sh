#!/usr/bin/env bash
# tests/cli/test_errors.sh: how `reckon run`, `check` and `eval` fail.
#
#   RECKON=build/reckon RECKON_SOURCE=$PWD bash tests/cli/test_errors.sh
#
# Writes bad models into a temporary directory and checks the exit status (1 when a model
# fails, 2 for a usage error, 3 when an output file cannot be written), that the message on
# standard error names the model's file and line ("bad.lua:3:"), that a failing model does not
# stop the others, and that the CSV files are replaced whole or not at all.
# Prints "N passed, M failed" and exits non-zero when any check failed.
set -u

if [ -z "${RECKON:-}" ]; then
  echo "set RECKON to the reckon binary" >&2
  exit 2
fi
case "$RECKON" in
  */*) RECKON="$(cd "$(dirname "$RECKON")" && pwd)/$(basename "$RECKON")" ;; # absolute: some runs cd
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/reckon-cli-errors.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
status=0
out="$tmp/stdout"
err="$tmp/stderr"

pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  printf 'FAIL %s\n' "$*"
  sed -n '1,6s/^/    stderr: /p' "$err"
}

# reckon ARGS...: runs the binary, keeping stdout, stderr and the exit status.
reckon() {
  "$RECKON" "$@" >"$out" 2>"$err"
  status=$?
}

# in_dir DIR ARGS...: the same, from inside DIR (so that paths in messages are short).
in_dir() {
  local dir=$1
  shift
  (cd "$dir" && "$RECKON" "$@") >"$out" 2>"$err"
  status=$?
}

expect_status() { # WANT LABEL
  if [ "$status" -eq "$1" ]; then pass; else fail "$2: exit status $status, expected $1"; fi
}

expect_stderr() { # TEXT LABEL: stderr contains TEXT (fixed string)
  if grep -qF -- "$1" "$err"; then pass; else fail "$2: standard error does not contain '$1'"; fi
}

expect_no_stderr() { # TEXT LABEL
  if grep -qF -- "$1" "$err"; then fail "$2: standard error contains '$1'"; else pass; fi
}

expect_stdout() { # TEXT LABEL
  if grep -qF -- "$1" "$out"; then pass; else fail "$2: standard output does not contain '$1'"; fi
}

expect_file_has() { # FILE LINE LABEL: FILE has the exact line LINE (CRLF endings allowed)
  if [ -f "$1" ] && tr -d '\r' <"$1" | grep -qxF -- "$2"; then pass; else fail "$3: $1 has no line '$2'"; fi
}

expect_file_lacks() { # FILE TEXT LABEL
  if [ -f "$1" ] && ! grep -qF -- "$2" "$1"; then pass; else fail "$3: $1 is missing or contains '$2'"; fi
}

expect_no_temp_files() { # DIR LABEL: nothing left behind by an atomic write
  local left
  left=$(cd "$1" && ls -A | grep -E '^\.(totals|items)\.csv\.' || true)
  if [ -z "$left" ]; then pass; else fail "$2: temporary files left in $1: $left"; fi
}

# ---- bad models ------------------------------------------------------------------------------

bad="$tmp/bad"
mkdir -p "$bad"

good_model() { # NAME OPTION USERS AMOUNT
  cat <<EOF
local r = require "reckon"
return r.option{ name = "$2", users = { $3 },
  items = { { name = "web", category = "compute", cost = r.fixed($4) } } }
EOF
}

cat >"$bad/syntax.lua" <<'EOF'
local r = require "reckon"

local x = = 1
EOF

cat >"$bad/runtime.lua" <<'EOF'
local r = require "reckon"

local x = nil + 1
EOF

cat >"$bad/spec.lua" <<'EOF'
local r = require "reckon"

local web = r.step{ { uptp = 5000, cost = 25 }, { cost = 85 } }
EOF

cat >"$bad/nothing.lua" <<'EOF'
local r = require "reckon"
local unused = r.fixed(1)
EOF

cat >"$bad/number.lua" <<'EOF'
return 42
EOF

cat >"$bad/empty_list.lua" <<'EOF'
return {}
EOF

cat >"$bad/list_bad.lua" <<'EOF'
local r = require "reckon"
return {
  r.option{ name = "A", items = { { name = "web", category = "compute", cost = 1 } } },
  "not an option",
}
EOF

cat >"$bad/evalfail.lua" <<'EOF'
local r = require "reckon"
return r.option{ name = "S", users = { 100 },
  items = { { name = "web", category = "compute",
    cost = r.step{ { upto = 10, cost = 1 } } } } }
EOF

# a Lua 5.4 binary chunk header: must be refused as a model
printf '\033LuaT\000\031\223\r\n\032\n\004\010\010' >"$bad/bytecode.lua"

# {file, text its message must contain} for run and check; eval shares the load errors
model_cases=(
  "syntax.lua|syntax.lua:3:"
  "runtime.lua|runtime.lua:3: attempt to perform arithmetic"
  "spec.lua|spec.lua:3: step: plan 1: unknown field 'uptp'"
  "nothing.lua|nothing.lua: the model must return"
  "number.lua|number.lua: the model must return r.option{...}, r.analysis{...} or a list of them (it returned number)"
  "empty_list.lua|empty_list.lua: the model must return"
  "list_bad.lua|list_bad.lua: result 2 is a string, not an option made by r.option{...} or an analysis made by r.analysis{...}"
  "evalfail.lua|evalfail.lua:4: step: driver value 100 is beyond the last plan (upto 10)"
  "bytecode.lua|bytecode.lua"
)

for c in "${model_cases[@]}"; do
  file=${c%%|*}
  text=${c#*|}
  in_dir "$bad" run "$file" -o "$tmp/bad_out" --quiet
  expect_status 1 "run $file"
  expect_stderr "$text" "run $file"
  expect_no_stderr "error object is not a string" "run $file"
  in_dir "$bad" check "$file"
  expect_status 1 "check $file"
  expect_stderr "$text" "check $file"
  expect_no_stderr "error object is not a string" "check $file"
done

# eval: the load and runtime errors, with the file and line
for c in "syntax.lua|syntax.lua:3:" "runtime.lua|runtime.lua:3: attempt to perform arithmetic" \
  "spec.lua|spec.lua:3: step: plan 1: unknown field 'uptp'" "bytecode.lua|bytecode.lua"; do
  file=${c%%|*}
  text=${c#*|}
  in_dir "$bad" eval "$file"
  expect_status 1 "eval $file"
  expect_stderr "$text" "eval $file"
done

# a bytecode file is refused as binary, by every command
for cmd in run check eval; do
  if [ "$cmd" = run ]; then in_dir "$bad" run bytecode.lua -o "$tmp/bad_out" -q; else in_dir "$bad" "$cmd" bytecode.lua; fi
  expect_status 1 "$cmd bytecode.lua"
  expect_stderr "binary" "$cmd bytecode.lua says it is binary"
done

# the full path is named when the model is given by one
reckon check "$bad/runtime.lua"
expect_status 1 "check by full path"
expect_stderr "$bad/runtime.lua:3:" "check by full path"

# eval of a file that does not exist
in_dir "$bad" eval no_such_file.lua
expect_status 1 "eval of a missing file"
expect_stderr "no_such_file.lua" "eval of a missing file"

# ---- a failing model among good ones ---------------------------------------------------------

mixed="$tmp/mixed"
mkdir -p "$mixed"
good_model a_good.lua A 1000 10 >"$mixed/a_good.lua"
cat >"$mixed/m_bad.lua" <<'EOF'
local r = require "reckon"
local rate = nil
return r.option{ name = "M", items = { { name = "x", category = "other", cost = rate * 2 } } }
EOF
good_model z_good.lua Z 2000 20 >"$mixed/z_good.lua"
cp "$bad/evalfail.lua" "$mixed/n_evalfail.lua"

res="$tmp/res"
reckon run "$mixed" -o "$res" --quiet
expect_status 1 "run with failing models"
expect_stderr "m_bad.lua:3:" "the failing model is named with its line"
expect_stderr "n_evalfail.lua:4: step: driver value 100" "the model whose evaluation fails is named"
expect_file_has "$res/totals.csv" "model,option,users,low,mid,high,per_user" "totals.csv header"
expect_file_has "$res/totals.csv" "a_good.lua,A,1000,10.00,10.00,10.00,0.010000" "the first good model's row"
expect_file_has "$res/totals.csv" "z_good.lua,Z,2000,20.00,20.00,20.00,0.010000" "the last good model's row"
expect_file_lacks "$res/totals.csv" "m_bad.lua" "no row of the failing model"
expect_file_lacks "$res/totals.csv" "n_evalfail.lua" "no row of the model whose evaluation failed"
expect_file_lacks "$res/items.csv" "n_evalfail.lua" "no item rows of the model whose evaluation failed"
expect_file_has "$res/items.csv" "a_good.lua,A,1000,web,compute,10.00,10.00,10.00," "an item row of a good model"
expect_no_temp_files "$res" "after a run with failures"

# all good: exit 0
reckon run "$mixed/a_good.lua" "$mixed/z_good.lua" -o "$tmp/res_ok" --quiet
expect_status 0 "run of good models"
expect_no_temp_files "$tmp/res_ok" "after a good run"
reckon check "$mixed/a_good.lua"
expect_status 0 "check of a good model"

# ---- output that cannot be written -----------------------------------------------------------

cp "$res/totals.csv" "$tmp/totals.before"
cp "$res/items.csv" "$tmp/items.before"

# -o names a path below a regular file: nothing can be created there
reckon run "$mixed/a_good.lua" -o "$res/totals.csv/sub" --quiet
if [ "$status" -ne 0 ]; then pass; else fail "run into a path below a file: exit status 0"; fi
expect_status 3 "run into a path below a file (3: an output file could not be written)"
expect_stderr "$res/totals.csv/sub" "the message names the directory"
if cmp -s "$res/totals.csv" "$tmp/totals.before"; then pass; else fail "the previous totals.csv was changed"; fi
if cmp -s "$res/items.csv" "$tmp/items.before"; then pass; else fail "the previous items.csv was changed"; fi
expect_no_temp_files "$res" "after a run that could not write"

# the folder exists but items.csv cannot be replaced (it is a directory): the old totals.csv
# stays whole, and no temporary file is left
stuck="$tmp/stuck"
mkdir -p "$stuck/items.csv"
printf 'old totals\r\n' >"$stuck/totals.csv"
reckon run "$mixed/a_good.lua" -o "$stuck" --quiet
expect_status 3 "run whose items.csv cannot be replaced"
if [ "$(cat "$stuck/totals.csv")" = "$(printf 'old totals\r\n')" ]; then pass; else fail "the old totals.csv was changed though items.csv failed"; fi
expect_no_temp_files "$stuck" "after a failed commit"

# ---- usage errors ----------------------------------------------------------------------------

reckon run
expect_status 2 "run with no paths"
expect_stderr "reckon run:" "run with no paths says which command"

reckon run "$mixed/a_good.lua" --frobnicate
expect_status 2 "run with an unknown option"
expect_stderr "--frobnicate" "the unknown option is named"

reckon run "$mixed/a_good.lua" -o
expect_status 2 "run -o without a directory"

reckon run "$tmp/no_such_dir" -o "$tmp/never"
expect_status 2 "run of a path that does not exist"
expect_stderr "no_such_dir" "the missing path is named"

for users in abc 0 10:1:5 1:10:1 "" -5 1,,2; do
  reckon run "$mixed/a_good.lua" -o "$tmp/users_out" --users "$users"
  expect_status 2 "--users '$users'"
  if [ -n "$users" ]; then expect_stderr "\"$users\"" "--users '$users': the value is quoted"; fi
done
if [ ! -e "$tmp/users_out" ]; then pass; else fail "a usage error created the output directory"; fi

reckon run "$mixed/a_good.lua" --users
expect_status 2 "--users without a value"

reckon check
expect_status 2 "check with no paths"
reckon check --frobnicate "$mixed/a_good.lua"
expect_status 2 "check with an unknown option"
reckon eval
expect_status 2 "eval with no file"
reckon eval "$mixed/a_good.lua" "$mixed/z_good.lua"
expect_status 2 "eval with two files"
reckon frobnicate
expect_status 2 "an unknown command"
expect_stderr "frobnicate" "the unknown command is named"
reckon
expect_status 2 "no command at all"

# ---- help and version ------------------------------------------------------------------------

reckon --help
expect_status 0 "--help"
for word in run check eval; do
  expect_stdout "reckon $word" "--help mentions $word"
done
reckon run --help
expect_status 0 "run --help"

reckon --version
expect_status 0 "--version"
if grep -qE '^reckon [0-9]+\.[0-9]+' "$out"; then pass; else fail "--version prints 'reckon X.Y': $(cat "$out")"; fi

# ---------------------------------------------------------------------------------------------

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
