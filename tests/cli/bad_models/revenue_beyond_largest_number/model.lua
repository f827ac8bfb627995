local r = require "reckon"
-- revenue a user so large that the revenue of the sweep's top count (1e6 users) is not finite
local a = r.option{ name = "a", items = { { name = "x", category = "compute", cost = r.linear{ rate = 1 } } } }
return { a, r.analysis{ name = "plan", options = { a }, revenue_per_user = 1e308 } }
