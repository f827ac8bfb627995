#!/usr/bin/env python3
"""xlsx_check.py DIR CONVERTED: reckon.xlsx in DIR against DIR's CSV files.

CONVERTED is the folder where LibreOffice wrote every sheet of DIR/reckon.xlsx as CSV
(reckon-<sheet>.csv).  Prints each difference; exits 1 when there is one.  Checked:
- every CSV file has its sheet, named as the file without .csv (a table too long for a sheet
  is left out of the workbook: test_xlsx.sh checks that apart);
- the sheet's cells equal the CSV's: the header and text exactly (the CSV's guard quote
  of a leading = + - @ aside), numbers within 1e-9 relative, empty cells empty;
- in the workbook's XML, a cell whose CSV column is numeric is stored as a number, never
  as text, and the header row is frozen with an autofilter on every table sheet;
- every chart's series ranges (<c:f>) are on its " data" sheet, inside the cells that
  sheet holds, and none is empty; there is a chart sheet for each chart.
"""
import csv
import math
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
bad = []


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def unguard(s):
    return s[1:] if len(s) > 1 and s[0] == "'" and s[1] in "=+-@\t\r" else s


def number(s):
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def same_cell(want, got):
    """A CSV cell and the sheet's: a fraction's sheet cell is shown as a percentage (LibreOffice
    writes "79.25%" for 0.7925 even where the cells are not saved as shown)."""
    if want == "":
        return got == ""
    w = number(want)
    g = number(got[:-1]) / 100 if got.endswith("%") and number(got[:-1]) is not None else number(got)
    if w is not None and g is not None:
        return abs(w - g) <= 1e-9 * max(1.0, abs(w))
    return unguard(want) == got


def sheets_of(book):
    """The workbook's sheets in order: (name, part path, is a chart sheet)."""
    wb = ET.fromstring(book.read("xl/workbook.xml"))
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): "xl/" + r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    out = []
    for s in wb.find("m:sheets", NS):
        part = target[s.get("{%s}id" % NS["r"])]
        out.append((s.get("name"), part, "chartsheets/" in part))
    return out


def cell_kinds(book, part):
    """{(row, col): 'n' or 's'} of a worksheet's stored cells (0-based)."""
    ws = ET.fromstring(book.read(part))
    kinds = {}
    for c in ws.iter("{%s}c" % NS["m"]):
        m = re.match(r"([A-Z]+)(\d+)$", c.get("r"))
        col = 0
        for ch in m.group(1):
            col = col * 26 + ord(ch) - 64
        kinds[(int(m.group(2)) - 1, col - 1)] = "s" if c.get("t") in ("s", "str", "inlineStr") else "n"
    return ws, kinds


def numeric_columns(rows):
    """The columns whose every non-empty cell below the header is a number."""
    cols = set()
    for j in range(len(rows[0])):
        cells = [r[j] for r in rows[1:] if j < len(r) and r[j] != ""]
        if cells and all(number(c) is not None for c in cells):
            cols.add(j)
    return cols


def check_table(book, name, parts, rows, converted):
    got = []
    for sheet, part in parts:
        path = os.path.join(converted, "reckon-%s.csv" % sheet)
        if not os.path.exists(path):
            bad.append("%s: LibreOffice wrote no %s" % (name, path))
            return
        sheet_rows = read_csv(path)
        if sheet_rows[0] != rows[0]:
            bad.append("%s: header %s, CSV %s" % (sheet, sheet_rows[0], rows[0]))
        got += sheet_rows[1:]
        ws, kinds = cell_kinds(book, part)
        pane = ws.find("m:sheetViews/m:sheetView/m:pane", NS)
        if pane is None or pane.get("state") != "frozen" or pane.get("topLeftCell") != "A2":
            bad.append("%s: the header row is not frozen" % sheet)
        if ws.find("m:autoFilter", NS) is None:
            bad.append("%s: no autofilter" % sheet)
        numeric = numeric_columns(rows)
        for (r, c), kind in kinds.items():  # row 0: each sheet's own header
            if r >= 1 and c in numeric and kind != "n":
                bad.append("%s: cell row %d column %d is text in a number column" % (sheet, r + 1, c + 1))
                break
    if len(got) != len(rows) - 1:
        bad.append("%s: %d rows in the workbook, %d in the CSV" % (name, len(got), len(rows) - 1))
    for r, (want, have) in enumerate(zip(rows[1:], got), 2):
        have = have + [""] * (len(want) - len(have))  # LibreOffice drops trailing empties
        for c, (w, g) in enumerate(zip(want, have)):
            if not same_cell(w, g):
                bad.append("%s row %d column %s: CSV %r, workbook %r" % (name, r, rows[0][c], w, g))
                return


def check_charts(book, sheets, converted):
    names = {s for s, _, _ in sheets}
    charts = sorted(n for n in book.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n))
    chartsheets = [s for s in sheets if s[2]]
    if len(charts) != len(chartsheets):
        bad.append("%d charts, %d chart sheets" % (len(charts), len(chartsheets)))
    for part in charts:
        refs = [f.text for f in ET.fromstring(book.read(part)).iter("{%s}f" % NS["c"])]
        if not refs:
            bad.append("%s: no series" % part)
        for ref in refs:
            m = re.match(r"'?(.*?)'?!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$", ref)
            if not m:
                bad.append("%s: a range %r" % (part, ref))
                continue
            sheet = m.group(1).replace("''", "'")
            if not sheet.endswith(" data") or sheet not in names:
                bad.append("%s: %r is not on a data sheet" % (part, ref))
                continue
            data = read_csv(os.path.join(converted, "reckon-%s.csv" % sheet))
            col = ord(m.group(2)) - 65
            top, end = int(m.group(3)), int(m.group(5) or m.group(3))
            cells = [data[r - 1][col] if r <= len(data) and col < len(data[r - 1]) else ""
                     for r in range(top, end + 1)]
            if not any(c != "" for c in cells):
                bad.append("%s: %r is empty" % (part, ref))
            if end > 1 + len(data) or top > end:
                bad.append("%s: %r is outside its sheet's %d rows" % (part, ref, len(data)))
    return len(charts)


def main():
    d, converted = sys.argv[1], sys.argv[2]
    book = zipfile.ZipFile(os.path.join(d, "reckon.xlsx"))
    sheets = sheets_of(book)
    csvs = sorted(f[:-4] for f in os.listdir(d) if f.endswith(".csv"))
    tables = {name: [(name, part)] for name, part, chart in sheets if not chart and name in csvs}
    for t in csvs:
        if t not in tables:
            bad.append("%s.csv has no sheet" % t)
            continue
        check_table(book, t, tables[t], read_csv(os.path.join(d, t + ".csv")), converted)
    n = check_charts(book, sheets, converted)
    for b in bad[:40]:
        print("FAIL:", b)
    print("%d tables, %d charts checked, %d problems" % (len(tables), n, len(bad)))
    sys.exit(1 if bad else 0)


main()
