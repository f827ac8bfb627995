/*
 * test_range: unit tests for engine/core/range.c.
 *
 * Every expected value is worked out by hand in the comment beside it; none is computed
 * by calling the code under test.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "range.h"

#define assert_near(actual, expected)                                                              \
    assert_double_near((actual), (expected), 1e-12 * fmax(1, fabs(expected)))

/* ---- range_number ------------------------------------------------------------------- */

static void test_number_is_a_range_of_zero_width(void **state)
{
    (void)state;
    static const double xs[] = {0, 5, -2.5, 0.1, 1e12};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        range r = range_number(xs[i]);
        /* a plain number: lo == mid == hi == mode == x, exact, no input id */
        assert_true(r.lo == xs[i]);
        assert_true(r.mid == xs[i]);
        assert_true(r.hi == xs[i]);
        assert_true(r.mode == xs[i]);
        assert_int_equal(r.dist, RANGE_EXACT);
        assert_int_equal(r.id, 0);
        assert_true(range_is_exact(&r));
        assert_true(range_is_finite(&r));
    }
}

/* ---- range_make: valid ranges -------------------------------------------------------- */

typedef struct make_case {
    double lo, hi; /* arguments */
    double mid;    /* expected mid, by hand */
    bool exact;    /* expected range_is_exact */
} make_case;

static const make_case make_cases[] = {
    {2, 4, 3, false},                 /* (2 + 4) / 2 = 3 */
    {0.3, 0.8, 0.55, false},          /* (0.3 + 0.8) / 2 = 0.55 */
    {0.9, 1.1, 1.0, false},           /* (0.9 + 1.1) / 2 = 1 */
    {5, 5, 5, true},                  /* zero width: exact, mid 5 */
    {0, 0, 0, true},                  /* zero width at 0 */
    {-3, -1, -2, false},              /* negative numbers are numbers: (-3 + -1) / 2 = -2 */
    {-10, 10, 0, false},              /* straddling zero: (-10 + 10) / 2 = 0 */
    {0, 1e9, 5e8, false},             /* 1e9 / 2 = 5e8 */
    {200, 400, 300, false},           /* "200 to 400": (200 + 400) / 2 = 300 */
    {0, DBL_MAX, DBL_MAX / 2, false}, /* the widest nonnegative range: mid is half of max */
};

static void test_make_valid(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof make_cases / sizeof make_cases[0]; i++) {
        const make_case *c = &make_cases[i];
        range r;
        core_error err = {0};
        if (!range_make(c->lo, c->hi, &r, &err)) {
            print_error("case %zu: range_make(%g, %g) failed: %s\n", i, c->lo, c->hi, err.msg);
            fail();
        }
        assert_true(r.lo == c->lo);
        assert_true(r.hi == c->hi);
        assert_near(r.mid, c->mid);
        assert_near(r.mode, c->mid); /* the mode defaults to the mid */
        assert_int_equal(r.dist, RANGE_INTERVAL90);
        assert_int_equal(r.id, 0);
        assert_true(r.lo <= r.mid && r.mid <= r.hi);
        assert_true(range_is_exact(&r) == c->exact);
        assert_true(range_is_finite(&r));
    }
}

/*
 * A range of finite ends must have a finite mid.  -DBL_MAX..DBL_MAX is accepted, and its
 * mid is 0 (= -DBL_MAX / 2 + DBL_MAX / 2); computing it as lo + (hi - lo) / 2 overflows
 * hi - lo to infinity.
 */
static void test_make_widest_range_has_finite_mid(void **state)
{
    (void)state;
    range r;
    core_error err = {0};
    assert_true(range_make(-DBL_MAX, DBL_MAX, &r, &err));
    assert_true(range_is_finite(&r));
    assert_double_near(r.mid, 0, 1e-9);
    assert_true(r.lo <= r.mid && r.mid <= r.hi);
}

/* ---- range_make: invalid ranges ------------------------------------------------------ */

typedef struct bad_case {
    double lo, hi;
    const char *says; /* a substring the message must contain */
} bad_case;

static const bad_case bad_cases[] = {
    {4, 2, "low (4) is greater than high (2)"},
    {1, 0.999, "greater than high"},
    {-1, -2, "low (-1) is greater than high (-2)"},
    {NAN, 1, "finite"},
    {1, NAN, "finite"},
    {NAN, NAN, "finite"},
    {INFINITY, INFINITY, "finite"},
    {-INFINITY, 0, "finite"},
    {0, INFINITY, "finite"},
};

static void test_make_invalid(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        range sentinel = range_number(42), r = sentinel;
        core_error err = {0};
        if (range_make(c->lo, c->hi, &r, &err)) {
            print_error("case %zu: range_make(%g, %g) succeeded\n", i, c->lo, c->hi);
            fail();
        }
        if (!strstr(err.msg, c->says)) {
            print_error("case %zu: message \"%s\" does not say \"%s\"\n", i, err.msg, c->says);
            fail();
        }
        assert_true(strncmp(err.msg, "range:", 6) == 0);
        /* the output is left alone on failure */
        assert_true(r.lo == 42 && r.mid == 42 && r.hi == 42);
    }
}

static void test_make_message_and_no_err(void **state)
{
    (void)state;
    range r;
    core_error err;
    assert_false(range_make(4, 2, &r, &err));
    assert_string_equal(err.msg, "range: low (4) is greater than high (2)");
    assert_false(err.located);
    assert_false(range_make(4, 2, &r, NULL)); /* no error wanted: still refused */
}

/* ---- predicates ---------------------------------------------------------------------- */

static void test_is_exact_and_is_finite(void **state)
{
    (void)state;
    range r;
    core_error err;
    assert_true(range_make(1, 2, &r, &err));
    assert_false(range_is_exact(&r)); /* 1 != 2 */

    range bad = range_number(1);
    bad.hi = INFINITY;
    assert_false(range_is_finite(&bad));
    bad = range_number(1);
    bad.mid = NAN;
    assert_false(range_is_finite(&bad));
    bad = range_number(1);
    bad.lo = -INFINITY;
    assert_false(range_is_finite(&bad));
}

static void test_dist_names(void **state)
{
    (void)state;
    assert_string_equal(range_dist_name(RANGE_EXACT), "exact");
    assert_string_equal(range_dist_name(RANGE_UNIFORM), "uniform");
    assert_string_equal(range_dist_name(RANGE_TRIANGULAR), "triangular");
    assert_string_equal(range_dist_name(RANGE_PERT), "pert");
    assert_string_equal(range_dist_name(RANGE_NORMAL), "normal");
    assert_string_equal(range_dist_name(RANGE_INTERVAL90), "interval90");
    assert_string_equal(range_dist_name((range_dist)99), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number_is_a_range_of_zero_width),
        cmocka_unit_test(test_make_valid),
        cmocka_unit_test(test_make_widest_range_has_finite_mid),
        cmocka_unit_test(test_make_invalid),
        cmocka_unit_test(test_make_message_and_no_err),
        cmocka_unit_test(test_is_exact_and_is_finite),
        cmocka_unit_test(test_dist_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
