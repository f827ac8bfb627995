local r = require "reckon"
-- 30,000 user counts of one item: each count is an items.csv row of at least 44 bytes
-- ("model.lua,sweep,1,x,other,1.00,1.00,1.00,\r\n") and a totals.csv row of at least 36
-- ("model.lua,sweep,1,1.00,1.00,1.00,1\r\n"), so at least 30000 * 80 = 2,400,000 bytes of
-- rows, over --max-csv 1 (1,048,576 bytes)
local users = {}
for i = 1, 30000 do users[i] = i end
return r.option{ name = "sweep", users = users,
  items = { { name = "x", category = "other", cost = r.fixed(1) } } }
