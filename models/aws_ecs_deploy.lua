-- The "AWS ECS approach (shown in deploy.yml)" of the seed's "CURRENT INFRASTRUCTURE
-- ASSUMPTIONS" (../shared/seed/000_f1ea318ac8b867c3.txt): $800/month at 10K users, and
-- $6,700/month at 100K from five components.
--
-- The seed prices the components at 100K only.  At 10K it gives the total alone, so each
-- component is assumed to take the same share of the $800 as it takes of the $6,700 at
-- 100K (ECS 3000/6700 of $800 = $358.21, and so on).  That is an assumption of this model,
-- not a figure of the seed; change `share_at_10k` when real 10K prices are known.  Between
-- and beyond the two user counts a component is read as in _seed.lua.
local r = require "reckon"
local seed = require "_seed"

local total_10k, total_100k = 800, 6700

local function component(at100k)
  local share_at_10k = at100k * total_10k / total_100k
  return seed.quote(share_at_10k, at100k)
end

return r.option{
  name = "AWS ECS (deploy.yml)",
  users = seed.users,
  items = {
    { name = "AWS ECS (multi-region)", category = "compute", cost = component(3000),
      note = "seed deploy.yml: $3,000 at 100K; 10K by share of $800" },
    { name = "Premium data feeds", category = "data", cost = component(2000),
      note = "seed deploy.yml: $2,000 at 100K; 10K by share of $800" },
    { name = "AWS SageMaker", category = "ai", cost = component(1000),
      note = "seed deploy.yml: $1,000 at 100K; 10K by share of $800" },
    { name = "AWS Kafka (MSK)", category = "data", cost = component(500),
      note = "seed deploy.yml: $500 at 100K; 10K by share of $800" },
    { name = "Datadog monitoring", category = "monitoring", cost = component(200),
      note = "seed deploy.yml: $200 at 100K; 10K by share of $800" },
  },
  stated = {
    { users = 10000, total = total_10k, source = "seed deploy.yml Monthly Cost at 10K" },
    { users = 100000, total = total_100k, source = "seed deploy.yml at 100K users" },
  },
}
