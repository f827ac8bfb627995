-- Validation and evaluation errors of the bindings.  Every message must name this file and
-- the line at fault, e.g. "test_errors.lua:42: step: plan 1: unknown field 'uptp'".
--
-- Each case is one line: {here(), function() <the call> end, "<the message after file:line: >"}.
-- here() is evaluated on the same line as the call, so the expected prefix follows the file
-- when lines move.  Run: cd tests/lua && reckon eval test_errors.lua
local r = require "reckon"
local T = require "_testlib"

local here = T.here
local R = r.range
local nan, inf = 0 / 0, math.huge

--- Runs every case: the call must raise a message containing "file:line: " .. text.
local function run(cases)
  for _, c in ipairs(cases) do
    T.raises(c[2], c[1] .. c[3], c[3])
  end
end

T.test("unknown fields in every spec table", function()
  run{
    { here(), function() r.linear{ rate = 1, bsae = 2 } end, "linear: unknown field 'bsae' (expected rate, base)" },
    { here(), function() r.power{ coef = 1, exp = 1, exponent = 2 } end, "power: unknown field 'exponent' (expected coef, exp)" },
    { here(), function() r.points{ { 1, 1 }, { 2, 2 }, extrapolat = "clamp" } end, "points: unknown field 'extrapolat'" },
    { here(), function() r.points{ { 1, 1 }, { 2, 2 }, extrapolate = { below = "clamp", abov = "clamp" } } end, "points: extrapolate: unknown field 'abov' (expected below, above)" },
    { here(), function() r.points{ { 1, 1 }, { 2, 2, y = 3 } } end, "points: point 2: unknown field 'y'" },
    { here(), function() r.step{ { upto = 1, cost = 1, uptp = 3 } } end, "step: plan 1: unknown field 'uptp' (expected upto, cost)" },
    { here(), function() r.step{ { upto = 1, cost = 1 }, { cots = 2 } } end, "step: plan 2: unknown field 'cots'" },
    { here(), function() r.step{ { upto = 1, cost = 1 }, { cost = 2 }, free = 1 } end, "step: unknown field 'free'" },
    { here(), function() r.graduated{ { upto = 1, rate = 1 }, { rate = 2 }, fre = 1 } end, "graduated: unknown field 'fre' (expected free" },
    { here(), function() r.graduated{ { upto = 1, rate = 1 }, { rte = 2 } } end, "graduated: bracket 2: unknown field 'rte' (expected upto, rate)" },
    { here(), function() r.graduated{ { upto = 1, rate = 1, cost = 2 }, { rate = 2 } } end, "graduated: bracket 1: unknown field 'cost'" },
    { here(), function() r.volume{ { upto = 1, rate = 1, fe = 1 }, { rate = 2 } } end, "volume: bracket 1: unknown field 'fe' (expected upto, rate, fee)" },
    { here(), function() r.volume{ { rate = 2 }, free = 10 } end, "volume: unknown field 'free'" },
    { here(), function() r.instances{ capacity = 1, price = 1, mx = 3 } end, "instances: unknown field 'mx' (expected capacity, price, min, max)" },
    { here(), function() r.instances{ capacity = 1, price = 1, 5 } end, "instances: unexpected key of type number" },
    { here(), function() r.range(1, 2, { dist = "uniform", mod = 1 }) end, "range: unknown field 'mod' (expected dist, mode, name, group)" },
  }
end)

T.test("of several unknown fields, the first by its bytes is named, every run", function()
  -- Lua visits a table's keys in an order that changes from run to run (its string hashes
  -- are seeded afresh): the first unknown key met would not repeat, the least one does.
  -- Forty tables of five unknown keys each: a visit order that named the least by chance
  -- in all of them would be a chance of 5^-40.
  local letters = { "q", "w", "e", "r", "t", "y", "u", "i", "o", "p" }
  for n = 1, 40 do
    local spec, least = { rate = 1 }, nil
    for k = 1, 5 do
      local key = letters[(n * 7 + k * 3) % #letters + 1] .. letters[(n + k) % #letters + 1] .. n
      spec[key] = k
      if not least or key < least then least = key end
    end
    T.raises(function() r.linear(spec) end, "linear: unknown field '" .. least .. "' (expected rate, base)")
  end
  T.raises(function() r.instances{ capacity = 1, price = 1, [true] = 1, zz = 2 } end, "instances: unknown field 'zz'",
    "a string key before a key of another type")
end)

