-- Ranges (engine/lua/wrap_range.c) and how cost functions carry them (engine/core/cost.h):
-- low is the least cost any choice of the ranges allows, high the greatest, mid the cost
-- with every range at its midpoint.  Expected numbers are worked out by hand in comments.
-- Run: cd tests/lua && reckon eval test_ranges.lua
local r = require "reckon"
local T = require "_testlib"

local R = r.range

T.test("range fields", function()
  local x = R(200, 400)
  T.eq(x.low, 200, "low")
  T.eq(x.mid, 300, "mid")
  T.eq(x.high, 400, "high")
  T.eq(x.mode, 300, "mode defaults to the mid")
  -- "200 to 400" reads as a 90% interval, as Squiggle and Guesstimate read it
  T.eq(x.dist, "interval90", "default dist")
  local point = R(5, 5)
  T.eq(point.low + point.mid + point.high, 15, "a range of no width")
  local neg = R(-3, 1)
  T.eq(neg.mid, -1, "mid of a range below zero")
end)

T.test("range options: dist and mode", function()
  for _, dist in ipairs{ "uniform", "triangular", "pert", "normal", "interval90" } do
    local x = R(1, 3, { dist = dist })
    T.eq(x.dist, dist, "dist " .. dist)
    T.eq(x.low + x.high, 4, "ends kept with dist " .. dist)
    T.eq(x.mid, 2, "mid stays the midpoint with dist " .. dist)
  end
  local skewed = R(1, 3, { dist = "pert", mode = 1.5 })
  T.eq(skewed.mode, 1.5, "mode")
  T.eq(skewed.mid, 2, "mid is the midpoint, not the mode")
  T.eq(R(1, 3, { dist = "triangular", mode = 1 }).mode, 1, "mode at the low end")
  T.eq(R(1, 3, { dist = "triangular", mode = 3 }).mode, 3, "mode at the high end")
  T.eq(R(1, 3, {}).dist, "interval90", "an empty options table")
  -- a deterministic run uses the midpoint whatever the mode: fixed(1..3) reads 2
  T.lmh(r.fixed(skewed), 0, 1, 2, 3, "a skewed range in a cost")
end)

T.test("range validation", function()
  local here = T.here; -- each message names this file and the line of the call
  local cases = {
    { here(), function() R(2, 1) end, "range: low (2) is greater than high (1)" },
    { here(), function() R(0 / 0, 1) end, "range: low and high must be finite numbers" },
    { here(), function() R(1, math.huge) end, "range: low and high must be finite numbers" },
    { here(), function() R(-math.huge, 1) end, "range: low and high must be finite numbers" },
    { here(), function() R(1, 3, { dist = "gauss" }) end, "range: dist must be one of uniform, triangular, pert, normal, interval90 (got gauss)" },
    { here(), function() R(1, 3, { dist = 1 }) end, "range: dist must be one of" },
    { here(), function() R(1, 3, { mode = 4 }) end, "range: mode (4.0) must lie between low (1.0) and high (3.0)" },
    { here(), function() R(1, 3, { mode = 0.5 }) end, "range: mode (0.5) must lie between low" },
    { here(), function() R(1, 3, { mode = "x" }) end, "range: mode must be a number (got string)" },
    { here(), function() R(1, 3, { mode = 0 / 0 }) end, "range: mode must be a finite number" },
    { here(), function() R(1, 3, { mod = 2 }) end, "range: unknown field 'mod' (expected dist, mode, name, group)" },
    { here(), function() R(1, 3, { distribution = "pert" }) end, "range: unknown field 'distribution'" },
  }
  for _, c in ipairs(cases) do
    T.raises(c[2], c[1] .. c[3], c[3])
  end
  -- argument errors name the line too
  T.raises(function() r.range(1) end, here() .. "bad argument #2 to 'range'")
  T.raises(function() r.range("a", 1) end, here() .. "bad argument #1 to 'range'")
  T.raises(function() r.range(1, 3, "uniform") end, here() .. "bad argument #3 to 'range' (table expected")
  T.raises(function() return R(1, 2).lowe end, here() .. "range has no field 'lowe'")
end)

