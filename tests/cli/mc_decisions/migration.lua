-- A migration whose one-off cost is uncertain: $9,000 to $15,000 (uniform), saving $900 a
-- month for sure.  It pays back in month ceil(cost / 900) (see test_montecarlo.sh).
local r = require "reckon"
local function flat(name, amount)
  return r.option{ name = name, items = { { name = "all", category = "compute", cost = amount } } }
end
local old, new = flat("Old", 2000), flat("New", 1100)
return r.analysis{
  name = "Migration under uncertainty", options = { old }, users = { 1000, 2000 },
  timeline = { months = 36, start = 1000, growth = r.growth.linear{ per_month = 0 } },
  changes = { r.change{ name = "Move", one_off = r.range(9000, 15000, { dist = "uniform" }), replace = new } },
}
