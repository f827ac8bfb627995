local r = require "reckon"
local o = r.option({ name = "extra", users = { 1000 }, items = { { name = "x", category = "other", cost = 1 } } }, "extra")
local a = r.analysis({ name = "a", options = { o } }, 12345)
error(tostring(o) .. " " .. tostring(a) .. " " .. tostring(r.range(1, 2, nil, "extra")))
