local r = require "reckon"
-- 12,000 options of 15 user counts each: the summary keeps a row for each count (15 an
-- option at most), 180,000 rows held and written as lines of text, larger than the totals
-- rows.  Both are charged to the model (written while it is loaded), so it fails under
-- --max-memory 64; with the summary left uncharged it ran in under 48 MiB.
local options, users = {}, {}
for u = 1, 15 do users[u] = u * 100 end
for i = 1, 12000 do
  options[i] = r.option{ name = "o" .. i, users = users,
    items = { { name = "a", category = "other", cost = 1 } } }
end
return options
