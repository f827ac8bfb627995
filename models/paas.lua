-- Option 2: Render/Railway PaaS (lean), from the seed's "CORRECT COST BREAKDOWN" table
-- (../shared/seed/000_f1ea318ac8b867c3.txt), line item by line item at 10,000 and 100,000
-- users; "$50-100/month" is a range, "FREE" is $0.  _seed.lua says how a quote is read
-- between and beyond the seed's two user counts.
local r = require "reckon"
local seed = require "_seed"
local quote = seed.quote

return r.option{
  name = "Render/Railway PaaS",
  users = seed.users,
  items = {
    { name = "Render/Railway", category = "compute", cost = quote(r.range(50, 100, { name = "PaaS: Render/Railway at 10K" }),
                 r.range(100, 200, { name = "PaaS: Render/Railway at 100K" })),
      note = "seed Option 2: $50-100 at 10K, $100-200 at 100K" },
    -- "$50/month (included)": the seed's own 10K total counts it, so it is counted here too.
    { name = "Database", category = "database", cost = quote(50, 100),
      note = "seed Option 2: $50 (included) at 10K, $100 at 100K" },
    { name = "Redis", category = "cache", cost = quote(20, 50),
      note = "seed Option 2: $20 (included) at 10K, $50 at 100K" },
    { name = "Data Services", category = "data", cost = r.fixed(200),
      note = "seed Option 2: $200 at 10K and at 100K" },
    { name = "OpenAI API", category = "ai", cost = quote(r.range(0, 50, { name = "PaaS: OpenAI API at 10K" }), 100),
      note = "seed Option 2: $0-50 at 10K, $100 at 100K" },
    { name = "Monitoring", category = "monitoring", cost = r.fixed(0),
      note = "seed Option 2: FREE" },
  },
  -- The seed's TOTAL row.  At 100K it says $650-750, but its items sum to $550-650:
  -- 100-200 + 100 + 50 + 200 + 100 + 0.  The 10K total, $320-420, is right.
  stated = {
    { users = 10000, total = r.range(320, 420), source = "seed Option 2 TOTAL" },
    { users = 100000, total = r.range(650, 750), source = "seed Option 2 TOTAL" },
  },
}
