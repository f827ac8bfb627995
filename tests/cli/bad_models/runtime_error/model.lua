local r = require "reckon"
local base = nil
local price = base + 10
return r.option{ name = "broken", items = { { name = "x", category = "other", cost = price } } }
