#!/bin/bash
# reckon.xlsx (engine/formats/format_xlsx*.c) opened by LibreOffice headless: every sheet
# converted back to CSV equals the CSV file it was made from (xlsx_check.py: cells, types,
# the frozen header and autofilter, the charts' ranges on their data sheets), without and
# with --samples; two identical runs give the same bytes; a table longer than a sheet is
# left out with a note on the first sheet.  Skipped (77) without LibreOffice.
. "$(dirname "$0")/lib.sh"
command -v soffice >/dev/null && command -v python3 >/dev/null ||
  { echo "LibreOffice (soffice) or python3 not installed: skipped"; exit 77; }
cd "$SRC" || exit 1
check="$SRC/tests/cli/xlsx_check.py"
filter='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'

# to_csv XLSX DIR: every sheet of XLSX as DIR/reckon-<sheet>.csv (a profile of its own, so
# that no other LibreOffice and no earlier run is shared).
to_csv() {
  mkdir -p "$2" "$tmp/home"
  HOME="$tmp/home" soffice -env:UserInstallation="file://$tmp/profile" --headless \
    --convert-to "$filter" --outdir "$2" "$1" >"$tmp/soffice.log" 2>&1
}

for samples in 0 2000; do
  out="$tmp/run-$samples"
  args=(run --quiet -o "$out" models/)
  test "$samples" -eq 0 || args+=(--samples "$samples")
  "$RECKON" "${args[@]}" >/dev/null 2>&1 && test -s "$out/reckon.xlsx" ||
    { bad "samples $samples: the run wrote no workbook"; continue; }
  mv "$out/reckon.xlsx" "$tmp/first-$samples.xlsx"
  "$RECKON" "${args[@]}" >/dev/null 2>&1
  expect "samples $samples: two identical runs give the same workbook" \
    cmp -s "$tmp/first-$samples.xlsx" "$out/reckon.xlsx"
  if to_csv "$out/reckon.xlsx" "$tmp/sheets-$samples" && ls "$tmp/sheets-$samples"/*.csv >/dev/null 2>&1; then
    ok
    expect "samples $samples: every sheet equals its CSV" python3 "$check" "$out" "$tmp/sheets-$samples"
  else
    bad "samples $samples: LibreOffice did not convert the workbook: $(cat "$tmp/soffice.log")"
  fi
done

# With --samples, the spread and the sensitivity have their sheets and charts.
for sheet in distribution sensitivity; do
  expect "samples 2000: $sheet has its sheet" test -s "$tmp/sheets-2000/reckon-$sheet.csv"
  expect "samples 0: $sheet has no sheet (the run wrote no $sheet.csv)" \
    test ! -e "$tmp/sheets-0/reckon-$sheet.csv"
done

# A table longer than a sheet (1,048,575 rows under the header) is left out of the workbook
# with a note on the first sheet: items.csv of a one-item option at 1,048,576 user counts;
# totals.csv's as many rows too, and nothing else is lost.  Checked in the workbook's own
# XML (LibreOffice takes minutes over a million rows).
cat >"$tmp/long.lua" <<'LUA'
local r = require "reckon"
return r.option{ name = "Long", items = { { name = "Server", category = "compute", cost = r.fixed(5) } } }
LUA
long="$tmp/long-out"
if "$RECKON" run --quiet --format csv,xlsx --users 1:1048576:1048576 -o "$long" "$tmp/long.lua" >/dev/null 2>&1; then
  expect "the long table's CSV has every row" test "$(wc -l <"$long/items.csv")" -eq 1048577
  python3 - "$long/reckon.xlsx" >"$tmp/long.txt" 2>&1 <<'PY'
import re, sys, zipfile
book = zipfile.ZipFile(sys.argv[1])
names = re.findall(r'<sheet name="([^"]*)"', book.read("xl/workbook.xml").decode())
assert "items" not in names and "totals" not in names, names
assert not any(n.startswith("items (") for n in names), names
text = "".join(book.read(n).decode() for n in book.namelist()
               if n == "xl/sharedStrings.xml" or n.startswith("xl/worksheets/"))
for table in ("items.csv", "totals.csv"):
    note = "%s has 1048576 rows, more than a sheet's 1048575: it is left out of the workbook" % table
    assert note in text, "no note for " + table
print("left out ok")
PY
  expect "a table longer than a sheet is left out, noted on the first sheet: $(cat "$tmp/long.txt")" \
    grep -q "left out ok" "$tmp/long.txt"
else
  bad "the long run failed"
fi
# One row fewer fits: the sheet has every row.
if "$RECKON" run --quiet --format csv,xlsx --users 1:1048575:1048575 -o "$long" "$tmp/long.lua" >/dev/null 2>&1; then
  python3 - "$long/reckon.xlsx" >"$tmp/fits.txt" 2>&1 <<'PY'
import re, sys, zipfile
book = zipfile.ZipFile(sys.argv[1])
wb = book.read("xl/workbook.xml").decode()
ids = dict(re.findall(r'<sheet name="([^"]*)" sheetId="\d+" r:id="(rId\d+)"', wb))
rel = dict(re.findall(r'<Relationship Id="(rId\d+)" Type="[^"]*" Target="([^"]*)"',
                      book.read("xl/_rels/workbook.xml.rels").decode()))
for sheet in ("items", "totals"):
    rows = len(re.findall(r"<row ", book.read("xl/" + rel[ids[sheet]]).decode()))
    assert rows == 1048576, (sheet, rows)
print("fits ok")
PY
  expect "a table of 1,048,575 rows has its sheet, every row: $(cat "$tmp/fits.txt")" grep -q "fits ok" "$tmp/fits.txt"
else
  bad "the run of 1,048,575 counts failed"
fi
finish
