local r = require "reckon"
-- a chunk named after another file: the error names this line, never that file
load("local r = ... ; return r.fixed(-1)", "@../other_team/prices.lua", "t")(r)
return r.option{name = "o", items = {{name = "x", category = "other", cost = 1}}}
