-- _sibling: a module beside the Lua tests, for test_sandbox.lua's require.  The "_" keeps
-- `reckon run tests/lua` from taking it for a model.
--
-- Globals it reads (the tests set them): SIBLING_CYCLE makes it require itself while it
-- loads; SIBLING_LOADS counts how many times its body ran.
-- (rawget and rawset: the global table is strict)
if rawget(_G, "SIBLING_CYCLE") then
  require "_sibling"
end

rawset(_G, "SIBLING_LOADS", (rawget(_G, "SIBLING_LOADS") or 0) + 1)

local r = require "reckon"

local M = {}

M.name = "sibling"
M.reckon = r

--- A cost function built by the sibling, to show it shares reckon with its caller.
function M.support(monthly)
  return r.fixed(monthly)
end

return M
