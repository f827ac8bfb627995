local r = require "reckon"

local web = r.step{ { uptp = 5000, cost = 25 }, { cost = 85 } }
return r.option{ name = "typo", items = { { name = "web", category = "compute", cost = web } } }
