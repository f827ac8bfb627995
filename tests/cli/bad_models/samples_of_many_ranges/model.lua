local r = require "reckon"
local items = {}
for i = 1, 20000 do -- 20,000 uncertain inputs, 10,000 samples each under --samples 10000
  items[i] = { name = "item " .. i, category = "other", cost = r.fixed(r.range(1, 2)) }
end
return r.option{ name = "many", users = { 1000 }, items = items }
