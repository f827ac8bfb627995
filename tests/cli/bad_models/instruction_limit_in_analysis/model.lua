local r = require "reckon"
local slow = r.option{ name = "slow", users = { 1000 },
  items = { { name = "x", category = "other",
    cost = function(x) local n = 0 while x > 5000 do n = n + 1 end return n end } } }
return r.analysis{ name = "costs that loop past 5000 users", options = { slow },
  users = { 1000, 10000 },
  timeline = { months = 12, start = 1000, growth = r.growth.compound{ monthly = 0 } } }
