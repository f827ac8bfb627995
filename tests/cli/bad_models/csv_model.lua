local r = require "reckon"
local rows = r.csv.read("prices.csv", { numbers = { "cost" } })
local items = {}
for i, row in ipairs(rows) do
  items[i] = { name = row.item, category = "other", cost = row.cost }
end
return r.option{ name = "from csv", users = { 1000 }, items = items }
