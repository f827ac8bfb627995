local r = require "reckon"
local co = coroutine.create(function() while true do end end)
local ok, err = coroutine.resume(co) -- resume catches errors, as pcall does
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
