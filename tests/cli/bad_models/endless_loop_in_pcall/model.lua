local r = require "reckon"
local ok = pcall(function() while true do end end)
-- the limit must stick: reaching this line and returning an option would be wrong
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
