/*
 * test_cost: unit tests for engine/core/cost.c: composition (sum, difference, scale, max,
 * min, of), callbacks, reference counting, error locations and evaluation over uncertain
 * drivers.
 *
 * Every expected value is worked out by hand in the comment beside it; none is computed
 * by calling the code under test.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "costcheck.h"

#include "cost.h"

/* Fails the test when a constructor returned NULL. */
static cost_fn *must(cost_fn *f, const core_error *err)
{
    if (!f) {
        print_error("constructor failed: %s\n", err ? err->msg : "(composition)");
        fail();
    }
    return f;
}

/* Evaluates f at one exact x, expecting failure; returns the message in err. */
static void expect_error(const cost_fn *f, double x, core_error *err)
{
    double lo, mid, hi;
    if (cost_eval(f, &x, 1, &lo, &mid, &hi, err)) {
        print_error("evaluation at %g succeeded (mid %g)\n", x, mid);
        fail();
    }
}

static void assert_starts_with(const char *s, const char *prefix)
{
    if (strncmp(s, prefix, strlen(prefix)) != 0) {
        print_error("\"%s\" does not start with \"%s\"\n", s, prefix);
        fail();
    }
}

static void assert_contains(const char *s, const char *part)
{
    if (!strstr(s, part)) {
        print_error("\"%s\" does not contain \"%s\"\n", s, part);
        fail();
    }
}

#define TIER_RATE(u, r)                                                                            \
    {                                                                                              \
        .upto = (u), .rate = {(r), (r), (r), RANGE_EXACT, (r), 0 }                                 \
    }
#define OPEN_RATE(r)                                                                               \
    {                                                                                              \
        .open = true, .rate = {(r), (r), (r), RANGE_EXACT, (r), 0 }                                \
    }
#define PLAN(u, c)                                                                                 \
    {                                                                                              \
        .upto = (u), .cost = {(c), (c), (c), RANGE_EXACT, (c), 0 }                                 \
    }
#define OPEN_PLAN(c)                                                                               \
    {                                                                                              \
        .open = true, .cost = {(c), (c), (c), RANGE_EXACT, (c), 0 }                                \
    }

/* AWS egress: 0.09 up to 10240 GB, 0.085 up to 51200, 0.07 up to 153600, then 0.05. */
static const cost_tier aws_egress[] = {TIER_RATE(10240, 0.09), TIER_RATE(51200, 0.085),
                                       TIER_RATE(153600, 0.07), OPEN_RATE(0.05)};
/* 500 up to 5000, 1500 up to 20000, then 4000. */
static const cost_tier paas[] = {PLAN(5000, 500), PLAN(20000, 1500), OPEN_PLAN(4000)};

/* ---- sum and difference -------------------------------------------------------------- */

static void test_sum(void **state)
{
    (void)state;
    core_error err;
    cost_fn *a = must(cost_fixed(N(100), &err), &err);
    cost_fn *b = must(cost_linear(N(0), N(0.002), &err), &err);
    cost_fn *s = must(cost_sum(a, b, &err), &err);
    assert_string_equal(cost_kind_name(s), "sum");
    static const row rows[] = {
        AT("at 0", 0, 100),         /* 100 + 0 */
        AT("at 10000", 10000, 120), /* 100 + 0.002 * 10000 = 100 + 20 */
        {"over 5000..10000..20000", 5000, 10000, 20000, 110, 120, 140, NULL}, /* 100 + 10, 20, 40 */
    };
    RUN_ROWS(s, rows);
    cost_release(s);
    cost_release(a);
    cost_release(b);

    /* ranges add end to end: fixed 80..120 (mid 100) + 0.001..0.003 (mid 0.002) a unit */
    a = must(cost_fixed(R(80, 120), &err), &err);
    b = must(cost_linear(N(0), R(0.001, 0.003), &err), &err);
    s = must(cost_sum(a, b, &err), &err);
    cost_release(a);
    cost_release(b);
    static const row ranged[] = {
        /* at 10000: lo 80 + 10 = 90; mid 100 + 20 = 120; hi 120 + 30 = 150 */
        {"ranges at 10000", 10000, 10000, 10000, 90, 120, 150, NULL},
    };
    RUN_ROWS(s, ranged);
    cost_release(s);
}

static void test_difference(void **state)
{
    (void)state;
    core_error err;
    cost_fn *a = must(cost_linear(N(0), N(0.01), &err), &err);
    cost_fn *b = must(cost_fixed(N(30), &err), &err);
    cost_fn *d = must(cost_difference(a, b, &err), &err);
    cost_release(a);
    cost_release(b);
    assert_string_equal(cost_kind_name(d), "difference");
    static const row rows[] = {
        AT("at 10000", 10000, 70), /* 0.01 * 10000 - 30 = 70 */
        AT("at 3000", 3000, 0),    /* 30 - 30 = 0 */
        AT("at 0", 0, -30),        /* a saving can be negative: 0 - 30 */
    };
    RUN_ROWS(d, rows);
    cost_release(d);

    /* the least a - b takes b at its greatest */
    a = must(cost_fixed(N(50), &err), &err);
    b = must(cost_fixed(R(80, 120), &err), &err);
    d = must(cost_difference(a, b, &err), &err);
    cost_release(a);
    cost_release(b);
    static const row negative[] = {
        /* lo 50 - 120 = -70; mid 50 - 100 = -50; hi 50 - 80 = -30 */
        {"50 - (80..120)", 1, 1, 1, -70, -50, -30, NULL},
    };
    RUN_ROWS(d, negative);
    cost_release(d);

    a = must(cost_linear(N(0), R(0.01, 0.03), &err), &err);
    b = must(cost_fixed(R(10, 20), &err), &err);
    d = must(cost_difference(a, b, &err), &err);
    cost_release(a);
    cost_release(b);
    static const row both[] = {
        /* at 1000: a is 10..20..30, b is 10..15..20.
         * lo 10 - 20 = -10; mid 20 - 15 = 5; hi 30 - 10 = 20 */
        {"(0.01..0.03) x - (10..20) at 1000", 1000, 1000, 1000, -10, 5, 20, NULL},
    };
    RUN_ROWS(d, both);
    cost_release(d);
}

