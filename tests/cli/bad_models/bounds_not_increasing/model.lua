local r = require "reckon"
local db = r.step{ { upto = 5000, cost = 25 },
                   { upto = 1000, cost = 85 }, { cost = 200 } }
return r.option{ name = "bounds", items = { { name = "db", category = "database", cost = db } } }
