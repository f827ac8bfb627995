local r = require "reckon"
local co = coroutine.wrap(function()
  local guard <close> = setmetatable({}, { __close = function() while true do end end })
  while true do end -- the coroutine dies of the limit inside the hook: no __close after it
end)
co()
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
