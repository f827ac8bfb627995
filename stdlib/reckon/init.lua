-- reckon's Lua standard library: what is easier to say in Lua than in C.
-- It runs once a state, with the C module (primitives, ranges, options) as its argument,
-- and returns the finished module, which luaopen_reckon then seals (read-only) before a
-- model sees it.  Everything here is plain Lua over that C core.  (r.sum is in C,
-- engine/lua/wrap_cost.c: one node over every term, whatever the list's length.)
local r = ...

return r
