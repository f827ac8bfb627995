local r = require "reckon"
-- a failing model in a run whose items.csv cannot be replaced (it is a directory): exit 3 wins
local x = nil + 1
