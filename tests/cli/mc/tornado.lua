-- Two named inputs of different spread, for sensitivity.csv (see test_montecarlo.sh).
local r = require "reckon"
return r.option{
  name = "Tornado", users = { 1000 },
  items = {
    { name = "small", category = "other", cost = r.fixed(r.range(100, 200, { dist = "uniform", name = "small input" })) },
    { name = "large", category = "other", cost = r.fixed(r.range(0, 1000, { dist = "uniform", name = "large input" })) },
  },
}
