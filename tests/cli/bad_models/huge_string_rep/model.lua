local r = require "reckon"
local total = 0
for i = 1, 5000 do total = total + i end
local s = string.rep("x", 1 << 30)
return r.option{ name = "huge", items = { { name = "x", category = "other", cost = #s } } }
