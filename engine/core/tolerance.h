/*
 * tolerance: how the decisions compare amounts that are equal on paper.  In doubles they
 * differ by rounding alone (0.07 * 10000 is 700.0000000000001, 0.1 u + 0.2 u is not 0.3 u),
 * and a decision read off that last bit (a budget "exceeded" by a bill of exactly the
 * budget, a crossing of two equal bills, break-even one user late) is wrong.  Two amounts
 * within 1e-12 of their size are equal: far below a cent for any bill (a hundredth of a
 * cent at $100,000,000 a month), far above the rounding of any sum a model makes.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_TOLERANCE_H
#define RECKON_TOLERANCE_H

#include <math.h>
#include <stdbool.h>

#define TOLERANCE_RELATIVE 1e-12

/* Whether a and b are equal within TOLERANCE_RELATIVE of the larger. */
static inline bool tolerance_equal(double a, double b)
{
    return fabs(a - b) <= TOLERANCE_RELATIVE * fmax(fabs(a), fabs(b));
}

/* Whether a exceeds b by more than rounding. */
static inline bool tolerance_above(double a, double b)
{
    return a > b && !tolerance_equal(a, b);
}

/* Whether a reaches b (a >= b, or short of it by rounding alone). */
static inline bool tolerance_reaches(double a, double b)
{
    return a >= b || tolerance_equal(a, b);
}

/* The whole number x is within rounding of, else the largest whole number below x. */
static inline double tolerance_floor(double x)
{
    double whole = nearbyint(x);
    return tolerance_equal(x, whole) ? whole : floor(x);
}

#endif
