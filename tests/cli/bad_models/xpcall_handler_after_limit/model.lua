local r = require "reckon"
xpcall(function() while true do end end, -- the limit: Lua calls the handler from the hook
  function(message) while true do end end)
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
