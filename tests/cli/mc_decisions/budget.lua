-- A cost of 0.010 to 0.014 dollars a user (uniform) at 10,000 users growing 7% a month:
-- month m costs 10,000 x rate x 1.07^(m - 1) (see test_montecarlo.sh).
local r = require "reckon"
local a = r.option{ name = "Growing", items = { { name = "all", category = "compute",
  cost = r.linear{ rate = r.range(0.010, 0.014, { dist = "uniform" }) } } } }
return r.analysis{
  name = "Budget under uncertainty", options = { a }, users = { 1000, 2000 },
  timeline = { months = 36, start = 10000, growth = r.growth.compound{ monthly = 0.07 } },
  budgets = { 500 },
}
