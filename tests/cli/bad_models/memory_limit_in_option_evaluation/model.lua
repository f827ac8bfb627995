local r = require "reckon"
-- The script holds about 24 MB (a table of 1,000,000 numbers, 16 bytes each, and its last
-- resize) and the option's copy of the users 8 MB; evaluating 10 items at 1,000,000 user
-- counts, low, mid and high, needs 10 * 1,000,000 * 3 * 8 = 240 MB, past --max-memory 64,
-- in the core after the script returned: the limit names the option (its r.option line).
local users = {}
for i = 1, 1000000 do users[i] = i end
local items = {}
for i = 1, 10 do items[i] = { name = "item " .. i, category = "other", cost = r.linear{ rate = i } } end
return r.option{ name = "wide", users = users, items = items }
