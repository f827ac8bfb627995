local r = require "reckon"
-- the empty string repeated 2^63 times: no memory, one C loop the count hook never sees;
-- string.rep notes this line before it starts, so the watchdog's kill names it
local s = string.rep("", math.maxinteger)
return r.option{ name = "x", users = { 10 }, items = { { name = "a", category = "other", cost = 5 } } }
