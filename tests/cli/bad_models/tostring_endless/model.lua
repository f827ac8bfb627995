local r = require "reckon"
local odd = setmetatable({}, { __tostring = function() while true do end end })
pcall(print, odd)
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
