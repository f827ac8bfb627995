local r = require "reckon"
-- 50,000 brackets, and each of 200,000 user counts walks up to all of them: about 5 * 10^9
-- steps of reckon's own C code once the model's last line has run
local brackets, users = {}, {}
for i = 1, 50000 do brackets[i] = { upto = i * 100, rate = 1 / i } end
for i = 1, 200000 do users[i] = i * 25 end
return r.option{ name = "slow", users = users,
  items = { { name = "a", category = "other", cost = r.graduated(brackets) } } }
