local r = require "reckon"
-- a cost function written in a chunk load() made (named like a file): its error without a location names this file's line where it becomes a cost
local g = load("return function(x) error('inner', 0) end", "@fake.lua")()
local f = r.fixed(0) + g
return r.option{name = "o", items = {{name = "x", category = "other", cost = f}}}
