local r = require "reckon"
-- a good model: the run's -o names a path below a regular file (OUT/totals.csv/sub)
return r.option{ name = "fine", users = { 1000 },
  items = { { name = "x", category = "other", cost = 5 } } }
