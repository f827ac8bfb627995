local r = require "reckon"
os.execute("touch @ROOT@/pwned_by_os_execute")
return r.option{ name = "escaped", items = { { name = "x", category = "other", cost = 1 } } }
