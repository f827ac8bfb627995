local r = require "reckon"
return r.option{ name = "checked", users = { 1000 },
  items = { { name = "x", category = "other", cost = r.range(100, 200) } },
  checks = { { users = 1000, percentile = 0.9, max = 1 } } }
