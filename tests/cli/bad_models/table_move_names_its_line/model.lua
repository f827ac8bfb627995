local r = require "reckon"
local t = {}
-- one C call of 2^63 steps that allocates nothing (moving nils): only the watchdog stops
-- it, and it names this line, noted by table.move before it starts
table.move(t, 1, math.maxinteger - 1, 2)
return r.option{ name = "x", users = { 10 }, items = { { name = "a", category = "other", cost = 5 } } }
