local r = require "reckon"
local storage = r.points{ { 1000, 5 }, { 50000, 120 }, extrapolate = "error" }
return r.option{ name = "points", users = { 10000, 100000 },
  items = { { name = "storage", category = "storage", cost = storage } } }
