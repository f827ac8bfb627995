/*
 * rate: an annual rate (of growth, or of discount) as the monthly rate the timeline uses.
 *
 *     double m = rate_monthly_from_annual(0.12, RATE_COMPOUND);  // 0.0094887929...
 *     double s = rate_monthly_from_annual(0.12, RATE_SIMPLE);    // 0.01
 *
 * Compound conversion keeps the year's total: twelve months at the monthly rate grow
 * 1 to exactly 1 + annual.  Simple conversion divides by 12, as a bank quoting "12% a
 * year, 1% a month" does; twelve such months compound to more than 1 + annual (1.1268
 * for 12%).  Which one a user means is theirs to say, so neither is the silent default here.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_RATE_H
#define RECKON_RATE_H

typedef enum rate_conversion {
    RATE_COMPOUND, /* (1 + annual)^(1/12) - 1 */
    RATE_SIMPLE    /* annual / 12 */
} rate_conversion;

/*
 * The monthly rate, as a fraction (0.01 for 1%), equivalent to `annual` (also a fraction)
 * under conv.  annual must be finite, and > -1 for RATE_COMPOUND (a loss of everything in
 * a year has no monthly root); otherwise, or for an unknown conv, the result is NaN: a
 * caller that takes the rate from a user checks it first and says what is wrong.
 */
double rate_monthly_from_annual(double annual, rate_conversion conv);

#endif
