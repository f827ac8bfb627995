-- The time goes into r.step reading a list of 50,000 plans, in C, where the count hook never
-- fires (it last saw line 5): a long list notes its line before it is read, so the kill names 6.
local r = require "reckon"
local plans = {}
for i = 1, 50000 do plans[i] = { upto = i, cost = i % 7 } end
for _ = 1, 1e9 do local _ = r.step(plans) end
return r.option{ name = "x", users = { 1000 }, items = { { name = "a", category = "other", cost = 1 } } }