T.test("messages for a list-only table say what it takes", function()
  -- step and volume take only a list of plans or brackets: the message must not read
  -- "(expected , or list entries)" with nothing before the comma
  local msg = T.raises(function() r.step{ { cost = 1 }, free = 1 } end, "step: unknown field 'free'")
  T.ok(msg and not msg:find("expected ,", 1, true), "no empty list of names in: " .. tostring(msg))
  msg = T.raises(function() r.points{ { 1, 1 }, { 2, 2, y = 3 } } end, "points: point 2: unknown field 'y'")
  T.ok(msg and not msg:find("expected ,", 1, true), "no empty list of names in: " .. tostring(msg))
end)

T.test("bounds that do not increase", function()
  run{
    { here(), function() r.step{ { upto = 10, cost = 1 }, { upto = 10, cost = 2 } } end, "step: plan 2: upto (10) must be greater than the previous plan's upto (10)" },
    { here(), function() r.step{ { upto = 10, cost = 1 }, { upto = 5, cost = 2 }, { cost = 3 } } end, "step: plan 2: upto (5) must be greater than the previous plan's upto (10)" },
    { here(), function() r.graduated{ { upto = 10, rate = 1 }, { upto = 10, rate = 2 } } end, "graduated: bracket 2: upto (10) must be greater than the previous bracket's upto (10)" },
    { here(), function() r.volume{ { upto = 10, rate = 1 }, { upto = 9, rate = 2 } } end, "volume: bracket 2: upto (9) must be greater than the previous bracket's upto (10)" },
    { here(), function() r.points{ { 10, 1 }, { 10, 2 } } end, "points: point 2: the driver value (10) must be greater than the previous point's (10)" },
    { here(), function() r.points{ { 10, 1 }, { 20, 2 }, { 15, 3 } } end, "points: point 3: the driver value (15) must be greater than the previous point's (20)" },
    { here(), function() r.step{ { upto = -1, cost = 1 }, { cost = 1 } } end, "step: plan 1: upto must be a finite number >= 0" },
    { here(), function() r.points{ { -1, 1 }, { 2, 2 } } end, "points: point 1: the driver value must be a finite number >= 0" },
  }
end)

T.test("negative rates and prices", function()
  run{
    { here(), function() r.fixed(-5) end, "fixed: the amount must not be negative (got -5)" },
    { here(), function() r.fixed(R(-5, 5)) end, "fixed: the amount must not be negative (got -5)" },
    { here(), function() r.linear{ rate = -1 } end, "linear: rate must not be negative (got -1)" },
    { here(), function() r.linear{ rate = 1, base = -1 } end, "linear: base must not be negative (got -1)" },
    { here(), function() r.power{ coef = -1, exp = 1 } end, "power: coef must not be negative (got -1)" },
    { here(), function() r.power{ coef = 1, exp = -1 } end, "power: exp must not be negative (got -1)" },
    { here(), function() r.points{ { 1, -1 }, { 2, 2 } } end, "points: a point's cost must not be negative (got -1)" },
    { here(), function() r.step{ { cost = -1 } } end, "step: a plan's cost must not be negative (got -1)" },
    { here(), function() r.graduated{ { rate = -0.01 } } end, "graduated: a bracket's rate must not be negative (got -0.01)" },
    { here(), function() r.graduated{ { rate = 1 }, free = -1 } end, "graduated: free must not be negative (got -1)" },
    { here(), function() r.volume{ { rate = -1 } } end, "volume: a bracket's rate must not be negative (got -1)" },
    { here(), function() r.volume{ { rate = 1, fee = -1 } } end, "volume: a bracket's fee must not be negative (got -1)" },
    { here(), function() r.instances{ capacity = 1, price = -1 } end, "instances: price must not be negative (got -1)" },
    { here(), function() return r.fixed(1) * -1 end, "scale: the factor must not be negative (got -1)" },
    { here(), function() return r.fixed(1) * R(-1, 1) end, "scale: the factor must not be negative (got -1)" },
  }
end)

