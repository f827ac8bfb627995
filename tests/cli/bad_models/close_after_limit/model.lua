local r = require "reckon"
local guard <close> = setmetatable({}, { __close = function() while true do end end })
while true do end
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
