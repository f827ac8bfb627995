local r = require "reckon"
local price = 10
assert(price > 100, "price must be over 100")
return r.option{ name = "assert", items = { { name = "x", category = "other", cost = price } } }