T.test("non-finite numbers", function()
  run{
    { here(), function() r.fixed(nan) end, "fixed: the amount must be a finite number (got NaN, not a number)" },
    { here(), function() r.fixed(-nan) end, "fixed: the amount must be a finite number (got NaN, not a number)" },
    { here(), function() r.fixed(inf) end, "fixed: the amount must be a finite number (got infinity)" },
    { here(), function() r.fixed(-inf) end, "fixed: the amount must be a finite number (got -infinity)" },
    { here(), function() r.fin.npv(0.1, { 1, nan }) end, "NPV: values[2] must be a finite number (got NaN, not a number)" },
    { here(), function() r.linear{ rate = nan } end, "linear: rate must be a finite number" },
    { here(), function() r.linear{ rate = 1, base = inf } end, "linear: base must be a finite number" },
    { here(), function() r.power{ coef = inf, exp = 1 } end, "power: coef must be a finite number" },
    { here(), function() r.power{ coef = 1, exp = nan } end, "power: exp must be a finite number" },
    { here(), function() r.step{ { upto = nan, cost = 1 }, { cost = 1 } } end, "step: plan 1: upto must be a finite number" },
    { here(), function() r.step{ { upto = inf, cost = 1 } } end, "step: plan 1: upto must be a finite number" },
    { here(), function() r.step{ { cost = inf } } end, "step: plan 1: cost must be a finite number" },
    { here(), function() r.graduated{ { rate = nan } } end, "graduated: bracket 1: rate must be a finite number" },
    { here(), function() r.graduated{ { rate = 1 }, free = inf } end, "graduated: free must be a finite number" },
    { here(), function() r.volume{ { rate = 1, fee = nan } } end, "volume: bracket 1: fee must be a finite number" },
    { here(), function() r.points{ { nan, 1 }, { 2, 2 } } end, "points: point 1: the driver value must be a finite number" },
    { here(), function() r.points{ { 1, 1 }, { inf, 2 } } end, "points: point 2: the driver value must be a finite number" },
    { here(), function() r.points{ { 1, inf }, { 2, 2 } } end, "points: point 1: [%w ]*cost must be a finite number" }, -- a pattern: "the cost" reads as well
    { here(), function() r.instances{ capacity = inf, price = 1 } end, "instances: capacity must be a finite number" },
    { here(), function() r.instances{ capacity = 1, price = nan } end, "instances: price must be a finite number" },
    { here(), function() r.instances{ capacity = 1, price = 1, min = nan } end, "instances: min must be a finite number" },
    { here(), function() r.instances{ capacity = 1, price = 1, max = inf } end, "instances: max must be a finite number" },
    { here(), function() r.range(1, inf) end, "range: low and high must be finite numbers" },
    { here(), function() r.range(nan, 1) end, "range: low and high must be finite numbers" },
    { here(), function() return r.fixed(1) * nan end, "*: the factor must be a finite number" },
    { here(), function() return r.fixed(1) * inf end, "*: the factor must be a finite number" },
    { here(), function() return r.fixed(1) + inf end, "right operand of + must be a finite number" },
    { here(), function() return r.fixed(1) / nan end, "/: divide a cost function by a number > 0" },
    { here(), function() return r.fixed(1)(nan) end, "driver value must be a finite number >= 0" },
    { here(), function() return r.fixed(1)(inf) end, "driver value must be a finite number >= 0" },
    { here(), function() return r.fixed(1):eval{ 1, nan } end, "driver value must be a finite number >= 0" },
  }
end)

T.test("empty lists and too few points", function()
  run{
    { here(), function() r.step{} end, "step: needs at least one plan" },
    { here(), function() r.graduated{} end, "graduated: needs at least one bracket" },
    { here(), function() r.graduated{ free = 10 } end, "graduated: needs at least one bracket" },
    { here(), function() r.volume{} end, "volume: needs at least one bracket" },
    { here(), function() r.points{} end, "points: needs at least two points {x, cost} (got 0)" },
    { here(), function() r.points{ { 1, 1 } } end, "points: needs at least two points {x, cost} (got 1)" },
    { here(), function() r.points{ { 1, 1 }, interp = "linear" } end, "points: needs at least two points {x, cost} (got 1)" },
    { here(), function() local _ = r.sum{} end, "sum: needs at least one cost function" },
    { here(), function() local _ = r.sum() end, "sum: needs at least one cost function" },
    { here(), function() r.max(r.fixed(1)) end, "max: needs at least two cost functions" },
    { here(), function() r.min() end, "min: needs at least two cost functions" },
  }
end)

