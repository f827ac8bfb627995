/*
 * rate: annual to monthly rates.  See rate.h.
 *
 * The compound root is taken as expm1(log1p(annual) / 12) rather than
 * pow(1 + annual, 1.0 / 12) - 1: for the small rates of practice (0.1% a year) forming
 * 1 + annual and subtracting 1 again would throw away most of the significant digits.
 */
#include <math.h>

#include "rate.h"

double rate_monthly_from_annual(double annual, rate_conversion conv)
{
    if (!isfinite(annual))
        return NAN;
    switch (conv) {
    case RATE_COMPOUND:
        return annual > -1 ? expm1(log1p(annual) / 12) : NAN;
    case RATE_SIMPLE:
        return annual / 12;
    }
    return NAN;
}
