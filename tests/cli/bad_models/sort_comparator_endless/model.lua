local r = require "reckon"
pcall(table.sort, { 3, 2, 1 },
  function(a, b) while true do end end)
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
