local r = require "reckon"
-- 300 items named with 4000 bytes and more at one user count: 300 rows of items.csv of over
-- 4000 bytes each, 1,200,000 bytes and more, over --max-csv 1 (1,048,576 bytes)
local items = {}
for i = 1, 300 do
  items[i] = { name = string.rep("n", 4000) .. i, category = "other", cost = r.fixed(1) }
end
return r.option{ name = "long", users = { 1000 }, items = items }
