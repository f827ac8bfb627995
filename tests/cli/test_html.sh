#!/bin/bash
# report.html (engine/formats/format_html*.c) in a browser: headless Chromium, the network
# off (unshare -n where permitted; else no host resolves), opens a copy of each report with
# a probe script first in its <head> (html_check.py; the product's file is not changed)
# and dumps the DOM.  Checked: no window error, console.error or alert; nothing fetched and
# no src/href outside the file; every chart drawn by Chart.js with a series' colour on its
# canvas; every <table data-csv=F> has F's header, and its rows are the rows of F the page
# says it shows (all, or those format_html.c chooses, at most 200), each row's cells F's
# text exactly.  Runs: the shipped models, plain and under Monte Carlo (each twice into the
# same -o: report.html the same bytes), and a model whose names hold </script>, quotes, &,
# <b> and unicode (each shown as text).  A screenshot goes to $RECKON_ARTEFACTS/report.png.
# Skipped (77) without chromium or python3.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "python3 not installed: skipped"; exit 77; }
chromium=$(command -v chromium || command -v chromium-browser) || { echo "chromium not installed: skipped"; exit 77; }
cd "$SRC" || exit 1
check_py="$SRC/tests/cli/html_check.py"
art=${RECKON_ARTEFACTS:-$tmp}
mkdir -p "$art" "$tmp/home"

offline=(unshare -n)
"${offline[@]}" true 2>/dev/null || { echo "note: unshare -n not permitted; no network namespace"; offline=(); }
browsers=0
# browser ARGS...: headless Chromium, a fresh profile, nothing resolves; stderr to $tmp/chromium.err
browser() {
  browsers=$((browsers + 1))
  HOME="$tmp/home" ${offline[@]+"${offline[@]}"} "$chromium" --headless --no-sandbox --disable-gpu \
    --no-first-run --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$tmp/profile.$browsers" \
    --virtual-time-budget=10000 "$@" 2>"$tmp/chromium.err"
}

# check WHAT DIR [NAME...]: DIR/report.html, probed, against DIR's CSV files.
check() {
  local what=$1 dir=$2; shift 2
  local copy="$tmp/probed.$browsers.html"
  python3 "$check_py" probe "$dir/report.html" "$copy" || { bad "$what: cannot copy report.html"; return; }
  if ! browser --dump-dom "file://$copy" >"$tmp/dom.html" || [ ! -s "$tmp/dom.html" ]; then
    bad "$what: chromium failed: $(tail -3 "$tmp/chromium.err")"
    return
  fi
  expect "$what: the page in the browser" python3 "$check_py" check "$tmp/dom.html" "$dir" "$@"
}

# run ARGS...: reckon run ARGS, quiet; a failure is a failed check.
run() {
  "$RECKON" run --quiet "$@" >/dev/null 2>"$tmp/err" || bad "reckon run $*: $(tail -3 "$tmp/err")"
}

# The shipped models, plain and under Monte Carlo; each run twice into the same -o (the
# arguments, and so the run facts in the page, are the same).
for samples in 0 2000; do
  args=(models -o "$tmp/m")
  [ "$samples" = 0 ] || args+=(--samples "$samples")
  rm -rf "$tmp/m"
  run "${args[@]}"
  mv "$tmp/m/report.html" "$tmp/first.html"
  run "${args[@]}"
  expect "models, samples $samples: two runs, the same report.html" cmp "$tmp/first.html" "$tmp/m/report.html"
  check "models, samples $samples" "$tmp/m"
  rm -rf "$tmp/m$samples" && mv "$tmp/m" "$tmp/m$samples"
done
expect "the Monte Carlo report has charts" grep -q '<canvas id="chart-1" data-chart=' "$tmp/m2000/report.html"

browser --screenshot="$art/report.png" --window-size=1280,4000 "file://$tmp/m2000/report.html" >/dev/null
expect "a screenshot of the report ($art/report.png)" test -s "$art/report.png"
expect "the screenshot is a PNG" python3 -c \
  'import sys; sys.exit(open(sys.argv[1], "rb").read(8) != b"\x89PNG\r\n\x1a\n")' "$art/report.png"

# Names that are markup, quotes, an ampersand, "<!--" and unicode: text on the page, not
# markup.  Items' names reach no file the page shows (sensitivity names an input by its
# line), so the options and the analysis carry them.
mkdir -p "$tmp/hostile"
cat >"$tmp/hostile/hostile.lua" <<'LUA'
local r = require "reckon"
local a = r.option{
  name = '</script><script>alert(1)</script>',
  items = {
    { name = 'say "hi" & <b>bold</b>', category = "compute", cost = r.range(100, 300) },
    { name = "</script><img src=x onerror=alert(2)>", category = "data", cost = r.range(50, 80) },
  },
}
local b = r.option{
  name = 'Tom & "Jerry" <b>\u{e9}t\u{e9}</b>',
  items = { { name = "b", category = "compute", cost = r.range(150, 250) } },
}
local c = r.option{
  name = "caf\u{e9} \u{2713} \u{65e5}\u{672c} \u{1F600} <!-- '&amp;",
  items = { { name = "c", category = "compute", cost = r.range(120, 400) } },
}
return r.analysis{ name = '<b>hostile</b> & "quoted" <img src=x onerror=alert(3)>',
                   options = { a, b, c }, users = { 1000, 10000 } }
LUA
# an option alone: totals, distribution and sensitivity, and their charts
sed -e 's/^return r.analysis.*/return a/' -e '/^ *options = /d' "$tmp/hostile/hostile.lua" >"$tmp/hostile/alone.lua"
run "$tmp/hostile" --samples 500 -o "$tmp/h"
check "hostile names" "$tmp/h" \
  '</script><script>alert(1)</script>' 'Tom & "Jerry" <b>été</b>' "café ✓ 日本 😀 <!-- '&amp;" \
  'cell:<b>hostile</b> & "quoted" <img src=x onerror=alert(3)>'

finish
