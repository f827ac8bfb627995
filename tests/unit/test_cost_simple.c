/*
 * test_cost_simple: unit tests for engine/core/cost_simple.c (fixed, linear, power).
 *
 * Every expected value is worked out by hand in the comment beside it; none is computed
 * by calling the code under test.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "testutil.h"
#include "costcheck.h"

#include "cost.h"

/* ---- fixed --------------------------------------------------------------------------- */

static void test_fixed(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = cost_fixed(N(100), &err);
    assert_non_null(f);
    assert_string_equal(cost_kind_name(f), "fixed");
    static const row rows[] = {
        {"fixed 100 at 0", 0, 0, 0, 100, 100, 100, NULL},
        {"fixed 100 at 1", 1, 1, 1, 100, 100, 100, NULL},
        {"fixed 100 at 1e9", 1e9, 1e9, 1e9, 100, 100, 100, NULL},
        {"fixed 100 over 0..1e6", 0, 5e5, 1e6, 100, 100, 100,
         NULL}, /* the driver does not matter */
    };
    RUN_ROWS(f, rows);
    cost_release(f);

    f = cost_fixed(N(0), &err); /* zero is a valid amount */
    assert_non_null(f);
    static const row zero[] = {{"fixed 0 at 10", 10, 10, 10, 0, 0, 0, NULL}};
    RUN_ROWS(f, zero);
    cost_release(f);
}

