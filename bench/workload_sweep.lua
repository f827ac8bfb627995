-- The reference workload (../shared/bench/WORKLOAD.md), deterministic: every parameter at
-- the value the workload's table gives.  (Not ranges: a range's mid is the midpoint of its
-- ends, which is not the table's value.)
--
--   reckon run bench/workload_sweep.lua --users 1000:1000000:61
local workload = require "_workload"

return workload{
  hosting = 500, auth = 0.05, email = 0.01, compute = 2.5,
  ops_mid = 15000, gb = 0.5, storage = 1.2, payments = 0.3,
}
