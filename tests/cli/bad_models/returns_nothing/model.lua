local r = require "reckon"
local forgot = r.option{ name = "forgot", items = { { name = "x", category = "other", cost = 1 } } }
