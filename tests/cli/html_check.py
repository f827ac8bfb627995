"""html_check.py, tests/cli/test_html.sh's checker of report.html (engine/formats/format_html*.c).

  html_check.py probe REPORT COPY   COPY is REPORT with a probe script first in its <head>:
                                    it records window errors, console.error, alert/confirm/
                                    prompt calls, the resources the page fetched, each canvas's
                                    pixels and each <table data-csv>'s text, as JSON in the
                                    data-check attribute of <html> (read back from --dump-dom).
  html_check.py check DOM DIR [NAME...]
                                    DOM (Chromium's --dump-dom of COPY) against the CSV files
                                    of DIR; each NAME must be a table cell's text and, when the
                                    page has charts, a chart series' name or label (a NAME
                                    "cell:TEXT": TEXT a cell's only).
Prints what differs; exits 1 when anything does.  The product's file is never changed.
"""
import csv, html, json, os, re, sys

PROBE = r"""<script>
(function () {
  "use strict";
  var errors = [], alerts = [], root = document.documentElement, done = false;
  function save(extra) {
    var o = {errors: errors, alerts: alerts, done: done};
    if (extra) for (var k in extra) o[k] = extra[k];
    root.setAttribute("data-check", JSON.stringify(o));
  }
  window.addEventListener("error", function (e) {
    errors.push("error: " + (e.message || (e.target && e.target.outerHTML) || e.type) +
                " at " + (e.filename || "") + ":" + (e.lineno || ""));
    save();
  }, true);
  window.addEventListener("unhandledrejection", function (e) {
    errors.push("unhandled rejection: " + String(e.reason)); save();
  });
  var consoleError = console.error;
  console.error = function () {
    errors.push("console.error: " + Array.prototype.map.call(arguments, String).join(" "));
    save();
    return consoleError.apply(console, arguments);
  };
  ["alert", "confirm", "prompt"].forEach(function (f) {
    window[f] = function (m) { alerts.push(f + ": " + String(m)); save(); };
  });
  function pixels(cv) {
    var d = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data, ink = 0, colour = 0;
    for (var i = 0; i < d.length; i += 4) {
      var r = d[i], g = d[i + 1], b = d[i + 2], a = d[i + 3];
      if (a === 0 || (r > 240 && g > 240 && b > 240)) continue;
      ink++; // neither transparent nor white: axes, text, data
      if (Math.max(r, g, b) - Math.min(r, g, b) > 80) colour++; // a series' colour, not grey
    }
    return {ink: ink, colour: colour};
  }
  function texts(list) { return Array.prototype.map.call(list, function (e) { return e.textContent; }); }
  function probe() {
    var canvases = Array.prototype.map.call(document.querySelectorAll("canvas"), function (cv) {
      var p = pixels(cv), data = document.getElementById(cv.id + "-data"), names = [];
      try {
        JSON.parse(data.textContent).series.forEach(function (s) {
          names.push(s.name); (s.labels || []).forEach(function (l) { names.push(l); });
        });
      } catch (e) { names = null; }
      cv.setAttribute("data-blank", p.colour > 0 ? "0" : "1");
      return {id: cv.id, kind: cv.getAttribute("data-chart"),
              chart: typeof Chart !== "undefined" && !!Chart.getChart(cv),
              ink: p.ink, colour: p.colour, names: names};
    });
    var tables = Array.prototype.map.call(document.querySelectorAll("table[data-csv]"), function (t) {
      return {csv: t.getAttribute("data-csv"), header: texts(t.querySelectorAll("thead th")),
              rows: Array.prototype.map.call(t.querySelectorAll("tbody tr"), function (tr) {
                return {row: tr.getAttribute("data-row"), cells: texts(tr.children)};
              })};
    });
    var fetched = performance.getEntriesByType("resource").map(function (e) { return e.name; });
    var outside = Array.prototype.map.call(
      document.querySelectorAll("[src], link[href], a[href]:not([href^='#'])"),
      function (e) { return e.outerHTML.slice(0, 200); });
    done = true;
    save({canvases: canvases, tables: tables, fetched: fetched, outside: outside,
          bold: document.getElementsByTagName("b").length,
          scripts: document.scripts.length});
  }
  save();
  window.addEventListener("load", function () { setTimeout(probe, 500); });
})();
</script>
"""