T.test("a range wherever a number is", function()
  -- {label, function, x, lo, mid, hi}
  local cases = {
    { "fixed", r.fixed(R(100, 200)), 0, 100, 150, 200 },
    -- 10 + 0.001 * 10000 = 20; 15 + 0.002 * 10000 = 35; 20 + 0.003 * 10000 = 50
    { "linear rate and base", r.linear{ rate = R(0.001, 0.003), base = R(10, 20) }, 10000, 20, 35, 50 },
    -- x > 1: the least at the low coef and exponent: 2 * 10000 ^ 0.5 = 200;
    -- mid 2.5 * 10000 ^ 0.6 = 627.971607877395; high 3 * 10000 ^ 0.7 = 1892.872033440579
    { "power above 1", r.power{ coef = R(2, 3), exp = R(0.5, 0.7) }, 10000, 200, 627.971607877395, 1892.872033440579 },
    -- x < 1: a larger exponent lowers x ^ e: low 2 * 0.25 ^ 0.7 = 0.7578582832551991,
    -- mid 2.5 * 0.25 ^ 0.6 = 1.0881882041201552, high 3 * 0.25 ^ 0.5 = 1.5
    { "power below 1", r.power{ coef = R(2, 3), exp = R(0.5, 0.7) }, 0.25, 0.7578582832551991, 1.0881882041201552, 1.5 },
    { "step cost (first plan)", r.step{ { upto = 100, cost = R(10, 20) }, { cost = R(30, 50) } }, 50, 10, 15, 20 },
    { "step cost (open plan)", r.step{ { upto = 100, cost = R(10, 20) }, { cost = R(30, 50) } }, 150, 30, 40, 50 },
    -- 100 at 1..2 plus 100 at 0.5..1: 150, 225, 300
    { "graduated rate", r.graduated{ { upto = 100, rate = R(1, 2) }, { rate = R(0.5, 1) } }, 200, 150, 225, 300 },
    -- 500 * 10 + 0..10: 5000, 5005, 5010
    { "volume fee", r.volume{ { upto = 1000, rate = 10, fee = R(0, 10) }, { rate = 8 } }, 500, 5000, 5005, 5010 },
    -- 2 replicas at 8..12
    { "instances price", r.instances{ capacity = 50, price = R(8, 12) }, 100, 16, 20, 24 },
    -- a point's cost: halfway between 100..200 and 300..500
    { "points cost", r.points{ { 0, R(100, 200) }, { 10, R(300, 500) } }, 5, 200, 275, 350 },
  }
  for _, c in ipairs(cases) do
    T.lmh(c[2], c[3], c[4], c[5], c[6], c[1])
  end
end)

T.test("a discount range lowers low", function()
  local list = r.fixed(1000)
  -- 1000 * 0.8 = 800, * 0.85 = 850, * 0.9 = 900
  T.lmh(list * R(0.8, 0.9), 0, 800, 850, 900, "a discount factor")
  -- a discount on an uncertain price: 100 * 0.8 = 80; 150 * 0.85 = 127.5; 200 * 0.9 = 180
  T.lmh(r.fixed(R(100, 200)) * R(0.8, 0.9), 0, 80, 127.5, 180, "discount on a range")
  -- the saving as a difference: 1000 - 1000 * 0.1..0.2; the least takes the largest saving
  T.lmh(list - list * R(0.1, 0.2), 0, 800, 850, 900, "1000 minus a saving")
  local lo_plain = list:eval(0)
  local lo_disc = (list * R(0.8, 0.9)):eval(0)
  T.ok(lo_disc < lo_plain, "low is lower with the discount")
end)

