-- Text that would drive a terminal: a model's print output and its error message reach
-- standard error shown (display.c), every control byte as \xNN, in errors.csv as they are.
print("printed \27[2J\27[H screen cleared\r over\8written \194\155 csi \255 bad")
error("bad \27[31mred\r\8 thing \226\128\174 reversed")
