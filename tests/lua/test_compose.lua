-- Composition of cost functions (engine/lua/wrap_cost.c, stdlib r.sum): sums, differences,
-- scaling, max and min, driver derivation with :of, Lua functions as cost functions, and
-- tostring.  Expected numbers are worked out by hand in the comments.
-- Run: cd tests/lua && reckon eval test_compose.lua
local r = require "reckon"
local T = require "_testlib"

local f = r.linear{ rate = 2, base = 10 } -- 10 + 2x: 30 at x = 10
local g = r.fixed(5)

T.test("arithmetic: + - * /", function()
  -- {label, function, lo, mid, hi} at x = 10 where f = 30 and g = 5
  local cases = {
    { "f + g", f + g, 35, 35, 35 },
    { "f - g", f - g, 25, 25, 25 },
    { "f * 2", f * 2, 60, 60, 60 },
    { "2 * f", 2 * f, 60, 60, 60 },
    { "f * 0", f * 0, 0, 0, 0 },
    { "f / 12", f / 12, 2.5, 2.5, 2.5 },   -- a yearly price as a monthly one: 30 / 12
    { "f + 1", f + 1, 31, 31, 31 },        -- a number counts as a fixed cost
    { "1 + f", 1 + f, 31, 31, 31 },
    { "100 - f", 100 - f, 70, 70, 70 },
    { "f - 1", f - 1, 29, 29, 29 },
    { "(f + g) * 2", (f + g) * 2, 70, 70, 70 },
    { "f + g + g", f + g + g, 40, 40, 40 },
    -- a range factor: 30 * 0.9 = 27, 30 * 1.0 = 30, 30 * 1.1 = 33
    { "f * range", f * r.range(0.9, 1.1), 27, 30, 33 },
    { "range * f", r.range(0.9, 1.1) * f, 27, 30, 33 },
    -- a range as a fixed cost: 30 + 1..3
    { "f + range", f + r.range(1, 3), 31, 32, 33 },
    { "range + f", r.range(1, 3) + f, 31, 32, 33 },
    -- the least of range - f takes the range at its low end: 1 - 30 .. 3 - 30
    { "range - f", r.range(1, 3) - f, -29, -28, -27 },
  }
  for _, c in ipairs(cases) do
    T.lmh(c[2], 10, c[3], c[4], c[5], c[1])
  end
  -- the operands are left as they were
  T.lmh(f, 10, 30, 30, 30, "f itself")
  T.lmh(g, 10, 5, 5, 5, "g itself")
end)

T.test("max and min: minimum commitments and caps", function()
  local usage = r.linear{ rate = 0.01 } -- 0.01 a user
  -- a $100 minimum commitment: 50 of usage at 5,000 users is billed 100; 200 at 20,000 is 200
  local committed = r.max(usage, 100)
  T.lmh(committed, 5000, 100, 100, 100, "commitment below")
  T.lmh(committed, 20000, 200, 200, 200, "commitment above")
  T.lmh(committed, 10000, 100, 100, 100, "commitment at the boundary")
  T.lmh(r.max(usage, r.fixed(100)), 5000, 100, 100, 100, "a cost function as the minimum")
  -- a cap of 150: 200 at 20,000 users is held at 150
  local capped = r.min(usage, 150)
  T.lmh(capped, 20000, 150, 150, 150, "cap above")
  T.lmh(capped, 5000, 50, 50, 50, "cap below")
  -- more than two operands: max(10, 20, 15) = 20; min = 10
  T.lmh(r.max(r.fixed(10), r.fixed(20), r.fixed(15)), 0, 20, 20, 20, "max of three")
  T.lmh(r.min(r.fixed(10), r.fixed(20), r.fixed(15)), 0, 10, 10, 10, "min of three")
  -- a commitment and a cap together: between 100 and 150
  local band = r.min(r.max(usage, 100), 150)
  T.lmh(band, 1000, 100, 100, 100, "band low")
  T.lmh(band, 12000, 120, 120, 120, "band inside")
  T.lmh(band, 90000, 150, 150, 150, "band high")
end)

T.test("r.sum", function()
  -- at x = 10: f = 30, g = 5, 3 -> 38
  T.lmh(r.sum{ f, g, 3 }, 10, 38, 38, 38, "sum of a list")
  T.lmh(r.sum(f, g), 10, 35, 35, 35, "sum of arguments")
  T.lmh(r.sum{ f }, 10, 30, 30, 30, "sum of one")
  -- with a range: 30 + 5 + 1..3
  T.lmh(r.sum(f, g, r.range(1, 3)), 10, 36, 37, 38, "sum with a range")
  -- the same as f + g + 3
  T.lmh(r.sum{ f, g, 3 } - (f + g + 3), 10, 0, 0, 0, "sum equals repeated +")
end)

