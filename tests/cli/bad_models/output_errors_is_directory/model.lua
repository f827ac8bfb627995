local r = require "reckon"
-- a failing model in a run whose errors.csv (the last final file) is a directory: exit 3, nothing replaced
local x = nil + 1
