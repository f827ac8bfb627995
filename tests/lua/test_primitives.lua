-- The cost primitives of reckon (engine/lua/wrap_primitives.c over engine/core): each value
-- is checked through f(x) (the mid) and f:eval(x) (lo, mid, hi), against numbers worked out
-- by hand in the comments.  Run: cd tests/lua && reckon eval test_primitives.lua
local r = require "reckon"
local T = require "_testlib"

--- Each case {x, expected}: f(x) and f:eval(x) give expected for lo, mid and hi alike (no
-- ranges here: a plain number has no width).
local function exact(f, cases, label)
  for _, c in ipairs(cases) do
    T.lmh(f, c[1], c[2], c[2], c[2], label)
  end
end

T.test("fixed: a flat monthly amount", function()
  exact(r.fixed(42), { { 0, 42 }, { 1, 42 }, { 1e6, 42 }, { 1e12, 42 } }, "fixed(42)")
  exact(r.fixed(0), { { 0, 0 }, { 5000, 0 } }, "fixed(0)")
  exact(r.fixed(19.99), { { 10000, 19.99 } }, "fixed(19.99)")
end)

T.test("linear: base + rate * x", function()
  -- 0.002 * 10000 = 20; 0.002 * 123456 = 246.912
  exact(r.linear{ rate = 0.002, base = 0 }, { { 0, 0 }, { 10000, 20 }, { 123456, 246.912 } }, "rate 0.002")
  -- base defaults to 0: 3 * 7 = 21
  exact(r.linear{ rate = 3 }, { { 7, 21 } }, "no base")
  -- 10 + 0.5 * 100 = 60; at 0 the base alone
  exact(r.linear{ rate = 0.5, base = 10 }, { { 0, 10 }, { 100, 60 }, { 1001, 510.5 } }, "base 10")
  -- a rate of 0 is a fixed cost
  exact(r.linear{ rate = 0, base = 25 }, { { 1e6, 25 } }, "rate 0")
end)

T.test("power: coef * x ^ exp", function()
  -- 10000 ^ 0.8 = 10 ^ 3.2 = 1584.893192461114; * 2.5 = 3962.232981152785
  exact(r.power{ coef = 2.5, exp = 0.8 }, { { 10000, 3962.232981152785 }, { 0, 0 }, { 1, 2.5 } }, "2.5 x^0.8")
  -- 3 * 4 ^ 2 = 48
  exact(r.power{ coef = 3, exp = 2 }, { { 4, 48 }, { 10, 300 } }, "3 x^2")
  -- exp = 0: the coefficient at every x, 0 included (0 ^ 0 = 1)
  exact(r.power{ coef = 7, exp = 0 }, { { 0, 7 }, { 1e6, 7 } }, "7 x^0")
  -- 4 * sqrt(1e6) = 4000; 4 * sqrt(0.25) = 2
  exact(r.power{ coef = 4, exp = 0.5 }, { { 1e6, 4000 }, { 0.25, 2 } }, "4 x^0.5")
end)

T.test("points: linear interpolation and extrapolation", function()
  local spec = function(extra)
    local t = { { 10000, 300 }, { 100000, 3000 }, interp = "linear" }
    for k, v in pairs(extra or {}) do
      t[k] = v
    end
    return r.points(t)
  end
  -- slope (3000 - 300) / 90000 = 0.03 a user
  -- 55000: 300 + 45000 * 0.03 = 1650; 5000: 300 - 5000 * 0.03 = 150; 200000: 3000 + 3000 = 6000
  exact(spec(), { { 10000, 300 }, { 55000, 1650 }, { 100000, 3000 }, { 5000, 150 }, { 200000, 6000 } },
    "default (linear both sides)")
  exact(spec{ extrapolate = "linear" }, { { 5000, 150 }, { 200000, 6000 } }, "extrapolate linear")
  exact(spec{ extrapolate = "clamp" }, { { 5000, 300 }, { 0, 300 }, { 200000, 3000 }, { 55000, 1650 } },
    "extrapolate clamp")
  exact(spec{ extrapolate = { below = "clamp", above = "linear" } }, { { 5000, 300 }, { 200000, 6000 } },
    "below clamp, above linear")
  exact(spec{ extrapolate = { below = "linear", above = "clamp" } }, { { 5000, 150 }, { 200000, 3000 } },
    "below linear, above clamp")
  -- one side given: the other keeps the default, linear
  exact(spec{ extrapolate = { above = "clamp" } }, { { 5000, 150 }, { 200000, 3000 } }, "above only")

  -- extrapolate = "error": the span 10000..100000 is inclusive at both ends
  local strict = spec{ extrapolate = "error" }
  exact(strict, { { 10000, 300 }, { 100000, 3000 } }, "error: the end points")
  T.raises(function() return strict(9999) end, "below the points' span")
  T.raises(function() return strict(100001) end, "above the points' span")
  local half = spec{ extrapolate = { below = "error", above = "clamp" } }
  exact(half, { { 250000, 3000 } }, "below error, above clamp")
  T.raises(function() return half(5000) end, "driver value 5000 is below")

  -- three points, two slopes: 0..100 slope 0.1, 100..300 slope 0.2
  -- 50: 10 + 5 = 15; 200: 20 + 20 = 40; 400: the last segment continued, 60 + 20 = 80
  exact(r.points{ { 0, 10 }, { 100, 20 }, { 300, 60 } }, { { 0, 10 }, { 50, 15 }, { 100, 20 }, { 200, 40 }, { 300, 60 }, { 400, 80 } },
    "three points")
end)

