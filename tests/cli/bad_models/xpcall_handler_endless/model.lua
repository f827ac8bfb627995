local r = require "reckon"
xpcall(function() error("an ordinary error") end,
  function(message) while true do end end) -- runs hooked: the limit stops it
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
