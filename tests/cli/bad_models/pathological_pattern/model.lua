local r = require "reckon"
local s = string.rep("a", 200000)
local found = s:find(".-.-.-.-.-.-.-.-b")
return r.option{ name = "pattern", items = { { name = "x", category = "other", cost = 1 } } }
