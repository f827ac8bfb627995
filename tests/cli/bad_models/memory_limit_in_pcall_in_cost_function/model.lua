local r = require "reckon"
return r.option{ name = "lazy bomb", users = { 1000 },
  items = { { name = "x", category = "other",
    cost = function(x) pcall(string.rep, "x", 1 << 30) return 1 end } } }
