local r = require "reckon"
-- every range made in a chunk of a name of its own, called from chunks that load() made (no
-- line of this file on the stack): each "site" makes one, but all of them together are bounded
local loop = [[
local r, x, n = ...
local last
for i = 1, 10001 do
  last = load("local r, x = ... return r.range(x, x + 1)", "@site" .. (n + i), "t")(r, x)
end
return last
]]
local n = 0
local function f(x)
  n = n + 10001
  return load(loop, "=loop", "t")(r, x, n)
end
return r.option{name = "o", items = {{name = "x", category = "other", cost = f}}}
