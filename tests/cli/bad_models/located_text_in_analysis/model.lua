local r = require "reckon"
local a = r.option{name = "a", items = {{name = "x", category = "other", cost = 1}}}
local b = r.option{name = "b", items = {{name = "y", category = "other",
  cost = function(users) if users > 1500 then error("../x.lua:1: boom", 0) end return 1 end}}}
return r.analysis{name = "an", options = {a, b}, users = {1000, 2000}}
