local r = require "reckon"
return r.option{ name = "long", users = { 1000 },
  items = { { name = "x", category = "other", cost = 1, note = string.rep("n", 4097) } } }
