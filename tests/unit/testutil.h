/*
 * testutil: helpers shared by the cmocka tests.  cmocka 1.1's assert_float_equal casts to
 * float, so doubles are compared here with an explicit tolerance, and money in cents.
 */
#ifndef RECKON_TESTUTIL_H
#define RECKON_TESTUTIL_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

/* Fails unless |actual - expected| <= tol (absolute). */
#define assert_double_near(actual, expected, tol)                                               \
    do {                                                                                        \
        double a_ = (actual), e_ = (expected), t_ = (tol);                                       \
        if (!(fabs(a_ - e_) <= t_)) {                                                           \
            print_error("%s = %.17g, expected %.17g (tolerance %g)\n", #actual, a_, e_, t_);    \
            fail();                                                                             \
        }                                                                                       \
    } while (0)

/* Money: equal when both round to the same number of cents. */
#define assert_cents(actual, expected) assert_double_near((actual), (expected), 0.005)

#endif
