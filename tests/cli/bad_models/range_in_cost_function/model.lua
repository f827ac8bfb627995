local r = require "reckon"
local uncertain = r.sum{ function(x) return r.range(x, 2 * x) end }
for users = 1, 1000 do uncertain(users) end
return r.option{ name = "ranges", users = { 1000 }, items = { { name = "x", category = "other", cost = uncertain } } }