T.test("a free allowance range", function()
  local f = r.graduated{ { upto = 100, rate = 1 }, { rate = 0.5 }, free = R(10, 30) }
  -- at 100: billable 100 - 30 = 70 (low), 100 - 20 = 80 (mid), 100 - 10 = 90 (high)
  T.lmh(f, 100, 70, 80, 90, "free 10..30 at 100")
  -- at 20: 0 with the largest allowance and with the mid one, 10 units with the least
  T.lmh(f, 20, 0, 0, 10, "free 10..30 at 20")
  -- at 230: billable 200 (low): 100 + 100 * 0.5 = 150; 210 (mid): 155; 220 (high): 160
  T.lmh(f, 230, 150, 155, 160, "free 10..30 at 230")
end)

T.test("a capacity range", function()
  local svc = r.instances{ capacity = R(40, 60), price = 10 }
  -- more capacity a replica means fewer replicas: low takes 60, high takes 40
  -- 100: ceil(100 / 60) = 2, ceil(100 / 50) = 2, ceil(100 / 40) = 3
  T.lmh(svc, 100, 20, 20, 30, "capacity 40..60 at 100")
  -- 130: 3, 3, 4
  T.lmh(svc, 130, 30, 30, 40, "capacity 40..60 at 130")
  -- min and max still hold: min 2, max 3 at 1000 users: 3 replicas at every end
  T.lmh(r.instances{ capacity = R(40, 60), price = 10, min = 2, max = 3 }, 1000, 30, 30, 30, "held at max")
end)

T.test("points with a range cost, extrapolated past the last point", function()
  local p = r.points{ { 10, R(1, 3) }, { 20, R(5, 7) } }
  T.lmh(p, 10, 1, 2, 3, "the first point")
  T.lmh(p, 20, 5, 6, 7, "the last point")
  T.lmh(p, 15, 3, 4, 5, "halfway")
  -- at 30 the segment continues: cost = 2 * y(20) - y(10); its least takes y(20) low and
  -- y(10) high: 2 * 5 - 3 = 7; mid 2 * 6 - 2 = 10; high 2 * 7 - 1 = 13
  T.lmh(p, 30, 7, 10, 13, "extrapolated to 30")
  -- at 40: 3 * y(20) - 2 * y(10): 15 - 6 = 9; 18 - 4 = 14; 21 - 2 = 19
  T.lmh(p, 40, 9, 14, 19, "extrapolated to 40")
  -- clamped: the last point's range
  T.lmh(r.points{ { 10, R(1, 3) }, { 20, R(5, 7) }, extrapolate = "clamp" }, 30, 5, 6, 7, "clamped")
  -- log-log, extrapolated: (1, 1..4) and (10, 10..40), at 100: y = y(10)^2 / y(1)
  -- low 10^2 / 4 = 25; mid 25^2 / 2.5 = 250; high 40^2 / 1 = 1600
  T.lmh(r.points{ { 1, R(1, 4) }, { 10, R(10, 40) }, interp = "loglog" }, 100, 25, 250, 1600, "loglog extrapolated", 1e-6)
end)

