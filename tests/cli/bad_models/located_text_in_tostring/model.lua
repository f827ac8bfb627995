local r = require "reckon"
-- an error object's __tostring is never trusted (nor run): its place is the raising line
error(setmetatable({}, {__tostring = function() return "../x.lua:1: boom" end}))
