-- _testlib: a tiny assertion library for the Lua tests of reckon's bindings.
--
--   local T = require "_testlib"
--   T.test("graduated: the AWS egress case", function()
--     T.near(egress(57000), 4809.20)
--     T.raises(function() r.step{ {uptp = 1, cost = 1} } end, T.here() .. "step: plan 1")
--   end)
--   T.done()       -- prints "N passed, M failed"; raises when M > 0
--
-- Every assertion counts one check.  A failed check prints "FAIL file:line: ..." (the line of
-- the assertion's caller) and the test goes on, so one run shows every failure; T.done then
-- raises, so that `reckon eval test_x.lua` exits non-zero.  An error that escapes a T.test
-- body counts as one failed check.
--
-- The sandbox has no debug library: positions come from error()'s own level argument.
-- The file name starts with "_" so that `reckon run tests/lua` would not take it for a model.
local T = {}

local passed, failed = 0, 0
local current = nil -- the name of the running T.test, for failure messages

--- "file.lua:42: " of the code `up` frames above the caller of position (0: that caller).
-- Only the file's base name is kept: a test may run as test_x.lua or as /abs/path/test_x.lua.
local function position(up)
  -- levels for error(): 1 is pcall (C), 2 is position, 3 its caller, 4 the caller's caller
  local _, msg = pcall(error, "", 3 + up)
  msg = tostring(msg)
  return msg:match("([^/]*:%d+: )$") or msg
end

--- "test_x.lua:42: " of the line that calls T.here: what reckon's messages start with when
-- the call on that line is at fault.
function T.here()
  local p = position(1) -- not a tail call: that would drop this frame
  return p
end

--- The line number alone of the line that calls T.line.
function T.line()
  return tonumber(position(1):match(":(%d+): $"))
end

local function show(v)
  if type(v) == "string" then
    return string.format("%q", v)
  end
  return tostring(v)
end

local function record(ok, where, label, detail)
  if ok then
    passed = passed + 1
    return true
  end
  failed = failed + 1
  local context = current and ("[" .. current .. "] ") or ""
  print(string.format("FAIL %s%s%s%s", where, context, label and (label .. ": ") or "", detail))
  return false
end

--- cond must be true.
function T.ok(cond, label)
  return record(cond and true or false, position(1), label, "expected a true value, got " .. show(cond))
end

--- actual == expected (raw equality).
function T.eq(actual, expected, label)
  return record(actual == expected, position(1), label,
    "expected " .. show(expected) .. ", got " .. show(actual))
end

--- |actual - expected| <= tol; tol defaults to 1e-9, relative to |expected| when that is > 1.
function T.near(actual, expected, tol, label)
  if type(tol) == "string" then
    tol, label = nil, tol
  end
  tol = tol or 1e-9 * math.max(1, math.abs(expected))
  local ok = type(actual) == "number" and math.abs(actual - expected) <= tol
  return record(ok, position(1), label,
    string.format("expected %.12g (within %g), got %s", expected, tol, show(actual)))
end

--- f:eval(x) must give lo, mid and hi (each within tol), and f(x) the mid.
function T.lmh(f, x, lo, mid, hi, label, tol)
  local where = position(1)
  label = (label and (label .. " ") or "") .. "at " .. tostring(x)
  local ok, a, b, c = pcall(f.eval, f, x)
  if not ok then
    return record(false, where, label, "evaluation failed: " .. tostring(a))
  end
  local function close(got, want)
    local t = tol or 1e-9 * math.max(1, math.abs(want))
    return math.abs(got - want) <= t
  end
  local call_ok, m = pcall(f, x)
  local good = close(a, lo) and close(b, mid) and close(c, hi) and call_ok and m == b
  return record(good, where, label, string.format(
    "expected lo, mid, hi = %.12g, %.12g, %.12g; got %.12g, %.12g, %.12g (f(x) = %s)",
    lo, mid, hi, a, b, c, show(m)))
end

--- lo <= mid <= hi for f at x.
function T.ordered(f, x, label)
  local where = position(1)
  local ok, lo, mid, hi = pcall(f.eval, f, x)
  if not ok then
    return record(false, where, label, "evaluation failed: " .. tostring(lo))
  end
  return record(lo <= mid and mid <= hi, where, label,
    string.format("at %s: expected lo <= mid <= hi, got %.12g, %.12g, %.12g", tostring(x), lo, mid, hi))
end

--- fn() must raise, with a message that contains `expected` (plainly, or as a Lua pattern).
-- Returns the message.
function T.raises(fn, expected, label)
  local where = position(1)
  local ok, msg = pcall(fn)
  if ok then
    record(false, where, label, "expected an error containing " .. show(expected) .. ", but none was raised")
    return nil
  end
  msg = tostring(msg)
  local found = msg:find(expected, 1, true)
  if not found then
    local valid, at = pcall(string.find, msg, expected)
    found = valid and at
  end
  record(found and true or false, where, label,
    "expected an error containing " .. show(expected) .. ", got " .. show(msg))
  return msg
end

--- fn() must not raise.  Returns what it returned.
function T.succeeds(fn, label)
  local where = position(1)
  local res = table.pack(pcall(fn))
  if not record(res[1], where, label, "unexpected error: " .. tostring(res[2])) then
    return nil
  end
  return table.unpack(res, 2, res.n)
end

--- Runs one named test; an error escaping it counts as a failure.
function T.test(name, body)
  current = name
  local ok, msg = pcall(body)
  if not ok then
    record(false, "", nil, "error escaped the test: " .. tostring(msg))
  end
  current = nil
end

--- Prints "N passed, M failed" and raises when anything failed.
function T.done()
  print(string.format("%d passed, %d failed", passed, failed))
  if failed > 0 then
    error(string.format("%d check%s failed", failed, failed == 1 and "" or "s"), 0)
  end
end

return T
