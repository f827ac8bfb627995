local r = require "reckon"
local a = r.option{ name = "a", users = { 1000 }, items = { { name = "x", category = "other", cost = r.fixed(r.range(1, 2)) } } }
local b = r.option{ name = "b", users = { 1000 }, items = { { name = "y", category = "other", cost = 2 } } }
-- Under --samples 10000 the timeline holds 1200 months of 10,000 lanes for each option (about
-- 96 MB an array, past --max-memory 64), allocated by the core after the script returned: the
-- limit names the analysis (its r.analysis line).
return { a, b,
  r.analysis{ name = "long plan", options = { a, b }, users = { 1000, 2000 },
    timeline = { months = 1200, start = 1000, growth = r.growth.compound{ monthly = 0.001 } } } }
