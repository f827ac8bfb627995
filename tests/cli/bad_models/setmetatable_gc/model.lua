local r = require "reckon"
local t = setmetatable({}, { __gc = function() while true do end end })
return r.option{ name = "gc", items = { { name = "x", category = "other", cost = 1 } } }
