-- test_fin: r.fin, the spreadsheet finance functions (engine/lua/wrap_fin.c).
-- The expected values are the examples in Excel's documentation of each function (named
-- beside each), or worked out by hand in the comment; money is compared to the cent and
-- rates to the places the documentation shows.
local r = require "reckon"
local T = require "_testlib"

local CENT = 0.005

T.test("npv: Excel's example, the first value discounted one period", function()
  -- Excel, "NPV function": NPV(10%, -10000, 3000, 4200, 6800) = $1,188.44
  T.near(r.fin.npv(0.1, { -10000, 3000, 4200, 6800 }), 1188.44, CENT)
  -- by hand: 110 / 1.1 + 121 / 1.1^2 = 200
  T.near(r.fin.npv(0.1, { 110, 121 }), 200, 1e-9)
end)

T.test("irr: Excel's examples", function()
  -- Excel, "IRR function": a business costing 70000 and five years of net income
  local flows = { -70000, 12000, 15000, 18000, 21000, 26000 }
  T.near(r.fin.irr(flows), 0.0866, 0.00005, "five years: 8.66%")
  T.near(r.fin.irr({ -70000, 12000, 15000, 18000, 21000 }), -0.0212, 0.00005, "four years: -2.12%")
  T.near(r.fin.irr({ -70000, 12000, 15000 }, -0.1), -0.4435, 0.00005, "two years, guess -10%")
  -- the same without a guess: Newton from 10% fails, the bracketing search does not
  T.near(r.fin.irr({ -70000, 12000, 15000 }), -0.4435, 0.00005, "two years, default guess")
  -- an explicit nil guess is the default guess
  T.near(r.fin.irr(flows, nil), 0.0866, 0.00005, "nil guess")
end)

T.test("irr: two roots, the one near the guess", function()
  -- -100 + 230 x - 132 x^2 = 0 (x = 1 / (1 + r)) has x = 240/264 and 220/264: r = 10% and 20%
  T.near(r.fin.irr({ -100, 230, -132 }, 0.05), 0.10, 1e-12)
  T.near(r.fin.irr({ -100, 230, -132 }, 0.3), 0.20, 1e-12)
end)

T.test("irr: no rate of return is an error, not a number", function()
  T.raises(function() r.fin.irr({ 100, 200, 300 }) end, T.here() ..
    "IRR: the cash flows never change sign, so there is no rate of return")
  -- -100 + 250 x - 160 x^2 has no real root (250^2 - 4 * 160 * 100 < 0)
  T.raises(function() r.fin.irr({ -100, 250, -160 }) end, T.here() .. "IRR: no rate of return found")
  T.raises(function() r.fin.irr({ -100, 110 }, -1) end, T.here() .. "IRR: guess must be greater than -1")
end)

T.test("pmt, pv, fv: Excel's examples", function()
  -- Excel, "PMT function": PMT(8%/12, 10, 10000) = ($1,037.03); at the start ($1,030.16)
  T.near(r.fin.pmt(0.08 / 12, 10, 10000), -1037.03, CENT)
  T.near(r.fin.pmt(0.08 / 12, 10, 10000, 0, 1), -1030.16, CENT)
  -- Excel, "PMT function": PMT(6%/12, 18*12, 0, 50000) = ($129.08)
  T.near(r.fin.pmt(0.06 / 12, 18 * 12, 0, 50000), -129.08, CENT)
  -- Excel, "PV function": PV(0.08/12, 12*20, 500, , 0) = ($59,777.15)
  T.near(r.fin.pv(0.08 / 12, 12 * 20, 500, nil, 0), -59777.15, CENT)
  -- Excel, "FV function": FV(0.06/12, 10, -200, -500, 1) = $2,581.40
  T.near(r.fin.fv(0.06 / 12, 10, -200, -500, 1), 2581.40, CENT)
  -- Excel, "FV function": FV(0.12/12, 12, -1000) = $12,682.50
  T.near(r.fin.fv(0.12 / 12, 12, -1000), 12682.50, CENT)
end)

T.test("pmt, pv, fv: rate 0, by hand (pv + pmt * nper + fv = 0)", function()
  T.near(r.fin.pmt(0, 10, 1000), -100, 1e-12)
  T.near(r.fin.pmt(0, 10, 1000, 500, 1), -150, 1e-12)
  T.near(r.fin.pv(0, 12, 100), -1200, 1e-12)
  T.near(r.fin.fv(0, 12, -100, -1000), 2200, 1e-12)
end)

T.test("pmt, pv, fv: argument errors", function()
  T.raises(function() r.fin.pmt(0.1, 0, 1000) end, T.here() ..
    "PMT: nper, the number of payments, must be greater than 0")
  T.raises(function() r.fin.pmt(0.1, 10, 1000, 0, 2) end, T.here() .. "PMT: type must be 0")
  T.raises(function() r.fin.fv(0.1, 10, -100, 0, 0.5) end, T.here() .. "FV: type must be 0")
  T.raises(function() r.fin.pv("0.1", 10, 100) end, T.here() .. "PV: rate must be a number (got string)")
  T.raises(function() r.fin.pv(0.1, 10) end, T.here() .. "PV: pmt must be a number (got nil)")
  T.raises(function() r.fin.fv(0.1, 0 / 0, 100) end, T.here() .. "FV: nper must be a finite number")
  T.raises(function() r.fin.fv(-1, 10, 100) end, T.here() .. "FV: rate must be greater than -1")
  T.raises(function() r.fin.pmt(0.1, 10, 1000, 0, 0, 1) end, T.here() .. "PMT: takes at most 5 arguments")
end)

