local r = require "reckon"
local parts = { r.fixed(1) }
while true do
  local total = r.sum(parts) -- r.sum is reckon's own Lua: the limit must name this line
end
