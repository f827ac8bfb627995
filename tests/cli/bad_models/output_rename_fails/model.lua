local r = require "reckon"
-- a failing model in a run where the rename of npv.csv fails after items.csv..timeline.csv were
-- renamed: exit 3, and those are put back (the old totals.csv restored, the new files removed)
local x = nil + 1
