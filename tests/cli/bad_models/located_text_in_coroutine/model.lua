local r = require "reckon"
local f = coroutine.wrap(function()
  error("../x.lua:1: boom", 0) -- raised here, inside the coroutine: line 3
end)
f()
