local r = require "reckon"
-- a saving of 1e300 a month against a one-off of 1e-10: the ROI overflows (never an empty cell)
local o = r.option{name = "a", items = {{name = "x", category = "other", cost = 1e300}}}
return r.analysis{name = "nf", options = {o}, users = {1000, 2000},
  timeline = {months = 12, start = 1000, growth = r.growth.compound{monthly = 0.01}},
  changes = {r.change{name = "c", one_off = 1e-10, scale = {x = 0}}}}
