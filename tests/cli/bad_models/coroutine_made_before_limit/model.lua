local r = require "reckon"
local old = coroutine.create(function() while true do coroutine.yield() end end)
local co = coroutine.wrap(function()
  pcall(function() while true do end end) -- the limit, caught inside a coroutine
  while true do coroutine.resume(old) end  -- a coroutine made before it must stop too
end)
co()
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
