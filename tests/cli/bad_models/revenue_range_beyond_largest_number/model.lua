local r = require "reckon"
-- only the high end of the range overflows: its mid 7.5e304 a user times 2000 users is
-- 1.5e308 (finite), its high end 1.5e305 times 2000 is 3e308 (beyond 1.8e308)
local a = r.option{ name = "a", items = { { name = "x", category = "compute", cost = 5 } } }
return { a, r.analysis{ name = "plan", options = { a }, users = { 1000, 2000 }, revenue_per_user = r.range(1, 1.5e305) } }
