local r = require "reckon"
-- a failing model in a run whose npv.csv (in the middle of the set) is a directory: exit 3, nothing replaced
local x = nil + 1
