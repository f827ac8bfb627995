# lib.sh: what the command-line tests share.  Source it first:  . "$(dirname "$0")/lib.sh"
#   RECKON  the binary under test (ctest sets it); SRC  the source tree;
#   tmp     a scratch folder removed at exit;
#   ok / bad MESSAGE  count a check; finish  prints "N passed, M failed" and sets the status;
#   expect, csv_cells, csv_columns, within  (below).
set -u
RECKON=${RECKON:?set RECKON to the reckon binary}
case "$RECKON" in /*) ;; */*) RECKON="$PWD/$RECKON" ;; esac # tests cd
SRC=${RECKON_SOURCE:-$PWD}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
finish() {
  printf '%d passed, %d failed\n' "$passed" "$failed"
  test "$failed" -eq 0
}

# expect DESCRIPTION COMMAND...: counts a check that the command succeeds.
expect() {
  local what=$1; shift
  if "$@"; then ok; else bad "$what"; fi
}

# The one CSV reader of the tests (RFC 4180: quoted cells, doubled quotes, CRLF or LF; one
# line a record, as reckon writes every cell on one line).  An awk program's prefix:
# parse(line) splits into F[1..n] and returns n.
csv_awk='
  function parse(line,   i, c, f, q, n) {
    n = 0; f = ""; q = 0
    for (i = 1; i <= length(line); i++) {
      c = substr(line, i, 1)
      if (q) {
        if (c == "\"") {
          if (substr(line, i + 1, 1) == "\"") { f = f "\""; i++ } else q = 0
        } else f = f c
      } else if (c == "\"") q = 1
      else if (c == ",") { F[++n] = f; f = "" }
      else f = f c
    }
    F[++n] = f
    return n
  }
  { sub(/\r$/, "") }'

# csv_cells FILE 'col=value;col=value' COLUMN: COLUMN of every row whose named cells equal
# the values (an empty filter takes every row), one a line; NO_COLUMN when the header has no
# such column.  Cells are found by their column's name, so a new column breaks no test.
csv_cells() {
  awk -v filter="$2" -v want="$3" "$csv_awk"'
    NR == 1 {
      n = parse($0)
      for (i = 1; i <= n; i++) H[F[i]] = i
      nc = filter == "" ? 0 : split(filter, conds, ";")
      for (k = 1; k <= nc; k++) {
        eq = index(conds[k], "=")
        name[k] = substr(conds[k], 1, eq - 1); value[k] = substr(conds[k], eq + 1)
        if (!(name[k] in H)) { print "NO_COLUMN"; exit }
      }
      if (!(want in H)) { print "NO_COLUMN"; exit }
      next
    }
    {
      parse($0)
      for (k = 1; k <= nc; k++) if (F[H[name[k]]] != value[k]) next
      print F[H[want]]
    }' "$1"
}

# csv_columns FILE COLUMN...: the named cells of every data row, joined by tabs, one row a
# line (a missing column gives an empty cell).
csv_columns() {
  local file=$1; shift
  awk -v want="$*" "$csv_awk"'
    NR == 1 { n = parse($0); for (i = 1; i <= n; i++) H[F[i]] = i; nw = split(want, W, " "); next }
    {
      parse($0); line = ""
      for (k = 1; k <= nw; k++) line = line (k > 1 ? "\t" : "") (W[k] in H ? F[H[W[k]]] : "")
      print line
    }' "$file"
}

# within GOT WANT TOLERANCE: GOT is a number within TOLERANCE of WANT.
within() {
  awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN {
    if (g !~ /^-?[0-9]+(\.[0-9]+)?$/) exit 1 # plain decimals, as reckon writes
    d = g - w; if (d < 0) d = -d; exit !(d <= t) }'
}
