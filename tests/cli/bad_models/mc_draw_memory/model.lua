-- 1000 ranges drawn 10000 times (--samples 10000): 1000 * 10000 * 8 bytes = 80 MB of
-- samples, past --max-memory 64 (MiB) while reckon draws them, after the script returned.
local r = require "reckon"
local items = {}
for i = 1, 1000 do items[i] = { name = "i" .. i, category = "other", cost = r.range(1, 2) } end
return r.option{ name = "x", users = { 1000 }, items = items }
