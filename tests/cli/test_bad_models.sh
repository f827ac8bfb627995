#!/usr/bin/env bash
# tests/cli/test_bad_models.sh: a table of bad models and bad inputs, each run beside good ones.
#
#   RECKON=build/reckon RECKON_SOURCE=$PWD bash tests/cli/test_bad_models.sh [CASE...]
#
# For each row of tests/cli/bad_models.tsv (see its header for the columns), in a fresh
# temporary folder ROOT:
#   ROOT/models/  the case's files (tests/cli/bad_models/<case>/, after its setup.sh, with
#                 @ROOT@ replaced by ROOT; a case holding the empty file uses_csv_model gets
#                 tests/cli/bad_models/csv_model.lua as its model.lua, the model the CSV
#                 cases share) and two good models, a_good.lua and z_good.lua
#   ROOT/out/     notes.txt (a file of the user's) and an old totals.csv
# then, from ROOT:
#   reckon run models -o out -q --max-instructions 20000000 --max-memory 64 --timeout 60 -j 2
# (--timeout 5 for the rows whose run is short-timeout, whose model never ends: only their
# point is wall time, and the good models beside them end well within it; --max-csv 1
# added for the rows whose run is max-csv1, with --samples 2000 for samples-max-csv1)
# (rows runs as plain, but its failure is in the rows run keeps, which check does not)
# and checks:
#   - the exit status, and that standard error holds the expected message (file and line),
#     with no raw control byte but newline and tab and nothing that is not UTF-8 (a model's
#     text is shown escaped, \xNN, while errors.csv keeps it as it is);
#   - errors.csv: exactly one row, the failing model.lua's, with the expected kind and message;
#   - the good models' rows are in totals.csv and items.csv (the old totals.csv replaced),
#     and the failing model's are not;
#   - notes.txt is untouched, nothing but reckon's CSV files is in out/ (no temporary file or
#     work folder, nothing starting with '.'), and nothing outside out/ was created, changed
#     or removed (the files an os.execute or io.open attempt would make must not appear);
#   - a run whose output cannot be written (exit 3) leaves out/ exactly as it was, the old
#     totals.csv byte for byte;
#   - then, for every row whose failure does not depend on writing (run plain, samples or
#     short-timeout, status 1), `reckon check models` with the same limits (and --samples) fails
#     the same model alone, with the same message: exit 1, an "ok" line for each good model
#     and none for model.lua, "2 of 3 models ok", and the row's message on standard error
#     (check runs the model's pass exactly as run does, engine/cli/pipeline.h).
# Prints "N passed, M failed" (cases) and exits non-zero when any case failed.
. "$(dirname "$0")/lib.sh"
# --timeout of the rows that are not about wall time, and when a run counts as hung: far
# beyond what any row needs, so that no outcome depends on the machine's load; a slow
# wrapper (tests/valgrind/run.sh) raises both.
model_timeout=${BAD_MODELS_TIMEOUT:-60}
# --timeout of the short-timeout rows: their bad model runs for ever, so the time is only
# how long the row takes; long enough for the good models under a loaded sanitizer build
# (a valgrind run raises it: there a good model takes seconds).
short_timeout=${BAD_MODELS_SHORT_TIMEOUT:-5}
hang_after=${BAD_MODELS_HANG:-300}
cases_dir="$SRC/tests/cli/bad_models"
table="$SRC/tests/cli/bad_models.tsv"
if [ ! -f "$table" ] || [ ! -d "$cases_dir" ]; then
  echo "no $table or $cases_dir: set RECKON_SOURCE to the source tree" >&2
  exit 2
fi

# The files a run may leave in out/ (besides the user's notes.txt).
final_files="items.csv totals.csv compare.csv crossovers.csv timeline.csv npv.csv budgets.csv
breakeven.csv changes.csv payback.csv errors.csv distribution.csv sensitivity.csv warnings.csv
findings.txt run.json results.json reckon.xlsx report.html"
old_totals=$'model,option,users,low,mid,high,per_user\r\nold.lua,Old,1000,1.00,1.00,1.00,0.001\r\n'
notes=$'My notes: do not touch.\n'
printf '%s' "$old_totals" >"$tmp/totals.old"
printf '%s' "$notes" >"$tmp/notes.expected"

problems=() # what is wrong with the current case

problem() { problems+=("$*"); }

