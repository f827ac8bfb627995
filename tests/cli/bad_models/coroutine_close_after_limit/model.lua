local r = require "reckon"
local co = coroutine.create(function()
  local guard <close> = setmetatable({}, { __close = function() while true do end end })
  while true do end
end)
local outer = coroutine.wrap(function()
  coroutine.resume(co) -- co dies of the limit inside the hook
  coroutine.close(co)  -- would run co's __close with no hook
end)
outer()
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
