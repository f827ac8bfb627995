/*
 * payback: when a one-off cost (a migration, an optimisation) is earned back by the monthly
 * savings it brings, and what it returns over a horizon.
 *
 * Usage:
 *
 *     double saving[36];
 *     for (size_t i = 0; i < 36; i++) saving[i] = 900;      // $900 a month from month 1
 *     size_t month; double fraction, roi;
 *     if (payback_find(12000, saving, 36, 0, &month, &fraction))
 *         printf("pays back in month %zu (%.2f months)\n", month, fraction);  // 14, 13.33
 *     if (payback_roi(12000, saving, 36, &roi))
 *         printf("ROI over 36 months %.2f\n", roi);                          // 1.70
 *     double npv = payback_npv(12000, saving, 36, 0.01);                     // 15096.75
 *
 * Conventions:
 *   - saving[m - 1] is month m's saving, m = 1..months, in dollars.  A positive saving
 *     lowers the monthly bill; a negative one raises it (a migration that runs the old and
 *     the new system side by side for a while).
 *   - The one-off is paid at the start of month 1 and each month's saving arrives at its
 *     end: month m's saving is discounted by (1 + monthly_rate)^m.  This is the
 *     spreadsheet's NPV convention (the first value discounted one whole period), so
 *     payback_npv(c, s, n, r) = NPV(r, s[0..n-1]) - c.  A monthly_rate of 0 discounts
 *     nothing; rate.h turns an annual rate into a monthly one.
 *
 * Preconditions, which the callers check (a binding with its argument checks): one_off and
 * every saving finite, monthly_rate finite and > -1, saving non-NULL unless months is 0.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_PAYBACK_H
#define RECKON_PAYBACK_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The first month, within 1..months, at whose end the cumulative discounted saving reaches
 * one_off.  Returns true with *month that month (1-based) and *fraction the moment within
 * it by linear interpolation, (month - 1) + (one_off - cumulative before) / (that month's
 * discounted saving), which lies in (month - 1, month].  Returns false, leaving both
 * untouched, when the cumulative never reaches one_off within months.
 *
 * One rule for every one-off: the payback is the first month at whose end the cumulative
 * saving reaches the one-off after falling short of it.  A one-off > 0 falls short at the
 * start.  A one-off <= 0 (nothing to earn back) pays back at month 0 (*fraction 0) when
 * the cumulative saving never falls below it within months; when it does (a free change
 * that costs more each month), at the month it reaches it again, or never.
 *
 * The cumulative must itself reach one_off: a single month whose saving exceeds the cost
 * does not count while earlier months' losses are still unpaid, and a cumulative that
 * reaches one_off and later falls back below it has still paid back (at the first month).
 *
 * "Reaches" allows for rounding: a cumulative short of one_off by no more than 1e-12 of
 * (one_off + the sum of the |discounted savings| so far) counts as reaching it, so that
 * savings that sum to the cost on paper ($100.04 for 12 months against $1,200.48, which
 * doubles sum to 1200.4799999999998) pay back in the month they should.  That allowance is
 * far below a cent for any amount a model deals in.
 */
bool payback_find(double one_off, const double *saving, size_t months, double monthly_rate,
                  size_t *month, double *fraction);

/*
 * Return on investment over months, undiscounted: (sum of saving[0..months-1] - one_off) /
 * one_off, so 0.35 means the savings repaid the cost and 35% more.  Returns false, leaving
 * *roi untouched, when one_off <= 0: a change that costs nothing up front has no ratio to
 * report, and a made-up number (or NaN, which a CSV must never show) would be worse than
 * the caller leaving the cell empty.
 */
bool payback_roi(double one_off, const double *saving, size_t months, double *roi);

/*
 * Net present value of the change: -one_off + sum over m = 1..months of
 * saving[m - 1] / (1 + monthly_rate)^m.  With monthly_rate 0 it is the plain net saving.
 */
double payback_npv(double one_off, const double *saving, size_t months, double monthly_rate);

#endif
