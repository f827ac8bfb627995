local r = require "reckon"
-- two options named with 4000 bytes, along a timeline of 300 months: every row of
-- timeline.csv names its option, so 2 * 300 rows of over 4000 bytes, 2,400,000 bytes and
-- more, over --max-csv 1 (1,048,576 bytes), while items.csv and totals.csv hold 4 rows
local a = r.option{ name = string.rep("a", 4000), users = { 1000 },
  items = { { name = "x", category = "other", cost = r.fixed(1) } } }
local b = r.option{ name = string.rep("b", 4000), users = { 1000 },
  items = { { name = "y", category = "other", cost = r.fixed(2) } } }
return { a, b, r.analysis{ name = "plan", options = { a, b }, users = { 1000, 2000 },
  timeline = { months = 300, start = 1000, growth = r.growth.compound{ monthly = 0.01 } } } }
