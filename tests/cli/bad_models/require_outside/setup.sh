# a module outside the model's folder, which would make the model succeed if it were reached
printf 'local r = require "reckon"\nreturn r.option{ name = "outside", items = { { name = "x", category = "other", cost = 1 } } }\n' >../secret.lua
