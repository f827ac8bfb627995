local r = require "reckon"
-- a message that looks like a location is the model's text: located at the line raising it
error("../x.lua:1: boom", 0)