T.test("capacity of zero, open tiers not last, loglog with zero", function()
  run{
    { here(), function() r.instances{ capacity = 0, price = 1 } end, "instances: capacity must be greater than 0 (got 0)" },
    { here(), function() r.instances{ capacity = R(0, 5), price = 1 } end, "instances: capacity must be greater than 0 (got 0)" },
    { here(), function() r.instances{ capacity = 1, price = 1, min = 1.5 } end, "instances: min must be a whole number >= 0 (got 1.5)" },
    { here(), function() r.instances{ capacity = 1, price = 1, min = 3, max = 2 } end, "instances: max must be a whole number >= min (got max 2, min 3)" },
    { here(), function() r.instances{ capacity = 1, price = 1, max = -1 } end, "instances: max must be a whole number >= min" },
    { here(), function() r.step{ { cost = 1 }, { upto = 5, cost = 2 } } end, "step: plan 1 has no upto, but only the last plan may be open-ended" },
    { here(), function() r.graduated{ { rate = 1 }, { upto = 5, rate = 2 } } end, "graduated: bracket 1 has no upto, but only the last bracket may be open-ended" },
    { here(), function() r.volume{ { upto = 5, rate = 1 }, { rate = 2 }, { rate = 3 } } end, "volume: bracket 2 has no upto, but only the last bracket may be open-ended" },
    { here(), function() r.points{ { 1, 0 }, { 2, 2 }, interp = "loglog" } end, "points: point 1: a cost must be > 0 with interp = \"loglog\"" },
    { here(), function() r.points{ { 1, 5 }, { 2, R(0, 2) }, interp = "loglog" } end, "points: point 2: a cost must be > 0 with interp = \"loglog\"" },
    { here(), function() r.points{ { 0, 1 }, { 2, 2 }, interp = "loglog" } end, "points: point 1: the driver value must be a finite number > 0" },
  }
end)

T.test("wrong types", function()
  local f = r.fixed(1)
  run{
    { here(), function() r.linear("x") end, "bad argument #1 to 'linear' (table expected, got string)" },
    { here(), function() r.step(5) end, "bad argument #1 to 'step' (table expected, got number)" },
    { here(), function() r.linear{ rate = "x" } end, "linear: rate must be a number or r.range(low, high) (got string)" },
    { here(), function() r.linear{ rate = "0.5" } end, "linear: rate must be a number or r.range(low, high) (got string)" },
    { here(), function() r.fixed("a") end, "fixed: the amount must be a number or r.range(low, high) (got string)" },
    { here(), function() r.fixed({}) end, "fixed: the amount must be a number or r.range(low, high) (got table)" },
    { here(), function() r.fixed() end, "bad argument #1 to 'fixed' (value expected)" },
    { here(), function() r.step{ "x" } end, "step: plan 1 must be a table (got string)" },
    { here(), function() r.step{ { upto = "5", cost = 1 }, { cost = 2 } } end, "step: plan 1: upto must be a number (got string)" },
    { here(), function() r.step{ { upto = R(1, 2), cost = 1 }, { cost = 2 } } end, "step: plan 1: upto must be a number" },
    { here(), function() r.step{ { upto = 5 } } end, "step: plan 1: missing field 'cost'" },
    { here(), function() r.graduated{ { upto = 5 } } end, "graduated: bracket 1: missing field 'rate'" },
    { here(), function() r.linear{} end, "linear: missing field 'rate'" },
    { here(), function() r.power{ coef = 1 } end, "power: missing field 'exp'" },
    { here(), function() r.instances{ capacity = 1 } end, "instances: missing field 'price'" },
    { here(), function() r.instances{ capacity = "1", price = 1 } end, "instances: capacity must be a number or r.range(low, high) (got string)" },
    { here(), function() r.instances{ capacity = 1, price = 1, min = R(1, 2) } end, "instances: min must be a number" },
    { here(), function() r.points{ 1, 2 } end, "points: point 1 must be a pair {x, cost}" },
    { here(), function() r.points{ { 1, 1 }, { 2 } } end, "points: point 2 must be a pair {x, cost}" },
    { here(), function() r.points{ { "a", 1 }, { 2, 2 } } end, "points: point 1: x must be a number (got string)" },
    { here(), function() r.points{ { 1, "a" }, { 2, 2 } } end, "points: point 1" },
    { here(), function() r.points{ { 1, 1 }, { 2, 2 }, interp = 3 } end, "points: interp must be one of linear, loglog (got 3)" },
    { here(), function() r.points{ { 1, 1 }, { 2, 2 }, interp = "cubic" } end, "points: interp must be one of linear, loglog (got cubic)" },
    { here(), function() r.points{ { 1, 1 }, { 2, 2 }, extrapolate = "wrong" } end, "points: extrapolate must be one of linear, clamp, error (got wrong)" },
    { here(), function() r.points{ { 1, 1 }, { 2, 2 }, extrapolate = { below = "hold" } } end, "points: extrapolate: below must be one of linear, clamp, error (got hold)" },
    { here(), function() return f * "x" end, "*: multiply a cost function by a number or r.range(low, high), not by a string" },
    { here(), function() return f * f end, "*: multiply a cost function by a number or r.range(low, high)" },
    { here(), function() return f / 0 end, "/: divide a cost function by a number > 0" },
    { here(), function() return f / -2 end, "/: divide a cost function by a number > 0" },
    { here(), function() return f / f end, "/: divide a cost function by a number > 0" },
    { here(), function() return f + "x" end, "right operand of + must be a cost function, a number, r.range(low, high) or a function of the driver (got string)" },
    { here(), function() return f + {} end, "right operand of + must be a cost function" },
    { here(), function() return true - f end, "left operand of - must be a cost function" },
    { here(), function() return f:of("x") end, "of: the driver must be a cost function, a number, r.range(low, high) or a function of the driver (got string)" },
    { here(), function() return f:of(-1) end, ".*must not be negative %(got %-1%)" },
    { here(), function() return r.max(f, "x") end, "max: term 2 must be a cost function" },
    { here(), function() local _ = r.sum(f, "x") end, ".*must be a cost function" },
    { here(), function() return f("x") end, "bad argument #2 to .*number expected, got string" },
    { here(), function() return f(-1) end, "driver value must be a finite number >= 0 (got -1" },
  }
end)