/* ---- scale --------------------------------------------------------------------------- */

static void test_scale_by_number(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = must(cost_linear(N(10), N(0.002), &err), &err);
    cost_fn *s = must(cost_scale(f, N(2), &err), &err);
    cost_fn *z = must(cost_scale(f, N(0), &err), &err);
    cost_release(f);
    assert_string_equal(cost_kind_name(s), "scale");
    static const row rows[] = {
        AT("x2 at 10000", 10000, 60), /* (10 + 20) * 2 = 60 */
        AT("x2 at 0", 0, 20),         /* 10 * 2 */
        {"x2 over 5000..10000..20000", 5000, 10000, 20000, 40, 60, 100,
         NULL}, /* (20, 30, 50) * 2 */
    };
    RUN_ROWS(s, rows);
    static const row zero[] = {AT("x0 at 10000", 10000, 0)};
    RUN_ROWS(z, zero);
    cost_release(s);
    cost_release(z);
}

static void test_scale_by_range(void **state)
{
    (void)state;
    core_error err;

    /* fixed 100 * 0.9..1.1 (mid 1.0): 90, 100, 110 */
    cost_fn *f = must(cost_fixed(N(100), &err), &err);
    cost_fn *s = must(cost_scale(f, R(0.9, 1.1), &err), &err);
    cost_release(f);
    static const row rows[] = {{"100 * (0.9..1.1)", 7, 7, 7, 90, 100, 110, NULL}};
    RUN_ROWS(s, rows);
    cost_release(s);

    /* fixed 80..120 (mid 100) * 0.5..2 (mid 1.25): lo 80 * 0.5 = 40; mid 100 * 1.25 = 125;
     * hi 120 * 2 = 240 */
    f = must(cost_fixed(R(80, 120), &err), &err);
    s = must(cost_scale(f, R(0.5, 2), &err), &err);
    cost_release(f);
    static const row both[] = {{"(80..120) * (0.5..2)", 7, 7, 7, 40, 125, 240, NULL}};
    RUN_ROWS(s, both);
    cost_release(s);

    /* a negative cost scaled by a range: (50 - (80..120)) = -70..-50..-30, times 0.5..2.
     * The four products: -70 * 0.5 = -35, -70 * 2 = -140, -30 * 0.5 = -15, -30 * 2 = -60:
     * lo -140, hi -15; mid -50 * 1.25 = -62.5 */
    cost_fn *a = must(cost_fixed(N(50), &err), &err);
    cost_fn *b = must(cost_fixed(R(80, 120), &err), &err);
    cost_fn *d = must(cost_difference(a, b, &err), &err);
    s = must(cost_scale(d, R(0.5, 2), &err), &err);
    cost_release(a);
    cost_release(b);
    cost_release(d);
    static const row neg[] = {{"(-70..-30) * (0.5..2)", 7, 7, 7, -140, -62.5, -15, NULL}};
    RUN_ROWS(s, neg);
    cost_release(s);

    /* a range straddling zero: (0.01..0.03) x - (10..20) at x = 1000 is -10..5..20 (see
     * test_difference); times 0.5..2 the four products are -10 * 0.5 = -5, -10 * 2 = -20,
     * 20 * 0.5 = 10, 20 * 2 = 40: lo -20, hi 40; mid 5 * 1.25 = 6.25 */
    a = must(cost_linear(N(0), R(0.01, 0.03), &err), &err);
    b = must(cost_fixed(R(10, 20), &err), &err);
    d = must(cost_difference(a, b, &err), &err);
    s = must(cost_scale(d, R(0.5, 2), &err), &err);
    cost_release(a);
    cost_release(b);
    cost_release(d);
    static const row straddle[] = {{"(-10..20) * (0.5..2)", 1000, 1000, 1000, -20, 6.25, 40, NULL}};
    RUN_ROWS(s, straddle);
    cost_release(s);
}

static void test_scale_invalid(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = must(cost_fixed(N(100), &err), &err);
    assert_null(cost_scale(f, N(-1), &err));
    assert_contains(err.msg, "scale: the factor must not be negative (got -1)");
    assert_null(cost_scale(f, R(-0.5, 2), &err));
    assert_contains(err.msg, "scale: the factor must not be negative (got -0.5)");
    range nan = {NAN, NAN, NAN, RANGE_EXACT, NAN, 0};
    assert_null(cost_scale(f, nan, &err));
    assert_contains(err.msg, "scale: the factor must be a finite number");
    range inf = {1, 1, INFINITY, RANGE_UNIFORM, 1, 0};
    assert_null(cost_scale(f, inf, &err));
    assert_contains(err.msg, "scale: the factor must be a finite number");
    cost_release(f); /* the failed constructors took no reference */
}

/* ---- max and min --------------------------------------------------------------------- */

