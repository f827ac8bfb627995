local r = require "reckon"
-- The option is evaluated a window of 4096 user counts at a time (option_eval.h): for
-- 2,000 items, low, mid and high, a window needs 4096 * 2001 * 3 * 8 = 197 MB, past
-- --max-memory 64, in the core after the script returned (which holds well under 1 MB):
-- the limit names the option (its r.option line).
local users = {}
for i = 1, 5000 do users[i] = i end
local items = {}
for i = 1, 2000 do items[i] = { name = "item " .. i, category = "other", cost = r.linear{ rate = i } } end
return r.option{ name = "wide", users = users, items = items }
