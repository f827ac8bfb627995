local r = require "reckon"
-- two analyses of one name: their rows in every table would share every key (model,
-- analysis, option, month) with different figures
local a = r.option{ name = "A", items = { { name = "x", category = "compute", cost = 100 } } }
return { r.analysis{ name = "plan", options = { a }, users = { 1000, 2000 } },
         r.analysis{ name = "plan", options = { a }, users = { 5000, 9000 } } }