-- Excel, "XNPV function" and "XIRR function": the same flows and dates.
local values = { -10000, 2750, 4250, 3250, 2750 }
local dates = { "2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01" }

T.test("xnpv, xirr: Excel's examples", function()
  -- XNPV(0.09, values, dates) = $2,086.65
  T.near(r.fin.xnpv(0.09, values, dates), 2086.65, CENT)
  -- XIRR(values, dates, 0.1) = 0.373362535 (Excel stops iterating at 1e-8)
  T.near(r.fin.xirr(values, dates, 0.1), 0.373362535, 1e-8)
  T.near(r.fin.xirr(values, dates), 0.373362535, 1e-8, "default guess")
  -- by hand: 1100 a year (365 days) after -1000 is 10%
  T.near(r.fin.xirr({ -1000, 1100 }, { "2023-01-01", "2024-01-01" }), 0.1, 1e-12)
end)

T.test("values: every element checked, named by index", function()
  T.raises(function() r.fin.npv(0.1, { -100, "3000", 4200 }) end, T.here() ..
    "NPV: values[2] must be a number (got string)")
  T.raises(function() r.fin.irr({ -100, 50, 1 / 0 }) end, T.here() ..
    "IRR: values[3] must be a finite number")
  T.raises(function() r.fin.irr({ -100, nil, 50 }) end, T.here() .. "IRR: values[2] must be a number (got nil)")
  T.raises(function() r.fin.irr({}) end, T.here() .. "IRR: values must not be empty")
  -- the spreadsheet's NPV(rate, v1, v2, ...) form is not ours
  T.raises(function() r.fin.npv(0.1, -10000, 3000, 4200) end, T.here() .. "NPV: takes at most 2 arguments")
  T.raises(function() r.fin.npv(0.1, -10000) end, T.here() .. "NPV: values must be an array such as")
  T.raises(function() r.fin.xnpv(0.09, { -1, true }, { "2008-01-01", "2008-02-01" }) end, T.here() ..
    "XNPV: values[2] must be a number (got boolean)")
end)

T.test("dates: same length as values, each a real YYYY-MM-DD date", function()
  T.raises(function() r.fin.xnpv(0.09, values, { "2008-01-01", "2008-03-01" }) end, T.here() ..
    "XNPV: values has 5 entries but dates has 2")
  T.raises(function() r.fin.xirr({ -1, 2 }, { "2008-01-01" }) end, T.here() ..
    "XIRR: values has 2 entries but dates has 1")
  T.raises(function() r.fin.xnpv(0.09, { -1, 2 }, { "2023-01-01", "2023-02-29" }) end, T.here() ..
    'XNPV: dates[2]: "2023-02-29" is not a date: February 2023 has 28 days')
  T.raises(function() r.fin.xirr({ -1, 2 }, { "2023-13-01", "2024-01-01" }) end, T.here() ..
    'XIRR: dates[1]: "2023-13-01" is not a date: there is no month 13')
  T.raises(function() r.fin.xirr({ -1, 2 }, { "2023-01-01", "1/2/2024" }) end, T.here() ..
    'XIRR: dates[2]: "1/2/2024" is not a date of the form YYYY-MM-DD')
  T.raises(function() r.fin.xirr({ -1, 2 }, { "2023-01-01", 20240101 }) end, T.here() ..
    'XIRR: dates[2] must be a string "YYYY-MM-DD" (got number)')
  T.raises(function() r.fin.xnpv(0.09, { -1, 2 }, { "2023-01-01", "2022-12-31" }) end, T.here() ..
    "XNPV: date 2 (2022-12-31) comes before the first date (2023-01-01)")
  T.raises(function() r.fin.xnpv(-1, { -1, 2 }, { "2023-01-01", "2024-01-01" }) end, T.here() ..
    "XNPV: rate must be greater than -1")
  -- leap years: 2000 is one (divisible by 400), 1900 is not (by 100 only)
  T.succeeds(function() return r.fin.xnpv(0, { -1, 2 }, { "2000-02-29", "2001-01-01" }) end)
  T.raises(function() r.fin.xnpv(0, { -1, 2 }, { "1900-02-29", "1901-01-01" }) end, T.here() ..
    'XNPV: dates[1]: "1900-02-29" is not a date: February 1900 has 28 days')
end)

T.test("values are read raw, extra arguments refused", function()
  local lying = setmetatable({ -100, 60, 60 }, { __len = function() return 2 ^ 61 end, __index = function() return 1e9 end })
  -- NPV over the three raw values: -100/1.1 + 60/1.21 + 60/1.331 = 4.1322...
  T.near(r.fin.npv(0.1, lying), -100 / 1.1 + 60 / 1.21 + 60 / 1.331, 1e-9, "npv of the raw values")
  T.raises(function() r.fin.npv(0.1, { 1 }, 3) end, T.here() .. "NPV: takes at most 2 arguments")
end)

T.done()
