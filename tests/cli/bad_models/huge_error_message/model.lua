local r = require "reckon"
error(string.rep("x", 10 << 20))
