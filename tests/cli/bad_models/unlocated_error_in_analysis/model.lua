local r = require "reckon"
local a = r.option{name = "a", items = {{name = "x", category = "other", cost = r.range(1, 2)}}}
-- error(text, 0) carries no location: the function's own line is put in front, under Monte Carlo too
local b = r.option{name = "b", items = {{name = "y", category = "other",
  cost = function(users) if users > 1500 then error("no location here", 0) end return 1 end}}}
return r.analysis{name = "an", options = {a, b}, users = {1000, 2000}}
