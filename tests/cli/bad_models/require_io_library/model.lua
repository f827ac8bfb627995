local r = require "reckon"
local io = require "io"
io.open("@ROOT@/pwned_by_require_io", "w"):write("pwned")
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
