/* range: an uncertain number, or a plain number as a range of zero width. */
#include <math.h>
#include <stdio.h>

#include "range.h"

range range_number(double x)
{
    return (range){.lo = x, .mid = x, .hi = x, .dist = RANGE_EXACT, .mode = x, .id = 0};
}

bool range_make(double lo, double hi, range *out, core_error *err)
{
    if (!isfinite(lo) || !isfinite(hi)) {
        error_fail(err, "range: low and high must be finite numbers");
        return false;
    }
    if (lo > hi) {
        error_fail(err, "range: low (%.10g) is greater than high (%.10g)", lo, hi);
        return false;
    }
    double mid = isfinite(hi - lo) ? lo + (hi - lo) / 2 : lo / 2 + hi / 2;
    *out = (range){.lo = lo, .mid = mid, .hi = hi, .dist = RANGE_INTERVAL90, .mode = mid, .id = 0};
    return true;
}

bool range_is_exact(const range *r)
{
    return r->lo == r->hi;
}

bool range_is_finite(const range *r)
{
    return isfinite(r->lo) && isfinite(r->mid) && isfinite(r->hi);
}

const char *range_dist_name(range_dist dist)
{
    switch (dist) {
    case RANGE_EXACT:
        return "exact";
    case RANGE_UNIFORM:
        return "uniform";
    case RANGE_TRIANGULAR:
        return "triangular";
    case RANGE_PERT:
        return "pert";
    case RANGE_NORMAL:
        return "normal";
    case RANGE_INTERVAL90:
        return "interval90";
    }
    return "unknown";
}
