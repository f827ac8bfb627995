local r = require "reckon"
local mt = getmetatable(r.fixed(1))
mt.__gc = function() print("a finaliser ran after the model") end
return r.option{ name = "gc", users = { 1000 }, items = { { name = "x", category = "other", cost = r.fixed(1) } } }
