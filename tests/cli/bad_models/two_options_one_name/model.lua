local r = require "reckon"
-- two options of one name: their rows would share every key
return { r.option{ name = "A", users = { 1000 }, items = { { name = "x", category = "compute", cost = 100 } } },
         r.option{ name = "A", users = { 1000 }, items = { { name = "y", category = "compute", cost = 200 } } } }
