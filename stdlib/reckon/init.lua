-- reckon's Lua standard library: what is easier to say in Lua than in C.
-- It runs once a state, with the C module (primitives, ranges, options) as its argument,
-- and returns the finished module.  Everything here is plain Lua over that C core.
local r = ...

--- r.sum{f, g, ...} or r.sum(f, g, ...): the sum of cost functions, numbers and ranges.
function r.sum(...)
  local list = { ... }
  if #list == 1 and type(list[1]) == "table" and getmetatable(list[1]) == nil then
    list = list[1]
  end
  if #list == 0 then
    error("sum: needs at least one cost function", 2)
  end
  local total = r.fixed(0)
  for i = 1, #list do
    total = total + list[i]
  end
  return total
end

return r
