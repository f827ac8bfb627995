-- The sandbox a model runs in (engine/lua/sandbox.c): only the safe parts of the standard
-- library, text-only loading, require of reckon and of files beside the script.
-- Run: cd tests/lua && reckon eval test_sandbox.lua
local r = require "reckon"
local T = require "_testlib"

local here = T.here

-- Runs before anything sets a global: the model's globals are exactly the allow list.
T.test("the globals are the allow list (sandbox.c), nothing more", function()
  local expected = {
    _G = "table", _VERSION = "string",
    assert = "function", collectgarbage = "function", error = "function",
    getmetatable = "function", ipairs = "function", load = "function", next = "function",
    pairs = "function", pcall = "function", print = "function", rawequal = "function",
    rawget = "function", rawlen = "function", rawset = "function", require = "function",
    select = "function", setmetatable = "function", tonumber = "function",
    tostring = "function", type = "function", xpcall = "function",
    string = { "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match",
      "pack", "packsize", "rep", "reverse", "sub", "unpack", "upper" },
    table = { "concat", "insert", "move", "pack", "remove", "sort", "unpack" },
    math = { "abs", "acos", "asin", "atan", "ceil", "cos", "exp", "floor", "fmod", "huge",
      "log", "max", "maxinteger", "min", "mininteger", "modf", "pi", "random", "randomseed",
      "sin", "sqrt", "tan", "tointeger", "type", "ult" },
    utf8 = { "char", "charpattern", "codepoint", "codes", "len", "offset" },
    coroutine = { "close", "create", "isyieldable", "resume", "running", "status", "wrap",
      "yield" },
    os = { "clock", "date", "difftime", "time" },
  }
  local function sorted_keys(t)
    local keys = {}
    for k in pairs(t) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    return table.concat(keys, " ")
  end
  local names = {}
  for k in pairs(expected) do names[#names + 1] = k end
  table.sort(names)
  T.eq(sorted_keys(_G), table.concat(names, " "), "the globals")
  for _, name in ipairs(names) do
    local want = expected[name]
    if type(want) == "table" then
      table.sort(want)
      T.eq(type(rawget(_G, name)), "table", name .. " is a library")
      if type(rawget(_G, name)) == "table" then
        T.eq(sorted_keys(rawget(_G, name)), table.concat(want, " "), "the functions of " .. name)
      end
    else
      T.eq(type(rawget(_G, name)), want, name)
    end
  end
  T.eq(_G._G, _G, "_G is the global table")
  -- the strings' methods are the allowed string library, not Lua's whole one
  T.eq(("").dump, nil, "no dump through a string's methods")
  T.eq(("x"):rep(3), "xxx", "a string's methods work")
  T.eq(load("return string")(), string, "a loaded chunk sees the same globals")
end)

T.test("unsafe libraries and functions are absent", function()
  local absent = {
    -- rawget: reading an undefined global is itself an error (tested below)
    { "io", rawget(_G, "io") }, { "debug", rawget(_G, "debug") }, { "package", rawget(_G, "package") },
    { "dofile", rawget(_G, "dofile") }, { "loadfile", rawget(_G, "loadfile") },
    { "string.dump", string.dump }, { '("").dump', ("").dump },
    { "os.execute", os.execute }, { "os.getenv", os.getenv }, { "os.remove", os.remove },
    { "os.rename", os.rename }, { "os.exit", os.exit }, { "os.tmpname", os.tmpname },
    { "os.setlocale", os.setlocale }, -- a locale change would reach the CSV writer
  }
  for _, a in ipairs(absent) do
    T.eq(a[2], nil, a[1] .. " is nil")
  end
end)

T.test("the safe standard library is present", function()
  local present = {
    { "print", print }, { "pairs", pairs }, { "pcall", pcall }, { "error", error },
    { "setmetatable", setmetatable }, { "tostring", tostring }, { "select", select },
    { "string.format", string.format }, { "string.rep", string.rep }, { "table.concat", table.concat },
    { "table.sort", table.sort }, { "math.floor", math.floor }, { "math.huge", math.huge },
    { "utf8.char", utf8.char }, { "coroutine.wrap", coroutine.wrap },
    { "os.time", os.time }, { "os.clock", os.clock }, { "os.date", os.date }, { "os.difftime", os.difftime },
    { "load", load }, { "require", require }, { "collectgarbage", collectgarbage },
  }
  for _, p in ipairs(present) do
    T.ok(p[2] ~= nil, p[1] .. " is present")
  end
  T.eq(string.format("%.2f", 1.5), "1.50", "string.format works")
  T.eq(os.date("!%Y-%m-%d", 0), "1970-01-01", "os.date works")
end)

T.test("load: text only", function()
  -- a binary chunk is refused whatever mode says (the bytes of a Lua 5.4 chunk header)
  local binary = "\27LuaT\0\25\147\r\n\26\n\4\8\8"
  for _, mode in ipairs{ "b", "bt", "t" } do
    local fn, msg = load(binary, "=bin", mode)
    T.eq(fn, nil, "binary refused with mode " .. mode)
    T.ok(type(msg) == "string" and msg:find("binary", 1, true) ~= nil, "says why with mode " .. mode .. ": " .. tostring(msg))
  end
  local fn = load(binary)
  T.eq(fn, nil, "binary refused with no mode")
  -- a reader function gets no further
  local sent = false
  local reader = function()
    if sent then return nil end
    sent = true
    return binary
  end
  T.eq(load(reader, "=reader", "b"), nil, "binary refused from a reader")
  -- text works, with and without an environment
  T.eq(load("return 1 + 1")(), 2, "text chunk")
  T.eq(load("return 1 + 1", "=sum", "t")(), 2, "text chunk, mode t")
  T.eq(load("return x * 2", "=env", "t", { x = 21 })(), 42, "text chunk with an environment")
  T.eq(load("return x", "=env", nil, { x = 6 })(), 6, "an environment with mode nil")
  T.eq(load("return math.floor(2.5)")(), 2, "the chunk sees the globals")
  local parts = { "return ", "4", "0 + 2" }
  local i = 0
  T.eq(load(function() i = i + 1; return parts[i] end)(), 42, "text from a reader")
  -- a syntax error is returned, not raised
  local bad, msg = load("return +", "=broken")
  T.eq(bad, nil, "syntax error gives nil")
  T.ok(type(msg) == "string" and msg:find("broken", 1, true) ~= nil, "and a message: " .. tostring(msg))
  -- a name given never passes for a file ('@') nor for reckon's own code ('=')
  for _, name in ipairs({ "@../other_team/prices.lua", "=[reckon]", "@=@x.lua" }) do
    local ok, err = pcall(load("error('boom')", name))
    T.eq(ok, false, "the chunk raises")
    T.ok(err:sub(1, 9) == '[string "', "a loaded chunk named " .. name .. " is a string: " .. err)
  end
end)

T.test("require: a cycle, and a failed load is not remembered", function()
  -- runs before anything else requires _sibling: with SIBLING_CYCLE set it requires itself
  rawset(_G, "SIBLING_CYCLE", true) -- rawset: the global table is strict
  T.raises(function() require "_sibling" end,
    "_sibling.lua:8: require \"_sibling\": the module requires itself (a cycle)")
  rawset(_G, "SIBLING_CYCLE", nil)
  -- the failed load must not stay behind as "loading": a new require loads it afresh
  T.succeeds(function() return require "_sibling" end, "require after a failed load")
  T.eq(SIBLING_LOADS, 1, "the body ran to its end once")
end)

T.test("require", function()
  local again = require "reckon"
  T.eq(again, r, "require \"reckon\" twice gives the same module")
  T.eq(type(r.fixed), "function", "the module has the API")
  T.eq(type(r.version), "string", "and a version")
  -- a name with a zero byte is refused, not read as the part before it ("_sibling")
  T.raises(function() require "_sibling\0junk" end, T.here() .. "require: a module's name contains a zero byte")
  -- a sibling file
  local s = T.succeeds(function() return require "_sibling" end, "a sibling module loads")
  T.eq(type(s), "table", "a sibling module is its value")
  if type(s) == "table" then -- (the cases below still run when it failed)
    T.eq(s.name, "sibling", "its value")
    T.eq(s.reckon, r, "it shares reckon with its caller")
    T.lmh(s.support(29), 0, 29, 29, 29, "its cost functions work here")
    T.eq(require "_sibling", s, "a second require gives the cached module")
    T.eq(SIBLING_LOADS, 1, "its body ran once")
  end
  -- what cannot be required
  local cases = {
    { here(), function() require "no_such_module" end, "require \"no_such_module\": no file .*no_such_module%.lua beside the model" }, -- a pattern
    { here(), function() require "../outside" end, "require \"../outside\": a model may require \"reckon\" or a model file in its own folder" },
    { here(), function() require "sub.module" end, "require \"sub.module\": a model may require" },
    { here(), function() require "/etc/passwd" end, "require \"/etc/passwd\": a model may require" },
    { here(), function() require "reckon.nothing" end, "require \"reckon.nothing\"" },
    { here(), function() require "" end, "require \"\"" },
    { here(), function() require "io" end, "require \"io\": no file" },
  }
  for _, c in ipairs(cases) do
    T.raises(c[2], c[1] .. c[3], c[3])
  end
end)

T.test("collectgarbage", function()
  local kb = collectgarbage("count")
  T.eq(type(kb), "number", "count is a number")
  T.ok(kb > 0, "count is positive")
  local cases = {
    { here(), function() collectgarbage() end, "collectgarbage(\"collect\") is not available to a model (only \"count\")" },
    { here(), function() collectgarbage("collect") end, "collectgarbage(\"collect\") is not available" },
    { here(), function() collectgarbage("step") end, "collectgarbage(\"step\") is not available" },
    { here(), function() collectgarbage("stop") end, "collectgarbage(\"stop\") is not available to a model" },
    { here(), function() collectgarbage("generational") end, "collectgarbage(\"generational\") is not available" },
    { here(), function() collectgarbage("incremental") end, "collectgarbage(\"incremental\") is not available" },
    { here(), function() collectgarbage("setpause", 1000) end, "collectgarbage(\"setpause\") is not available" },
  }
  for _, c in ipairs(cases) do
    T.raises(c[2], c[1] .. c[3], c[3])
  end
end)

T.test("hardened: strict globals, no __gc, protected metatables", function()
  T.raises(function() return undefined_price end, here() .. "undefined global 'undefined_price'")
  T.raises(function() tpyo = 5 end, here() .. "assignment to undefined global 'tpyo': declare it local")
  T.raises(function() setmetatable({}, { __gc = function() end }) end, here() .. "setmetatable: __gc metamethods are not available to a model")
  T.succeeds(function() return setmetatable({}, { __index = {} }) end, "other metatables are fine")
  T.eq(getmetatable(""), "the string metatable is protected", "the strings' metatable is out of reach")
  T.eq(getmetatable(_G), "the global table is protected", "so is the global table's")
  T.raises(function() setmetatable(_G, nil) end, "cannot change a protected metatable")
end)

T.test("setmetatable reads __gc raw: an __index cannot slip one past the check", function()
  local mt = {}
  local asked = 0
  setmetatable(mt, { __index = function(t, k)
    asked = asked + 1
    if k == "__gc" then rawset(t, "__gc", function() end) end
  end })
  T.succeeds(function() return setmetatable({}, mt) end, "no raw __gc: allowed")
  T.eq(asked, 0, "the check ran no code of the model's")
  T.eq(rawget(mt, "__gc"), nil, "and added nothing")
  rawset(mt, "__gc", false)
  T.raises(function() setmetatable({}, mt) end, here() .. "setmetatable: __gc metamethods are not available to a model")
end)

T.test("xpcall: handlers run after ordinary errors; results as Lua's", function()
  T.eq(select("#", xpcall(function() return 1, 2, 3 end, print)), 4, "true and three results")
  local ok, a, b = xpcall(function(x, y) return x + y, x * y end, print, 3, 4)
  T.ok(ok and a == 7 and b == 12, "arguments passed on")
  local ok2, msg = xpcall(function() error("boom") end, function(m) return "handled: " .. m end)
  T.eq(ok2, false, "an error is caught")
  T.ok(type(msg) == "string" and msg:find("^handled: .*boom$") ~= nil, "by the model's handler: " .. tostring(msg))
  local t = {}
  local _, obj = xpcall(function() error(t) end, function(e) return e end)
  T.eq(obj, t, "the error object reaches the handler")
  T.raises(function() xpcall(print) end, "bad argument #2 to 'xpcall'")
  -- yields across xpcall inside a coroutine, as with Lua's own
  local co = coroutine.wrap(function()
    local _, v = xpcall(function() return coroutine.yield(1) + 1 end, print)
    return v
  end)
  T.eq(co(), 1, "yielded through xpcall")
  T.eq(co(41), 42, "and resumed")
end)

T.test("coroutines work as Lua's", function()
  local co = coroutine.create(function(a, b)
    local c = coroutine.yield(a + b)
    return c * 2, "done"
  end)
  local ok, v = coroutine.resume(co, 1, 2)
  T.ok(ok and v == 3, "resume passes arguments and yields values")
  T.eq(coroutine.status(co), "suspended", "suspended")
  local ok2, x, y = coroutine.resume(co, 5)
  T.ok(ok2 and x == 10 and y == "done", "results at the end")
  T.eq(coroutine.status(co), "dead", "dead")
  local ok3, msg = coroutine.resume(co)
  T.ok(not ok3 and msg == "cannot resume dead coroutine", "a dead one: " .. tostring(msg))
  local bad = coroutine.create(function() error("inside") end)
  local ok4, msg4 = coroutine.resume(bad)
  T.ok(not ok4 and tostring(msg4):find("inside", 1, true) ~= nil, "an error is returned")
  T.raises(function() coroutine.resume(42) end, "bad argument #1 to 'resume' (thread expected")
  local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
  T.eq(gen() + gen() + gen(), 6, "wrap")
  T.raises(coroutine.wrap(function() error("wrapped") end), here() .. "wrapped")
  T.raises(function() coroutine.wrap(42) end, "bad argument #1 to 'wrap'")
  local closed = false
  local c2 = coroutine.create(function()
    local guard <close> = setmetatable({}, { __close = function() closed = true end })
    coroutine.yield()
  end)
  coroutine.resume(c2)
  T.eq(coroutine.close(c2), true, "close a suspended coroutine")
  T.ok(closed, "its __close ran")
  local closed2 = false
  local c3 = coroutine.wrap(function()
    local guard <close> = setmetatable({}, { __close = function() closed2 = true end })
    error("dies")
  end)
  pcall(c3)
  T.ok(closed2, "a wrapped coroutine that dies of an ordinary error runs its __close")
  T.eq(select("#", coroutine.running()), 2, "running")
end)

T.test("string, table and utf8 functions note the line, and their errors keep their names", function()
  -- each is reckon's wrapper (it notes the model's line for the watchdog) around Lua's own
  T.eq(("abcabc"):find("c", 4, true), 6, "string.find as Lua's")
  T.eq(select("#", ("a,b"):gsub(",", ";")), 2, "gsub gives its two results")
  local words = {}
  for w in ("x y z"):gmatch("%a") do words[#words + 1] = w end
  T.eq(table.concat(words, "+"), "x+y+z", "gmatch's iterator")
  T.eq(table.concat(table.move({ 1, 2, 3 }, 1, 3, 2), ","), "1,1,2,3", "table.move")
  T.eq(utf8.len("h\u{e9}"), 2, "utf8.len")
  T.raises(function() string.rep() end, T.here() .. "bad argument #1 to 'string.rep' (string expected, got no value)")
  T.raises(function() table.move() end, T.here() .. "bad argument #2 to 'table.move'")
  T.raises(function() return ("x"):find({}) end, T.here() .. "bad argument #2 to 'string.find'")
  T.raises(function() utf8.char(-1) end, T.here() .. "bad argument #1 to 'utf8.char'")
  -- an error raised by the model's own function inside one passes through as it was
  T.raises(function() ("x"):gsub("x", function() error("mine", 0) end) end, "^mine$")
end)

T.test("math.random repeats: seeded from the run's seed and the script's name", function()
  local first = { math.random(), math.random(1, 1000000), math.random(0) }
  T.eq(select("#", math.randomseed()), 2, "randomseed() gives its two seeds")
  local again = { math.random(), math.random(1, 1000000), math.random(0) }
  for i = 1, 3 do
    T.eq(again[i], first[i], "randomseed() goes back to the script's own seed, not the clock: " .. i)
  end
  math.randomseed(42)
  local a = math.random(1, 1 << 40)
  math.randomseed(42)
  T.eq(math.random(1, 1 << 40), a, "randomseed(n) repeats too")
  math.randomseed(43)
  T.ok(math.random(1, 1 << 40) ~= a, "another seed, another stream")
end)

T.test("require: a module file may start with a BOM and a #! line, as with loadfile", function()
  local m = T.succeeds(function() return require "_shebang" end, "it loads")
  if type(m) == "table" then
    T.raises(m.fail, "_shebang.lua:3: on line three", "its lines are counted as in the file")
  end
end)

T.done()
