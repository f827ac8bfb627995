-- Two ranges of one group move together: C is always the cheaper (see test_montecarlo.sh).
local r = require "reckon"
local function option(name, cost)
  return r.option{ name = name, users = { 1000 }, items = { { name = "x", category = "other", cost = cost } } }
end
return {
  option("C", r.fixed(r.range(100, 200, { dist = "uniform", group = "one vendor" }))),
  option("D", r.fixed(r.range(110, 210, { dist = "uniform", group = "one vendor" }))),
}
