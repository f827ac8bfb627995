local r = require "reckon"
local items = {}
for i = 1, 20000 do items[i] = { name = "item " .. i, category = "other", cost = 1 } end
items[20001] = { name = "item 1", category = "other", cost = 1 }
return r.option{ name = "many", users = { 1000 }, items = items }