T.test("f:of(g): a cost over a derived driver", function()
  local egress = r.graduated{
    { upto = 10240, rate = 0.09 }, { upto = 51200, rate = 0.085 }, { upto = 153600, rate = 0.07 }, { rate = 0.05 },
  }
  -- 114,000 users at 0.5 GB a user = 57,000 GB: the published 4,809.20
  T.lmh(egress:of(r.linear{ rate = 0.5 }), 114000, 4809.2, 4809.2, 4809.2, "of(linear)", 1e-6)
  T.lmh(egress:of(0.5), 114000, 4809.2, 4809.2, 4809.2, "of(0.5)", 1e-6)
  -- a Lua function as the derivation: 114,000 / 2
  T.lmh(egress:of(function(u) return u / 2 end), 114000, 4809.2, 4809.2, 4809.2, "of(function)", 1e-6)
  -- plans over requests: 20 requests a user; 300 users = 6,000 requests, past the 5,000 plan
  local plans = r.step{ { upto = 5000, cost = 500 }, { upto = 20000, cost = 1500 }, { cost = 4000 } }
  T.lmh(plans:of(20), 250, 500, 500, 500, "step of 20 (5,000: inclusive)")
  T.lmh(plans:of(20), 300, 1500, 1500, 1500, "step of 20 (6,000)")
  -- nested: (f:of(2)):of(3) at 1 is f at 3 * 1 * 2 = 6: 10 + 2 * 6 = 22
  T.lmh(f:of(2):of(3), 1, 22, 22, 22, "nested of")
  -- a derivation with a base: 100 + 0.5 x
  T.lmh(r.linear{ rate = 1 }:of(r.linear{ rate = 0.5, base = 100 }), 1000, 600, 600, 600, "of with base")
  -- composition over a derived driver: (egress + 10):of(0.5)
  T.lmh((egress + 10):of(0.5), 114000, 4819.2, 4819.2, 4819.2, "sum of", 1e-6)
end)

