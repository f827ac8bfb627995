local r = require "reckon"
local price = 10
if price < 100 then error({ code = 42, reason = "too cheap" }) end
return r.option{ name = "table", items = { { name = "x", category = "other", cost = price } } }
