local r = require "reckon"
-- a good model: the run sets RECKON_TEST_CRASH=model.lua, so its worker dies of SIGSEGV
return r.option{ name = "crashing", users = { 1000 },
  items = { { name = "x", category = "other", cost = 300 } } }
