local r = require "reckon"
-- the model requires itself: a cycle, not a second run of its main chunk
local again = require "model"
return r.option{ name = "x", users = { 10 }, items = { { name = "a", category = "other", cost = 5 } } }
