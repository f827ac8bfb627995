local r = require "reckon"
local price = 10
return r.option{ name = "typo", items = { { name = "x", category = "other", cost = prcie } } }
