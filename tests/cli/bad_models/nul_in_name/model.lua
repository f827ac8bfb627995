local r = require "reckon"
return r.option{ name = "nul", users = { 1000 },
  items = { { name = "web\0server", category = "other", cost = 1 } } }
