#!/usr/bin/env reckon eval
-- _shebang: a module that starts with a BOM and a "#!" line, as Lua's loadfile allows
return { fail = function() error("on line three") end }
