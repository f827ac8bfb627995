#!/usr/bin/env bash
# Builds the libFuzzer harnesses in a build folder of their own (build-fuzz, clang,
# -DRECKON_FUZZ=ON) and runs each for a bounded time on a copy of its seed corpus, so that
# the repository is not modified.  Not a ctest test: .ci/run calls it after the sanitizer run.
#
#   bash tests/fuzz/run.sh                  # 60 seconds a harness
#   FUZZ_SECONDS=20 bash tests/fuzz/run.sh
#
# Environment: FUZZ_SECONDS (default 60), FUZZ_BUILD (default build-fuzz), FUZZ_CC (the
# compiler: default clang, which libFuzzer needs; CC is ignored, a gcc there is the usual).
# A crash, leak, sanitizer report or timeout leaves its input in FUZZ_BUILD/fuzz-out/<name>/
# (crash-*, leak-*, timeout-*, oom-*) and makes the script exit non-zero.  The last line is
# "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

seconds=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD:-build-fuzz}
harnesses="spec csv api"

if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "run.sh: FUZZ_SECONDS must be a whole number of seconds >= 1 (got '$seconds')" >&2
  exit 2
fi

n_harnesses=$(echo $harnesses | wc -w)
cc=${FUZZ_CC:-clang}
log=$(mktemp)
if ! CC=$cc cmake -S . -B "$build" -DCMAKE_C_COMPILER="$cc" -DRECKON_FUZZ=ON >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "run.sh: configuring $build with $cc failed (Debian: apt-get install clang libclang-rt-14-dev)"
  echo "0 passed, $n_harnesses failed"
  exit 1
fi
rm -f "$log"
targets=""
for h in $harnesses; do targets="$targets fuzz_$h"; done
if ! cmake --build "$build" -j2 --target $targets; then
  echo "run.sh: building the harnesses failed"
  echo "0 passed, $n_harnesses failed"
  exit 1
fi

# Abort on the first report, so that libFuzzer saves the input; leaks count too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

passed=0
failed=0
for h in $harnesses; do
  bin="$build/tests/fuzz/fuzz_$h"
  out="$build/fuzz-out/$h"
  rm -rf "$out"
  mkdir -p "$out/corpus"
  cp -R tests/fuzz/corpus/"$h"/. "$out/corpus/"
  echo "== fuzz_$h: $seconds s (log: $out/fuzz.log)"
  # -max_total_time bounds the run; `timeout` guards against a hang outside an input.
  timeout --kill-after=30 $((seconds + 120)) \
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/" "$out/corpus" >"$out/fuzz.log" 2>&1
  rc=$?
  if [ $rc -eq 0 ] && ! ls "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-* \
    >/dev/null 2>&1; then
    passed=$((passed + 1))
    grep -E '^(stat::number_of_executed_units|Done)' "$out/fuzz.log" | sed 's/^/   /'
  else
    failed=$((failed + 1))
    echo "fuzz_$h FAILED (exit $rc); the end of its log:"
    tail -n 60 "$out/fuzz.log"
    for f in "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*; do
      [ -e "$f" ] && echo "input saved: $f (replay: $bin $f)"
    done
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
