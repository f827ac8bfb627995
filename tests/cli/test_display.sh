#!/usr/bin/env bash
# tests/cli/test_display.sh: a model's text reaches the terminal shown (engine/cli/display.c).
#
#   RECKON=build/reckon RECKON_SOURCE=$PWD bash tests/cli/test_display.sh
#
# Every byte a model puts on standard output or standard error that is not part of a
# printable UTF-8 character, a newline or a tab (C0 controls, DEL, the C1 controls
# U+0080..U+009F, the bidirectional overrides, invalid UTF-8) is written as \xNN, always
# (these runs have no terminal, as a log file has none); the CSV files keep the bytes as
# they are.  Checked for reckon eval (print and the error), run (summary, findings, a
# stated-total warning, print output, an item's failure), check (its "ok" line for a
# file whose name holds ESC, its warnings) and reckon's own messages (a skipped link's
# name, an unknown command).  Every expected text is written out by hand.
# Prints "N passed, M failed" and exits non-zero when any check failed.
. "$(dirname "$0")/lib.sh"

ESC=$'\033'
# has FILE TEXT: FILE holds TEXT (fixed bytes)
has() { LC_ALL=C grep -qF -- "$2" "$1"; }
lacks() { ! has "$@"; }
# shown FILE: FILE has no control byte but newline and tab, and is UTF-8
shown() {
  ! LC_ALL=C tr -d '\n\t' <"$1" | LC_ALL=C grep -q '[[:cntrl:]]' &&
    iconv -f UTF-8 -t UTF-8 <"$1" >/dev/null 2>&1
}
check() { # WHAT CONDITION...: one check
  local what=$1
  shift
  if "$@"; then ok; else bad "$what"; fi
}

# ---- eval: print goes straight to standard output, the error to standard error ----------
cat >"$tmp/e.lua" <<'EOF'
print("a\27[31mred\r\8x", "\195\169 kept", "\226\128\174bidi", "\194\155csi", "\255", "\127")
error("bad \27[2J")
EOF
(cd "$tmp" && "$RECKON" eval e.lua >e.out 2>e.err)
check "eval exits 1 on the error" [ $? -eq 1 ]
# each escaped byte by hand: ESC 1b, CR 0d, BS 08, U+202E is e2 80 ae, U+009B is c2 9b, 0xff, DEL 7f
printf '%s\n' 'a\x1b[31mred\x0d\x08x	é kept	\xe2\x80\xaebidi	\xc2\x9bcsi	\xff	\x7f' >"$tmp/e.want"
check "eval's print output is shown: $(od -c "$tmp/e.out" | head -3)" cmp -s "$tmp/e.out" "$tmp/e.want"
check "eval's error is shown: $(head -1 "$tmp/e.err")" \
  [ "$(head -1 "$tmp/e.err")" = 'e.lua:2: bad \x1b[2J' ]
check "eval's standard error has no raw control byte" shown "$tmp/e.err"

# a character cut by the 64 KiB copy of a worker's messages stays whole: 65535 bytes of "a",
# then "é" (c3 a9), whose two bytes fall on either side of the copy's first 65536
mkdir -p "$tmp/cut"
cat >"$tmp/cut/m.lua" <<'EOF'
print(string.rep("a", 65535) .. "\195\169 whole")
local r = require "reckon"
return r.option{ name = "o", users = { 1 }, items = { { name = "x", category = "other", cost = 1 } } }
EOF
(cd "$tmp/cut" && "$RECKON" run m.lua -o out -q >run.out 2>run.err)
check "a model printing 65 KiB runs" [ $? -eq 0 ]
check "a character across the copy's chunks is kept whole" has "$tmp/cut/run.err" "aé whole"
check "... and not escaped" lacks "$tmp/cut/run.err" '\xc3'

# ---- run: the summary, findings, warnings and messages --------------------------------
mkdir -p "$tmp/run/models"
cat >"$tmp/run/models/m.lua" <<'EOF'
print("from the model \27]0;title\7")
local r = require "reckon"
local a = r.option{ name = "opt\27[1m", users = { 1000 },
  items = { { name = "x", category = "other", cost = 100 } },
  stated = { { users = 1000, total = 90, source = "doc\r\27[K" } } }
