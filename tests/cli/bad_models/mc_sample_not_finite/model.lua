local r = require "reckon"
-- a 90% interval of 1 to 1e300 (lognormal) draws samples beyond the largest number: the
-- message names the item, its option and the line of its cost
return r.option{ name = "Wide", users = { 10 },
  items = {
    { name = "steady", category = "other", cost = 5 },
    { name = "quote", category = "other", cost = r.fixed(r.range(1, 1e300)) },
  } }
