local line = string.rep("x", 99)
for i = 1, 1000000 do print(line) end -- 100 MB: cut at the print limit
error("printed a flood")
