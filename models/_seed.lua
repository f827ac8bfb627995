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

--- A line item the seed prices at 10K and at 100K users (numbers or ranges).
function seed.quote(at10k, at100k)
  return r.points{
    { 10000, at10k }, { 100000, at100k },
    interp = "linear",
    extrapolate = { below = "clamp", above = "linear" },
  }
end

return seed
