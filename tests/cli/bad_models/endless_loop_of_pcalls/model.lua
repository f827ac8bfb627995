local r = require "reckon"
while true do
  pcall(function() while true do end end) -- each limit error is caught: the next must not be
end
