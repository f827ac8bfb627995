local r
local co = coroutine.create(function() r = require "reckon" end)
assert(coroutine.resume(co))
local weak = setmetatable({}, { __mode = "k" })
weak[co] = true
co = nil
for _ = 1, 200000 do local _ = { {} } end -- the coroutine is collected
assert(next(weak) == nil, "the coroutine was collected")
for _ = 1, 200000 do local _ = { {} } end -- and freed
local cost = function(x) if x >= 1000 then error("evaluated at " .. x .. " users") end return 1 end
return r.option{ name = "co", users = { 1000 }, items = { { name = "x", category = "other", cost = cost } } }
