local t = {}
local co = coroutine.wrap(function()
  for i = 1, 1e9 do t[i] = {} end -- the limit names this line, not the co() below
end)
co()
