-- The reference workload (../shared/bench/WORKLOAD.md) under uncertainty: its eight
-- uncertain inputs as 90% intervals (r.range's default: lognormal with
-- mu = (ln a + ln b) / 2, sigma = (ln b - ln a) / (2 x 1.6448536269514722)).
--
--   reckon run bench/workload_mc.lua --users 250000 --samples 1000000
local r = require "reckon"
local workload = require "_workload"

return workload{
  hosting = r.range(300, 800, { name = "hosting_base" }),
  auth = r.range(0.03, 0.08, { name = "auth rate" }),
  email = r.range(0.005, 0.02, { name = "email rate" }),
  compute = r.range(1.5, 4, { name = "compute coefficient" }),
  ops_mid = r.range(10000, 20000, { name = "ops at 100K users" }),
  gb = r.range(0.3, 0.8, { name = "GB a user" }),
  storage = r.range(0.8, 2.0, { name = "storage coefficient" }),
  payments = r.range(0.2, 0.45, { name = "payments rate" }),
}
