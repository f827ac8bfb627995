local r = require "reckon"
pcall(string.gsub, "abc", "%w",
  function(c) while true do end end)
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