T.test("r.option errors", function()
  local ok_item = { name = "web", category = "compute", cost = 10 }
  run{
    { here(), function() r.option{ items = { ok_item } } end, "option: missing field 'name'" },
    { here(), function() r.option{ name = "", items = { ok_item } } end, "option: name must not be empty" },
    { here(), function() r.option{ name = 5, items = { ok_item } } end, "option: name must be a string (got number)" },
    { here(), function() r.option{ name = "A", items = { ok_item }, colour = "red" } end, "option: unknown field 'colour' (expected name, items, users, stated, checks)" },
    { here(), function() r.option{ name = "A", items = {} } end, "option \"A\": items must be a non-empty list of items" },
    { here(), function() r.option{ name = "A" } end, "option \"A\": items must be a non-empty list of items" },
    { here(), function() r.option{ name = "A", items = { "web" } } end, "option \"A\": item 1 must be a table" },
    { here(), function() r.option{ name = "A", items = { { name = "web", category = "compute", cost = 1, price = 2 } } } end, "option \"A\": item 1: unknown field 'price' (expected name, category, cost, note)" },
    { here(), function() r.option{ name = "A", items = { { category = "compute", cost = 1 } } } end, "option \"A\": item 1: missing field 'name'" },
    { here(), function() r.option{ name = "A", items = { { name = "web", category = "servers", cost = 1 } } } end, "option \"A\": item \"web\": unknown category 'servers' (expected one of compute, database, cache, network, storage, data, ai, monitoring, other)" },
    { here(), function() r.option{ name = "A", items = { { name = "web", cost = 1 } } } end, "option \"A\": item \"web\": missing field 'category'" },
    { here(), function() r.option{ name = "A", items = { { name = "web", category = "compute" } } } end, "option \"A\": item \"web\": missing field 'cost'" },
    { here(), function() r.option{ name = "A", items = { { name = "web", category = "compute", cost = "cheap" } } } end, "option \"A\": item \"web\": cost must be a cost function" },
    { here(), function() r.option{ name = "A", items = { ok_item, { name = "web", category = "cache", cost = 1 } } } end, "option \"A\": item \"web\" appears twice" },
    { here(), function() r.option{ name = "A", items = { ok_item }, users = { 0 } } end, "option \"A\": users[1] must be a user count >= 1" },
    { here(), function() r.option{ name = "A", items = { ok_item }, users = 1000 } end, "option \"A\": users must be a list of user counts" },
    { here(), function() r.option{ name = "A", items = { ok_item }, stated = { { users = 1000 } } } end, "option \"A\": stated 1: missing field 'total'" },
    { here(), function() r.option{ name = "A", items = { ok_item }, stated = { { users = 1000, total = 5, src = "x" } } } end, "option \"A\": stated 1: unknown field 'src'" },
  }
  -- the same item with a valid category passes, and the option reports what it holds
  local opt = T.succeeds(function() return r.option{ name = "A", items = { ok_item } } end, "a valid option")
  T.eq(opt and opt.name, "A", "option name")
  T.eq(opt and opt.item_count, 1, "option item count")
end)