def probe(report, copy):
    page = open(report, encoding="utf-8").read()
    head = "<head>\n"
    if head not in page:
        sys.exit("no <head> in " + report)
    with open(copy, "w", encoding="utf-8") as f:
        f.write(page.replace(head, head + PROBE, 1))


def unguard(s):  # the CSV's guard against formulas; the page shows the text before it
    return s[1:] if len(s) > 1 and s[0] == "'" and s[1] in "=+-@\t\r" else s


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [[unguard(c) for c in r] for r in rows[1:]]


CAP = 200  # format_html.c's ROWS_CAP


def kept(name, header, rows, d):
    """The CSV rows (1-based numbers) the page documents it shows, before the cap."""
    col = {h: i for i, h in enumerate(header)}
    if name == "compare.csv" and os.path.exists(os.path.join(d, "totals.csv")):
        th, tr = read_csv(os.path.join(d, "totals.csv"))
        users = {r[th.index("users")] for r in tr}
        if 0 < len(users) <= 64:
            return [i for i, r in enumerate(rows, 1) if r[col["users"]] in users]
    if name == "distribution.csv":  # the options' totals: no item
        return [i for i, r in enumerate(rows, 1) if r[col["item"]] == ""]
    if name == "sensitivity.csv":  # the top five inputs
        return [i for i, r in enumerate(rows, 1) if r[col["rank"]] != "" and float(r[col["rank"]]) <= 5]
    return list(range(1, len(rows) + 1))


def check(dom, d, names):
    text = open(dom, encoding="utf-8").read()
    m = re.search(r'<html\b[^>]*\sdata-check="([^"]*)"', text)
    if not m:
        print("no data-check: the probe did not run")
        return 1
    got = json.loads(html.unescape(m.group(1)))
    bad = []
    if not got.get("done"):
        bad.append("the probe did not finish (no load event within the virtual time)")
    bad += got["errors"]
    bad += ["called " + a for a in got["alerts"]]
    bad += ["fetched " + u for u in got.get("fetched", [])]
    bad += ["refers outside the file: " + e for e in got.get("outside", [])]
    if got.get("bold"):
        bad.append("%d <b> elements (a name's markup became markup)" % got["bold"])
    canvases = got.get("canvases", [])
    for c in canvases:
        if not c["chart"]:
            bad.append("%s (%s): no Chart drawn on it" % (c["id"], c["kind"]))
        if c["colour"] == 0:
            bad.append("%s (%s): blank, no series drawn (%d pixels of ink)" % (c["id"], c["kind"], c["ink"]))
        if c["names"] is None:
            bad.append("%s: its JSON block does not parse" % c["id"])
    tables = got.get("tables", [])
    if not tables:
        bad.append("no <table data-csv>")
    cells = set()
    for t in tables:
        name = t["csv"]
        path = os.path.join(d, name)
        if not os.path.exists(path):
            bad.append("%s: no such file in %s" % (name, d))
            continue
        header, rows = read_csv(path)
        if t["header"] != header:
            bad.append("%s: header %s, CSV %s" % (name, t["header"], header))
        want = kept(name, header, rows, d)[:CAP]
        shown = [int(r["row"]) for r in t["rows"]]
        if shown != want:
            bad.append("%s: rows %s shown, the documented choice is %s" % (name, shown[:12], want[:12]))
        for r in t["rows"]:
            i = int(r["row"])
            if not 1 <= i <= len(rows):
                continue
            cells.update(r["cells"])
            if r["cells"] != rows[i - 1]:
                bad.append("%s row %d: page %s, CSV %s" % (name, i, r["cells"], rows[i - 1]))
    chart_names = {n for c in canvases for n in (c["names"] or [])}
    for n in names:
        only_cells = n.startswith("cell:")
        n = n[5:] if only_cells else n
        if n not in cells:
            bad.append("name %r is no table cell's text" % n)
        if canvases and not only_cells and n not in chart_names:
            bad.append("name %r is in no chart's series" % n)
    for b in bad[:20]:
        print(b)
    print("%d tables, %d rows, %d charts" % (len(tables), sum(len(t["rows"]) for t in tables),
                                             len(canvases)), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1] == "probe":
        probe(sys.argv[2], sys.argv[3])
    else:
        sys.exit(check(sys.argv[2], sys.argv[3], sys.argv[4:]))
