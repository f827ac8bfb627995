/*
 * finance: the spreadsheet finance functions, with the spreadsheet's argument order, sign
 * convention and defaults, so that a result can be checked against LibreOffice or Excel.
 *
 * Usage:
 *
 *     core_error err;
 *     double flows[] = {-70000, 12000, 15000, 18000, 21000, 26000}, rate;
 *     if (!fin_irr(flows, 6, 0.1, &rate, &err)) fprintf(stderr, "%s\n", err.msg);
 *     // rate = 0.0866..., as IRR(...) in a spreadsheet
 *
 *     long days[2];
 *     fin_date_parse("2008-01-01", &days[0], &err);   // 13879 days since 1970-01-01
 *
 * Conventions (as in the spreadsheets):
 *   - Money paid out is negative, money received positive: PMT of a loan received (pv > 0)
 *     is negative.
 *   - type 0: payments at the end of each period; type 1: at the start.
 *   - NPV discounts its first value by one whole period; XNPV and XIRR discount each value
 *     by (its date - the first date) / 365 years.
 *   - Rates are per period as fractions (0.08 / 12 for 8% a year paid monthly).
 *
 * Every function returns false with a message in err (prefixed with the spreadsheet's name
 * of the function: "IRR: ...") rather than a made-up number, and never exits.  Positions in
 * messages count from 1 ("value 3"), as a model's author counts them.  Every result is finite.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_FINANCE_H
#define RECKON_FINANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/*
 * NPV(rate, v1, ..., vn) = sum of v_i / (1 + rate)^i for i = 1..n: the first value is
 * discounted one period.  Needs n >= 1 and rate != -1.
 */
bool fin_npv(double rate, const double *values, size_t n, double *out, core_error *err);

/*
 * IRR(values, guess): the rate at which the NPV of values, the first one undiscounted, is 0.
 * Newton's method from guess (as the spreadsheets do); when that fails, the sign change of
 * the NPV nearest the guess is bracketed and bisected.  Fails when the values never change
 * sign or no rate between -99.9999% and 10^8 % gives an NPV of 0.  Needs guess > -1.
 */
bool fin_irr(const double *values, size_t n, double guess, double *out, core_error *err);

/*
 * PMT, PV and FV: the one unknown of
 *     pv (1 + rate)^nper + pmt (1 + rate type) ((1 + rate)^nper - 1) / rate + fv = 0
 * (pv + pmt nper + fv = 0 when rate is 0).  Need rate > -1 and type 0 or 1; PMT needs
 * nper > 0.
 */
bool fin_pmt(double rate, double nper, double pv, double fv, int type, double *out,
             core_error *err);
bool fin_pv(double rate, double nper, double pmt, double fv, int type, double *out,
            core_error *err);
bool fin_fv(double rate, double nper, double pmt, double pv, int type, double *out,
            core_error *err);

/*
 * Parses a "YYYY-MM-DD" date (exactly that form: a four-digit year 0001..9999, a two-digit
 * month and day, a real date of the proleptic Gregorian calendar) into days since
 * 1970-01-01 (negative before).  "2023-02-29" and "2023-2-1" are errors.
 */
bool fin_date_parse(const char *text, long *days, core_error *err);

/*
 * XNPV(rate, values, dates) = sum of v_i / (1 + rate)^((d_i - d_1) / 365), dates in days
 * as fin_date_parse gives them.  No date may come before the first.  Needs rate > -1.
 */
bool fin_xnpv(double rate, const double *values, const long *days, size_t n, double *out,
              core_error *err);

/* XIRR(values, dates, guess): the rate at which XNPV is 0, found as fin_irr finds it. */
bool fin_xirr(const double *values, const long *days, size_t n, double guess, double *out,
              core_error *err);

#endif
