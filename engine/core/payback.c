/*
 * payback: payback month, ROI and NPV of a one-off cost against monthly savings.  See
 * payback.h for the conventions.
 *
 * Each month's discount factor is computed with pow rather than by multiplying the
 * previous month's by 1 / (1 + rate), so that month 120 carries one rounding, not 120;
 * with a rate of 0 the factor is exactly 1 and the sums are the plain sums.
 */
#include <math.h>

#include "payback.h"

/*
 * How far short of the one-off a cumulative saving may fall and still count as reaching
 * it, as a fraction of the magnitudes summed so far.  Summing n doubles loses at most about
 * n × 1.1e-16 of the sum of their magnitudes; 1e-12 covers that for any horizon a model
 * uses (thousands of months) while staying far below a cent.
 */
#define REACH_TOLERANCE 1e-12

/* Month m's saving (m = 1-based) in today's money: paid at the end of month m. */
static double discounted(double saving, double monthly_rate, size_t m)
{
    return saving / pow(1 + monthly_rate, (double)m);
}

bool payback_find(double one_off, const double *saving, size_t months, double monthly_rate,
                  size_t *month, double *fraction)
{
    if (isnan(one_off))
        return false;
    double cumulative = 0;
    double magnitude = fabs(one_off); /* |one_off| + sum of |discounted saving| so far */
    bool behind = one_off > 0;        /* the savings so far fall short of the one-off */
    for (size_t i = 0; i < months; i++) {
        double d = discounted(saving[i], monthly_rate, i + 1);
        double before = cumulative;
        cumulative += d;
        magnitude += fabs(d);
        bool reached = cumulative >= one_off - REACH_TOLERANCE * magnitude;
        if (!reached)
            behind = true;
        else if (behind) {
            /*
             * before fell short and cumulative does not, so d > 0 here.  Within the
             * tolerance the share can come out a hair above 1: it is held to the month's end.
             */
            double share = (one_off - before) / d;
            *month = i + 1;
            *fraction = (double)i + (share < 1 ? share : 1);
            return true;
        }
    }
    if (behind)
        return false;
    *month = 0; /* nothing to earn back, and never behind: paid back from the start */
    *fraction = 0;
    return true;
}

bool payback_roi(double one_off, const double *saving, size_t months, double *roi)
{
    if (!(one_off > 0))
        return false;
    double total = 0;
    for (size_t i = 0; i < months; i++)
        total += saving[i];
    *roi = (total - one_off) / one_off;
    return true;
}

double payback_npv(double one_off, const double *saving, size_t months, double monthly_rate)
{
    double total = -one_off;
    for (size_t i = 0; i < months; i++)
        total += discounted(saving[i], monthly_rate, i + 1);
    return total;
}
