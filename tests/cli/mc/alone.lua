-- The same two ranges drawn independently (see test_montecarlo.sh).
local r = require "reckon"
local function option(name, cost)
  return r.option{ name = name, users = { 1000 }, items = { { name = "x", category = "other", cost = cost } } }
end
return {
  option("E", r.fixed(r.range(100, 200, { dist = "uniform" }))),
  option("F", r.fixed(r.range(110, 210, { dist = "uniform" }))),
}