static void test_fixed_range(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = cost_fixed(R(80, 120), &err);
    assert_non_null(f);
    static const row rows[] = {
        /* the amount's own range: lo 80, mid (80 + 120) / 2 = 100, hi 120 */
        {"fixed 80..120 at 5000", 5000, 5000, 5000, 80, 100, 120, NULL},
        {"fixed 80..120 over 0..10", 0, 5, 10, 80, 100, 120, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* ---- linear -------------------------------------------------------------------------- */

static void test_linear(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = cost_linear(N(10), N(0.002), &err);
    assert_non_null(f);
    assert_string_equal(cost_kind_name(f), "linear");
    static const row rows[] = {
        {"at 0", 0, 0, 0, 10, 10, 10, NULL},                          /* 10 + 0.002 * 0 = 10 */
        {"at 1", 1, 1, 1, 10.002, 10.002, 10.002, NULL},              /* 10 + 0.002 = 10.002 */
        {"at 10000", 1e4, 1e4, 1e4, 30, 30, 30, NULL},                /* 10 + 20 = 30 */
        {"at 1e6", 1e6, 1e6, 1e6, 2010, 2010, 2010, NULL},            /* 10 + 2000 = 2010 */
        {"at 12345", 12345, 12345, 12345, 34.69, 34.69, 34.69, NULL}, /* 10 + 24.69 = 34.69 */
        /* driver span 5000..20000, mid 10000: 10 + 10 = 20, 30, 10 + 40 = 50 */
        {"over 5000..20000", 5000, 1e4, 2e4, 20, 30, 50, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);

    /* the contract's example: rate 0.002, base 0 */
    f = cost_linear(N(0), N(0.002), &err);
    assert_non_null(f);
    static const row plain[] = {
        {"0.002 at 0", 0, 0, 0, 0, 0, 0, NULL},
        {"0.002 at 100000", 1e5, 1e5, 1e5, 200, 200, 200, NULL}, /* 0.002 * 100000 = 200 */
    };
    RUN_ROWS(f, plain);
    cost_release(f);
}

static void test_linear_ranges(void **state)
{
    (void)state;
    core_error err;
    /* base 5..15 (mid 10), rate 0.001..0.003 (mid 0.002) */
    cost_fn *f = cost_linear(R(5, 15), R(0.001, 0.003), &err);
    assert_non_null(f);
    static const row rows[] = {
        /* lo 5 + 0.001 * 10000 = 15; mid 10 + 0.002 * 10000 = 30; hi 15 + 0.003 * 10000 = 45 */
        {"at 10000", 1e4, 1e4, 1e4, 15, 30, 45, NULL},
        /* at 0 only the base counts: 5, 10, 15 */
        {"at 0", 0, 0, 0, 5, 10, 15, NULL},
        /* span 5000..20000 (mid 10000): lo 5 + 0.001 * 5000 = 10; mid 30; hi 15 + 0.003 * 20000 =
           75 */
        {"over 5000..20000", 5000, 1e4, 2e4, 10, 30, 75, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* ---- power --------------------------------------------------------------------------- */

static void test_power(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = cost_power(N(2), N(0.5), &err);
    assert_non_null(f);
    assert_string_equal(cost_kind_name(f), "power");
    static const row rows[] = {
        {"2 x^0.5 at 0", 0, 0, 0, 0, 0, 0, NULL},                  /* 2 * sqrt(0) = 0 */
        {"2 x^0.5 at 1", 1, 1, 1, 2, 2, 2, NULL},                  /* 2 * 1 = 2 */
        {"2 x^0.5 at 0.25", 0.25, 0.25, 0.25, 1, 1, 1, NULL},      /* 2 * 0.5 = 1 */
        {"2 x^0.5 at 10000", 1e4, 1e4, 1e4, 200, 200, 200, NULL},  /* 2 * 100 = 200 */
        {"2 x^0.5 at 1e6", 1e6, 1e6, 1e6, 2000, 2000, 2000, NULL}, /* 2 * 1000 = 2000 */
        /* span 16..100 (mid 64): 2 * 4 = 8, 2 * 8 = 16, 2 * 10 = 20 */
        {"2 x^0.5 over 16..100", 16, 64, 100, 8, 16, 20, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);

    f = cost_power(N(3), N(1.5), &err);
    assert_non_null(f);
    static const row r15[] = {
        {"3 x^1.5 at 100", 100, 100, 100, 3000, 3000, 3000, NULL}, /* 3 * 100 * 10 = 3000 */
        {"3 x^1.5 at 4", 4, 4, 4, 24, 24, 24, NULL},               /* 3 * 4 * 2 = 24 */
    };
    RUN_ROWS(f, r15);
    cost_release(f);

    f = cost_power(N(7), N(0), &err); /* exponent 0: a flat 7, even at 0 (0^0 = 1) */
    assert_non_null(f);
    static const row r0[] = {
        {"7 x^0 at 0", 0, 0, 0, 7, 7, 7, NULL},
        {"7 x^0 at 12345", 12345, 12345, 12345, 7, 7, 7, NULL},
    };
    RUN_ROWS(f, r0);
    cost_release(f);

    f = cost_power(N(0.5), N(1), &err); /* exponent 1: linear, 0.5 x */
    assert_non_null(f);
    static const row r1[] = {{"0.5 x at 300", 300, 300, 300, 150, 150, 150, NULL}};
    RUN_ROWS(f, r1);
    cost_release(f);
}

static void test_power_ranges(void **state)
{
    (void)state;
    core_error err;
    /* coef 1..3 (mid 2), exponent 0.5..1.5 (mid 1) */
    cost_fn *f = cost_power(R(1, 3), R(0.5, 1.5), &err);
    assert_non_null(f);
    static const row rows[] = {
        /* x = 100 > 1, so a larger exponent raises the cost:
         * lo 1 * 100^0.5 = 10; mid 2 * 100^1 = 200; hi 3 * 100^1.5 = 3 * 1000 = 3000 */
        {"x = 100", 100, 100, 100, 10, 200, 3000, NULL},
        /* x = 0.25 < 1, so a larger exponent lowers it:
         * lo 1 * 0.25^1.5 = 0.125; mid 2 * 0.25 = 0.5; hi 3 * 0.25^0.5 = 3 * 0.5 = 1.5 */
        {"x = 0.25", 0.25, 0.25, 0.25, 0.125, 0.5, 1.5, NULL},
        /* x = 1: every exponent gives 1; lo 1, mid 2, hi 3 */
        {"x = 1", 1, 1, 1, 1, 2, 3, NULL},
        /* span 0.25..4 (mid 1): lo 1 * 0.25^1.5 = 0.125; mid 2 * 1 = 2; hi 3 * 4^1.5 = 24 */
        {"over 0.25..4", 0.25, 1, 4, 0.125, 2, 24, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* ---- validation ---------------------------------------------------------------------- */

typedef enum simple_kind { FIXED, LINEAR, POWER } simple_kind;

typedef struct bad_case {
    simple_kind kind;
    double a_lo, a_hi; /* the first parameter (amount, base, coef) */
    double b_lo, b_hi; /* the second (rate, exponent); ignored by fixed */
    const char *says;  /* a substring the message must contain */
} bad_case;

static const bad_case bad_cases[] = {
    {FIXED, -1, -1, 0, 0, "fixed: the amount must not be negative (got -1)"},
    {FIXED, -5, 5, 0, 0, "fixed: the amount must not be negative (got -5)"}, /* lo < 0 */
    {FIXED, NAN, NAN, 0, 0, "fixed: the amount must be a finite number"},
    {FIXED, INFINITY, INFINITY, 0, 0, "fixed: the amount must be a finite number"},
    {LINEAR, -1, -1, 0.002, 0.002, "linear: base must not be negative"},
    {LINEAR, 0, 0, -0.002, -0.002, "linear: rate must not be negative (got -0.002)"},
    {LINEAR, NAN, NAN, 1, 1, "linear: base must be a finite number"},
    {LINEAR, 0, 0, INFINITY, INFINITY, "linear: rate must be a finite number"},
    {LINEAR, 0, 0, -INFINITY, -INFINITY, "linear: rate must be a finite number"},
    {POWER, -2.5, -2.5, 0.8, 0.8, "power: coef must not be negative"},
    {POWER, 2.5, 2.5, -0.8, -0.8, "power: exp must not be negative (got -0.8)"},
    {POWER, NAN, NAN, 0.8, 0.8, "power: coef must be a finite number"},
    {POWER, 2.5, 2.5, INFINITY, INFINITY, "power: exp must be a finite number"},
};

static void test_invalid_parameters(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        /* built by hand: range_make would refuse the non-finite ones */
        range a = {.lo = c->a_lo, .mid = (c->a_lo + c->a_hi) / 2, .hi = c->a_hi};
        range b = {.lo = c->b_lo, .mid = (c->b_lo + c->b_hi) / 2, .hi = c->b_hi};
        core_error err;
        err.msg[0] = '\0';
        cost_fn *f = c->kind == FIXED    ? cost_fixed(a, &err)
                     : c->kind == LINEAR ? cost_linear(a, b, &err)
                                         : cost_power(a, b, &err);
        char label[32];
        snprintf(label, sizeof label, "case %zu", i);
        expect_rejected(f, &err, label, c->says);
    }
}

/* A cost that overflows is an evaluation error, never an infinity. */
static void test_power_overflow_is_an_error(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = cost_power(N(1), N(400), &err);
    assert_non_null(f);
    double x = 1e10, lo, mid, hi; /* (1e10)^400 = 1e4000 > DBL_MAX (about 1.8e308) */
    bool ok = cost_eval(f, &x, 1, &lo, &mid, &hi, &err);
    cost_release(f);
    assert_false(ok);
    /* %.10g prints 1e10 as 1e+10 */
    assert_non_null(
        strstr(err.msg, "power: the cost at driver value 1e+10 is not a finite number"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed),
        cmocka_unit_test(test_fixed_range),
        cmocka_unit_test(test_linear),
        cmocka_unit_test(test_linear_ranges),
        cmocka_unit_test(test_power),
        cmocka_unit_test(test_power_ranges),
        cmocka_unit_test(test_invalid_parameters),
        cmocka_unit_test(test_power_overflow_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
