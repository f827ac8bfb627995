-- Snapnote: a made-up note-taking app, modelled from scratch to show every part of a reckon
-- model.  README.md ("Write your own model") walks through it line by line.
--
--   reckon run examples/snapnote.lua --users 1000:1000000:31:log
local r = require "reckon"

-- A derived driver: each user downloads 0.2 to 0.5 GB a month (we have not measured it yet).
local egress_gb = r.linear{ rate = r.range(0.2, 0.5) }

return r.option{
  name = "Snapnote on a PaaS",
  users = { 1000, 10000, 100000, 1000000 },
  items = {
    -- Autoscaled web servers: one replica serves 2,000 users; never fewer than 2.
    { name = "web", category = "compute",
      cost = r.instances{ capacity = 2000, price = 25, min = 2, max = 400 },
      note = "PaaS standard instance, $25/month" },
    -- Managed Postgres plans: the first plan that fits the user count.
    { name = "database", category = "database",
      cost = r.step{ { upto = 20000, cost = 50 }, { upto = 100000, cost = 200 },
                     { upto = 500000, cost = 800 }, { cost = 2000 } },
      note = "provider's plan table" },
    -- Egress: graduated brackets on GB (not users), the first 100 GB free.
    { name = "egress", category = "network",
      cost = r.graduated{ { upto = 10240, rate = 0.09 }, { upto = 51200, rate = 0.085 },
                          { rate = 0.07 }, free = 100 }:of(egress_gb),
      note = "0.2-0.5 GB a user" },
    -- Storage measured at three sizes; a power law between them (loglog); held below the
    -- first measurement, extended past the last.
    { name = "storage", category = "storage",
      cost = r.points{ { 1000, 5 }, { 50000, 120 }, { 500000, 900 }, interp = "loglog",
                       extrapolate = { below = "clamp", above = "linear" } },
      note = "measured bills" },
    -- Transactional email: a base fee plus a price a user.
    { name = "email", category = "other", cost = r.linear{ base = 10, rate = 0.0004 } },
    -- Monitoring: $0.001 a user, but a $29 minimum commitment.
    { name = "monitoring", category = "monitoring",
      cost = r.max(r.fixed(29), r.linear{ rate = 0.001 }) },
  },
}
