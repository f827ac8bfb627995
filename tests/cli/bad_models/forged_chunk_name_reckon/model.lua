local r = require "reckon"
-- a chunk named like reckon's own code ("="): the limit still names this line
load("while true do end", "=[reckon]", "t")()
return r.option{name = "o", items = {{name = "x", category = "other", cost = 1}}}
