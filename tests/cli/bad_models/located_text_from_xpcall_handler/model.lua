local r = require "reckon"
local ok, e = xpcall(function() error("inner") end, function() return "../x.lua:1: boom" end)
error(e, 0) -- the handler's text, raised again here: line 3
