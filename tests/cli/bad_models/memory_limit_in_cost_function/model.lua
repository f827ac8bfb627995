local r = require "reckon"
return r.option{ name = "lazy bomb", users = { 1000 },
  items = { { name = "x", category = "other",
    cost = function(x) local t = {} for i = 1, 1e9 do t[i] = string.rep("y", 4096) .. i end return 1 end } } }
