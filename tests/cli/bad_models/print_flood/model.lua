local line = string.rep("x", 99)
for i = 1, 100000 do print(line) end -- 10 MB: cut at the print limit
error("printed a flood")
