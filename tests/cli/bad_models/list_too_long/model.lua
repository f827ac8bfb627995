local r = require "reckon"
local values = {}
for i = 1, 1000001 do values[i] = 1 end
local npv = r.fin.npv(0.1, values)
return r.option{ name = "long", users = { 1000 }, items = { { name = "x", category = "other", cost = npv } } }
