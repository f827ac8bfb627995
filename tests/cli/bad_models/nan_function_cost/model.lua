local r = require "reckon"
return r.option{ name = "nan", users = { 1000 },
  items = { { name = "x", category = "other", cost = function(x) return 0 / 0 end } } }
