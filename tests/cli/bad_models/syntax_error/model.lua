local r = require "reckon"

local price = = 10
return r.option{ name = "broken", items = { { name = "x", category = "other", cost = price } } }
