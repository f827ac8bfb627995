-- plain.lua: the reference workload (../shared/bench/WORKLOAD.md) in plain Lua 5.4, with
-- no reckon: what a programmer writes by hand.  reckon_bench runs it in a fresh lua_State
-- (luaL_openlibs) of the liblua5.4 reckon itself uses, and calls
--
--   sweep(n)             -> sum of the totals, sum of the totals a user: the model as a
--                           plain-Lua model is written, a list of item functions of u summed
--   sweep_inlined(n)     -> the same, every item hand-inlined into one loop
--   mc(n, users, seed)   -> mean, p5, p50, p95 of the total: Box-Muller, table.sort
--
-- Both sweeps keep both columns in tables, as the C versions keep them in arrays (they are
-- what the CSV is written from).  The items are summed in the workload's order.
local log, exp, sqrt, cos, sin = math.log, math.exp, math.sqrt, math.cos, math.sin

local M = {}

-- ops: points (1000, 2000), (100000, mid), (1000000, 60000), straight between, held outside.
local function ops(u, mid)
  if u <= 1000 then return 2000
  elseif u <= 100000 then return 2000 + (mid - 2000) * (u - 1000) / 99000
  elseif u <= 1000000 then return mid + (60000 - mid) * (u - 100000) / 900000
  else return 60000 end
end

-- plan: the first plan whose bound holds u.
local function plan(u)
  if u <= 5000 then return 500
  elseif u <= 20000 then return 1500
  elseif u <= 100000 then return 4000
  elseif u <= 500000 then return 9000
  else return 20000 end
end

-- bandwidth: graduated brackets on GB.
local function bandwidth(gb)
  local c = 0.09 * (gb < 10000 and gb or 10000)
  if gb > 10000 then c = c + 0.085 * ((gb < 50000 and gb or 50000) - 10000) end
  if gb > 50000 then c = c + 0.07 * ((gb < 150000 and gb or 150000) - 50000) end
  if gb > 150000 then c = c + 0.05 * (gb - 150000) end
  return c
end

-- The model: twelve items, each a function of u.
local items = {
  function(u) return 500 end,                     -- hosting_base
  function(u) return 1200 end,                    -- support_contract
  function(u) return 99 end,                      -- monitoring
  function(u) return 0.05 * u end,                -- auth
  function(u) return 0.01 * u end,                -- email
  function(u) return 0.12 * u end,                -- support_staff
  function(u) return 2.5 * u ^ 0.8 end,           -- compute
  function(u) return ops(u, 15000) end,           -- ops
  plan,                                           -- plan
  function(u) return bandwidth(0.5 * u) end,      -- bandwidth
  function(u) return 1.2 * u ^ 0.8 end,           -- storage
  function(u) return 0.3 * u end,                 -- payments
}

function M.sweep(n)
  local totals, per_users = {}, {}
  local sum_total, sum_per_user = 0.0, 0.0
  local n_items = #items
  for i = 0, n - 1 do
    local u = 1000 + 999000 * i / (n - 1)
    local t = 0
    for k = 1, n_items do
      t = t + items[k](u)
    end
    local pu = t / u
    totals[i + 1], per_users[i + 1] = t, pu
    sum_total, sum_per_user = sum_total + t, sum_per_user + pu
  end
  return sum_total, sum_per_user
end

function M.sweep_inlined(n)
  local totals, per_users = {}, {}
  local sum_total, sum_per_user = 0.0, 0.0
  for i = 0, n - 1 do
    local u = 1000 + 999000 * i / (n - 1)
    local t = 500 + 1200 + 99                      -- hosting_base, support_contract, monitoring
    t = t + 0.05 * u                               -- auth
    t = t + 0.01 * u                               -- email
    t = t + 0.12 * u                               -- support_staff
    t = t + 2.5 * u ^ 0.8                          -- compute
    local o                                        -- ops
    if u <= 1000 then o = 2000
    elseif u <= 100000 then o = 2000 + (15000 - 2000) * (u - 1000) / 99000
    elseif u <= 1000000 then o = 15000 + (60000 - 15000) * (u - 100000) / 900000
    else o = 60000 end
    t = t + o
    local p                                        -- plan
    if u <= 5000 then p = 500
    elseif u <= 20000 then p = 1500
    elseif u <= 100000 then p = 4000
    elseif u <= 500000 then p = 9000
    else p = 20000 end
    t = t + p
    local gb = 0.5 * u                             -- bandwidth
    local bw = 0.09 * (gb < 10000 and gb or 10000)
    if gb > 10000 then bw = bw + 0.085 * ((gb < 50000 and gb or 50000) - 10000) end
    if gb > 50000 then bw = bw + 0.07 * ((gb < 150000 and gb or 150000) - 50000) end
    if gb > 150000 then bw = bw + 0.05 * (gb - 150000) end
    t = t + bw
    t = t + 1.2 * u ^ 0.8                          -- storage
    t = t + 0.3 * u                                -- payments
    local pu = t / u
    totals[i + 1], per_users[i + 1] = t, pu
    sum_total, sum_per_user = sum_total + t, sum_per_user + pu
  end
  return sum_total, sum_per_user
end

-- "a to b" as a 90% interval: the lognormal's mu and sigma.
local function interval90(a, b)
  return (log(a) + log(b)) / 2, (log(b) - log(a)) / (2 * 1.6448536269514722)
end

-- numpy's default percentile of a sorted list.
local function percentile(x, n, p)
  local h = (n - 1) * p
  local k = math.floor(h)
  if k + 1 >= n then return x[n] end
  return x[k + 1] + (h - k) * (x[k + 2] - x[k + 1])
end

function M.mc(n, u, seed)
  math.randomseed(seed)
  local random = math.random
  local two_pi = 2 * math.pi
  local hm, hs = interval90(300, 800)
  local am, as = interval90(0.03, 0.08)
  local em, es = interval90(0.005, 0.02)
  local cm, cs = interval90(1.5, 4)
  local om, osg = interval90(10000, 20000)
  local gm, gs = interval90(0.3, 0.8)
  local sm, ss = interval90(0.8, 2.0)
  local pm, ps = interval90(0.2, 0.45)
  local u08 = u ^ 0.8
  local plan_u = plan(u)
  local totals, sum = {}, 0.0
  for i = 1, n do
    -- four Box-Muller pairs: eight standard normals; 1 - random() is in (0, 1]
    local r, a = sqrt(-2 * log(1 - random())), two_pi * random()
    local z1, z2 = r * cos(a), r * sin(a)
    r, a = sqrt(-2 * log(1 - random())), two_pi * random()
    local z3, z4 = r * cos(a), r * sin(a)
    r, a = sqrt(-2 * log(1 - random())), two_pi * random()
    local z5, z6 = r * cos(a), r * sin(a)
    r, a = sqrt(-2 * log(1 - random())), two_pi * random()
    local z7, z8 = r * cos(a), r * sin(a)
    local t = exp(hm + hs * z1) + 1200 + 99
    t = t + exp(am + as * z2) * u
    t = t + exp(em + es * z3) * u
    t = t + 0.12 * u
    t = t + exp(cm + cs * z4) * u08
    t = t + ops(u, exp(om + osg * z5)) + plan_u
    t = t + bandwidth(exp(gm + gs * z6) * u)
    t = t + exp(sm + ss * z7) * u08
    t = t + exp(pm + ps * z8) * u
    totals[i] = t
    sum = sum + t
  end
  table.sort(totals)
  return sum / n, percentile(totals, n, 0.05), percentile(totals, n, 0.50),
         percentile(totals, n, 0.95)
end

return M
