-- test_csv: r.csv.read and r.csv.number (engine/lua/wrap_csv.c over engine/core/csvin.c).
--
-- The fixtures are the fixture_*.csv files beside this script: a model (and this script,
-- run as `reckon eval tests/lua/test_csv.lua`) reads only files in its own folder.  Every
-- error must name this file and the line of the call at fault (T.here() on the same line),
-- then the CSV's own file:line:column when the fault is in the file.
--
--   fixture_prices.csv       LF, a final line end; quoted commas, quotes and a line break
--   fixture_prices_crlf.csv  the same table with a UTF-8 byte order mark, CRLF (inside the
--                            quotes too) and no final line end
--   fixture_rejects.csv      one column for each kind of text that is not a plain decimal
--   fixture_link.csv         a symbolic link to fixture_prices.csv
--   fixture_unterminated.csv, fixture_short_row.csv, fixture_stray_quote.csv, fixture_nul.csv
local r = require "reckon"
local T = require "_testlib"

-- ---- reading ---------------------------------------------------------------------------------

T.test("read: rows keyed by the header, cells as strings", function()
  local rows, columns = r.csv.read("fixture_prices.csv")
  T.eq(#rows, 4, "four data rows")
  T.eq(#columns, 4, "four columns")
  T.eq(table.concat(columns, "|"), "plan|upto|cost|note", "the header in order")
  T.eq(rows[1].plan, "Starter")
  T.eq(rows[1].upto, "5000", "a string unless listed in numbers")
  T.eq(rows[1].note, "the first plan, small", "a quoted comma")
  T.eq(rows[2].note, 'says "fast"', "doubled quotes")
  T.eq(rows[3].note, "two\nlines", "a quoted line break")
  T.eq(rows[4].upto, "", "an empty cell")
  T.eq(rows[4].note, "open-ended")
  local keys = 0
  for _ in pairs(rows[1]) do keys = keys + 1 end
  T.eq(keys, 4, "only the header's names as keys")
end)

T.test("read: number columns", function()
  local rows = r.csv.read("fixture_prices.csv", { numbers = { "cost" } })
  T.eq(rows[1].cost, 25)
  T.eq(math.type(rows[1].cost), "integer", "integer text: an integer, as tonumber")
  T.eq(rows[2].cost, 99.5)
  T.eq(rows[3].cost, 1000, "1e3")
  T.eq(math.type(rows[3].cost), "float", "an exponent: a float, as tonumber")
  T.eq(rows[4].cost, 4000)
  T.eq(rows[1].upto, "5000", "other columns stay strings")
  local none = r.csv.read("fixture_prices.csv", { numbers = {} })
  T.eq(none[1].cost, "25", "an empty list converts nothing")
  local fine = r.csv.read("fixture_rejects.csv", { numbers = { "fine" } })
  T.eq(fine[1].fine, -1500, "-1.5e3")
end)

T.test("read: CRLF, a byte order mark and no final line end read the same as LF", function()
  local lf, lf_columns = r.csv.read("fixture_prices.csv", { numbers = { "cost" } })
  local crlf, crlf_columns = r.csv.read("fixture_prices_crlf.csv", { numbers = { "cost" } })
  T.eq(table.concat(crlf_columns, "|"), table.concat(lf_columns, "|"), "the same header (no BOM in 'plan')")
  T.eq(#crlf, #lf, "as many rows")
  for i = 1, #lf do
    for _, name in ipairs(lf_columns) do
      T.eq(crlf[i][name], lf[i][name], "row " .. i .. " " .. name)
    end
  end
  T.eq(crlf[1].plan, "Starter", "the byte order mark is not part of the first name")
  T.eq(crlf[3].note, "two\nlines", "a quoted CRLF reads as LF")
end)

-- ---- faults in the file ----------------------------------------------------------------------

T.test("read: a cell that is not a plain decimal, with its place", function()
  -- fixture_rejects.csv, line 2: "1,234.50",$5,12%,(12.50),nan,inf,0x1A,-1.5e3
  -- columns:                     1          12 15  19      27  31  35
  local cases = {
    { "thousands", 1, "1,234.50" },
    { "currency", 12, "$5" },
    { "percent", 15, "12%" },
    { "parens", 19, "(12.50)" },
    { "nan", 27, "nan" },
    { "inf", 31, "inf" },
    { "hex", 35, "0x1A" },
  }
  for _, c in ipairs(cases) do
    local column, at, text = c[1], c[2], c[3]
    T.raises(function() r.csv.read("fixture_rejects.csv", { numbers = { "fine", column } }) end, T.here() ..
      "fixture_rejects.csv:2:" .. at .. ": column '" .. column .. "': '" .. text .. "' is not a plain decimal number",
      column)
  end
  -- fixture_prices.csv, line 2: Starter,5000,25,"the first plan, small": the note at column 17
  T.raises(function() r.csv.read("fixture_prices.csv", { numbers = { "note" } }) end, T.here() ..
    "fixture_prices.csv:2:17: column 'note': 'the first plan, small' is not a plain decimal number")
  -- line 6: Enterprise,,4000,open-ended: the empty upto at column 12
  T.raises(function() r.csv.read("fixture_prices.csv", { numbers = { "upto" } }) end, T.here() ..
    "fixture_prices.csv:6:12: column 'upto': an empty cell is not a number")
end)

T.test("read: malformed files, each with its place", function()
  -- line 3: pro,"10 - the quote that is never closed is column 5
  T.raises(function() r.csv.read("fixture_unterminated.csv") end, T.here() ..
    "fixture_unterminated.csv:3:5: unterminated quoted field")
  T.raises(function() r.csv.read("fixture_short_row.csv") end, T.here() ..
    "fixture_short_row.csv:3:1: row has 2 fields, the header has 3")
  -- line 2: ba"sic,5 - the quote is column 3
  T.raises(function() r.csv.read("fixture_stray_quote.csv") end, T.here() ..
    "fixture_stray_quote.csv:2:3: stray quote in an unquoted field")
  -- line 2: basic,5<NUL> - column 8
  T.raises(function() r.csv.read("fixture_nul.csv") end, T.here() .. "fixture_nul.csv:2:8: NUL byte")
end)

-- ---- only the model's own folder -------------------------------------------------------------

T.test("read: names that leave the folder are refused", function()
  local tail = "a model reads only files in its own folder: give a plain file name"
  for _, name in ipairs{ "../x.csv", "/etc/passwd", "sub/x.csv", "..", ".", ".hidden.csv",
                         "..\\x.csv", "sub\\x.csv", "" } do
    T.raises(function() r.csv.read(name) end, T.here() .. 'csv.read: "' .. name .. '": ' .. tail, name)
  end
  T.raises(function() r.csv.read("test_csv.lua") end, T.here() .. 'csv.read: "test_csv.lua": only .csv files can be read')
  T.raises(function() r.csv.read("prices.txt") end, T.here() .. 'csv.read: "prices.txt": only .csv files can be read')
  T.raises(function() r.csv.read("fixture\0.csv") end, T.here() .. 'csv.read: a file name contains a zero byte ("fixture...")')
  -- a symbolic link could lead anywhere
  local msg = T.raises(function() r.csv.read("fixture_link.csv") end, T.here() .. 'csv.read: "')
  T.ok(msg and msg:find('fixture_link.csv" is a symbolic link: a model reads only files in its own folder', 1, true),
    "the link is named")
  msg = T.raises(function() r.csv.read("fixture_missing.csv") end, T.here() .. 'csv.read: cannot read "')
  T.ok(msg and msg:find('fixture_missing.csv": No such file or directory', 1, true), "the missing file is named")
end)

-- ---- misuse ----------------------------------------------------------------------------------

T.test("read: arguments and options", function()
  T.raises(function() r.csv.read() end, T.here() .. "csv.read: the file name must be a string (got nil)")
  T.raises(function() r.csv.read(42) end, T.here() .. "csv.read: the file name must be a string (got number)")
  T.raises(function() r.csv.read("fixture_prices.csv", 5) end, T.here() ..
    "csv.read: options must be a table {numbers = {...}} (got number)")
  T.raises(function() r.csv.read("fixture_prices.csv", { number = { "cost" } }) end, T.here() ..
    "csv.read: unknown field 'number' (expected numbers)")
  T.raises(function() r.csv.read("fixture_prices.csv", { numbers = "cost" }) end, T.here() ..
    "csv.read: numbers must be a list of column names (got string)")
  T.raises(function() r.csv.read("fixture_prices.csv", { numbers = { 3 } }) end, T.here() ..
    "csv.read: numbers: entry 1 must be a column name (got number)")
  T.raises(function() r.csv.read("fixture_prices.csv", { numbers = { cost = true } }) end, T.here() ..
    "csv.read: numbers: unknown field 'cost'")
  T.raises(function() r.csv.read("fixture_prices.csv", { numbers = { "cots" } }) end, T.here() ..
    "csv.read: numbers: fixture_prices.csv has no column 'cots' (its columns: 'plan', 'upto', 'cost', 'note')")
  -- options are checked before the file is opened
  T.raises(function() r.csv.read("fixture_missing.csv", { numbers = 1 }) end, T.here() ..
    "csv.read: numbers must be a list of column names (got number)")
  -- an error caught by pcall leaves nothing behind: the file reads again
  T.eq(#r.csv.read("fixture_prices.csv"), 4, "reads after errors")
end)

-- ---- r.csv.number ----------------------------------------------------------------------------

T.test("number: plain decimals only", function()
  local accepted = {
    { "0", 0 }, { "5", 5 }, { "-5", -5 }, { "5.", 5 }, { ".5", 0.5 }, { "-.5", -0.5 },
    { "1234.50", 1234.5 }, { "007", 7 }, { "1e3", 1000 }, { "1.5E+2", 150 }, { "2e-3", 0.002 },
    { "0.1", 0.1 },
  }
  for _, c in ipairs(accepted) do
    T.eq(r.csv.number(c[1]), c[2], c[1])
  end
  T.eq(math.type(r.csv.number("12")), "integer", "12")
  T.eq(math.type(r.csv.number("12.0")), "float", "12.0")
  T.eq(math.type(r.csv.number("9007199254740993")), "float", "past 2^53: a float")
  local rejected = {
    "1,234.50", "$5", "12%", "(12.50)", "nan", "inf", "0x1A", -- the issue's list
    "NaN", "-inf", "Infinity", "0X1p3", "+5", " 5", "5 ", "", "-", ".", "1e", "1e5.5",
    "1.2.3", "12,5", "1 234", "1_000", "5$", "\u{20AC}5", "1e999", "12abc", "5\0",
  }
  for _, s in ipairs(rejected) do
    T.eq(r.csv.number(s), nil, string.format("%q", s))
  end
  T.raises(function() r.csv.number(5) end, T.here() .. "csv.number: expects a string (got number)")
  T.raises(function() r.csv.number() end, T.here() .. "csv.number: expects a string (got nil)")
end)

T.test("read: the options are read raw and once", function()
  local n = 0
  local options = setmetatable({}, { __index = function() n = n + 1; return n == 1 and { "cost" } or { {} } end })
  local rows = r.csv.read("fixture_prices.csv", options)
  T.eq(type(rows[1].cost), "string", "no numbers: the __index was not asked")
  T.eq(n, 0, "__index never ran")
  local numbers = setmetatable({ "cost" }, { __len = function() return 2 ^ 61 end, __index = function() return {} end })
  rows = r.csv.read("fixture_prices.csv", { numbers = numbers })
  T.eq(type(rows[1].cost), "number", "the raw list of columns")
  T.eq(select("#", r.csv.read("fixture_prices.csv", nil, "extra")), 2, "rows and columns, the extra argument dropped")
end)

T.done()
