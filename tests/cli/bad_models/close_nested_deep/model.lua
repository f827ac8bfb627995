-- 10,000 suspended coroutines, each closing the one before from a __close: Lua 5.4.4 nests
-- these closes on the C stack without bound (fixed in 5.4.5); reckon stops them at 100 deep.
local r = require "reckon"
local coro = false
for i = 1, 10000 do
  local previous = coro
  coro = coroutine.create(function()
    local cc <close> = setmetatable({}, { __close = function()
      if previous then assert(coroutine.close(previous)) end
    end })
    coroutine.yield()
  end)
  assert(coroutine.resume(coro))
end
assert(coroutine.close(coro))
return r.option{ name = "x", users = { 1000 }, items = { { name = "a", category = "other", cost = 1 } } }
