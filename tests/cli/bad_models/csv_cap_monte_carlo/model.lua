local r = require "reckon"
-- one item whose cost is the sum of 400 uncertain prices, at 100 user counts: items.csv
-- and totals.csv hold 100 rows each, but sensitivity.csv has a row for each price at each
-- count, 40,000 rows of at least 30 bytes, over --max-csv 1 (1,048,576 bytes)
local terms, users = {}, {}
for i = 1, 400 do terms[i] = r.fixed(r.range(i, i + 1, { name = "price " .. i })) end
for i = 1, 100 do users[i] = i * 10 end
return r.option{ name = "many", users = users,
  items = { { name = "x", category = "other", cost = r.sum(terms) } } }
