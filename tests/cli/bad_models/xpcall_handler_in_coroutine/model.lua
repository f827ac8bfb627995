local r = require "reckon"
local co = coroutine.wrap(function()
  xpcall(function() while true do end end, function(m) while true do end end)
end)
co()
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
