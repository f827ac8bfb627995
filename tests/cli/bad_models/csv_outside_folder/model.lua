local r = require "reckon"
local rows = r.csv.read("../outside.csv", { numbers = { "cost" } })
return r.option{ name = "outside", items = { { name = "x", category = "other", cost = rows[1].cost } } }