T.test("points: log-log interpolation", function()
  -- through (10, 100) and (1000, 1000): cost = c * x ^ b with 10 = 100 ^ b, b = 0.5,
  -- c = 100 / sqrt(10) = 31.622776601683793
  local f = r.points{ { 10, 100 }, { 1000, 1000 }, interp = "loglog" }
  exact(f, {
    { 10, 100 }, { 1000, 1000 },
    { 100, 316.22776601683796 },   -- 100 * 10 ^ 0.5
    { 10000, 3162.2776601683795 }, -- above: the power law continued, 1000 * 10 ^ 0.5
    { 1, 31.622776601683793 },     -- below: 100 / 10 ^ 0.5
  }, "loglog")
  local clamped = r.points{ { 10, 100 }, { 1000, 1000 }, interp = "loglog", extrapolate = "clamp" }
  exact(clamped, { { 10000, 1000 }, { 1, 100 }, { 100, 316.22776601683796 } }, "loglog clamp")
end)

T.test("step: the first plan whose capacity fits", function()
  local plans = r.step{ { upto = 5000, cost = 500 }, { upto = 20000, cost = 1500 }, { cost = 4000 } }
  exact(plans, {
    { 0, 500 }, { 4999, 500 },
    { 5000, 500 },     -- bounds are inclusive
    { 5001, 1500 }, { 20000, 1500 },
    { 20000.5, 4000 }, -- just past a bound: the next plan
    { 1e9, 4000 },     -- the open plan has no end
  }, "three plans")
  exact(r.step{ { cost = 25 } }, { { 0, 25 }, { 1e7, 25 } }, "one open plan")
  exact(r.step{ { upto = 10, cost = 1 }, { upto = 20, cost = 2 } }, { { 10, 1 }, { 20, 2 } }, "all bounded")
end)

T.test("graduated: the AWS egress published case", function()
  local egress = r.graduated{
    { upto = 10240, rate = 0.09 },
    { upto = 51200, rate = 0.085 },
    { upto = 153600, rate = 0.07 },
    { rate = 0.05 },
  }
  -- 57,000 GB: 10,240 * 0.09 = 921.60; (51,200 - 10,240) = 40,960 * 0.085 = 3,481.60;
  -- (57,000 - 51,200) = 5,800 * 0.07 = 406.00; total 4,809.20
  T.near(egress(57000), 4809.20, 1e-6, "57,000 GB")
  local lo, mid, hi = egress:eval(57000)
  T.near(lo, 4809.20, 1e-6, "lo")
  T.near(mid, 4809.20, 1e-6, "mid")
  T.near(hi, 4809.20, 1e-6, "hi")
  local tol = 1e-6
  for _, c in ipairs{
    { 0, 0 },
    { 1000, 90 },           -- 1000 * 0.09
    { 10240, 921.6 },       -- the first bracket full
    { 10241, 921.685 },     -- one unit at 0.085
    { 51200, 4403.2 },      -- 921.6 + 3481.6
    { 153600, 11571.2 },    -- 4403.2 + 102,400 * 0.07 = 4403.2 + 7168
    { 200000, 13891.2 },    -- 11571.2 + 46,400 * 0.05 = 11571.2 + 2320
  } do
    T.lmh(egress, c[1], c[2], c[2], c[2], "egress", tol)
  end
end)

T.test("graduated: a free allowance", function()
  -- PRODUCT.md's example: 100 GB free, then 0.09, 0.085, 0.07
  local f = r.graduated{ { upto = 10240, rate = 0.09 }, { upto = 51200, rate = 0.085 }, { rate = 0.07 }, free = 100 }
  local tol = 1e-6
  for _, c in ipairs{
    { 0, 0 }, { 50, 0 }, { 100, 0 }, -- within the allowance
    { 1100, 90 },                    -- 1000 billable units at 0.09
    { 57100, 4809.2 },               -- 57,000 billable: the published case above
    { 10340, 921.6 },                -- 10,240 billable: the first bracket exactly
  } do
    T.lmh(f, c[1], c[2], c[2], c[2], "free 100", tol)
  end
end)

