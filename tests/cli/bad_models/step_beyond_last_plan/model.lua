local r = require "reckon"
return r.option{ name = "small plans", users = { 100000 },
  items = { { name = "db", category = "database",
    cost = r.step{ { upto = 5000, cost = 25 }, { upto = 20000, cost = 85 } } } } }
