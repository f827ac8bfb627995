-- Option 1: AWS ECS, from the seed's "CORRECT COST BREAKDOWN" table
-- (../shared/seed/000_f1ea318ac8b867c3.txt), line item by line item at 10,000 and 100,000
-- users; "$200-400/month" is a range.  _seed.lua says how a quote is read between and
-- beyond the seed's two user counts.
local r = require "reckon"
local seed = require "_seed"
local quote = seed.quote

return r.option{
  name = "AWS ECS",
  users = seed.users,
  items = {
    { name = "ECS", category = "compute", cost = quote(r.range(200, 400, { name = "AWS ECS: ECS at 10K" }), 3000),
      note = "seed Option 1: $200-400 at 10K, $3,000 at 100K" },
    { name = "RDS PostgreSQL", category = "database", cost = quote(r.range(200, 300, { name = "AWS ECS: RDS at 10K" }), 1500),
      note = "seed Option 1: $200-300 at 10K, $1,500 at 100K" },
    { name = "ElastiCache Redis", category = "cache", cost = quote(r.range(100, 200, { name = "AWS ECS: Redis at 10K" }), 500),
      note = "seed Option 1: $100-200 at 10K, $500 at 100K" },
    { name = "ALB", category = "network", cost = quote(100, 500),
      note = "seed Option 1: $100 at 10K, $500 at 100K" },
    { name = "EBS", category = "storage", cost = quote(50, 300),
      note = "seed Option 1: $50 at 10K, $300 at 100K" },
    { name = "Data Services", category = "data", cost = quote(500, 2000),
      note = "seed Option 1: $500 at 10K, $2,000 at 100K" },
    { name = "AI/ML", category = "ai", cost = quote(500, 1000),
      note = "seed Option 1: $500 at 10K, $1,000 at 100K" },
    { name = "Monitoring", category = "monitoring", cost = r.fixed(200),
      note = "seed Option 1: $200 at 10K and at 100K" },
  },
  -- The seed's TOTAL row.  At 10K it says $1,850: the sum of the LOW ends only.  With ECS
  -- at $200-400, RDS at $200-300 and Redis at $100-200 the items sum to $1,850-2,250.
  stated = {
    { users = 10000, total = 1850, source = "seed Option 1 TOTAL" },
    { users = 100000, total = 9000, source = "seed Option 1 TOTAL" },
  },
}