T.test("volume: every unit at the bracket the total reaches", function()
  local v = r.volume{ { upto = 1000, rate = 10, fee = 0 }, { rate = 8 } }
  -- 500 * 10 = 5000; 1000 * 10 = 10000 (inclusive); 1001 * 8 = 8008; 2000 * 8 = 16000
  exact(v, { { 0, 0 }, { 500, 5000 }, { 1000, 10000 }, { 1001, 8008 }, { 2000, 16000 } }, "two brackets")
  local fees = r.volume{ { upto = 1000, rate = 10, fee = 5 }, { upto = 5000, rate = 8, fee = 100 }, { rate = 6, fee = 1000 } }
  -- 1000 * 10 + 5 = 10005; 1001 * 8 + 100 = 8108; 5000 * 8 + 100 = 40100; 6000 * 6 + 1000 = 37000
  exact(fees, { { 0, 5 }, { 1000, 10005 }, { 1001, 8108 }, { 5000, 40100 }, { 6000, 37000 } }, "with fees")
end)

T.test("instances: ceil(load / capacity) replicas within min..max", function()
  local svc = r.instances{ capacity = 5000, price = 45, min = 2, max = 50 }
  exact(svc, {
    { 0, 90 },         -- min 2 * 45
    { 5000, 90 },      -- 1 replica, raised to min 2
    { 10000, 90 },     -- exactly 2
    { 10001, 135 },    -- 3 * 45
    { 100000, 900 },   -- 20 * 45
    { 250000, 2250 },  -- 50 * 45
    { 1e6, 2250 },     -- 200 wanted, held at max 50
  }, "min 2 max 50")
  -- min defaults to 1, no maximum: ceil(1e6 / 100) = 10000 replicas * 10
  exact(r.instances{ capacity = 100, price = 10 }, { { 0, 10 }, { 100, 10 }, { 101, 20 }, { 1e6, 100000 } }, "defaults")
  exact(r.instances{ capacity = 100, price = 10, min = 0 }, { { 0, 0 }, { 1, 10 } }, "min 0")
  -- 1.1 / 0.1 is 11.000000000000002 in binary floating point: still 11 replicas, not 12
  exact(r.instances{ capacity = 0.1, price = 1, min = 0 }, { { 1.1, 11 }, { 0.3, 3 } }, "rounding")
end)

T.test("eval over a list of driver values", function()
  local f = r.linear{ rate = 2, base = 10 }
  local lo, mid, hi = f:eval{ 1, 2, 3 }
  -- 12, 14, 16 at each end
  for i, want in ipairs{ 12, 14, 16 } do
    T.near(lo[i], want, "lo[" .. i .. "]")
    T.near(mid[i], want, "mid[" .. i .. "]")
    T.near(hi[i], want, "hi[" .. i .. "]")
  end
  T.eq(#lo, 3, "three results")
  local elo, emid, ehi = f:eval{}
  T.eq(#elo + #emid + #ehi, 0, "an empty list gives empty lists")
end)

T.test("spec tables are read raw", function()
  local answering = { __index = function(_, k) return k == "interp" and "loglog" or 1 end,
                      __len = function() return 2 ^ 61 end }
  -- the metatable's fields are not the spec's: rate is missing
  T.raises(function() r.linear(setmetatable({}, answering)) end, T.here() .. "linear: missing field 'rate'")
  -- the raw list has two points; __len's 2^61 is not believed
  local pts = setmetatable({ { 0, 0 }, { 10, 100 } }, answering)
  T.lmh(r.points(pts), 5, 50, 50, 50, "points read by their raw length, interp linear")
  T.raises(function() r.points(setmetatable({}, answering)) end, T.here() .. "points: needs at least two points {x, cost} (got 0)")
  T.raises(function() r.step(setmetatable({}, answering)) end, T.here() .. "step: needs at least one plan")
  local plan = setmetatable({ cost = 5 }, { __index = function() return 1 end })
  T.lmh(r.step{ plan }, 1000, 5, 5, 5, "a plan's upto is raw: absent, the plan is open")
  T.lmh(r.instances(setmetatable({ capacity = 10, price = 2 }, { __index = function() return 1 end })), 100, 20, 20, 20,
    "instances: min and max are raw (absent)")
  T.eq(select("#", r.linear({ rate = 1 }, "extra")), 1, "one value back")
end)

T.done()
