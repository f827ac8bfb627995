-- 30000 user counts of an option named with 2500 bytes: each totals.csv row holds the name,
-- so the rows a worker keeps in memory are over 30000 * 2500 = 75,000,000 bytes, past
-- --max-memory 64 (67,108,864 bytes); items.csv's as many go to the work folder, and both
-- together (about 150 MB) stay under --max-csv's 256 MiB.
local r = require "reckon"
local users = {}
for i = 1, 30000 do users[i] = i end
return r.option{ name = string.rep("N", 2500), users = users,
  items = { { name = "a", category = "other", cost = 1 } } }
