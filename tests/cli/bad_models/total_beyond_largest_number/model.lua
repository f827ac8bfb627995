local r = require "reckon"
-- each item is finite; their total is not (1e308 + 1e308 is beyond the largest double)
return r.option{ name = "huge", users = { 1000 },
  items = { { name = "a", category = "other", cost = 1e308 }, { name = "b", category = "other", cost = 1e308 } } }
