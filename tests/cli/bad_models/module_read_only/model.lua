local r = require "reckon"
r.option = function() return "not an option" end
return r.option{ name = "ro", users = { 1000 }, items = { { name = "x", category = "other", cost = 1 } } }
