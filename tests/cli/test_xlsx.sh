#!/bin/bash
# reckon.xlsx (engine/formats/format_xlsx*.c) opened by LibreOffice headless: every sheet
# converted back to CSV equals the CSV file it was made from (xlsx_check.py: cells, types,
# the frozen header and autofilter, the charts' ranges on their data sheets), without and
# with --samples; two identical runs give the same bytes; a table longer than a sheet is
# split over sheets with a note on the first sheet.  Skipped (77) without LibreOffice.
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

# A table longer than a sheet (1,048,575 rows under the header): items.csv of a one-item
# option at 1,048,576 user counts fills a sheet and one row of the next.  Checked in the
# workbook's own XML (LibreOffice takes minutes over a million rows).
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
wb = book.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]*)"', wb)
assert "items" in names and "items (2)" in names, names
ids = dict(re.findall(r'<sheet name="([^"]*)" sheetId="\d+" r:id="(rId\d+)"', wb))
rel = {m[0]: m[1] for m in re.findall(r'<Relationship Id="(rId\d+)" Type="[^"]*" Target="([^"]*)"',
                                       book.read("xl/_rels/workbook.xml.rels").decode())}
def rows(sheet):
    xml = book.read("xl/" + rel[ids[sheet]]).decode()
    return len(re.findall(r"<row ", xml))
first, second = rows("items"), rows("items (2)")
assert first == 1048576, first          # the header and 1,048,575 rows
assert second == 2, second              # the header and the last row
summary = book.read("xl/" + rel[ids["Summary"]]).decode()
strings = book.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in book.namelist() else ""
assert "split over 2 sheets" in summary + strings, "no note of the split"
print("split ok")
PY
  expect "a table longer than a sheet is split over two, noted on the first sheet: $(cat "$tmp/long.txt")" \
    grep -q "split ok" "$tmp/long.txt"
else
  bad "the long run failed"
fi
finish