good_model() { # FILE OPTION AMOUNT
  cat >"$1" <<EOF
local r = require "reckon"
return r.option{ name = "$2", users = { 1000 },
  items = { { name = "x", category = "other", cost = r.fixed($3) } } }
EOF
}

# snapshot DIR [PRUNE]: every path below DIR (but PRUNE), and each regular file's checksum.
snapshot() {
  local prune=./${2:-.none}
  (cd "$1" && find . -path "$prune" -prune -o -print | LC_ALL=C sort &&
    find . -path "$prune" -prune -o -type f -exec cksum {} + | LC_ALL=C sort)
}

# errors_rows FILE: the data rows of an errors.csv as model<TAB>kind<TAB>message.
errors_rows() { csv_columns "$1" model kind message; }

# contains_all TEXT MESSAGE: TEXT contains every " ... "-separated piece of MESSAGE.
contains_all() {
  local text=$1 rest=$2 piece
  while :; do
    piece=${rest%% ... *}
    case "$text" in *"$piece"*) ;; *) return 1 ;; esac
    [ "$piece" = "$rest" ] && return 0
    rest=${rest#* ... }
  done
}

has_line() { # FILE LINE: FILE (CRLF) has the exact line LINE
  [ -f "$1" ] && tr -d '\r' <"$1" | grep -qxF -- "$2"
}