T.test("an uncertain driver", function()
  local egress = r.graduated{
    { upto = 10240, rate = 0.09 }, { upto = 51200, rate = 0.085 }, { upto = 153600, rate = 0.07 }, { rate = 0.05 },
  }
  -- 0.4..0.6 GB a user at 100,000 users: 40,000..60,000 GB, mid 50,000
  -- 40,000: 921.6 + 29,760 * 0.085 = 3451.2; 50,000: 921.6 + 39,760 * 0.085 = 4301.2;
  -- 60,000: 4403.2 + 8,800 * 0.07 = 5019.2
  T.lmh(egress:of(r.linear{ rate = R(0.4, 0.6) }), 100000, 3451.2, 4301.2, 5019.2, "graduated", 1e-6)
  -- f:of(0.5) prices 0.5 units a user, so f:of(r.range(0.4, 0.6)) prices 0.4..0.6 a user
  T.lmh(egress:of(R(0.4, 0.6)), 100000, 3451.2, 4301.2, 5019.2, "graduated, of(range)", 1e-6)
  T.lmh(egress:of(function(u) return R(0.4 * u, 0.6 * u) end), 100000, 3451.2, 4301.2, 5019.2,
    "graduated, of(function returning a range)", 1e-6)
  -- a driver span that crosses plans: 0.5..1.5 requests a user
  local per_user = function(lo, hi) return r.linear{ rate = R(lo, hi) } end
  local plans = r.step{ { upto = 5000, cost = 500 }, { upto = 20000, cost = 1500 }, { cost = 4000 } }
  T.lmh(plans:of(per_user(0.5, 1.5)), 10000, 500, 1500, 1500, "step over 5,000..15,000")
  T.lmh(plans:of(per_user(0.5, 1.5)), 20000, 1500, 1500, 4000, "step over 10,000..30,000")
  -- volume over 900..1,100 units crossing its bound at 1,000: just past it, 8 * 1000 = 8000
  -- is the least; 10 * 1000 = 10000 at the bound the greatest
  local v = r.volume{ { upto = 1000, rate = 10 }, { rate = 8 } }
  T.lmh(v:of(per_user(0.9, 1.1)), 1000, 8000, 10000, 10000, "volume across a bound")
  -- a peak inside the driver span: points up to 100 at x = 100, back to 0 at 200;
  -- over 50..150 the least is 50 (at either end), the greatest 100 (the knot)
  local peak = r.points{ { 0, 0 }, { 100, 100 }, { 200, 0 } }
  T.lmh(peak:of(per_user(0.5, 1.5)), 100, 50, 100, 100, "a knot inside the span")
  -- a Lua function over a driver of 1..3: x^2 is 1, 4, 9
  T.lmh(r.sum{ function(x) return x * x end }:of(R(1, 3)), 1, 1, 4, 9, "a Lua function")
  -- instances over 80..120 load on 50: 2, 2, 3 replicas at 10
  T.lmh(r.instances{ capacity = 50, price = 10 }:of(per_user(0.8, 1.2)), 100, 20, 20, 30, "instances")
end)

T.test("composition of ranges", function()
  local a, b = r.fixed(R(10, 20)), r.fixed(R(1, 3))
  T.lmh(a + b, 0, 11, 17, 23, "sum")
  -- the least of a - b takes b at its greatest: 10 - 3 = 7; 15 - 2 = 13; 20 - 1 = 19
  T.lmh(a - b, 0, 7, 13, 19, "difference")
  T.lmh(r.max(r.fixed(R(80, 120)), 100), 0, 100, 100, 120, "max with a commitment")
  T.lmh(r.min(r.fixed(R(80, 120)), 100), 0, 80, 100, 100, "min as a cap")
  -- a span through zero times 1..2: corners -5, -10, 5, 10; mid 0 * 1.5
  T.lmh((r.fixed(R(0, 10)) - 5) * R(1, 2), 0, -10, 0, 10, "a span through zero, scaled")
  T.lmh(r.sum{ a, b, R(100, 200) }, 0, 111, 167, 223, "r.sum with a range")
end)

T.test("one range used twice counts as two in low..high (interval arithmetic)", function()
  -- Documented in README ("How ranges are carried"): each use of a range is taken on its
  -- own, so low..high is an outer bound when the same range stands on both sides of a
  -- difference.  (Monte Carlo runs sample a range once and cancel it exactly.)  A change's
  -- saving is therefore built from the items it affects, never as before - after.
  local k = R(10, 20)
  -- the least of k - k takes the first k at 10 and the second at 20: -10; mid 0; high 10
  T.lmh(r.fixed(k) - r.fixed(k), 0, -10, 0, 10, "a range minus itself")
end)

