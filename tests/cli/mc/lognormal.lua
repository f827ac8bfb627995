-- "200 to 400" as a 90% interval: lognormal (see test_montecarlo.sh).
local r = require "reckon"
return r.option{
  name = "Lognormal", users = { 1000 },
  items = { { name = "x", category = "other", cost = r.fixed(r.range(200, 400)) } },
}
