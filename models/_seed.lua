-- Shared assumptions of the models of the seed document
-- (../shared/seed/000_f1ea318ac8b867c3.txt): its two user counts, and how a line item that
-- it prices at 10,000 and 100,000 users is read between and beyond those two points.
--
-- A file whose name starts with "_" is not run as a model by `reckon run models/`; the
-- models next to it `require "_seed"`.
--
-- Between 10K and 100K: a straight line between the two quotes.  The seed gives two prices
--   a decade of users apart and nothing of their shape; a straight line is what a
--   spreadsheet would draw, and it passes exactly through both quotes, so the 10K and 100K
--   rows are the seed's own.  A log-log (power law) curve needs every cost > 0, and several
--   quotes are $0.
-- Below 10K: the 10K quote held (clamp).  The seed's 10K prices are the smallest sizes it
--   names, and a service does not get cheaper than its smallest plan.
-- Above 100K: the 10K-100K slope continued (linear).  Nothing says the growth stops; the
--   straight line is the neutral reading of the seed's own two points.
local r = require "reckon"

local seed = {}

seed.users = { 10000, 100000 }

-- Assumptions the seed does not give, shared by decision.lua and polars_optimisation.lua.
-- Each is named and a range; change them here.

-- Users a month from now on: the seed prices 10,000 users, so the timeline starts there.
seed.start_users = 10000
-- Monthly user growth: the seed names no rate.  3% to 8% a month (43% to 152% a year) is
-- a plain range for an early product; mid 5.5%.
seed.monthly_growth = r.range(0.03, 0.08, { name = "monthly user growth" })
-- The horizon: the seed asks about "the next 36 months" of cost.
seed.months = 36
-- Revenue a user a month: the seed names none.  $0.05 to $0.50 (ad-supported to a cheap
-- subscription averaged over free users); mid $0.275.
seed.revenue_per_user = r.range(0.05, 0.50, { name = "revenue a user a month" })
-- A year's discount rate for NPV: 10%, turned into a monthly one by compounding.
seed.discount_rate = 0.10

function seed.timeline()
  return {
    months = seed.months,
    start = seed.start_users,
    growth = r.growth.compound{ monthly = seed.monthly_growth },
  }
end

--- A line item the seed prices at 10K and at 100K users (numbers or ranges).
function seed.quote(at10k, at100k)
  return r.points{
    { 10000, at10k }, { 100000, at100k },
    interp = "linear",
    extrapolate = { below = "clamp", above = "linear" },
  }
end

return seed
