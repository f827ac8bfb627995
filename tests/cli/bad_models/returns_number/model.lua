local r = require "reckon"
return 42
