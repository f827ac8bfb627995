local r = require "reckon"
local endless = coroutine.wrap(function() while true do end end)
xpcall(function() while true do end end, endless) -- a C function as handler, after the limit
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
