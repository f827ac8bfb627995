local r = require "reckon"
return require "_forger"
