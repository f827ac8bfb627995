-- The reference workload of ../shared/bench/WORKLOAD.md as a reckon model: one option of
-- twelve line items, a function of users, summed in the workload's order.  Shared by
-- workload_sweep.lua (every parameter a plain number) and workload_mc.lua (the eight
-- uncertain ones ranges); "_" keeps `reckon run bench/` from running it as a model.
--
-- v holds the eight parameters that are uncertain in the Monte Carlo case, each a number
-- or an r.range:
--   hosting   hosting_base, $ a month            auth      $ a user
--   email     $ a user                           compute   coefficient of u^0.8
--   ops_mid   ops cost at 100,000 users          gb        GB a user (bandwidth)
--   storage   coefficient of u^0.8               payments  $ a user
local r = require "reckon"

return function(v)
  return r.option{
    name = "reference workload",
    items = {
      { name = "hosting_base", category = "compute", cost = r.fixed(v.hosting) },
      { name = "support_contract", category = "other", cost = r.fixed(1200) },
      { name = "monitoring", category = "monitoring", cost = r.fixed(99) },
      { name = "auth", category = "other", cost = r.linear{ rate = v.auth } },
      { name = "email", category = "other", cost = r.linear{ rate = v.email } },
      { name = "support_staff", category = "other", cost = r.linear{ rate = 0.12 } },
      { name = "compute", category = "compute", cost = r.power{ coef = v.compute, exp = 0.8 } },
      { name = "ops", category = "other",
        cost = r.points{ { 1000, 2000 }, { 100000, v.ops_mid }, { 1000000, 60000 },
                         extrapolate = "clamp" } },
      { name = "plan", category = "other",
        cost = r.step{ { upto = 5000, cost = 500 }, { upto = 20000, cost = 1500 },
                       { upto = 100000, cost = 4000 }, { upto = 500000, cost = 9000 },
                       { cost = 20000 } } },
      { name = "bandwidth", category = "network",
        cost = r.graduated{ { upto = 10000, rate = 0.09 }, { upto = 50000, rate = 0.085 },
                            { upto = 150000, rate = 0.07 }, { rate = 0.05 } }
               :of(r.linear{ rate = v.gb }) },
      { name = "storage", category = "storage", cost = r.power{ coef = v.storage, exp = 0.8 } },
      { name = "payments", category = "other", cost = r.linear{ rate = v.payments } },
    },
  }
end