T.test("the line of a multi-line call is its first line", function()
  local line = T.line() + 1
  local ok, msg = pcall(r.step, {
    { upto = 10, cost = 1 },
    { upto = 20, cots = 2 },
  })
  T.eq(ok, false, "raises")
  T.ok(tostring(msg):find("test_errors.lua:" .. line .. ": step: plan 2: unknown field 'cots'", 1, true) ~= nil,
    "names the call's line: " .. tostring(msg))
end)

T.test("evaluation errors name the function's line and the driver value", function()
  local line = T.line(); local plans = r.step{ { upto = 10, cost = 1 }, { upto = 20, cost = 2 } }
  local prefix = "test_errors.lua:" .. line .. ": "
  T.lmh(plans, 20, 2, 2, 2, "the last plan's bound is inside")
  T.raises(function() return plans(25) end, prefix .. "step: driver value 25 is beyond the last plan (upto 20)")
  T.raises(function() return plans:eval(1e6) end, prefix .. "step: driver value 1000000 is beyond the last plan")
  T.raises(function() return plans:eval{ 5, 20.5 } end, prefix .. "step: driver value 20.5 is beyond the last plan")
  -- inside a composition the innermost function at fault is named
  local total = plans + r.fixed(100)
  T.raises(function() return total(30) end, prefix .. "step: driver value 30 is beyond the last plan")
  local scaled = plans:of(10)
  T.raises(function() return scaled(3) end, prefix .. "step: driver value 30 is beyond the last plan")

  line = T.line(); local egress = r.graduated{ { upto = 100, rate = 1 } }
  T.raises(function() return egress(150) end, "test_errors.lua:" .. line .. ": graduated: driver value 150 is beyond the last bracket (upto 100)")
  line = T.line(); local vol = r.volume{ { upto = 100, rate = 1 } }
  T.raises(function() return vol(101) end, "test_errors.lua:" .. line .. ": volume: driver value 101 is beyond the last bracket (upto 100)")
  line = T.line(); local strict = r.points{ { 10, 1 }, { 20, 2 }, extrapolate = "error" }
  T.raises(function() return strict(5) end, "test_errors.lua:" .. line .. ": points: driver value 5 is below the points' span 10..20 and extrapolate is \"error\" there")
  T.raises(function() return strict(21) end, "test_errors.lua:" .. line .. ": points: driver value 21 is above the points' span 10..20")
  -- a derived driver that goes negative is named at the :of that derives it
  line = T.line(); local derived = r.linear{ rate = 1 }:of(function(u) return u - 100 end)
  T.raises(function() return derived(50) end, "test_errors.lua:" .. line .. ": driver value -50 is negative")
end)

T.test("a Lua cost function that errors or returns a wrong value", function()
  local err_line = T.line(); local function broken(x) error("no price for " .. x) end
  T.raises(function() return r.sum{ broken }(7) end, "test_errors.lua:" .. err_line .. ": no price for 7")

  -- a function that returns a string: the message names the function's own line (where it
  -- is written), the driver value and what it returned
  local def = T.line(); local function wordy(x) return "cheap" end
  local wrapped = r.sum{ wordy }
  T.raises(function() return wrapped(1) end, "function: returned string at driver value 1")
  T.raises(function() return wrapped(1) end, "test_errors.lua:" .. def .. ": function: returned string")

  local def_nil = T.line(); local function silent(x) end
  local wrapped_nil = r.max(silent, 1)
  T.raises(function() return wrapped_nil(2) end, "test_errors.lua:" .. def_nil .. ": function: returned nil at driver value 2")

  local def_nan = T.line(); local function undefined(x) return 0 / 0 end
  local wrapped_nan = r.sum{ undefined }
  T.raises(function() return wrapped_nan(3) end, "test_errors.lua:" .. def_nan .. ": function: returned a value that is not a finite number at driver value 3")

  -- an error object that is not a string has no position of its own: the message must
  -- still name the function
  local def_tbl = T.line(); local function raises_table(x) error({ code = 1 }) end
  local wrapped_tbl = r.sum{ raises_table }
  T.raises(function() return wrapped_tbl(4) end, "test_errors.lua:" .. def_tbl .. ":")