/* max(usage, commitment): a minimum monthly commitment of 100. */
static void test_max_minimum_commitment(void **state)
{
    (void)state;
    core_error err;
    cost_fn *usage = must(cost_linear(N(0), N(0.01), &err), &err);
    cost_fn *commit = must(cost_fixed(N(100), &err), &err);
    cost_fn *f = must(cost_max(usage, commit, &err), &err);
    assert_string_equal(cost_kind_name(f), "max");
    static const row rows[] = {
        AT("no usage", 0, 100),              /* max(0, 100) */
        AT("usage below", 5000, 100),        /* max(50, 100) */
        AT("usage exactly at", 10000, 100),  /* max(100, 100) */
        AT("usage one past", 10001, 100.01), /* max(100.01, 100) */
        AT("usage above", 20000, 200),       /* max(200, 100) */
        /* 5000..10000..20000: lo max(50, 100) = 100; mid 100; hi max(200, 100) = 200 */
        {"over 5000..10000..20000", 5000, 10000, 20000, 100, 100, 200, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
    cost_release(commit);

    /* a range commitment 80..120 (mid 100) */
    commit = must(cost_fixed(R(80, 120), &err), &err);
    f = must(cost_max(usage, commit, &err), &err);
    cost_release(usage);
    cost_release(commit);
    static const row ranged[] = {
        /* usage 100: lo max(100, 80) = 100; mid max(100, 100) = 100; hi max(100, 120) = 120 */
        {"at 10000", 10000, 10000, 10000, 100, 100, 120, NULL},
        /* usage 50: 80, 100, 120 */
        {"at 5000", 5000, 5000, 5000, 80, 100, 120, NULL},
        /* usage 200: 200 everywhere */
        {"at 20000", 20000, 20000, 20000, 200, 200, 200, NULL},
    };
    RUN_ROWS(f, ranged);
    cost_release(f);
}

/* min(usage, cap): a price cap of 500. */
static void test_min_cap(void **state)
{
    (void)state;
    core_error err;
    cost_fn *usage = must(cost_linear(N(0), N(0.01), &err), &err);
    cost_fn *cap = must(cost_fixed(N(500), &err), &err);
    cost_fn *f = must(cost_min(usage, cap, &err), &err);
    cost_release(cap);
    assert_string_equal(cost_kind_name(f), "min");
    static const row rows[] = {
        AT("0", 0, 0),
        AT("10000", 10000, 100),   /* min(100, 500) */
        AT("50000", 50000, 500),   /* min(500, 500) */
        AT("100000", 100000, 500), /* min(1000, 500) */
        /* 10000..50000..100000: lo min(100, 500) = 100; mid 500; hi min(1000, 500) = 500 */
        {"over 10000..50000..100000", 10000, 50000, 100000, 100, 500, 500, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);

    cap = must(cost_fixed(R(80, 120), &err), &err);
    f = must(cost_min(usage, cap, &err), &err);
    cost_release(usage);
    cost_release(cap);
    static const row ranged[] = {
        /* usage 100: lo min(100, 80) = 80; mid min(100, 100) = 100; hi min(100, 120) = 100 */
        {"at 10000", 10000, 10000, 10000, 80, 100, 100, NULL},
    };
    RUN_ROWS(f, ranged);
    cost_release(f);
}

/* ---- of: a derived driver ------------------------------------------------------------ */

static void test_of_derived_driver(void **state)
{
    (void)state;
    core_error err;
    cost_fn *egress = must(cost_graduated(aws_egress, 4, N(0), &err), &err);
    cost_fn *gb = must(cost_linear(N(0), N(0.5), &err), &err); /* 0.5 GB a user */
    cost_fn *f = must(cost_of(egress, gb, &err), &err);
    cost_release(egress);
    cost_release(gb);
    assert_string_equal(cost_kind_name(f), "of");
    static const row rows[] = {
        AT("0 users", 0, 0),
        /* 20480 users -> 10240 GB: 10240 * 0.09 = 921.6 */
        AT("20480 users", 20480, 921.6),
        /* 100000 users -> 50000 GB: 921.6 + 39760 * 0.085 = 921.6 + 3379.6 = 4301.2 */
        AT("100000 users", 100000, 4301.2),
        /* 114000 users -> 57000 GB: the published 4809.20 */
        AT("114000 users", 114000, 4809.2),
    };
    RUN_ROWS(f, rows);
    cost_release(f);

    /* with a free allowance: 214.66 users at 0.5 GB = 107.33 GB, 100 free, at 0.09 */
    static const cost_tier flat[] = {OPEN_RATE(0.09)};
    egress = must(cost_graduated(flat, 1, N(100), &err), &err);
    gb = must(cost_linear(N(0), N(0.5), &err), &err);
    f = must(cost_of(egress, gb, &err), &err);
    cost_release(egress);
    cost_release(gb);
    double x = 214.66, lo, mid, hi;
    assert_true(cost_eval(f, &x, 1, &lo, &mid, &hi, &err));
    assert_cents(mid, 0.66); /* 7.33 * 0.09 = 0.6597 */
    assert_double_near(mid, 0.6597, 1e-12);
    cost_release(f);

    /* of nests: 0.1 a unit of (2 * (3 * users)): 10 users -> 30 -> 60 -> 6 */
    cost_fn *price = must(cost_linear(N(0), N(0.1), &err), &err);
    cost_fn *twice = must(cost_linear(N(0), N(2), &err), &err);
    cost_fn *thrice = must(cost_linear(N(0), N(3), &err), &err);
    cost_fn *inner = must(cost_of(price, twice, &err), &err);
    f = must(cost_of(inner, thrice, &err), &err);
    cost_release(price);
    cost_release(twice);
    cost_release(thrice);
    cost_release(inner);
    static const row nested[] = {AT("10 users", 10, 6)};
    RUN_ROWS(f, nested);
    cost_release(f);
}

/* A derived driver that is itself a range: 0.3..0.8 GB a user (mid 0.55). */
static void test_of_range_driver(void **state)
{
    (void)state;
    core_error err;
    cost_fn *egress = must(cost_graduated(aws_egress, 4, N(0), &err), &err);
    cost_fn *gb = must(cost_linear(N(0), R(0.3, 0.8), &err), &err);
    cost_fn *f = must(cost_of(egress, gb, &err), &err);
    cost_release(egress);
    cost_release(gb);
    static const row rows[] = {
        /* 10000 users -> 3000..5500..8000 GB, all in the first bracket:
         * 3000 * 0.09 = 270; 5500 * 0.09 = 495; 8000 * 0.09 = 720 */
        {"10000 users", 10000, 10000, 10000, 270, 495, 720, NULL},
        /* 20000 users -> 6000..11000..16000 GB:
         * lo 6000 * 0.09 = 540;
         * mid 921.6 + (11000 - 10240) * 0.085 = 921.6 + 64.6 = 986.2;
         * hi 921.6 + (16000 - 10240) * 0.085 = 921.6 + 489.6 = 1411.2 */
        {"20000 users", 20000, 20000, 20000, 540, 986.2, 1411.2, NULL},
        /* 100000 users -> 30000..55000..80000 GB:
         * lo 921.6 + (30000 - 10240) * 0.085 = 921.6 + 1679.6 = 2601.2;
         * mid 921.6 + 3481.6 + (55000 - 51200) * 0.07 = 4403.2 + 266 = 4669.2;
         * hi 4403.2 + (80000 - 51200) * 0.07 = 4403.2 + 2016 = 6419.2 */
        {"100000 users", 100000, 100000, 100000, 2601.2, 4669.2, 6419.2, NULL},
        /* an uncertain user count as well: 50000..100000..200000 users ->
         * lo 0.3 * 50000 = 15000 GB: 921.6 + 4760 * 0.085 = 921.6 + 404.6 = 1326.2;
         * mid 4669.2 (as above);
         * hi 0.8 * 200000 = 160000 GB: 4403.2 + 102400 * 0.07 + 6400 * 0.05
         *    = 4403.2 + 7168 + 320 = 11891.2 */
        {"50000..100000..200000 users", 50000, 100000, 200000, 1326.2, 4669.2, 11891.2, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_of_uncertain_outer_driver(void **state)
{
    (void)state;
    core_error err;
    cost_fn *plans = must(cost_step(paas, 3, &err), &err);
    cost_fn *half = must(cost_linear(N(0), N(0.5), &err), &err);
    cost_fn *f = must(cost_of(plans, half, &err), &err);
    cost_release(plans);
    cost_release(half);
    static const row rows[] = {
        /* users 8000..10000..12000 -> 4000..5000..6000: plans 1 and 2 reached:
         * lo 500, mid 500 (5000 is plan 1's inclusive bound), hi 1500 */
        {"8000..10000..12000", 8000, 10000, 12000, 500, 500, 1500, NULL},
        /* 10000 users exactly -> 5000: 500; 10002 -> 5001: 1500 */
        AT("10000", 10000, 500),
        AT("10002", 10002, 1500),
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_of_errors(void **state)
{
    (void)state;
    core_error err;

    /* a derived driver beyond the last bracket: the inner function's error */
    cost_fn *egress = must(cost_graduated(aws_egress, 3, N(0), &err), &err); /* no open bracket */
    cost_fn *gb = must(cost_linear(N(0), N(0.5), &err), &err);
    cost_fn *f = must(cost_of(egress, gb, &err), &err);
    cost_release(egress);
    cost_release(gb);
    cost_set_origin(f, "egress.lua:4");
    /* 400000 users -> 200000 GB > 153600 */
    expect_error(f, 400000, &err);
    assert_string_equal(err.msg, "egress.lua:4: graduated: driver value 200000 is beyond the "
                                 "last bracket (upto 153600) and no bracket is open-ended; add a "
                                 "last bracket without upto");
    assert_true(err.located);
    cost_release(f);

    /* a derived driver that is negative: 0 - 10 */
    cost_fn *zero = must(cost_fixed(N(0), &err), &err);
    cost_fn *ten = must(cost_fixed(N(10), &err), &err);
    cost_fn *neg = must(cost_difference(zero, ten, &err), &err);
    cost_fn *price = must(cost_linear(N(0), N(1), &err), &err);
    f = must(cost_of(price, neg, &err), &err);
    cost_release(zero);
    cost_release(ten);
    cost_release(neg);
    cost_release(price);
    expect_error(f, 5, &err);
    assert_contains(err.msg, "driver value -10 is negative");
    cost_release(f);
}

/* ---- callbacks ----------------------------------------------------------------------- */

typedef enum cb_mode { CB_OK, CB_FAIL, CB_NAN } cb_mode;

typedef struct cb_ctx {
    double rate;   /* the cost is rate * x */
    double spread; /* lo and hi are (1 -/+ spread) * cost */
    cb_mode mode;  /* what the callback does */
    int *calls;    /* counts calls */
    int *freed;    /* counts free_ctx calls */
} cb_ctx;

static bool cb_call(void *ctx, double x, range *out, core_error *err)
{
    cb_ctx *c = ctx;
    (*c->calls)++;
    if (c->mode == CB_FAIL) {
        snprintf(err->msg, sizeof err->msg, "function: boom at %g", x);
        return false;
    }
    if (c->mode == CB_NAN) {
        *out = range_number(NAN);
        return true;
    }
    double v = c->rate * x;
    *out = (range){v * (1 - c->spread), v, v * (1 + c->spread), RANGE_UNIFORM, v, 0};
    return true;
}

static void cb_free(void *ctx)
{
    cb_ctx *c = ctx;
    (*c->freed)++;
    free(c);
}

static cost_fn *make_cb(double rate, double spread, cb_mode mode, int *calls, int *freed)
{
    cb_ctx *c = malloc(sizeof *c);
    assert_non_null(c);
    *c = (cb_ctx){.rate = rate, .spread = spread, .mode = mode, .calls = calls, .freed = freed};
    return must(cost_callback(cb_call, c, cb_free, NULL), NULL);
}

static void test_callback_exact(void **state)
{
    (void)state;
    int calls = 0, freed = 0;
    cost_fn *f = make_cb(2, 0, CB_OK, &calls, &freed);
    assert_string_equal(cost_kind_name(f), "function");
    double x[] = {0, 1000, 2.5}, lo[3], mid[3], hi[3];
    core_error err;
    assert_true(cost_eval(f, x, 3, lo, mid, hi, &err));
    check3("2 * 0", lo[0], mid[0], hi[0], 0, 0, 0);
    check3("2 * 1000", lo[1], mid[1], hi[1], 2000, 2000, 2000);
    check3("2 * 2.5", lo[2], mid[2], hi[2], 5, 5, 5);
    assert_int_equal(calls, 3); /* once a value: an exact driver is not called again */
    assert_int_equal(freed, 0);
    cost_release(f);
    assert_int_equal(freed, 1);
}

static void test_callback_ranges_and_uncertain_driver(void **state)
{
    (void)state;
    int calls = 0, freed = 0;
    cost_fn *f = make_cb(2, 0.1, CB_OK, &calls, &freed); /* 2x, with 0.9..1.1 of it */
    static const row rows[] = {
        /* at 1000: 2000 * 0.9 = 1800, 2000, 2000 * 1.1 = 2200 */
        {"at 1000", 1000, 1000, 1000, 1800, 2000, 2200, NULL},
        /* 500..1000..2000: called at 1000 (1800, 2000, 2200), at 500 (900, 1000, 1100) and at
         * 2000 (3600, 4000, 4400): lo 900, mid 2000, hi 4400 */
        {"500..1000..2000", 500, 1000, 2000, 900, 2000, 4400, NULL},
    };
    calls = 0;
    RUN_ROWS(f, rows);
    /* one at a time: 1 + 3 calls; as an array: 1 + 3 calls again */
    assert_int_equal(calls, 8);
    cost_release(f);
    assert_int_equal(freed, 1);
}

static void test_callback_errors(void **state)
{
    (void)state;
    int calls = 0, freed = 0;
    core_error err;

    /* its own message, prefixed with its origin */
    cost_fn *f = make_cb(1, 0, CB_FAIL, &calls, &freed);
    expect_error(f, 7, &err);
    assert_string_equal(err.msg, "function: boom at 7");
    assert_false(err.located);
    cost_set_origin(f, "m.lua:5");
    expect_error(f, 7, &err);
    assert_string_equal(err.msg, "m.lua:5: function: boom at 7");
    assert_true(err.located);
    cost_release(f);

    /* inside a sum with an origin of its own, the callback without one */
    f = make_cb(1, 0, CB_FAIL, &calls, &freed);
    cost_fn *fixed = must(cost_fixed(N(1), &err), &err);
    cost_fn *s = must(cost_sum(fixed, f, &err), &err);
    cost_release(fixed);
    cost_release(f);
    cost_set_origin(s, "m.lua:9");
    expect_error(s, 3, &err);
    assert_string_equal(err.msg, "m.lua:9: function: boom at 3");
    cost_release(s);

    /* a value that is not a finite number */
    f = make_cb(1, 0, CB_NAN, &calls, &freed);
    expect_error(f, 3, &err);
    assert_contains(err.msg, "function: returned a value that is not a finite number at driver "
                             "value 3");
    cost_release(f);
    assert_int_equal(freed, 3);

    /* no free_ctx is fine */
    f = must(cost_callback(cb_call, NULL, NULL, NULL), NULL);
    cost_release(f);
}

/* ---- reference counting -------------------------------------------------------------- */

static void test_refcount_shared_subtrees(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = must(cost_linear(N(0), N(0.01), &err), &err);
    cost_fn *s = must(cost_sum(f, f, &err), &err);       /* f twice: 2 f */
    cost_fn *sc = must(cost_scale(f, N(3), &err), &err); /* 3 f */
    cost_fn *m = must(cost_max(s, sc, &err), &err);      /* max(2 f, 3 f) */
    /* the caller's references go; the tree keeps what it shares */
    cost_release(f);
    cost_release(s);
    cost_release(sc);
    static const row rows[] = {AT("1000", 1000, 30)}; /* f = 10: max(20, 30) = 30 */
    RUN_ROWS(m, rows);

    /* retain and release are balanced */
    cost_retain(m);
    cost_retain(m);
    cost_release(m);
    cost_release(m);
    RUN_ROWS(m, rows);
    cost_release(m);
    cost_release(NULL); /* allowed */

    /* a shared callback is freed once, when its last reference goes */
    int calls = 0, freed = 0;
    cost_fn *cb = make_cb(1, 0, CB_OK, &calls, &freed);
    cost_fn *both = must(cost_sum(cb, cb, &err), &err);
    cost_fn *two = must(cost_linear(N(0), N(2), &err), &err);
    cost_fn *of = must(cost_of(cb, two, &err), &err);
    cost_release(cb);
    cost_release(two);
    assert_int_equal(freed, 0);
    static const row sum_rows[] = {AT("10", 10, 20)}; /* 10 + 10 */
    RUN_ROWS(both, sum_rows);
    cost_release(both);
    assert_int_equal(freed, 0);
    static const row of_rows[] = {AT("10", 10, 20)}; /* 1 * (2 * 10) */
    RUN_ROWS(of, of_rows);
    cost_release(of);
    assert_int_equal(freed, 1);
}

/* ---- origins and error locations ----------------------------------------------------- */

static void test_origin(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = must(cost_fixed(N(1), &err), &err);
    assert_string_equal(cost_origin(f), "");
    cost_set_origin(f, "models/aws.lua:12");
    assert_string_equal(cost_origin(f), "models/aws.lua:12");
    char buf[32];
    strcpy(buf, "models/b.lua:3");
    cost_set_origin(f, buf); /* copied, replacing the first */
    strcpy(buf, "changed");
    assert_string_equal(cost_origin(f), "models/b.lua:3");
    cost_set_origin(f, NULL);
    assert_string_equal(cost_origin(f), "");
    cost_set_origin(f, "c.lua:1");
    cost_release(f); /* frees the origin */
}

static void test_error_location_prefix(void **state)
{
    (void)state;
    core_error err;
    cost_fn *bounded = must(cost_step(paas, 2, &err), &err); /* no open plan */

    /* no origin: the bare message, not located */
    expect_error(bounded, 20001, &err);
    assert_string_equal(err.msg, "step: driver value 20001 is beyond the last plan (upto 20000) "
                                 "and no plan is open-ended; add a last plan without upto");
    assert_false(err.located);

    /* an origin prefixes it */
    cost_set_origin(bounded, "models/aws.lua:12");
    expect_error(bounded, 20001, &err);
    assert_string_equal(err.msg, "models/aws.lua:12: step: driver value 20001 is beyond the "
                                 "last plan (upto 20000) and no plan is open-ended; add a last "
                                 "plan without upto");
    assert_true(err.located);

    /* an inner origin wins over an outer one: no double prefix */
    cost_fn *one = must(cost_fixed(N(1), &err), &err);
    cost_fn *s = must(cost_sum(one, bounded, &err), &err);
    cost_set_origin(s, "models/aws.lua:30");
    expect_error(s, 25000, &err);
    assert_starts_with(err.msg, "models/aws.lua:12: step: driver value 25000 is beyond");
    if (strstr(err.msg, "aws.lua:30")) {
        print_error("\"%s\" names the outer origin too\n", err.msg);
        fail();
    }
    cost_release(s);

    /* an inner function without an origin: the outer one locates it */
    cost_set_origin(bounded, NULL);
    s = must(cost_sum(bounded, one, &err), &err);
    cost_set_origin(s, "models/aws.lua:30");
    expect_error(s, 25000, &err);
    assert_starts_with(err.msg, "models/aws.lua:30: step: driver value 25000 is beyond");
    assert_true(err.located);

    /* the driver checks are located too */
    expect_error(s, -1, &err);
    assert_string_equal(err.msg, "models/aws.lua:30: driver value -1 is negative: drivers count "
                                 "users, GB or requests and must be >= 0");
    cost_release(s);

    /* a cost that is not finite names the node that produced it */
    cost_fn *huge = must(cost_fixed(N(1e308), &err), &err);
    cost_fn *sc = must(cost_scale(huge, N(10), &err), &err); /* 1e309 > DBL_MAX */
    cost_set_origin(sc, "s.lua:2");
    expect_error(sc, 5, &err);
    assert_string_equal(err.msg, "s.lua:2: scale: the cost at driver value 5 is not a finite "
                                 "number");
    cost_release(sc);
    cost_release(huge);

    /* a failing second operand leaves nothing behind (ASan checks the scratch) */
    s = must(cost_max(one, bounded, &err), &err);
    expect_error(s, 1e6, &err);
    assert_starts_with(err.msg, "step: driver value 1000000 is beyond");
    cost_release(s);

    cost_release(one);
    cost_release(bounded);
}

/* A long origin and a long message still fit the buffer, origin first. */
static void test_error_location_long_origin(void **state)
{
    (void)state;
    core_error err;
    cost_fn *bounded = must(cost_step(paas, 2, &err), &err);
    char origin[701];
    memset(origin, 'a', 700);
    origin[700] = '\0';
    memcpy(origin, "models/", 7);
    cost_set_origin(bounded, origin);
    assert_string_equal(cost_origin(bounded), origin);
    expect_error(bounded, 20001, &err);
    cost_release(bounded);
    assert_true(strlen(err.msg) < sizeof err.msg);
    assert_starts_with(err.msg, "models/aaaaaaaaaa");
    assert_true(err.located);
}

typedef struct driver_case {
    const char *label;
    double xlo, xmid, xhi;
    const char *says;
} driver_case;

static const driver_case bad_drivers[] = {
    {"negative", -1, -1, -1, "driver value -1 is negative"},
    {"negative low end", -0.5, 1, 2, "driver value -0.5 is negative"},
    {"NaN", NAN, NAN, NAN, "is not a finite number"},
    {"infinite", INFINITY, INFINITY, INFINITY, "is not a finite number"},
    {"infinite high end", 1, 2, INFINITY, "is not a finite number"},
    {"mid below the low end", 5, 4, 6, "driver range 5..6 does not contain its mid 4"},
    {"mid above the high end", 1, 7, 6, "driver range 1..6 does not contain its mid 7"},
};

static void test_driver_validation(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = must(cost_fixed(N(1), &err), &err);
    for (size_t i = 0; i < sizeof bad_drivers / sizeof bad_drivers[0]; i++) {
        const driver_case *c = &bad_drivers[i];
        double lo, mid, hi;
        if (cost_eval_over(f, &c->xlo, &c->xmid, &c->xhi, 1, &lo, &mid, &hi, &err)) {
            print_error("%s: evaluation succeeded\n", c->label);
            fail();
        }
        if (!strstr(err.msg, c->says)) {
            print_error("%s: message \"%s\" does not say \"%s\"\n", c->label, err.msg, c->says);
            fail();
        }
    }
    /* one bad value among good ones fails the whole array */
    double x[] = {1, 2, -3}, lo[3], mid[3], hi[3];
    assert_false(cost_eval(f, x, 3, lo, mid, hi, &err));
    assert_contains(err.msg, "driver value -3 is negative");
    /* no values at all is fine */
    assert_true(cost_eval(f, x, 0, lo, mid, hi, &err));
    cost_release(f);
}

/* ---- a whole option over uncertain drivers ------------------------------------------- */

/*
 * A PaaS plan on users, egress at 0.5 GB a user in AWS's brackets, and autoscaled replicas
 * (5000 users each, 45 a month, 2..50).
 */
static void test_eval_over_uncertain_drivers(void **state)
{
    (void)state;
    core_error err;
    cost_fn *plan = must(cost_step(paas, 3, &err), &err);
    cost_fn *egress = must(cost_graduated(aws_egress, 4, N(0), &err), &err);
    cost_fn *gb = must(cost_linear(N(0), N(0.5), &err), &err);
    cost_fn *traffic = must(cost_of(egress, gb, &err), &err);
    cost_fn *replicas = must(cost_instances(N(5000), N(45), 2, 50, &err), &err);
    cost_fn *part = must(cost_sum(plan, traffic, &err), &err);
    cost_fn *total = must(cost_sum(part, replicas, &err), &err);
    cost_release(plan);
    cost_release(egress);
    cost_release(gb);
    cost_release(traffic);
    cost_release(replicas);
    cost_release(part);
    static const row rows[] = {
        /* 8000..10000..12000 users:
         *   plan: all in plan 2: 1500, 1500, 1500
         *   egress: 4000, 5000, 6000 GB at 0.09: 360, 450, 540
         *   replicas: ceil(1.6) = 2, 2, ceil(2.4) = 3: 90, 90, 135
         *   total: 1950, 2040, 2175 */
        {"8000..10000..12000", 8000, 10000, 12000, 1950, 2040, 2175, NULL},
        /* 10000 exactly: 1500 + 450 + 90 = 2040 */
        AT("10000", 10000, 2040),
        /* 4000..5000..6000 users:
         *   plan: 500, 500, 1500 (6000 is in plan 2)
         *   egress: 2000, 2500, 3000 GB: 180, 225, 270
         *   replicas: all min 2: 90
         *   total: 770, 815, 1860 */
        {"4000..5000..6000", 4000, 5000, 6000, 770, 815, 1860, NULL},
        /* 0 users: plan 500, egress 0, replicas 90: 590 */
        AT("0", 0, 590),
    };
    RUN_ROWS(total, rows);
    cost_release(total);
}

/* ---- depth: COST_MAX_DEPTH levels evaluate, release and give their breaks; one more is an
 * error, not a stack overflow ------------------------------------------------------------ */

/* A chain of depth levels over fixed(1): sum(f, 1), max(f, 1), f x 1, f:of(x) in turn, so
 * that every kind of composition stands in it; its cost is 1 + (the sums). */
static cost_fn *chain(unsigned depth, unsigned *sums)
{
    core_error err;
    cost_fn *one = must(cost_fixed(range_number(1), &err), &err);
    cost_fn *x = must(cost_linear(range_number(0), range_number(1), &err), &err);
    cost_fn *f = one;
    cost_retain(f);
    *sums = 0;
    for (unsigned level = 2; level <= depth; level++) {
        cost_fn *next;
        switch (level % 4) {
        case 0:
            next = cost_sum(f, one, &err), ++*sums;
            break;
        case 1:
            next = cost_max(f, one, &err);
            break;
        case 2:
            next = cost_scale(f, range_number(1), &err);
            break;
        default:
            next = cost_of(f, x, &err);
            break;
        }
        must(next, &err);
        cost_release(f);
        f = next;
    }
    cost_release(one), cost_release(x);
    return f;
}

static void test_depth_bound(void **state)
{
    (void)state;
    unsigned sums;
    cost_fn *f = chain(COST_MAX_DEPTH, &sums);
    assert_int_equal(cost_depth(f), COST_MAX_DEPTH);
    /* evaluation, over exact and uncertain drivers, Monte Carlo lanes, breaks */
    core_error err;
    double x = 5, xlo = 4, xhi = 6, lo, mid, hi;
    assert_true(cost_eval(f, &x, 1, &lo, &mid, &hi, &err));
    assert_cents(mid, 1 + sums);
    assert_true(cost_eval_over(f, &xlo, &x, &xhi, 1, &lo, &mid, &hi, &err));
    assert_cents(hi, 1 + sums);
    double xs[3] = {1, 2, 3}, out[3];
    cost_samples none = {.lanes = 3};
    assert_true(cost_eval_samples(f, xs, &none, out, &err));
    assert_cents(out[2], 1 + sums);
    cost_breaks br = {.limit = 100};
    assert_true(cost_breaks_collect(f, 0, 10, &br));
    cost_breaks_free(&br);
    /* one level more, by any constructor, is refused with the bound in the message */
    cost_fn *one = must(cost_fixed(range_number(1), &err), &err);
    cost_fn *(*const binary[])(cost_fn *, cost_fn *, core_error *) = {cost_sum, cost_difference,
                                                                      cost_max, cost_min, cost_of};
    for (size_t i = 0; i < sizeof binary / sizeof binary[0]; i++) {
        err.msg[0] = '\0';
        assert_null(binary[i](f, one, &err));
        assert_non_null(strstr(err.msg, "composition is deeper than 5000 levels"));
        assert_null(binary[i](one, f, &err)); /* either operand */
    }
    assert_null(cost_scale(f, range_number(2), &err));
    assert_non_null(strstr(err.msg, "composition is deeper than 5000 levels"));
    cost_fn *terms[] = {one, f};
    assert_null(cost_total(terms, 2, &err));
    assert_non_null(strstr(err.msg, "composition is deeper than 5000 levels"));
    /* a total is one level over all its terms, however many */
    enum { WIDE = 100000 };
    cost_fn **many = malloc(WIDE * sizeof *many);
    assert_non_null(many);
    for (size_t i = 0; i < WIDE; i++)
        many[i] = one;
    cost_fn *wide = must(cost_total(many, WIDE, &err), &err);
    free(many);
    assert_int_equal(cost_depth(wide), 2);
    assert_true(cost_eval(wide, &x, 1, &lo, &mid, &hi, &err));
    assert_cents(mid, WIDE);
    cost_release(wide), cost_release(one);
    cost_release(f); /* every level freed without recursion (the sanitizer sees leaks) */
}

/* f = f + f doubles the nodes an evaluation visits at each step: refused past COST_MAX_SIZE,
 * long before the visits could hang a run (2^60 of them after 60 steps). */
static void test_size_bound(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = must(cost_fixed(range_number(1), &err), &err);
    unsigned steps = 0;
    for (;;) {
        cost_fn *next = cost_sum(f, f, &err);
        if (!next)
            break;
        cost_release(f);
        f = next;
        steps++;
    }
    assert_int_equal(steps, 22); /* 2^23 - 1 visits; 2^24 - 1 would pass 10^7 */
    assert_true(cost_size(f) < COST_MAX_SIZE);
    assert_non_null(strstr(err.msg, "composition of more than 10000000 parts"));
    double x = 1, lo, mid, hi;
    assert_true(cost_eval(f, &x, 1, &lo, &mid, &hi, &err));
    assert_cents(mid, 1 << 22);
    cost_fn *terms[] = {f, f};
    assert_null(cost_total(terms, 2, &err)); /* a total counts its terms' visits too */
    assert_non_null(strstr(err.msg, "composition of more than"));
    cost_release(f);
}

/* A Lua function evaluating a tree inside a tree: the levels in progress add up. */
static bool eval_inner(void *ctx, double x, range *out, core_error *err)
{
    double lo, mid, hi;
    if (!cost_eval(ctx, &x, 1, &lo, &mid, &hi, err))
        return false;
    *out = (range){.lo = lo, .mid = mid, .hi = hi, .mode = mid};
    return true;
}

static void test_nested_evaluation_depth(void **state)
{
    (void)state;
    unsigned sums;
    cost_fn *deep = chain(COST_MAX_DEPTH / 2 + 1, &sums);
    cost_fn *cb = must(cost_callback(eval_inner, deep, NULL, NULL), NULL);
    core_error err;
    cost_fn *one = must(cost_fixed(range_number(1), &err), &err);
    cost_fn *outer = cb;
    cost_retain(outer);
    for (unsigned level = 1; level < COST_MAX_DEPTH / 2; level++) { /* deep over cb */
        cost_fn *next = must(cost_sum(outer, one, &err), &err);
        cost_release(outer);
        outer = next;
    }
    double x = 1, lo, mid, hi;
    assert_false(cost_eval(outer, &x, 1, &lo, &mid, &hi, &err));
    assert_non_null(strstr(err.msg, "nested deeper than 5000 levels"));
    /* and the count of levels in progress is back to 0 after the failure */
    assert_true(cost_eval(deep, &x, 1, &lo, &mid, &hi, &err));
    assert_true(cost_eval(cb, &x, 1, &lo, &mid, &hi, &err));
    assert_cents(mid, 1 + sums);
    cost_release(outer), cost_release(cb), cost_release(one), cost_release(deep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sum),
        cmocka_unit_test(test_difference),
        cmocka_unit_test(test_scale_by_number),
        cmocka_unit_test(test_scale_by_range),
        cmocka_unit_test(test_scale_invalid),
        cmocka_unit_test(test_max_minimum_commitment),
        cmocka_unit_test(test_min_cap),
        cmocka_unit_test(test_of_derived_driver),
        cmocka_unit_test(test_of_range_driver),
        cmocka_unit_test(test_of_uncertain_outer_driver),
        cmocka_unit_test(test_of_errors),
        cmocka_unit_test(test_callback_exact),
        cmocka_unit_test(test_callback_ranges_and_uncertain_driver),
        cmocka_unit_test(test_callback_errors),
        cmocka_unit_test(test_refcount_shared_subtrees),
        cmocka_unit_test(test_origin),
        cmocka_unit_test(test_error_location_prefix),
        cmocka_unit_test(test_error_location_long_origin),
        cmocka_unit_test(test_driver_validation),
        cmocka_unit_test(test_eval_over_uncertain_drivers),
        cmocka_unit_test(test_depth_bound),
        cmocka_unit_test(test_nested_evaluation_depth),
        cmocka_unit_test(test_size_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
