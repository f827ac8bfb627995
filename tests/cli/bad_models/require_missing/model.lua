local r = require "reckon"
local shared = require "assumptions"
return r.option{ name = "shared", items = { { name = "x", category = "other", cost = shared.price } } }
