-- One range used twice is one input: k - k + 100 is 100 in every sample.
local r = require "reckon"
local k = r.range(10, 20)
return r.option{ name = "Twice", users = { 1000 },
  items = { { name = "x", category = "other", cost = r.fixed(k) - r.fixed(k) + 100 } } }