local b = r.option{ name = "other", users = { 1000 },
  items = { { name = "y", category = "other", cost = 200 } } }
return { a, b, r.analysis{ name = "plan\27[2J", options = { a, b }, users = { 1000, 2000 } } }
EOF
cat >"$tmp/run/models/n.lua" <<'EOF'
local r = require "reckon"
return r.option{ name = "o", users = { 1 },
  items = { { name = "it\27[K", category = "other", cost = function() error("no\8way") end } } }
EOF
(cd "$tmp/run" && "$RECKON" run models -o out >run.out 2>run.err)
check "run exits 1 (n.lua fails)" [ $? -eq 1 ]
check "run's standard output has no raw control byte" shown "$tmp/run/run.out"
check "run's standard error has no raw control byte" shown "$tmp/run/run.err"
check "the summary shows the option's name escaped" has "$tmp/run/run.out" 'opt\x1b[1m'
check "a finding shows the analysis's name escaped" has "$tmp/run/run.out" 'plan\x1b[2J (m.lua):'
check "the model's print output is shown" has "$tmp/run/run.err" 'from the model \x1b]0;title\x07'
check "the stated-total warning is shown" \
  has "$tmp/run/run.err" 'option "opt\x1b[1m" at 1000 users: the stated total 90.00 (doc\x0d\x1b[K)'
check "an item's failure is shown" has "$tmp/run/run.err" '(item "it\x1b[K" of option "o")'
check "... with its message" has "$tmp/run/run.err" 'no\x08way'
check "items.csv keeps the option's name as it is" has "$tmp/run/out/items.csv" "opt${ESC}[1m"

# ---- check: a walked file whose name holds ESC, and its warnings -----------------------
mkdir -p "$tmp/chk/models"
cp "$tmp/run/models/m.lua" "$tmp/chk/models/e${ESC}[7m.lua"
(cd "$tmp/chk" && "$RECKON" check models >chk.out 2>chk.err)
check "check exits 0 (a warning is no failure)" [ $? -eq 0 ]
check "check's ok line shows the file's name escaped" has "$tmp/chk/chk.out" 'models/e\x1b[7m.lua: ok'
check "check's warning is shown" has "$tmp/chk/chk.err" 'option "opt\x1b[1m" at 1000 users'
check "check's standard output has no raw control byte" shown "$tmp/chk/chk.out"
check "check's standard error has no raw control byte" shown "$tmp/chk/chk.err"

# ---- reckon's own messages that name a file a walk found, or what was typed ------------
mkdir -p "$tmp/skip/models"
echo 'return {}' >"$tmp/skip/outside.lua"
ln -s ../outside.lua "$tmp/skip/models/l${ESC}[5m.lua"
(cd "$tmp/skip" && "$RECKON" check models >skip.out 2>skip.err)
check "a walk that finds only a link outside is a usage error" [ $? -eq 2 ]
check "the skipped link's name is shown" has "$tmp/skip/skip.err" 'reckon: models/l\x1b[5m.lua: skipped:'
check "the skip message has no raw control byte" shown "$tmp/skip/skip.err"
"$RECKON" "x${ESC}[2J" >/dev/null 2>"$tmp/cmd.err"
check "an unknown command is shown" [ "$(head -1 "$tmp/cmd.err")" = "reckon: unknown command 'x\x1b[2J'" ]

# ---- check names what the core ran when a memory limit is hit outside Lua --------------
# (run's case is the bad-models row memory_limit_in_option_evaluation: a 197 MB window)
mkdir -p "$tmp/mem"
cp "$SRC/tests/cli/bad_models/memory_limit_in_option_evaluation/model.lua" "$tmp/mem/model.lua"
(cd "$tmp/mem" && "$RECKON" check model.lua --max-memory 64 >mem.out 2>mem.err)
check "check fails the model at the memory limit" [ $? -eq 1 ]
check "check's memory limit names the option: $(head -1 "$tmp/mem/mem.err")" \
  [ "$(head -1 "$tmp/mem/mem.err")" = 'model.lua:10: option "wide": memory limit of 64 MiB reached' ]

finish
