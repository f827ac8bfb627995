local r = require "reckon"
local name = string.rep("x", 1 << 20) -- one string of 1 MiB: 1 MiB of the Lua heap
local items = {}
for i = 1, 600 do -- each range copies its name into the engine: 600 MiB unless charged
  items[i] = { name = "item " .. i, category = "other", cost = r.fixed(r.range(1, 2, { name = name })) }
end
return r.option{ name = "labels", users = { 1000 }, items = items }
