local r = require "reckon"
local secret = require "../secret"
return secret
