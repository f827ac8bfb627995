local r = require "reckon"
local registry = debug.getregistry()
return r.option{ name = "debug", items = { { name = "x", category = "other", cost = 1 } } }
