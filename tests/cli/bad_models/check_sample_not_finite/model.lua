local r = require "reckon"
-- a percentile check draws its own samples (no --samples needed); one beyond the largest
-- number names the item, its option and the line of its cost
return r.option{ name = "Checked", users = { 10 },
  checks = { { users = 10, percentile = 0.9, max = 5000 } },
  items = { { name = "quote", category = "other", cost = r.fixed(r.range(1, 1e300)) } } }
