local r = require "reckon"
local code = string.dump(function() return 1 end)
return r.option{ name = "dump", items = { { name = "x", category = "other", cost = #code } } }
