local r = require "reckon"
local huge = setmetatable({}, { __len = function() return 2 ^ 61 end, __index = function(_, i) return { i, 1 } end })
return r.option{ name = "len", users = { 1000 }, items = { { name = "x", category = "other", cost = r.points(huge) } } }
