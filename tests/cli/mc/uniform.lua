-- A uniform range alone: its distribution is known exactly (see test_montecarlo.sh).
local r = require "reckon"
return r.option{
  name = "Uniform", users = { 1000 },
  items = { { name = "x", category = "other", cost = r.fixed(r.range(100, 200, { dist = "uniform" })) } },
}
