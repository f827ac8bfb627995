/*
 * test_instances: unit tests for engine/core/cost_instances.c.
 *
 * cost = clamp(ceil(load / capacity), min, max) * price.  Every expected value is worked
 * out by hand in the comment beside it; none is computed by calling the code under test.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "testutil.h"
#include "costcheck.h"

#include "cost.h"

static cost_fn *make(range capacity, range price, double min_count, double max_count)
{
    core_error err;
    cost_fn *f = cost_instances(capacity, price, min_count, max_count, &err);
    if (!f) {
        print_error("cost_instances failed: %s\n", err.msg);
        fail();
    }
    return f;
}

/* The contract's example: capacity 5000 a replica, 45 a replica, between 2 and 50. */
static void test_ceil_min_max(void **state)
{
    (void)state;
    cost_fn *f = make(N(5000), N(45), 2, 50);
    assert_string_equal(cost_kind_name(f), "instances");
    static const row rows[] = {
        AT("zero load: min 2", 0, 90), /* ceil(0) = 0 -> min 2; 2 * 45 = 90 */
        AT("one: min 2", 1, 90),       /* ceil(0.0002) = 1 -> 2 */
        AT("exactly one replica's load: min 2", 5000, 90),
        AT("exactly two replicas' load", 10000, 90),      /* 10000 / 5000 = 2 -> 2 * 45 */
        AT("one past two replicas", 10001, 135),          /* ceil(2.0002) = 3 -> 3 * 45 = 135 */
        AT("12345", 12345, 135),                          /* ceil(2.469) = 3 */
        AT("exactly three", 15000, 135),                  /* 15000 / 5000 = 3 */
        AT("one past three", 15001, 180),                 /* ceil(3.0002) = 4 -> 180 */
        AT("exactly the max", 250000, 2250),              /* 250000 / 5000 = 50 -> 50 * 45 = 2250 */
        AT("one past the max: held at 50", 250001, 2250), /* ceil(50.0002) = 51 -> max 50 */
        AT("far past the max", 1e9, 2250),
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_no_min_no_max(void **state)
{
    (void)state;
    cost_fn *f = make(N(5000), N(45), 0, -1); /* max < 0: no maximum */
    static const row rows[] = {
        AT("zero load: no replicas", 0, 0),
        AT("one unit", 1, 45), /* ceil(0.0002) = 1 */
        AT("exactly one replica", 5000, 45),
        AT("one past", 5001, 90), /* ceil(1.0002) = 2 */
        AT("1e9", 1e9, 9000000),  /* 1e9 / 5000 = 200000 -> 200000 * 45 = 9e6 */
    };
    RUN_ROWS(f, rows);
    cost_release(f);

    f = make(N(5000), N(45), 3, 3);                                     /* min == max: always 3 */
    static const row fixed3[] = {AT("0", 0, 135), AT("1e6", 1e6, 135)}; /* 3 * 45 = 135 */
    RUN_ROWS(f, fixed3);
    cost_release(f);
}

/*
 * A load that is an exact multiple of the capacity needs exactly that many replicas, even
 * when floating-point division lands a hair above the whole number.
 */
static void test_floating_tolerance(void **state)
{
    (void)state;
    cost_fn *f = make(N(500), N(1), 0, -1);
    static const row rows[] = {
        AT("1000 on 500", 1000, 2),
        /* 1000.0000000001 / 500 = 2.0000000000002 in doubles: within 1e-9 of 2 -> 2 */
        AT("1000.0000000001 on 500", 1000.0000000001, 2),
        /* 1000.001 / 500 = 2.000002: a real excess -> 3 */
        AT("1000.001 on 500", 1000.001, 3),
        AT("1001 on 500", 1001, 3),
    };
    RUN_ROWS(f, rows);
    cost_release(f);

    f = make(N(0.1), N(1), 0, -1);
    static const row tenths[] = {
        /* 0.1 + 0.2 = 0.30000000000000004 in doubles; / 0.1 = 3.0000000000000004 -> 3 */
        AT("0.30000000000000004 on 0.1", 0.30000000000000004, 3),
        /* 0.3 / 0.1 = 2.9999999999999996 in doubles -> ceil 3 */
        AT("0.3 on 0.1", 0.3, 3),
        /* 0.7 / 0.1 = 6.999999999999999 in doubles -> 7 */
        AT("0.7 on 0.1", 0.7, 7),
        /* 0.35 / 0.1 = 3.5 -> 4 */
        AT("0.35 on 0.1", 0.35, 4),
    };
    RUN_ROWS(f, tenths);
    cost_release(f);
}

/*
 * The tolerance must never take away a replica that a load needs.  3e9 requests on
 * replicas of capacity 1 is exactly 3e9 replicas (3e9 is a whole double, so the quotient is
 * exact); a tolerance of 1e-9 * q is 3 whole replicas at this size.
 */
static void test_tolerance_at_large_counts(void **state)
{
    (void)state;
    cost_fn *f = make(N(1), N(1), 0, -1);
    double x[] = {2e9, 3e9, 3e9 + 0.5}, lo[3], mid[3], hi[3];
    core_error err;
    bool ok = cost_eval(f, x, 3, lo, mid, hi, &err);
    cost_release(f);
    assert_true(ok);
    assert_double_near(mid[0], 2e9, 0.5);     /* 2e9 / 1 = 2e9 replicas * 1 */
    assert_double_near(mid[1], 3e9, 0.5);     /* 3e9 / 1 = 3e9 replicas * 1 */
    assert_double_near(mid[2], 3e9 + 1, 0.5); /* ceil(3e9 + 0.5) = 3e9 + 1 */
}

static void test_ranges(void **state)
{
    (void)state;
    /* capacity 4000..6000 (mid 5000), price 40..50 (mid 45), min 1, no max */
    cost_fn *f = make(R(4000, 6000), R(40, 50), 1, -1);
    static const row rows[] = {
        /* 12000: lo ceil(12000 / 6000) = 2 at 40 = 80 (more capacity, fewer replicas);
         * mid ceil(12000 / 5000) = ceil(2.4) = 3 at 45 = 135; hi ceil(12000 / 4000) = 3 at 50 = 150
         */
        {"12000", 12000, 12000, 12000, 80, 135, 150, NULL},
        /* 0: min 1 everywhere: 40, 45, 50 */
        {"0", 0, 0, 0, 40, 45, 50, NULL},
        /* driver 9000..12000..13000: lo ceil(9000 / 6000) = 2 at 40 = 80; mid 135;
         * hi ceil(13000 / 4000) = ceil(3.25) = 4 at 50 = 200 */
        {"9000..12000..13000", 9000, 12000, 13000, 80, 135, 200, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);

    /* a max holds the high end too: capacity 4000..6000, price 45, min 0, max 2 */
    f = make(R(4000, 6000), N(45), 0, 2);
    static const row capped[] = {
        /* 10000: lo ceil(1.667) = 2 -> 90; mid 10000 / 5000 = 2 -> 90; hi ceil(2.5) = 3 -> max 2 ->
           90 */
        {"10000", 10000, 10000, 10000, 90, 90, 90, NULL},
        /* 5000: lo ceil(0.833) = 1 -> 45; mid 1 -> 45; hi ceil(1.25) = 2 -> 90 */
        {"5000", 5000, 5000, 5000, 45, 45, 90, NULL},
    };
    RUN_ROWS(f, capped);
    cost_release(f);
}

typedef struct bad_case {
    const char *label;
    range capacity, price;
    double min_count, max_count;
    const char *says;
} bad_case;

#define X(v)                                                                                       \
    {                                                                                              \
        (v), (v), (v), RANGE_EXACT, (v), 0                                                         \
    }

static const bad_case bad_cases[] = {
    {"capacity 0", X(0), X(45), 0, -1,
     "instances: capacity must be greater than 0 (got 0): it is the load one replica serves"},
    {"capacity 0..10",
     {0, 5, 10, RANGE_INTERVAL90, 5, 0},
     X(45),
     0,
     -1,
     "capacity must be greater than 0 (got 0)"},
    {"negative capacity", X(-5), X(45), 0, -1, "instances: capacity must not be negative (got -5)"},
    {"NaN capacity", X(NAN), X(45), 0, -1, "instances: capacity must be a finite number"},
    {"infinite capacity", X(INFINITY), X(45), 0, -1, "capacity must be a finite number"},
    {"negative price", X(5000), X(-45), 0, -1, "instances: price must not be negative (got -45)"},
    {"NaN price", X(5000), X(NAN), 0, -1, "instances: price must be a finite number"},
    {"fractional min", X(5000), X(45), 1.5, -1,
     "instances: min must be a whole number >= 0 (got 1.5)"},
    {"negative min", X(5000), X(45), -1, -1, "min must be a whole number >= 0 (got -1)"},
    {"NaN min", X(5000), X(45), NAN, -1, "min must be a whole number"},
    {"infinite min", X(5000), X(45), INFINITY, -1, "min must be a whole number"},
    {"max below min", X(5000), X(45), 3, 2,
     "instances: max must be a whole number >= min (got max 2, min 3)"},
    {"fractional max", X(5000), X(45), 0, 2.5, "max must be a whole number >= min (got max 2.5"},
    {"infinite max", X(5000), X(45), 0, INFINITY, "max must be a whole number >= min"},
};

static void test_invalid_specs(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        core_error err;
        err.msg[0] = '\0';
        cost_fn *f = cost_instances(c->capacity, c->price, c->min_count, c->max_count, &err);
        expect_rejected(f, &err, c->label, c->says);
    }
}

/* A NaN max is not a number: it must be rejected, not taken for "no maximum" (NaN is not
 * "< 0", and it is not ">= 0" either). */
static void test_nan_max_is_rejected(void **state)
{
    (void)state;
    core_error err;
    err.msg[0] = '\0';
    cost_fn *f = cost_instances(N(5000), N(45), 0, NAN, &err);
    bool built = f != NULL;
    cost_release(f);
    assert_false(built);
    assert_non_null(strstr(err.msg, "instances: max must be a whole number >= min"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ceil_min_max),
        cmocka_unit_test(test_no_min_no_max),
        cmocka_unit_test(test_floating_tolerance),
        cmocka_unit_test(test_tolerance_at_large_counts),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_invalid_specs),
        cmocka_unit_test(test_nan_max_is_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
