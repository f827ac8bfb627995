local r = require "reckon"
local asked = 0 -- an __index that answers differently each time: reckon must not ask it
local spec = setmetatable({}, { __index = function() asked = asked + 1; return asked end })
return r.option{ name = "index", users = { 1000 }, items = { { name = "x", category = "other", cost = r.linear(spec) } } }
