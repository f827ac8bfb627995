-- The module require "reckon" gives a model (engine/lua/luaopen_reckon.c): read-only, with
-- read-only tables (r.fin, r.csv, r.growth, r.categories), yet pairs, ipairs and # work, and
-- reckon's own calls never go through it (r.change{add = ...} uses the C r.option).
-- Run: cd tests/lua && reckon eval test_module.lua
local r = require "reckon"
local T = require "_testlib"

local ro = "reckon's module is read-only"

T.test("the module and its tables refuse new values", function()
  T.raises(function() r.option = function() end end, T.here() .. ro .. " (it cannot take 'option')")
  T.raises(function() r.brand_new = 1 end, T.here() .. ro .. " (it cannot take 'brand_new')")
  T.raises(function() r[1] = 1 end, T.here() .. ro .. " (it cannot take 'number')")
  T.raises(function() r.fin.npv = print end, T.here() .. ro .. " (it cannot take 'npv')")
  T.raises(function() r.csv.read = print end, T.here() .. ro)
  T.raises(function() r.growth.compound = print end, T.here() .. ro)
  T.raises(function() r.categories[1] = "free" end, T.here() .. ro)
  T.raises(function() rawset(r, "option", print) end, "table expected")
  T.raises(function() setmetatable(r, {}) end, "table expected")
  T.eq(getmetatable(r), "reckon.module", "its metatable is a name")
  T.eq(type(r.option), "function", "r.option is still reckon's")
end)

T.test("reading it works as on a table", function()
  local names = {}
  for k, v in pairs(r) do names[#names + 1] = k; T.ok(v ~= nil, "pairs gives a value for " .. tostring(k)) end
  table.sort(names)
  local all = table.concat(names, " ")
  for _, want in ipairs({ "analysis", "change", "csv", "fin", "fixed", "max", "min", "option", "range", "sum", "version" }) do
    T.ok(all:find(want, 1, true) ~= nil, "pairs lists " .. want)
  end
  T.eq(#r, 0, "# of the module")
  T.eq(#r.categories, 9, "# of r.categories")
  T.eq(r.categories[1], "compute", "r.categories[1]")
  local n = 0
  for _, c in ipairs(r.categories) do n = n + 1; T.eq(type(c), "string", "category " .. n) end
  T.eq(n, 9, "ipairs over r.categories")
  T.eq(table.concat(r.categories, ",", 1, 2), "compute,database", "table.concat over r.categories")
  local fin_names = {}
  for k in pairs(r.fin) do fin_names[#fin_names + 1] = k end
  T.eq(#fin_names, 7, "pairs(r.fin)")
  T.ok(tostring(r):find("reckon module", 1, true) ~= nil, "tostring")
  -- the iterator and its state give no way to the real table
  local iter, state = pairs(r)
  T.eq(state, r, "pairs' state is the module itself")
  T.raises(function() rawset(state, "x", 1) end, "table expected")
end)

T.test("r.change{add = ...} uses reckon's own r.option", function()
  pcall(function() r.option = function() error("the model's r.option was called") end end)
  local c = T.succeeds(function()
    return r.change{ name = "cache", one_off = 10, add = { { name = "redis", category = "cache", cost = 5 } } }
  end, "change with add")
  T.ok(c ~= nil, "a change was made")
end)

T.done()
