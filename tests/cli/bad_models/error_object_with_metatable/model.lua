local endless = function() while true do end end
local odd = setmetatable({}, { __tostring = endless, __index = endless, __concat = endless,
  __eq = endless, __len = endless, __name = "odd" })
error(odd)
