local r = require "reckon"
-- 20,000 options of 15 user counts each: the summary keeps a row for each count (15 an
-- option at most), 300,000 rows held and written as lines of text.  They are charged to the
-- model (written while it is loaded), so it fails under --max-memory 64 while its rows are
-- kept (at about the 8,700th option; totals.csv's rows past their first MiB go to the work
-- folder, not to memory).
local options, users = {}, {}
for u = 1, 15 do users[u] = u * 100 end
for i = 1, 20000 do
  options[i] = r.option{ name = "o" .. i, users = users,
    items = { { name = "a", category = "other", cost = 1 } } }
end
return options
