local r = require "reckon"
local args = {}
for i = 1, 30000 do args[i] = i end
local biggest, least = r.max(table.unpack(args)), r.min(table.unpack(args))
error(string.format("max %d, min %d", biggest(0), least(0)))