end)

T.test("a zero byte in a name or a note is an error", function()
  local f = r.fixed(1)
  local o = r.option{ name = "o", items = { { name = "x", category = "other", cost = 1 } } }
  run{
    { here(), function() r.option{ name = "a\0b", items = { { name = "x", category = "other", cost = 1 } } } end, "option: name contains a zero byte" },
    { here(), function() r.option{ name = "o", items = { { name = "x\0", category = "other", cost = 1 } } } end, "option \"o\": item 1: name contains a zero byte" },
    { here(), function() r.option{ name = "o", items = { { name = "x", category = "other\0", cost = 1 } } } end, "option \"o\": item \"x\": category contains a zero byte" },
    { here(), function() r.option{ name = "o", items = { { name = "x", category = "other", cost = 1, note = "see\0this" } } } end, "option \"o\": item \"x\": note contains a zero byte" },
    { here(), function() r.option{ name = "o", items = { { name = "x", category = "other", cost = 1 } }, stated = { { users = 1, total = 1, source = "\0" } } } end, "option \"o\": stated 1: source contains a zero byte" },
    { here(), function() r.range(1, 2, { name = "\0" }) end, "range: name contains a zero byte" },
    { here(), function() r.range(1, 2, { group = "g\0" }) end, "range: group contains a zero byte" },
    { here(), function() r.analysis{ name = "a\0", options = { o } } end, "analysis: name contains a zero byte" },
    { here(), function() r.change{ name = "c\0", one_off = 1, remove = { "x" } } end, "change: name contains a zero byte" },
    { here(), function() r.change{ name = "c", one_off = 1, remove = { "x" }, note = "\0" } end, "change \"c\": note contains a zero byte" },
    { here(), function() r.change{ name = "c", one_off = 1, remove = { "x\0" } } end, "change \"c\": remove[1] contains a zero byte" },
    { here(), function() r.change{ name = "c", one_off = 1, options = { "\0" } } end, "change \"c\": options[1] contains a zero byte" },
    { here(), function() r.change{ name = "c", one_off = 1, scale = { ["x\0"] = 0.5 } } end, "change \"c\": scale: a name contains a zero byte" },
    { here(), function() r.csv.read("fixture_prices.csv", { numbers = { "cost\0" } }) end, "csv.read: numbers: a column name contains a zero byte" },
    { here(), function() r.linear{ ["rate\0"] = 1 } end, "linear: a field's name contains a zero byte" },
    { here(), function() r.points{ { 1, 1 }, { 2, 2 }, interp = "linear\0" } end, "points: interp must be one of linear, loglog" },
  }
  T.ok(f and true, "the fixture cost")
end)

T.test("a list longer than reckon takes names the line", function()
  local long = {}
  for i = 1, 1000001 do long[i] = 1 end
  run{
    { here(), function() r.fin.npv(0.1, long) end, "NPV: values: a list may have at most 1000000 entries (this one has 1000001)" },
    { here(), function() r.sum(long) end, "sum: a list may have at most 1000000 entries" },
    { here(), function() r.step(long) end, "step: a list may have at most 1000000 entries" },
    { here(), function() r.analysis{ name = "a", options = { r.option{ name = "o", items = { { name = "x", category = "other", cost = 1 } } } }, users = long } end, "analysis: users: a list may have at most 1000000 entries" },
  }
end)

T.test("100000 items: the duplicate check is not quadratic", function()
  local items = {}
  for i = 1, 100000 do items[i] = { name = "item " .. i, category = "other", cost = 1 } end
  local o = T.succeeds(function() return r.option{ name = "many", items = items } end, "100000 distinct items")
  T.eq(o.item_count, 100000, "all of them")
  items[100001] = { name = "item 99999", category = "other", cost = 1 }
  run{ { here(), function() r.option{ name = "many", items = items } end, "option \"many\": item \"item 99999\" appears twice" } }
end)

T.done()
