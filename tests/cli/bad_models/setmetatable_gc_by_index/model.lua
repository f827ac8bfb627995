local mt = {}
setmetatable(mt, { __index = function(t, k) rawset(t, "__gc", function() while true do end end) end })
local x = setmetatable({}, mt) -- a plain read of mt.__gc would add it here, and the finaliser run unhooked
local probe = mt.__gc -- the plain read: now mt has a __gc, added too late to mark x
x = setmetatable({}, mt)
