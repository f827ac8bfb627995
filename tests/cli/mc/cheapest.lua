-- An uncertain option against a certain one (see test_montecarlo.sh).
local r = require "reckon"
local function option(name, cost)
  return r.option{ name = name, users = { 1000 }, items = { { name = "x", category = "other", cost = cost } } }
end
return {
  option("A uncertain", r.fixed(r.range(100, 200, { dist = "uniform" }))),
  option("B certain", r.fixed(150)),
}
