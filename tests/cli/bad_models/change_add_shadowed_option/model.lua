local r = require "reckon"
pcall(function() r.option = function() return nil end end) -- refused: r.change uses its own
local save = r.change{ name = "cache", one_off = 10, add = { { name = "x", category = "cache", cost = 5 } } }
error("made " .. tostring(save ~= nil) .. ", the option is " .. type(r.option))
