local r = require "reckon"
local parts, sums, hog = {}, {}, {}
for i = 1, 40 do hog[i] = string.rep("x", 1 << 20) .. i end -- 40 of the 64 MiB: the loop below soon ends
for i = 1, 100 do parts[i] = r.fixed(1) end
while true do sums[#sums + 1] = r.sum(parts) end -- the memory limit is hit inside r.sum: it names this line