T.test("a Lua function as a cost function", function()
  local per_user = function(x) return 0.5 * x end
  -- 0.5 * 100 + 10 = 60
  T.lmh(r.sum{ per_user, 10 }, 100, 60, 60, 60, "function in r.sum")
  T.lmh(g + per_user, 100, 55, 55, 55, "cost + function")
  T.lmh(r.max(per_user, 100), 100, 100, 100, 100, "function in r.max (below)")
  T.lmh(r.max(per_user, 100), 1000, 500, 500, 500, "function in r.max (above)")
  T.lmh(r.sum{ per_user } * 2, 100, 100, 100, 100, "scaled function")
  -- returning a range: x .. 2x, mid 1.5x
  local uncertain = function(x) return r.range(x, 2 * x) end
  T.lmh(r.sum{ uncertain }, 10, 10, 15, 20, "function returning a range")
  T.lmh(r.sum{ uncertain } + f, 10, 40, 45, 50, "range function + f")
  -- integer results are numbers too
  T.lmh(r.sum{ function(x) return 7 end }, 3, 7, 7, 7, "returning an integer")
  -- it sees the driver value it is evaluated at, and f(x) calls it once a value
  local seen = {}
  local spy = r.sum{ function(x) seen[#seen + 1] = x; return x end }
  spy:eval{ 1, 2, 3 }
  T.eq(table.concat(seen, ","), "1.0,2.0,3.0", "driver values passed")
  -- a Lua function with upvalues, as a model would write a custom price
  local function tiered_support(x)
    if x <= 1000 then return 0 end
    return 29 + 0.01 * (x - 1000)
  end
  T.lmh(r.sum{ tiered_support }, 500, 0, 0, 0, "custom below")
  T.lmh(r.sum{ tiered_support }, 3000, 49, 49, 49, "custom above") -- 29 + 0.01 * 2000
  -- a Lua function may evaluate other cost functions: 2 * (2x) at 5 = 20
  local twice = r.sum{ function(x) return 2 * f:of(1)(x) - 2 * 10 end }
  T.lmh(twice, 5, 20, 20, 20, "a function calling a cost function")
  -- and a cost function may be evaluated from inside a coroutine
  T.eq(coroutine.wrap(function() return twice(5) end)(), 20, "evaluated in a coroutine")
end)

T.test("tostring names the kind and where it was made", function()
  local line = T.line(); local a = r.linear{ rate = 1 }; local s = a + 1; local m = a * 2; local mx = r.max(a, 1)
  local function made(kind, v)
    local text = tostring(v)
    T.ok(text:find("^cost%(" .. kind .. " at .*test_compose%.lua:" .. line .. "%)$") ~= nil,
      kind .. ": " .. text)
  end
  made("linear", a)
  made("sum", s)
  made("scale", m)
  made("max", mx)
  T.eq(tostring(r.range(0.9, 1.1)), "range(0.9, 1.1)", "a range")
  T.ok(tostring(r.range(200, 400)):find("^range%(200[.0]*, 400[.0]*%)$") ~= nil,
    "a range of whole numbers: " .. tostring(r.range(200, 400)))
end)

T.test("results are plain numbers", function()
  T.eq(math.type(f(10)), "float", "f(x) is a float")
  local lo, mid, hi = f:eval(10)
  T.eq(type(lo) .. type(mid) .. type(hi), "numbernumbernumber", "eval gives numbers")
  -- f(x) is the mid: a fixed cost of 10..30 reads 20
  T.eq(r.fixed(r.range(10, 30))(0), 20, "f(x) is the mid")
end)

T.test("r.sum, r.max and r.min of very many terms", function()
  -- r.sum is one node over its terms, whatever their number: 1 + 2 + ... + 100000 is
  -- 100000 * 100001 / 2 = 5000050000, at any driver value (the terms are fixed costs)
  local terms = {}
  for i = 1, 100000 do terms[i] = i end
  T.lmh(r.sum(terms), 7, 5000050000, 5000050000, 5000050000, "r.sum of a list of 100000")
  T.lmh(r.sum(table.unpack(terms)), 7, 5000050000, 5000050000, 5000050000, "r.sum of 100000 arguments")
  -- a list of cost functions: 100000 times 2x at x = 3 is 600000
  local lines = {}
  for i = 1, 100000 do lines[i] = r.linear{ rate = 2 } end
  T.lmh(r.sum(lines), 3, 600000, 600000, 600000, "r.sum of 100000 cost functions")
  -- r.max / r.min are balanced trees: 300000 arguments (more than the stack of old)
  local args = {}
  for i = 1, 300000 do args[i] = i end
  T.lmh(r.max(table.unpack(args)), 0, 300000, 300000, 300000, "r.max of 300000")
  T.lmh(r.min(table.unpack(args)), 0, 1, 1, 1, "r.min of 300000")
  T.lmh(r.max(1, 5, 3), 0, 5, 5, 5, "r.max of an odd count")
  T.lmh(r.min(4, 2, 8, 6, 9), 0, 2, 2, 2, "r.min of five")
  -- a list longer than reckon takes is an error naming this line
  local huge = setmetatable({}, { __len = function() return 2 ^ 40 end })
  T.raises(function() r.sum(huge) end, T.here() .. "sum: term 1 must be a cost function") -- one term
  T.raises(function() r.sum() end, T.here() .. "sum: needs at least one cost function")
  T.raises(function() r.max(1) end, T.here() .. "max: needs at least two cost functions")
end)

T.test("a list with a metatable is read raw", function()
  -- r.sum{...} takes a plain table as the list; one with a metatable is one term
  local weird = setmetatable({ 1, 2 }, { __len = function() return 1000 end, __index = function() return 5 end })
  T.raises(function() r.sum(weird) end, T.here() .. "sum: term 1 must be a cost function")
  local xs = setmetatable({ 1, 2 }, { __len = function() return 2 ^ 61 end, __index = function() return 7 end })
  local lo, mid, hi = r.fixed(3):eval(xs)
  T.eq(#mid, 2, "eval over a list reads its raw length")
  T.eq(mid[2], 3, "eval over a list: the second value")
end)

T.test("extra arguments are dropped, absent ones are nil", function()
  local f = r.linear{ rate = 2 }
  T.eq(f(3, "extra", {}), 6, "f(x, extra)")
  local lo, mid, hi, more = f:eval(3, 4)
  T.eq(mid, 6, "f:eval(x, extra)")
  T.eq(more, nil, "f:eval gives three values")
  T.eq(select("#", r.fixed(1, 2, 3)), 1, "r.fixed gives one value")
  T.eq(select("#", f:of(2, "extra")), 1, "f:of gives one value")
end)

T.test("a cost function called from a coroutine, then from the main thread", function()
  local calls = 0
  local f = r.sum{ function(x) calls = calls + 1; return 3 * x end }
  local co = coroutine.wrap(function() return f(2) end)
  T.eq(co(), 6, "f(x) inside a coroutine")
  local failing = r.sum{ function(x) error("no price at " .. x) end }
  local ok, err = coroutine.wrap(function() return pcall(failing, 1) end)()
  T.ok(not ok and err:find("no price at 1", 1, true) ~= nil, "an error inside a coroutine")
  co = nil
  for _ = 1, 100000 do local _ = { {} } end -- the coroutines are collected
  T.eq(f(5), 15, "f(x) on the main thread afterwards")
  T.eq(calls, 2, "the function ran twice")
end)

T.done()
