local r = require "reckon"
local name = string.rep("x", 4096) -- the longest name: 4 KiB of the Lua heap
local items = {}
for i = 1, 30000 do -- each range copies its name into the engine: 120 MiB unless charged
  items[i] = { name = "item " .. i, category = "other", cost = r.fixed(r.range(1, 2, { name = name })) }
end
return r.option{ name = "labels", users = { 1000 }, items = items }
