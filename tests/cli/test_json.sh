#!/bin/bash
# results.json (engine/formats/format_json.c): parsed with python3's json module and every
# cell of every table compared with the CSV file it was made from (number columns
# numerically and exactly: the JSON number is the double the CSV text reads as; text
# exactly; an empty cell is null), the columns with the registry's header, the findings
# with findings.txt's lines; two identical runs give the same bytes; a text cell that needs
# escapes (quotes, a newline, a backslash, unicode, a leading '=' that the CSV guards) reads
# back as written.  jq, when installed, parses it too.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "python3 not installed: skipped"; exit 77; }
cd "$SRC" || exit 1

# check.py DIR: compares DIR/results.json with DIR's CSV files; prints what differs.
cat >"$tmp/check.py" <<'PY'
import csv, json, math, os, sys
d = sys.argv[1]
doc = json.load(open(os.path.join(d, "results.json"), encoding="ascii"))
bad = []
assert list(doc) == ["run", "findings", "tables"], list(doc)
run = json.load(open(os.path.join(d, "run.json")))
if doc["run"] != run:
    bad.append("run differs from run.json")
lines = open(os.path.join(d, "findings.txt"), encoding="utf-8", newline="").read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if doc["findings"] != lines:
    bad.append("findings differ from findings.txt")
csvs = sorted(f for f in os.listdir(d) if f.endswith(".csv"))
if sorted(t["file"] for t in doc["tables"].values()) != csvs:
    bad.append("tables %s, CSV files %s" % (sorted(doc["tables"]), csvs))
cells = 0
def unguard(s):
    return s[1:] if len(s) > 1 and s[0] == "'" and s[1] in "=+-@\t\r" else s
for name, t in doc["tables"].items():
    if name + ".csv" != t["file"]:
        bad.append("%s: file %s" % (name, t["file"]))
    with open(os.path.join(d, t["file"]), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    cols = t["columns"]
    if [c["name"] for c in cols] != rows[0]:
        bad.append("%s: columns %s, header %s" % (name, [c["name"] for c in cols], rows[0]))
        continue
    if len(t["rows"]) != len(rows) - 1:
        bad.append("%s: %d rows, CSV %d" % (name, len(t["rows"]), len(rows) - 1))
    for r, (jrow, crow) in enumerate(zip(t["rows"], rows[1:]), 1):
        if len(jrow) != len(crow):
            bad.append("%s row %d: %d cells, CSV %d" % (name, r, len(jrow), len(crow)))
            continue
        for c, (j, s) in enumerate(zip(jrow, crow)):
            col = cols[c]
            cells += 1
            where = "%s row %d %s: json %r csv %r" % (name, r, col["name"], j, s)
            if s == "":
                ok = j is None
            elif col["kind"] == "text":
                ok = j == unguard(s)
            elif col["kind"] != "money" and col["decimals"] == 0:
                ok = type(j) is int and j == float(s) and "decimals" in col
            else:
                ok = type(j) is float and j == float(s) and math.isfinite(j)
                ok = ok and col["decimals"] == (2 if col["kind"] == "money" else col["decimals"])
            if not ok:
                bad.append(where)
for b in bad[:20]:
    print(b)
print("%d cells" % cells, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

check() { # check WHAT DIR: the comparison, and jq's parse when there is jq
  expect "$1: results.json equals the CSVs" python3 "$tmp/check.py" "$2"
  if command -v jq >/dev/null; then
    expect "$1: jq parses results.json" jq -e '.tables.totals.rows | length > 0' "$2/results.json" >/dev/null
  fi
}

# The shipped models, plain and under Monte Carlo, each run twice: same bytes.
for samples in 0 2000; do
  args=(run --quiet models --format csv,json)
  [ "$samples" = 0 ] || args+=(--samples "$samples")
  for k in 1 2; do # the same -o: run.json, and so results.json, holds the arguments
    "$RECKON" "${args[@]}" -o "$tmp/m" >/dev/null 2>"$tmp/err" || bad "run $samples: $(cat "$tmp/err")"
    rm -rf "$tmp/m$samples.$k" && mv "$tmp/m" "$tmp/m$samples.$k"
  done
  check "models, samples $samples" "$tmp/m$samples.1"
  expect "models, samples $samples: two runs, the same bytes" \
    cmp "$tmp/m$samples.1/results.json" "$tmp/m$samples.2/results.json"
done
expect "the Monte Carlo run has distribution" \
  python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["tables"]; sys.exit(not t["distribution"]["rows"])' \
  "$tmp/m2000.1/results.json"

# A model whose text needs escapes: quotes, backslash, newline, tab, unicode, a leading
# '=' (guarded in the CSV with "'", given back unguarded); and a run that fails
# (errors.csv is a table too).
mkdir -p "$tmp/esc"
cat >"$tmp/esc/esc.lua" <<'LUA'
local r = require "reckon"
return r.option{
  name = 'Quote "q", back\\slash',
  users = { 1000 },
  items = {
    { name = "=SUM(A1:A2)", category = "other", cost = r.fixed(12.34),
      note = "caf\u{e9} \u{1F600}\nline two\ttab \u{2028} ctl\u{1}" },
    { name = "+1", category = "other", cost = r.fixed(0.1), note = "-x" },
  },
}
LUA
printf 'error("boom \\"here\\"")\n' >"$tmp/esc/fails.lua"
"$RECKON" run --quiet "$tmp/esc" --format csv,json -o "$tmp/e" >/dev/null 2>&1
check "escapes" "$tmp/e"
expect "escapes: the cells as written" python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["tables"]
rows = t["items"]["rows"]
assert rows[0][1] == "Quote \"q\", back\\slash", rows[0]
assert rows[0][3] == "=SUM(A1:A2)" and rows[1][3] == "+1" and rows[1][8] == "-x", rows
assert rows[0][8] == "caf\u00e9 \U0001F600\nline two\ttab \u2028 ctl\u0001", rows[0]
assert rows[0][6] == 12.34 and rows[1][6] == 0.1, rows
assert any("boom" in r[2] for r in t["errors"]["rows"]), t["errors"]
' "$tmp/e/results.json"
expect "escapes: results.json is ASCII, one row a line" \
  python3 -c 'import sys; b=open(sys.argv[1],"rb").read(); assert max(b) < 128; assert b.count(b"\n[") >= 3' \
  "$tmp/e/results.json"

finish
