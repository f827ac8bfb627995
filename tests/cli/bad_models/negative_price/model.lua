local r = require "reckon"
local web = r.instances{ capacity = 5000, price = -45, min = 2, max = 50 }
return r.option{ name = "negative", items = { { name = "web", category = "compute", cost = web } } }
