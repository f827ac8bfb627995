-- A managed database priced by the vendor's plan table, against running it ourselves, with
-- both read from CSV files beside this model rather than typed into it:
--
--   plans.csv   plan, users_upto, monthly, note: the vendor's plans, each for up to
--               users_upto users (inclusive); the last has no bound (an empty cell).
--   growth.csv  month, users: the growth projection, one row for each month we have a
--               number for; reckon draws straight lines between them.
--
--   reckon run examples/price_table/vendor.lua --users 10000,100000
--
-- By hand: at 10,000 users the vendor's Starter plan is $50; ourselves, 2 servers (the
-- minimum) x $80 + $300 = $460.  At 100,000 users (bounds are inclusive) Standard is $200
-- against 4 x $80 + $300 = $620; just past it the vendor's Pro plan is $750, and we are
-- cheaper up to 125,000 users (5 servers, $700), then dearer again (6 servers, $780).
-- Along the projection, month 19 has 90,000 + 15,000 = 105,000 users: the first month the
-- vendor costs over $500.
--
-- r.csv.read reads only a file in this model's own folder.  numbers = {...} names the
-- columns that must hold plain decimals (1234.50, never "$1,234.50" or "12%"); a cell that
-- does not is an error naming its place, "plans.csv:4:17: column 'monthly': ...".  Other
-- cells stay strings.
local r = require "reckon"

-- The plans, in the file's order, as r.step wants them: {upto = users, cost = monthly}.
local plans = {}
for i, row in ipairs(r.csv.read("plans.csv", { numbers = { "monthly" } })) do
  local plan = { cost = row.monthly }
  if row.users_upto ~= "" then
    plan.upto = r.csv.number(row.users_upto) or error(("plans.csv: plan %s: users_upto '%s' "
      .. "is not a number"):format(row.plan, row.users_upto))
  end
  plans[i] = plan
end

-- The projection as r.growth.points wants it: { {month, users}, ... }.
local projection = {}
for i, row in ipairs(r.csv.read("growth.csv", { numbers = { "month", "users" } })) do
  projection[i] = { row.month, row.users }
end

local vendor = r.option{
  name = "Vendor database",
  items = {
    { name = "database", category = "database", cost = r.step(plans), note = "plans.csv" },
  },
}

-- Ourselves: a $80 server for each 25,000 users, never fewer than two, and the hours it takes.
local self_hosted = r.option{
  name = "Self-hosted database",
  items = {
    { name = "servers", category = "database",
      cost = r.instances{ capacity = 25000, price = 80, min = 2 } },
    { name = "operations", category = "other", cost = r.fixed(300),
      note = "about 4 hours a month" },
  },
}

return r.analysis{
  name = "Database: vendor plans or self-hosted",
  options = { vendor, self_hosted },
  users = { 1000, 10000, 100000, 1000000 },
  timeline = { months = 24, growth = r.growth.points(projection) },
  budgets = { 500, 1000 },
}
