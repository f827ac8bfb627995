local r = require "reckon"
local f = r.fixed(1)
for _ = 1, 1000000 do f = f + 1 end -- a chain a million sums deep, refused at 5,000
return r.option{ name = "chain", users = { 1000 }, items = { { name = "x", category = "other", cost = f } } }
