local r = require "reckon"
local f = io.open("@ROOT@/pwned_by_io_open", "w")
f:write("pwned")
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
