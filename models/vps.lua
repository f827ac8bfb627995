-- Option 3: DigitalOcean VPS (budget), from the seed's "CORRECT COST BREAKDOWN" table
-- (../shared/seed/000_f1ea318ac8b867c3.txt), line item by line item at 10,000 and 100,000
-- users; "FREE" is $0.  _seed.lua says how a quote is read between and beyond the seed's
-- two user counts.
local r = require "reckon"
local seed = require "_seed"
local quote = seed.quote

return r.option{
  name = "DigitalOcean VPS",
  users = seed.users,
  items = {
    { name = "VPS (2 vCPU, 4GB RAM)", category = "compute", cost = quote(40, 120),
      note = "seed Option 3: $40 at 10K, $120 at 100K" },
    { name = "Managed Database", category = "database", cost = quote(60, 200),
      note = "seed Option 3: $60 at 10K, $200 at 100K" },
    { name = "Redis", category = "cache", cost = quote(20, 60),
      note = "seed Option 3: $20 at 10K, $60 at 100K" },
    { name = "Data Services", category = "data", cost = r.fixed(200),
      note = "seed Option 3: $200 at 10K and at 100K" },
    { name = "Monitoring", category = "monitoring", cost = r.fixed(0),
      note = "seed Option 3: FREE" },
  },
  -- The seed's TOTAL row gives ranges, $320-340 and $580-600, but no item is a range:
  -- the items sum to exactly $320 (40 + 60 + 20 + 200) and $580 (120 + 200 + 60 + 200).
  stated = {
    { users = 10000, total = r.range(320, 340), source = "seed Option 3 TOTAL" },
    { users = 100000, total = r.range(580, 600), source = "seed Option 3 TOTAL" },
  },
}
