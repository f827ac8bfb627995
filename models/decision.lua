-- The seed's decision (../shared/seed/000_f1ea318ac8b867c3.txt): "Which infrastructure are
-- we using? AWS ECS, Render/Railway or DigitalOcean VPS", "What's our budget?", "Set up
-- alerts ($100, $500, $1000 thresholds)" and "What's the break-even point?".
--
-- The three options of the seed's table, compared from 1,000 to 1,000,000 users and along
-- 36 months from 10,000 users.  Growth, revenue a user and the discount rate are not in
-- the seed: they are named, commented ranges in _seed.lua.
local r = require "reckon"
local seed = require "_seed"

return r.analysis{
  name = "Seed decision",
  options = { require "aws_ecs", require "paas", require "vps" },
  users = { from = 1000, to = 1000000, points = 61, spacing = "log" },
  timeline = seed.timeline(),
  budgets = { 100, 500, 1000 },
  cumulative_budgets = { 10000, 50000 },
  discount_rate = seed.discount_rate,
  rate_conversion = "compound",
  revenue_per_user = seed.revenue_per_user,
}
