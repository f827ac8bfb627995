local r = require "reckon"
local n = 0 -- {"cost"} the first time numbers is asked for, then a list of a table: reckon must not ask
local options = setmetatable({}, { __index = function() n = n + 1; return n == 1 and { "cost" } or { {} } end })
local rows = r.csv.read("prices.csv", options)
return r.option{ name = "csv", users = { 1000 }, items = { { name = "x", category = "other", cost = rows[1].cost } } }
