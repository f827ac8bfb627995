local r = require "reckon"
local function f(users)
  if users > 0 then error("../x.lua:1: boom", 0) end -- text, not a place: line 3 is
  return 1
end
return r.option{name = "o", users = {1000}, items = {{name = "x", category = "other", cost = f}}}