run_case() { # CASE STATUS KIND MESSAGE RUN
  local name=$1 want_status=$2 want_kind=$3 run=$5
  local root="$tmp/$name"
  local models="$root/models" out="$root/out"
  local message=${4//@ROOT@/$root}
  problems=()

  if [ ! -d "$cases_dir/$name" ]; then
    problem "no folder $cases_dir/$name"
    return
  fi
  mkdir -p "$models" "$out"
  cp -R "$cases_dir/$name/." "$models/"
  if [ -f "$models/uses_csv_model" ]; then # one model for the CSV cases: only prices.csv differs
    cp "$cases_dir/csv_model.lua" "$models/model.lua"
    rm -f "$models/uses_csv_model"
  fi
  if [ -f "$models/setup.sh" ]; then
    (cd "$models" && bash ./setup.sh) || problem "setup.sh failed"
    rm -f "$models/setup.sh"
  fi
  local f
  for f in "$models"/*.lua; do
    if [ -f "$f" ] && grep -q '@ROOT@' "$f"; then
      sed "s|@ROOT@|$root|g" "$f" >"$f.tmp" && mv "$f.tmp" "$f"
    fi
  done
  good_model "$models/a_good.lua" A 100
  good_model "$models/z_good.lua" Z 200
  cp "$tmp/notes.expected" "$out/notes.txt"
  cp "$tmp/totals.old" "$out/totals.csv"

  local o=out crash= publish_fail= timeout=$model_timeout samples=() caps=()
  case "$run" in
    plain | rows) ;;
    samples) samples=(--samples 10000) ;;
    crash) crash=model.lua ;;
    out-under-file) o=out/totals.csv/sub ;;
    items-dir) mkdir "$out/items.csv" ;;
    npv-dir) mkdir "$out/run.json" ;; # after every table: the middle of the set
    errors-dir) mkdir "$out/errors.csv" ;;
    rename-fails) publish_fail=run.json ;;
    short-timeout) timeout=$short_timeout ;;
    max-csv1) caps=(--max-csv 1) ;;
    samples-max-csv1) samples=(--samples 2000) caps=(--max-csv 1) ;;
    *) problem "unknown run '$run' in the table" ;;
  esac

  snapshot "$root" out >"$root.before"
  [ "$want_status" -eq 3 ] && snapshot "$out" >"$root.out_before"

  local status
  (
    cd "$root" || exit 99
    if [ -n "$crash" ]; then export RECKON_TEST_CRASH=$crash; else unset RECKON_TEST_CRASH; fi
    if [ -n "$publish_fail" ]; then export RECKON_TEST_PUBLISH_FAIL=$publish_fail; else unset RECKON_TEST_PUBLISH_FAIL; fi
    # under AddressSanitizer the crashing worker is left to its signal
    export ASAN_OPTIONS="${ASAN_OPTIONS:-}:handle_segv=0"
    exec timeout "$hang_after" "$RECKON" run models -o "$o" -q --max-instructions 20000000 \
      --max-memory 64 --timeout "$timeout" -j 2 "${samples[@]}" "${caps[@]}"
  ) >"$root.stdout" 2>"$root.stderr"
  status=$?
  local err
  err=$(cat "$root.stderr")

  # exit status and standard error
  [ "$status" -eq 124 ] && problem "the run hung (killed after $hang_after s)"
  [ "$status" -eq "$want_status" ] || problem "exit status $status, expected $want_status"
  contains_all "$err" "$message" || problem "standard error lacks: $message"
  local bad_text
  for bad_text in "error object is not a string" "unprotected error" "internal error" \
    "the worker crashed" "killed after"; do
    case "$message" in *"$bad_text"*) continue ;; esac
    case "$err" in *"$bad_text"*) problem "standard error says: $bad_text" ;; esac
  done
  if [ "$want_status" -eq 1 ]; then
    case "$err" in
      *"reckon run: 1 of 3 models failed"*) ;;
      *) problem "standard error lacks: reckon run: 1 of 3 models failed" ;;
    esac
  fi
  [ -s "$root.stdout" ] && problem "standard output is not empty with -q"
  # whatever a model printed or said reaches standard error shown (display.c): no control
  # byte but newline and tab, and nothing that is not UTF-8
  LC_ALL=C tr -d '\n\t' <"$root.stderr" | LC_ALL=C grep -q '[[:cntrl:]]' &&
    problem "standard error holds a raw control byte"
  iconv -f UTF-8 -t UTF-8 <"$root.stderr" >/dev/null 2>&1 ||
    problem "standard error is not UTF-8"

  # nothing outside out/ created, changed or removed: no sentinel of an escape
  snapshot "$root" out >"$root.after"
  if ! cmp -s "$root.before" "$root.after"; then
    problem "files outside out/ changed: $(diff "$root.before" "$root.after" | grep '^[<>]' | head -5 | tr '\n' ' ')"
  fi
  local pwned
  pwned=$(find "$root" -name 'pwned*' 2>/dev/null | head -3)
  [ -n "$pwned" ] && problem "a sandbox escape left: $pwned"

  # out/: the user's file untouched, nothing but reckon's files, no temporary file
  cmp -s "$out/notes.txt" "$tmp/notes.expected" || problem "out/notes.txt was changed or removed"
  local entry dotted=
  for entry in $(ls -A "$out"); do
    case "$entry" in
      .*) dotted="$dotted $entry" ;;
      notes.txt) ;;
      *) case " $(echo $final_files) " in *" $entry "*) ;; *) problem "a stray file in out/: $entry" ;; esac ;;
    esac
  done
  [ -n "$dotted" ] && problem "temporary files or work folders left in out/:$dotted"

  if [ "$want_status" -eq 3 ]; then
    # nothing could be written: out/ is as it was, the old totals.csv byte for byte
    cmp -s "$out/totals.csv" "$tmp/totals.old" || problem "the old totals.csv was changed"
    snapshot "$out" >"$root.out_after"
    cmp -s "$root.out_before" "$root.out_after" ||
      problem "out/ changed: $(diff "$root.out_before" "$root.out_after" | grep '^[<>]' | head -5 | tr '\n' ' ')"
  else
    # the good models' rows replace the old ones; the failing model has none
    has_line "$out/totals.csv" "model,option,users,low,mid,high,per_user" || problem "totals.csv has no header"
    has_line "$out/totals.csv" "a_good.lua,A,1000,100.00,100.00,100.00,0.100000" || problem "totals.csv lacks a_good.lua's row"
    has_line "$out/totals.csv" "z_good.lua,Z,1000,200.00,200.00,200.00,0.200000" || problem "totals.csv lacks z_good.lua's row"
    [ -f "$out/totals.csv" ] && [ "$(tr -d '\r' <"$out/totals.csv" | grep -c .)" -eq 3 ] ||
      problem "totals.csv holds more or less than a header and the two good rows"
    grep -q '^a_good.lua,A,1000,x,other,100.00,100.00,100.00' "$out/items.csv" 2>/dev/null ||
      problem "items.csv lacks a_good.lua's row"
    grep -q '^model.lua,' "$out/items.csv" 2>/dev/null && problem "items.csv has a row of the failing model"
  fi

  # errors.csv: the failing model's one row, with its kind and message
  if [ "$want_kind" = "-" ]; then
    [ "$want_status" -eq 3 ] || [ ! -e "$out/errors.csv" ] || problem "errors.csv was written"
  elif [ ! -f "$out/errors.csv" ]; then
    problem "no errors.csv"
  else
    local rows n model kind text
    rows=$(errors_rows "$out/errors.csv")
    n=$(printf '%s' "$rows" | grep -c .)
    if [ "$n" -ne 1 ]; then
      problem "errors.csv has $n rows, expected 1: $(printf '%s' "$rows" | tr '\n\t' '|,' | head -c 300)"
    else
      IFS=$'\t' read -r model kind text <<<"$rows"
      [ "$model" = model.lua ] || problem "errors.csv names the model '$model', expected model.lua"
      [ "$kind" = "$want_kind" ] || problem "errors.csv kind '$kind', expected '$want_kind'"
      contains_all "$model: $text" "$message" || problem "errors.csv message '$text' lacks: $message"
    fi
  fi

  case "$run" in plain | samples | short-timeout) [ "$want_status" -eq 1 ] && check_case ;; esac
}

# check_case: run_case's `reckon check`, the same models and limits, compared with the run's
# verdict (run_case's locals: root, timeout, samples, message).
check_case() {
  local status err out
  (
    cd "$root" || exit 99
    unset RECKON_TEST_CRASH RECKON_TEST_PUBLISH_FAIL
    exec timeout "$hang_after" "$RECKON" check models --max-instructions 20000000 \
      --max-memory 64 --timeout "$timeout" -j 2 "${samples[@]}"
  ) >"$root.check_stdout" 2>"$root.check_stderr"
  status=$?
  out=$(tr -d '\r' <"$root.check_stdout")
  err=$(cat "$root.check_stderr")
  [ "$status" -eq 1 ] || problem "check: exit status $status, expected 1 as run's"
  contains_all "$err" "$message" || problem "check: standard error lacks run's message: $message"
  local good
  for good in a_good z_good; do
    grep -qxF "models/$good.lua: ok (1 option, 0 analyses)" <<<"$out" ||
      problem "check: no ok line for $good.lua"
  done
  grep -qF "models/model.lua: ok" <<<"$out" && problem "check passed the model run failed"
  grep -qxF "2 of 3 models ok; 0 self-check warnings" <<<"$out" ||
    problem "check: standard output lacks '2 of 3 models ok; 0 self-check warnings'"
}

# The rows of the table (or only the cases named on the command line).
rows=()
while IFS= read -r line; do
  case "$line" in '#'* | '' | $'case\t'*) continue ;; esac
  rows+=("$line")
done <"$table"

# Every folder has a row, every row a folder.
listed=" "
for line in "${rows[@]}"; do listed="$listed${line%%$'\t'*} "; done
for dir in "$cases_dir"/*/; do
  name=${dir%/}
  name=${name##*/}
  case "$listed" in *" $name "*) ;; *) failed=$((failed + 1)); echo "FAIL $name: a folder in bad_models/ with no row in bad_models.tsv" ;; esac
done

# Each case runs in a subshell of its own, BAD_MODELS_JOBS at a time (each case's run uses
# -j 2 itself): a case writes its problems to $tmp/<case>.problems, read back in the table's
# order once all have run, so the report does not depend on which finished first.
jobs=${BAD_MODELS_JOBS:-4}
run_one() { # CASE STATUS KIND MESSAGE RUN
  run_case "$@"
  if [ ${#problems[@]} -gt 0 ]; then printf '%s\n' "${problems[@]}"; fi >"$tmp/$1.problems"
}
start=$(date +%s)
names=()
running=0
for line in "${rows[@]}"; do
  IFS=$'\t' read -r name want_status want_kind message run <<<"$line"
  if [ $# -gt 0 ]; then
    case " $* " in *" $name "*) ;; *) continue ;; esac
  fi
  names+=("$name")
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
  run_one "$name" "$want_status" "$want_kind" "$message" "${run:-plain}" &
  running=$((running + 1))
done
wait

for name in "${names[@]}"; do
  if [ ! -f "$tmp/$name.problems" ]; then
    printf '%s\n' "the case's subshell ended without a report" >"$tmp/$name.problems"
  fi
  if [ ! -s "$tmp/$name.problems" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    sed 's/^/    /' "$tmp/$name.problems"
    sed -n '1,4s/^/    stderr: /p' "$tmp/$name.stderr"
  fi
done

echo "$passed passed, $failed failed ($(($(date +%s) - start)) s, $jobs at a time)"
[ "$failed" -eq 0 ]
