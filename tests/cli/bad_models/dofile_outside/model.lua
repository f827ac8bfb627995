local r = require "reckon"
return dofile("@ROOT@/secret.lua")
