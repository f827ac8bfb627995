local r = require "reckon"
local ok, err = pcall(string.rep, "x", 1 << 30) -- caught: the limit must still fail the model
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
