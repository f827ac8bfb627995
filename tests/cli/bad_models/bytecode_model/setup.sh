# model.lua is a Lua 5.4 binary chunk (its header), not text
printf '\033LuaT\000\031\223\r\n\032\n\004\010\010xV\000\000\000\000\000\000\000\000\000\000\000(w@' >model.lua
