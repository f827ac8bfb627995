local r = require "reckon"
local price = 10
total = price * 2
return r.option{ name = "global", items = { { name = "x", category = "other", cost = total } } }
