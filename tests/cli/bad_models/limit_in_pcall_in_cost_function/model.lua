local r = require "reckon"
return r.option{ name = "lazy loop", users = { 1000 },
  items = { { name = "x", category = "other",
    cost = function(x) pcall(function() while true do end end) return 1 end } } }
