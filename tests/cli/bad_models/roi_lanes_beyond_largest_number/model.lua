local r = require "reckon"
-- under --samples the ROI over 36 months of the lanes with the smallest one-offs overflows (at the middle it does not)
local o = r.option{name = "a", items = {{name = "x", category = "other", cost = 1e306}}}
return r.analysis{name = "nf", options = {o}, users = {1000, 2000},
  timeline = {months = 36, start = 1000, growth = r.growth.compound{monthly = 0.01}},
  changes = {r.change{name = "c", one_off = r.range(1e-10, 1), scale = {x = 0}}}}
