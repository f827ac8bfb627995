local r = require "reckon"
local terms = {}
for i = 1, 100000 do terms[i] = i end
local total = r.sum(terms) -- 1 + 2 + ... + 100000 = 100000 * 100001 / 2 = 5000050000
error(string.format("sum %.0f", total(0)))
