local r = require "reckon"
while true do end
