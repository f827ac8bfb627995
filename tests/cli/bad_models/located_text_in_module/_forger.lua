local r = require "reckon"
error("../x.lua:1: boom", 0) -- located at this module's line 2, not at ../x.lua:1
