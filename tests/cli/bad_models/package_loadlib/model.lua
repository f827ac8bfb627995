local r = require "reckon"
local open = package.loadlib("/lib/x86_64-linux-gnu/libc.so.6", "system")
return r.option{ name = "native", items = { { name = "x", category = "other", cost = 1 } } }