T.test("lo <= mid <= hi everywhere", function()
  local fns = {
    r.fixed(R(0, 100)),
    r.linear{ rate = R(0, 0.01), base = R(5, 50) },
    r.power{ coef = R(1, 2), exp = R(0.2, 1.2) },
    r.points{ { 1000, R(10, 30) }, { 10000, R(50, 200) }, { 100000, R(400, 900) } },
    r.points{ { 1000, R(10, 30) }, { 10000, R(50, 200) }, interp = "loglog" },
    r.points{ { 1000, R(10, 30) }, { 10000, R(50, 200) }, extrapolate = { below = "clamp", above = "linear" } },
    r.step{ { upto = 5000, cost = R(10, 20) }, { upto = 50000, cost = R(15, 60) }, { cost = R(100, 110) } },
    r.graduated{ { upto = 10000, rate = R(0.08, 0.1) }, { rate = R(0.05, 0.07) }, free = R(0, 2000) },
    r.volume{ { upto = 20000, rate = R(0.01, 0.02), fee = R(0, 5) }, { rate = R(0.005, 0.015), fee = R(10, 20) } },
    r.instances{ capacity = R(500, 2000), price = R(20, 40), min = 1, max = 100 },
    r.fixed(1000) * R(0.7, 1.3),
    r.fixed(R(100, 300)) - r.linear{ rate = R(0.001, 0.002) },
    r.max(r.linear{ rate = R(0.01, 0.02) }, R(100, 200)),
    r.min(r.linear{ rate = R(0.01, 0.02) }, R(100, 200)),
    r.graduated{ { upto = 10240, rate = 0.09 }, { rate = R(0.05, 0.085) } }:of(R(0.3, 0.7)),
    r.step{ { upto = 1000, cost = 5 }, { upto = 10000, cost = R(20, 40) }, { cost = R(50, 90) } }:of(r.linear{ rate = R(0.05, 0.2) }),
    r.sum{ function(x) return R(x * 0.001, x * 0.003) end } + r.fixed(R(1, 2)),
    (r.fixed(R(0, 10)) - r.fixed(R(0, 20))) * R(0.5, 3),
  }
  local xs = { 0, 1, 999, 1000, 1001, 4999, 5000, 5001, 12345, 50000, 99999, 100000, 250000, 1e6 }
  for i, fn in ipairs(fns) do
    for _, x in ipairs(xs) do
      T.ordered(fn, x, "function " .. i)
    end
  end
end)

T.test("a range made inside a cost function is one input a call site", function()
  local before = R(1, 3).id
  local seen = {}
  local f = r.sum{ function(x) local k = R(10, 20); seen[k.id] = true; return k end }
  for users = 1, 1000 do f(users) end -- 1000 evaluations
  local n = 0
  for _ in pairs(seen) do n = n + 1 end
  T.eq(n, 1, "1000 evaluations made one input")
  T.eq(R(1, 3).id, before + 2, "one input was added (and the range made now)")
  T.lmh(f, 5, 10, 15, 20, "it still carries its low and high")
  -- the ends depend on the driver: one input a distinct range, at most 100 a line
  local g = r.sum{ function(x) return R(x, 2 * x) end }
  for users = 1, 100 do g(users) end
  for users = 1, 100 do g(users) end -- the same ones again: no more
  T.raises(function() g(101) end, "range: this line made 100 different uncertain ranges inside a cost function")
  -- outside cost functions every r.range is an input of its own
  T.eq(R(5, 6).id + 1, R(5, 6).id, "two ranges on one line outside a function")
  T.eq(r.fixed(2) and R(2, 2).id, 0, "a range of width 0 is no input")
end)

T.test("range fields", function()
  local x = R(1, 2)
  T.raises(function() return x[1] end, T.here() .. "range has no field of type number")
  T.raises(function() return x["low\0"] end, T.here() .. "range: the field's name contains a zero byte")
  T.raises(function() return R(1, 2, { name = "a\0b" }) end, T.here() .. "range: name contains a zero byte")
  T.raises(function() return R(1, 2, { group = "\0" }) end, T.here() .. "range: group contains a zero byte")
  T.eq(tostring(R(1, 2, nil, "extra")), "range(1.0, 2.0)", "an extra argument is dropped")
  T.eq(R(1, 2, setmetatable({}, { __index = function() return "uniform" end })).dist, "interval90",
    "the options are read raw")
end)

T.done()
