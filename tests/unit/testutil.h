/*
 * testutil: helpers shared by the cmocka tests.  cmocka 1.1's assert_float_equal casts to
 * float, so doubles are compared here with an explicit tolerance, and money in cents; and
 * a decimal-comma locale for the tests that output does not depend on LC_NUMERIC.
 */
#ifndef RECKON_TESTUTIL_H
#define RECKON_TESTUTIL_H

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "range.h"

/* Fails unless |actual - expected| <= tol (absolute). */
#define assert_double_near(actual, expected, tol)                                                  \
    do {                                                                                           \
        double a_ = (actual), e_ = (expected), t_ = (tol);                                         \
        if (!(fabs(a_ - e_) <= t_)) {                                                              \
            print_error("%s = %.17g, expected %.17g (tolerance %g)\n", #actual, a_, e_, t_);       \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

/* Money: equal when both round to the same number of cents. */
#define assert_cents(actual, expected) assert_double_near((actual), (expected), 0.005)

/* A range lo..hi given as a 90% interval, its mid (and mode) halfway. */
static inline range test_span(double lo, double hi)
{
    return (range){
        .lo = lo, .mid = (lo + hi) / 2, .hi = hi, .dist = RANGE_INTERVAL90, .mode = (lo + hi) / 2};
}

/*
 * Switches LC_NUMERIC to an installed locale with a decimal comma and returns true; when
 * none is installed, puts LC_NUMERIC back to "C" and returns false (the caller skips).
 * The caller sets LC_NUMERIC back to "C" when done.
 */
static inline bool set_decimal_comma_locale(void)
{
    static const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (setlocale(LC_NUMERIC, names[i]))
            return true;
    setlocale(LC_NUMERIC, "C");
    return false;
}

#endif
