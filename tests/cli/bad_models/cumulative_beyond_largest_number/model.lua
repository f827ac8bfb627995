local r = require "reckon"
-- a total that is finite every month, whose cumulative spend and NPV are not
local huge = r.option{ name = "huge", users = { 1000 }, items = { { name = "a", category = "other", cost = 1e307 } } }
local small = r.option{ name = "small", users = { 1000 }, items = { { name = "b", category = "other", cost = 1 } } }
return { huge, small, r.analysis{ name = "plan", options = { huge, small }, users = { 1000, 2000 },
  timeline = { months = 36, start = 1000, growth = r.growth.compound{ monthly = 0.01 } } } }
