local r = require "reckon"
local shared = require "_shared" -- a hard link to ../secret.lua, outside the model's folder
return r.option{ name = "linked", items = { { name = "x", category = "other", cost = shared } } }
