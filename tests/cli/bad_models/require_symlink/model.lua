local r = require "reckon"
local shared = require "_shared"
return r.option{ name = "linked", items = { { name = "x", category = "other", cost = shared.secret } } }
