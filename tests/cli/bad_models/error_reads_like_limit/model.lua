local r = require "reckon"
error("memory limit of 64 MiB reached") -- the model's own words: kind error, not limit
