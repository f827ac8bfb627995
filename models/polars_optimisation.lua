-- The seed's optimisation (../shared/seed/000_f1ea318ac8b867c3.txt): "Does Polars
-- optimization change infrastructure costs? Do we need more/less compute? What's the
-- ROI of this optimization? What's the break-even point?"
--
-- The seed gives no figure for any of these, so every one below is an assumption, named
-- and a range; the note of the change carries them into changes.csv.
local r = require "reckon"
local seed = require "_seed"

-- Engineering effort to build and roll out the optimisation: 40 to 120 hours.
local hours = r.range(40, 120, { name = "Polars: engineering hours" })
-- What an hour of engineering costs: $100.
local dollars_an_hour = 100
-- Compute cost after the optimisation, as a fraction of before: Polars processes the same
-- data with 15% to 40% less CPU time, so compute items cost 0.60 to 0.85 of what they did.
local compute_after = r.range(0.60, 0.85, { name = "Polars: compute after, as a fraction" })

return r.analysis{
  name = "Polars optimisation",
  options = { require "aws_ecs", require "paas", require "vps" },
  users = { 10000, 100000 },
  timeline = seed.timeline(),
  discount_rate = seed.discount_rate,
  changes = {
    r.change{
      name = "Polars optimisation",
      one_off = r.fixed(hours) * dollars_an_hour,
      scale = { compute = compute_after },
      note = "assumed: 40-120 engineering hours at $100; compute items cost 0.60-0.85 of before; "
        .. "growth 3-8% a month from 10,000 users",
    },
  },
}
