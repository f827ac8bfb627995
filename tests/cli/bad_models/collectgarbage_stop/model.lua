local r = require "reckon"
collectgarbage("stop")
return r.option{ name = "gc", items = { { name = "x", category = "other", cost = 1 } } }
