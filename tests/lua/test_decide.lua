-- test_decide: the decisions layer from a script: r.crossovers and r.payback
-- (engine/lua/wrap_decide.c), and the validation of r.growth.*, r.change{...} and
-- r.analysis{...} (engine/lua/wrap_analysis.c).
--
-- Every expected number is worked out by hand in the comment beside it; every error must
-- name this file and the line of the call at fault (T.here() on the same line).
local r = require "reckon"
local T = require "_testlib"

-- ---- r.crossovers --------------------------------------------------------------------------

T.test("crossovers: two straight lines", function()
  -- f = 100 + 0.02 x, g = 300 + 0.01 x: f - g = 0.01 x - 200 = 0 at x = 20,000.
  -- At x = 0 f = 100 < g = 300: f is the cheaper one below 20,000.
  local f = r.linear{ base = 100, rate = 0.02 }
  local g = r.linear{ base = 300, rate = 0.01 }
  local xs, below = r.crossovers(f, g, 0, 100000)
  T.eq(#xs, 1, "one crossover")
  T.near(xs[1], 20000, 1e-6, "at 20,000")
  T.eq(#below, 1, "one flag a crossover")
  T.eq(below[1], true, "f cheaper below")
  -- the other way round: g is the dearer one below, so the flag is false
  local xs2, below2 = r.crossovers(g, f, 0, 100000)
  T.near(xs2[1], 20000, 1e-6, "swapped: at 20,000")
  T.eq(below2[1], false, "swapped: g not cheaper below")
  -- a span that stops short of 20,000 has none
  local none = r.crossovers(f, g, 0, 19999)
  T.eq(#none, 0, "none below 19,999")
end)

T.test("crossovers: equal costs summed another way cross nowhere", function()
  -- 0.1 u + 0.2 u and 0.3 u are the same bill; in doubles they differ by rounding alone
  -- (0.1 + 0.2 ~= 0.3), which is no crossing
  local split = r.linear{ rate = 0.1 } + r.linear{ rate = 0.2 }
  local xs = r.crossovers(split, r.linear{ rate = 0.3 }, 1000, 1000000)
  T.eq(#xs, 0, "no crossover between equal totals: got " .. #xs)
  -- a points line flat at exactly 100 against r.fixed(100): no crossing on the flat part
  local flat = r.points{ { 1000, 100 }, { 5000, 100 }, { 10000, 100 } }
  T.eq(#r.crossovers(flat, r.fixed(100), 1000, 10000), 0, "a flat segment equals its cost")
end)

T.test("crossovers: exactly at a step's jump", function()
  -- plans: $500 up to 5,000 (inclusive), $1,500 up to 20,000, $4,000 beyond; flat $1,000.
  -- plans - flat = -500 on 1,000..5,000 and +500 just past 5,000, then +500 and +3,000:
  -- one sign change, at the bound itself, 5,000 (the last value on the old side).
  local plans = r.step{ { upto = 5000, cost = 500 }, { upto = 20000, cost = 1500 }, { cost = 4000 } }
  local flat = r.fixed(1000)
  local xs, below = r.crossovers(plans, flat, 1000, 50000)
  T.eq(#xs, 1, "one crossover")
  T.eq(xs[1], 5000, "exactly the bound")
  T.eq(below[1], true, "the plans are cheaper below")
end)

T.test("crossovers: a step against a line, three in order", function()
  -- step (as above) - 0.08 x:
  --   up to 5,000:        500 - 0.08 x >= 100 > 0 (the line is cheaper)
  --   5,000..20,000:     1500 - 0.08 x, zero at 1500 / 0.08 = 18,750 (the step cheaper above)
  --   at 20,000:          1500 - 1600 = -100; just past it 4000 - 1600 = +2400: at the jump, 20,000
  --   beyond 20,000:     4000 - 0.08 x, zero at 4000 / 0.08 = 50,000
  local plans = r.step{ { upto = 5000, cost = 500 }, { upto = 20000, cost = 1500 }, { cost = 4000 } }
  local line = r.linear{ rate = 0.08 }
  local xs, below = r.crossovers(plans, line, 1000, 100000)
  T.eq(#xs, 3, "three crossovers")
  T.near(xs[1], 18750, 1e-6, "first at 18,750")
  T.eq(xs[2], 20000, "second exactly at the jump")
  T.near(xs[3], 50000, 1e-6, "third at 50,000")
  T.eq(below[1], false, "the line is cheaper below 18,750")
  T.eq(below[2], true, "the step is cheaper just below 20,000")
  T.eq(below[3], false, "the line is cheaper just below 50,000")
end)

T.test("crossovers: none", function()
  -- $100 and $200 flat never cross; two lines that only diverge neither
  local xs, below = r.crossovers(r.fixed(100), r.fixed(200), 0, 1e6)
  T.eq(#xs, 0, "flat lines: no crossover")
  T.eq(#below, 0, "flat lines: no flags")
  local xs2 = r.crossovers(r.linear{ base = 10, rate = 0.02 }, r.linear{ base = 20, rate = 0.03 }, 1, 1e6)
  T.eq(#xs2, 0, "diverging lines: no crossover")
  -- plain numbers and Lua functions are cost functions too: x^2 = 4 at x = 2
  local xs3, below3 = r.crossovers(function(x) return x * x end, 4, 0, 10)
  T.near(xs3[1], 2, 1e-9, "a function against a number")
  T.eq(below3[1], true, "x^2 < 4 below 2")
end)

T.test("crossovers: argument errors name this file and line", function()
  local f = r.fixed(1)
  T.raises(function() r.crossovers(f, f, "0", 10) end, T.here() .. "crossovers: lo must be a number (got string)")
  T.raises(function() r.crossovers(f, f, 0, nil) end, T.here() .. "crossovers: hi must be a number (got nil)")
  T.raises(function() r.crossovers(f, f, 0, math.huge) end, T.here() .. "crossovers: hi must be a finite number")
  T.raises(function() r.crossovers("f", f, 0, 10) end, T.here() .. "crossovers: f must be a cost function")
  T.raises(function() r.crossovers(f, {}, 0, 10) end, T.here() .. "crossovers: g must be a cost function")
  T.raises(function() r.crossovers(f, f, 10, 5) end, T.here() .. "crossovers: the span must satisfy 0 <= lo < hi")
  T.raises(function() r.crossovers(f, f, -1, 5) end, T.here() .. "crossovers: the span must satisfy 0 <= lo < hi")
end)

-- ---- r.payback -----------------------------------------------------------------------------

T.test("payback: $12,000 against $900 a month", function()
  -- 13 months save 11,700 < 12,000; 14 save 12,600 >= 12,000: month 14.
  -- fraction: 13 + (12,000 - 11,700) / 900 = 13 + 1/3 = 13.333...
  local month, fraction = r.payback(12000, 900)
  T.eq(month, 14, "month 14")
  T.near(fraction, 13 + 1 / 3, 1e-9, "13.333 months")
  T.eq(math.type(month), "integer", "the month is an integer")
  -- never within 12 months (10,800 < 12,000), nor within 13; just within 14
  T.eq(r.payback(12000, 900, { months = 12 }), nil, "never within 12 months")
  T.eq(select("#", r.payback(12000, 900, { months = 12 })), 1, "never: a single nil")
  T.eq(r.payback(12000, 900, { months = 13 }), nil, "never within 13 months")
  T.eq(r.payback(12000, 900, { months = 14 }), 14, "within 14 months")
  -- savings that sum exactly to the cost pay back in that month: 12 x 1,000 = 12,000
  local m2, f2 = r.payback(12000, 1000)
  T.eq(m2, 12, "exactly 12 x 1,000")
  T.near(f2, 12, 1e-9, "fraction 12")
  -- nothing to earn back: month 0, fraction 0
  local m0, f0 = r.payback(0, 900)
  T.eq(m0, 0, "no cost: month 0")
  T.eq(f0, 0, "no cost: fraction 0")
  -- no cost but a loss each month: never, not month 0 (its NPV is negative)
  T.eq(r.payback(0, -1e9), nil, "a free change that loses money never pays back")
  T.eq(r.payback(0, function(m) return m <= 1 and -10 or 30 end, { months = 3 }), 2,
    "behind after month 1 (-10), back in month 2 (20)")
  -- no saving at all: never (within the default 120 months)
  T.eq(r.payback(100, 0), nil, "no saving: never")
end)

T.test("payback: a saving that is a function of the month", function()
  -- saving 100 m in month m: cumulative 100 m (m + 1) / 2.
  -- $10,000: 13 months 100 x 13 x 14 / 2 = 9,100; 14 months 10,500: month 14,
  --   fraction 13 + (10,000 - 9,100) / 1,400 = 13 + 900 / 1,400 = 13.642857...
  local month, fraction = r.payback(10000, function(m) return 100 * m end)
  T.eq(month, 14, "month 14")
  T.near(fraction, 13 + 900 / 1400, 1e-9, "13.643 months")
  -- $12,000: 15 months 100 x 15 x 16 / 2 = 12,000 exactly: month 15, fraction 15
  local m2, f2 = r.payback(12000, function(m) return 100 * m end)
  T.eq(m2, 15, "exactly at the end of month 15")
  T.near(f2, 15, 1e-9, "fraction 15")
  -- losses first must be earned back too: -1,000 in months 1-2, then +1,000:
  -- cumulative -1,000, -2,000, -1,000, 0, 1,000, 2,000, 3,000: $3,000 at the end of month 7
  local m3, f3 = r.payback(3000, function(m) return m <= 2 and -1000 or 1000 end)
  T.eq(m3, 7, "losses first: month 7")
  T.near(f3, 7, 1e-9, "losses first: fraction 7")
end)

T.test("payback: discounted at 1% a month", function()
  -- month m's 900 is worth 900 / 1.01^m; after n months the sum is
  --   900 (1 - 1.01^-n) / 0.01 = 90,000 (1 - 1.01^-n).
  -- It reaches 12,000 when 1.01^-n <= 1 - 12,000 / 90,000 = 13/15, n >= ln(15/13) / ln(1.01)
  --   = 0.1431008 / 0.0099503 = 14.38: month 15.
  -- 1.01^14 = 1.1494742 (1.01^2 = 1.0201, ^4 = 1.04060401, ^8 = 1.08285671, ^12 = ^8 x ^4 =
  --   1.12682503, ^14 = ^12 x 1.0201), 1.01^15 = 1.1609690.
  -- After 14 months 90,000 (1 - 1 / 1.1494742) = 90,000 x 0.1300370 = 11,703.333;
  --   month 15 is worth 900 / 1.1609690 = 775.2145;
  --   fraction 14 + (12,000 - 11,703.333) / 775.2145 = 14 + 296.667 / 775.2145 = 14.38269.
  local month, fraction = r.payback(12000, 900, { rate = 0.01 })
  T.eq(month, 15, "month 15")
  T.near(fraction, 14.38269, 0.00001, "14.38269 months")
  -- rate 0 is the undiscounted answer
  T.eq(r.payback(12000, 900, { rate = 0 }), 14, "rate 0: month 14")
  -- at 1% a month $900 can never repay more than 900 / 0.01 = $90,000
  T.eq(r.payback(95000, 900, { rate = 0.01, months = 100000 }), nil, "beyond the perpetuity: never")
end)

T.test("payback: argument errors name this file and line", function()
  T.raises(function() r.payback("12000", 900) end, T.here() .. "payback: one_off must be a number (got string)")
  T.raises(function() r.payback(0 / 0, 900) end, T.here() .. "payback: one_off must be a finite number")
  T.raises(function() r.payback(12000) end, T.here() ..
    "payback: monthly_saving must be a number or a function of the month (got nil)")
  T.raises(function() r.payback(12000, "900") end, T.here() ..
    "payback: monthly_saving must be a number or a function of the month (got string)")
  T.raises(function() r.payback(12000, math.huge) end, T.here() .. "payback: monthly_saving must be a finite number")
  T.raises(function() r.payback(12000, function() return "a lot" end) end, T.here() ..
    "payback: monthly_saving(1) must return a finite number (got string)")
  T.raises(function() r.payback(12000, function(m) return m < 3 and 1 or nil end) end, T.here() ..
    "payback: monthly_saving(3) must return a finite number (got nil)")
  T.raises(function() r.payback(12000, 900, { month = 12 }) end, T.here() ..
    "payback: unknown field 'month' (expected months, rate)")
  T.raises(function() r.payback(12000, 900, { months = 0 }) end, T.here() ..
    "payback: months must be a whole number from 1 to 100000")
  T.raises(function() r.payback(12000, 900, { months = 12.5 }) end, T.here() ..
    "payback: months must be a whole number from 1 to 100000")
  T.raises(function() r.payback(12000, 900, { months = "12" }) end, T.here() ..
    "payback: months must be a number (got string)")
  T.raises(function() r.payback(12000, 900, { rate = -1 }) end, T.here() .. "payback: rate must be greater than -1")
  -- options that are not a table: the message still names this file and line
  T.raises(function() r.payback(12000, 900, 12) end, T.here() .. "bad argument #3 to 'payback' (table expected, got number)")
end)

-- ---- r.growth.* ----------------------------------------------------------------------------

T.test("growth: valid curves are accepted", function()
  T.succeeds(function() return r.growth.compound{ monthly = 0.055 } end, "compound monthly")
  T.succeeds(function() return r.growth.compound{ monthly = r.range(0.03, 0.08) } end, "compound range")
  T.succeeds(function() return r.growth.compound{ annual = 0.5, conversion = "simple" } end, "compound annual")
  T.succeeds(function() return r.growth.linear{ per_month = 500 } end, "linear")
  T.succeeds(function() return r.growth.logistic{ rate = 0.3, ceiling = 1e6 } end, "logistic")
  T.succeeds(function() return r.growth.points{ { 1, 10000 }, { 12, 30000 } } end, "points")
end)

T.test("growth: errors name this file and line", function()
  T.raises(function() r.growth.compound{ monthly = 0.05, montly = 1 } end, T.here() ..
    "growth.compound: unknown field 'montly' (expected monthly, annual, conversion)")
  T.raises(function() r.growth.compound{} end, T.here() .. "growth.compound: give monthly = or annual = (one of them)")
  T.raises(function() r.growth.compound{ monthly = 0.01, annual = 0.12 } end, T.here() .. "growth.compound: give monthly = or annual = (one of them)")
  T.raises(function() r.growth.compound{ monthly = 0.01, conversion = "simple" } end, T.here() .. "growth.compound: conversion goes with annual =, not monthly =")
  T.raises(function() r.growth.compound{ monthly = "5%" } end, T.here() ..
    "growth.compound: monthly must be a number or r.range(low, high) (got string)")
  T.raises(function() r.growth.compound{ monthly = -1 } end, T.here() ..
    "growth.compound: the rate must be greater than -1 (-100%)")
  T.raises(function() r.growth.compound{ annual = 0.5, conversion = "daily" } end, T.here() ..
    "growth.compound: conversion must be one of compound, simple (got daily)")
  T.raises(function() r.growth.linear{ per_month = 1, start = 5 } end, T.here() ..
    "growth.linear: unknown field 'start' (expected per_month)")
  T.raises(function() r.growth.linear{} end, T.here() .. "growth.linear: missing field 'per_month'")
  T.raises(function() r.growth.logistic{ rate = 0, ceiling = 1e6 } end, T.here() ..
    "growth.logistic: rate and ceiling must be greater than 0")
  T.raises(function() r.growth.logistic{ rate = 0.3 } end, T.here() .. "growth.logistic: missing field 'ceiling'")
  T.raises(function() r.growth.points{} end, T.here() .. "growth.points: needs at least one {month, users} point")
  T.raises(function() r.growth.points{ { 1, 10000 }, { 2 } } end, T.here() ..
    "growth.points: point 2 must be a pair {month, users}")
  T.raises(function() r.growth.points{ { 1, "many" } } end, T.here() .. "growth.points: point 1 must hold two numbers")
  T.raises(function() r.growth.points{ { 1, 10 }, from = 1 } end, T.here() ..
    "growth.points: unknown field 'from' (expected only list entries)")
end)

-- ---- r.change{...} -------------------------------------------------------------------------

local function option(name, cost)
  return r.option{ name = name, items = { { name = "app", category = "compute", cost = cost or r.fixed(1000) } } }
end

T.test("change: valid changes are accepted", function()
  T.succeeds(function() return r.change{ name = "scale", one_off = 1000, scale = { compute = 0.7 } } end, "scale")
  T.succeeds(function() return r.change{ name = "save", one_off = 1000, scale = { compute = r.range(0.6, 0.8) } } end,
    "a range of factors all below 1")
  T.succeeds(function() return r.change{ name = "dearer", one_off = 0, scale = { compute = r.range(1.1, 1.3) } } end,
    "a range of factors all above 1")
  T.succeeds(function() return r.change{ name = "drop", one_off = 1000, remove = { "app" } } end, "remove")
  T.succeeds(function() return r.change{ name = "move", one_off = 12000, replace = option("New", r.fixed(1100)) } end,
    "replace")
  T.succeeds(function()
    return r.change{ name = "add", one_off = 500, add = { { name = "cdn", category = "network", cost = r.fixed(20) } } }
  end, "add")
end)

T.test("change: a scale's factors are read in the order of their names, every run", function()
  -- of two bad factors, the one whose name comes first by its bytes is named, whatever
  -- order Lua visits the table's keys in
  for n = 1, 20 do
    local scale = {}
    for k = 1, 4 do scale["item" .. (n * 3 + k * 7) % 50] = "bad" end
    local least
    for name in pairs(scale) do if not least or name < least then least = name end end
    T.raises(function() r.change{ name = "x", one_off = 1, scale = scale } end, "scale." .. least)
  end
  T.raises(function() r.change{ name = "x", one_off = 1, scale = { [1] = 0.5 } } end,
    "scale takes item names or categories as keys")
  -- a weak table whose entries the collector drops while its names are read: the names are
  -- anchored (valgrind and the sanitizer build see a freed key otherwise); whichever
  -- entries are left, it fails with the change's message
  local weak = setmetatable({}, { __mode = "v" })
  for i = 1, 200 do weak["item" .. i .. string.rep("x", 40)] = {} end
  T.raises(function() r.change{ name = "weak", one_off = 1, scale = weak } end, 'change "weak"')
end)

T.test("change: errors name this file and line", function()
  T.raises(function() r.change{ name = "x", one_off = 1, scale = { compute = 0.7 }, scael = 1 } end, T.here() ..
    "change: unknown field 'scael' (expected name, one_off, scale, remove, add, replace, options, note)")
  T.raises(function() r.change{ one_off = 1, scale = { compute = 0.7 } } end, T.here() ..
    "change: name must be a non-empty string")
  T.raises(function() r.change{ name = "", one_off = 1, scale = { compute = 0.7 } } end, T.here() ..
    "change: name must be a non-empty string")
  T.raises(function() r.change{ name = "x", scale = { compute = 0.7 } } end, T.here() ..
    "change \"x\": missing field 'one_off'")
  T.raises(function() r.change{ name = "x", one_off = 1000 } end, T.here() ..
    "change \"x\": say what it does: scale, remove, add or replace")
  T.raises(function() r.change{ name = "x", one_off = 1000, scale = {} } end, T.here() ..
    "change \"x\": say what it does: scale, remove, add or replace")
  T.raises(function() r.change{ name = "x", one_off = 1, scale = { compute = r.range(0.9, 1.1) } } end, T.here() ..
    "change \"x\": the factor for compute spans 1 (0.9 to 1.1)")
  T.raises(function() r.change{ name = "x", one_off = 1, scale = { compute = -0.5 } } end, T.here() ..
    "change \"x\": the factor for compute must be a number >= 0")
  T.raises(function() r.change{ name = "x", one_off = 1, scale = { compute = "70%" } } end, T.here() ..
    "change \"x\": scale.compute must be a number or r.range(low, high) (got string)")
  T.raises(function() r.change{ name = "x", one_off = 1, scale = { 0.7 } } end, T.here() ..
    "change \"x\": scale takes item names or categories as keys")
  T.raises(function() r.change{ name = "x", one_off = 1, remove = "app" } end, T.here() ..
    "change \"x\": remove must be a list of names")
  T.raises(function() r.change{ name = "x", one_off = 1, remove = { 7 } } end, T.here() ..
    "change \"x\": remove[1] must be a string")
  T.raises(function() r.change{ name = "x", one_off = 1, replace = {} } end, T.here() ..
    "change \"x\": replace must be an option made by r.option{...}")
  T.raises(function() r.change{ name = "x", one_off = 1, remove = { "app" }, note = 5 } end, T.here() ..
    "change \"x\": note must be a string")
  T.raises(function() r.change{ name = "x", one_off = "lots", remove = { "app" } } end, T.here() ..
    "change \"x\" must be a cost function")
end)

-- ---- r.analysis{...} -----------------------------------------------------------------------

local function timeline()
  return { months = 12, start = 10000, growth = r.growth.compound{ monthly = 0.05 } }
end

T.test("analysis: a valid analysis", function()
  local a = r.analysis{ name = "ok", options = { option("A"), option("B", r.fixed(900)) }, users = { 10000, 100000 } }
  T.eq(tostring(a), "analysis(ok)", "tostring")
  T.succeeds(function()
    return r.analysis{
      name = "all", options = { option("A") }, users = { from = 1000, to = 100000, points = 3 },
      timeline = timeline(), budgets = { 100 }, cumulative_budgets = { 1000 }, discount_rate = 0.1,
      rate_conversion = "simple", revenue_per_user = r.range(0.1, 0.5),
      changes = { r.change{ name = "c", one_off = 100, scale = { compute = 0.9 } } },
    }
  end, "every field")
end)

T.test("analysis: errors name this file and line", function()
  local A = option("A")
  local tl = timeline()
  T.raises(function() r.analysis{ name = "x", options = { A }, budget = { 100 } } end, T.here() ..
    "analysis: unknown field 'budget' (expected name, options, users, timeline, budgets, cumulative_budgets, "
    .. "discount_rate, rate_conversion, revenue_per_user, changes)")
  T.raises(function() r.analysis{ options = { A } } end, T.here() .. "analysis: name must be a non-empty string")
  T.raises(function() r.analysis{ name = 42, options = { A } } end, T.here() .. "analysis: name must be a non-empty string")
  -- options that are not options
  T.raises(function() r.analysis{ name = "x" } end, T.here() .. "analysis \"x\": options must be a list of r.option values")
  T.raises(function() r.analysis{ name = "x", options = {} } end, T.here() ..
    "analysis \"x\": options must be a list of r.option values")
  T.raises(function() r.analysis{ name = "x", options = { A, 1 } } end, T.here() ..
    "analysis \"x\": options[2] is not an option made by r.option{...}")
  T.raises(function() r.analysis{ name = "x", options = { { name = "A", items = {} } } } end, T.here() ..
    "analysis \"x\": options[1] is not an option made by r.option{...}")
  T.raises(function() r.analysis{ name = "x", options = { A, option("A") } } end, T.here() ..
    "analysis \"x\": two options are named \"A\"")
  -- users spanning fewer than two counts
  T.raises(function() r.analysis{ name = "x", options = { A }, users = { 10000 } } end, T.here() ..
    "analysis: users must span at least two user counts")
  T.raises(function() r.analysis{ name = "x", options = { A }, users = { 10000, 10000 } } end, T.here() ..
    "analysis: users must span at least two user counts")
  T.raises(function() r.analysis{ name = "x", options = { A }, users = { 10000, -5 } } end, T.here() ..
    "analysis: users[2] must be a number > 0")
  local at = T.here() T.raises(function() r.analysis{ name = "x", options = { A }, users = { from = 1000, step = 2 } } end,
    at .. "analysis: users: unknown field 'step' (expected from, to, points, spacing)")
  -- budgets and changes without a timeline
  T.raises(function() r.analysis{ name = "x", options = { A }, budgets = { 100, 500 } } end, T.here() ..
    "analysis \"x\": budgets are crossed along a timeline; add timeline = {months =, start =, growth =}")
  T.raises(function() r.analysis{ name = "x", options = { A }, cumulative_budgets = { 1000 } } end, T.here() ..
    "analysis \"x\": budgets are crossed along a timeline")
  T.raises(function() r.analysis{ name = "x", options = { A }, budgets = { 100, 0 }, timeline = tl } end, T.here() ..
    "analysis: budgets[2] must be a number > 0")
  local c = r.change{ name = "c", one_off = 100, scale = { compute = 0.9 } }
  T.raises(function() r.analysis{ name = "x", options = { A }, changes = { c } } end, T.here() ..
    "analysis \"x\": changes are measured along a timeline; add timeline = {months =, start =, growth =}")
  T.raises(function() r.analysis{ name = "x", options = { A }, timeline = tl, changes = { "c" } } end, T.here() ..
    "analysis \"x\": changes[1] is not an r.change{...} value")
  -- the timeline
  local g = tl.growth
  T.raises(function() r.analysis{ name = "x", options = { A }, timeline = { months = 0, start = 1, growth = g } } end, T.here() ..
    "analysis: timeline: months must be a whole number from 1 to 1200")
  T.raises(function() r.analysis{ name = "x", options = { A }, timeline = { months = 12, start = 1, growth = 0.05 } } end, T.here() ..
    "analysis: timeline: growth must be made by r.growth.compound, linear, logistic or points")
  T.raises(function() r.analysis{ name = "x", options = { A }, timeline = { months = 12, growth = g } } end, T.here() ..
    "analysis: timeline: missing field 'start'")
  T.raises(function() r.analysis{ name = "x", options = { A }, timeline = { months = 12, start = 1, growth = g, to = 3 } } end, T.here() ..
    "analysis: timeline: unknown field 'to' (expected months, start, growth)")
  -- discounting
  T.raises(function() r.analysis{ name = "x", options = { A }, discount_rate = -1 } end, T.here() ..
    "analysis: discount_rate must be greater than -1")
  T.raises(function() r.analysis{ name = "x", options = { A }, rate_conversion = "yearly" } end, T.here() ..
    "analysis: rate_conversion must be one of compound, simple (got yearly)")
  T.raises(function() r.analysis{ name = "x", options = { A }, revenue_per_user = "$1" } end, T.here() ..
    "analysis: revenue_per_user must be a number or r.range(low, high) (got string)")
end)

T.test("analysis: a change may serve several analyses, once each", function()
  local A = option("A")
  local c = r.change{ name = "c", one_off = 100, scale = { compute = 0.9 } }
  T.succeeds(function() return r.analysis{ name = "first", options = { A }, timeline = timeline(), changes = { c } } end,
    "the first analysis uses it")
  T.succeeds(function() return r.analysis{ name = "second", options = { A }, timeline = timeline(), changes = { c } } end,
    "and so does the second")
  T.raises(function() r.analysis{ name = "third", options = { A }, timeline = timeline(), changes = { c, c } } end, T.here() ..
    "analysis \"third\": change \"c\" is listed twice")
  local B = option("B")
  T.raises(function() r.change{ name = "m", one_off = 1, replace = B, scale = { compute = 0.5 } } end, T.here() ..
    "change \"m\": replace stands alone; make the other effects a change of their own")
  T.raises(function() r.change{ name = "neg", one_off = -5, scale = { compute = 0.5 } } end, T.here() ..
    "change \"neg\": one_off must not be negative")
  T.raises(function() r.analysis{ name = "x", options = { A }, revenue_per_user = r.range(-1, 2) } end, T.here() ..
    "analysis: revenue_per_user must be >= 0")
end)

T.test("hostile arguments: extra ones, metatables, many options", function()
  local A = option("A")
  -- an extra argument is dropped: it neither lands in a slot reckon uses nor comes back
  local a = T.succeeds(function() return r.analysis({ name = "extra", options = { A } }, 12345) end, "analysis(spec, 12345)")
  T.eq(tostring(a), "analysis(extra)", "the analysis")
  local o = r.option({ name = "o", items = { { name = "x", category = "other", cost = 1 } } }, "extra")
  T.eq(tostring(o), "option(o)", "r.option(spec, \"extra\") gives the option")
  T.eq(select("#", r.change({ name = "c", one_off = 1, remove = { "x" } }, 1, 2)), 1, "r.change gives one value")
  T.eq(select("#", r.growth.linear({ per_month = 1 }, "x")), 1, "r.growth.linear gives one value")
  -- spec tables are read raw: an __index that answers is not asked
  local asks = 0
  local sneaky = setmetatable({ name = "s" }, { __index = function() asks = asks + 1; return { A } end })
  T.raises(function() r.analysis(sneaky) end, T.here() .. "analysis \"s\": options must be a list of r.option values")
  local rates = setmetatable({}, { __index = function() return 0.1 end })
  T.raises(function() r.growth.compound(rates) end, T.here() .. "growth.compound: give monthly = or annual =")
  T.eq(asks, 0, "no __index was asked")
  local lying = setmetatable({ A }, { __len = function() return 2 ^ 61 end })
  T.eq(tostring(r.analysis{ name = "len", options = lying }), "analysis(len)", "options read by their raw length")
  -- 20000 options with distinct names, and a duplicate found at once
  local many = {}
  for i = 1, 20000 do many[i] = option("opt " .. i) end
  T.succeeds(function() return r.analysis{ name = "many", options = many } end, "20000 options")
  many[20001] = option("opt 7")
  T.raises(function() r.analysis{ name = "many", options = many } end, T.here() .. "analysis \"many\": two options are named \"opt 7\"")
  local c = r.change{ name = "c", one_off = 1, scale = { compute = 0.5 } }
  local tl = timeline()
  T.raises(function() r.analysis{ name = "tw", options = { A }, timeline = tl, changes = { c, c } } end, T.here() .. "analysis \"tw\": change \"c\" is listed twice")
  -- crossovers and payback drop extra arguments too
  T.eq(select("#", r.crossovers(r.fixed(1), r.linear{ rate = 1 }, 0, 10, "extra")), 2, "crossovers gives two values")
  T.eq(r.payback(100, 10, nil, "extra"), 10, "payback(one_off, saving, nil, extra)")
end)

T.done()
