local r = require "reckon"
return {
  r.option{ name = "A", items = { { name = "x", category = "other", cost = 1 } } },
  "not an option",
}
