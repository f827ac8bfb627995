/*
 * test_tiers: unit tests for engine/core/cost_tiers.c (step, graduated, volume).
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

/* Tiers with exact numbers. */
#define PLAN(u, c)                                                                                 \
    {                                                                                              \
        .upto = (u), .cost = {(c), (c), (c), RANGE_EXACT, (c), 0 }                                 \
    }
#define OPEN_PLAN(c)                                                                               \
    {                                                                                              \
        .open = true, .cost = {(c), (c), (c), RANGE_EXACT, (c), 0 }                                \
    }
#define BRACKET(u, r)                                                                              \
    {                                                                                              \
        .upto = (u), .rate = {(r), (r), (r), RANGE_EXACT, (r), 0 }                                 \
    }
#define OPEN_BRACKET(r)                                                                            \
    {                                                                                              \
        .open = true, .rate = {(r), (r), (r), RANGE_EXACT, (r), 0 }                                \
    }
#define FEE_BRACKET(u, r, fe)                                                                      \
    {                                                                                              \
        .upto = (u), .rate = {(r), (r), (r), RANGE_EXACT, (r), 0}, .fee = {                        \
            (fe),                                                                                  \
            (fe),                                                                                  \
            (fe),                                                                                  \
            RANGE_EXACT,                                                                           \
            (fe),                                                                                  \
            0                                                                                      \
        }                                                                                          \
    }
#define OPEN_FEE_BRACKET(r, fe)                                                                    \
    {                                                                                              \
        .open = true, .rate = {(r), (r), (r), RANGE_EXACT, (r), 0}, .fee = {                       \
            (fe),                                                                                  \
            (fe),                                                                                  \
            (fe),                                                                                  \
            RANGE_EXACT,                                                                           \
            (fe),                                                                                  \
            0                                                                                      \
        }                                                                                          \
    }

/* ==== step ============================================================================ */

/* The contract's example: 500 up to 5000, 1500 up to 20000, then 4000. */
static const cost_tier paas[] = {PLAN(5000, 500), PLAN(20000, 1500), OPEN_PLAN(4000)};

static void test_step(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = cost_step(paas, COUNT(paas), &err);
    assert_non_null(f);
    assert_string_equal(cost_kind_name(f), "step");
    static const row rows[] = {
        AT("zero", 0, 500),
        AT("one", 1, 500),
        AT("one before the first bound", 4999, 500),
        AT("exactly at the first bound (inclusive)", 5000, 500),
        AT("a fraction past the first bound", 5000.5, 1500),
        AT("one past the first bound", 5001, 1500),
        AT("exactly at the second bound", 20000, 1500),
        AT("one past the second bound", 20001, 4000),
        AT("far into the open plan", 1e9, 4000),
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_step_beyond_last_plan(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = cost_step(paas, 2, &err); /* the first two plans: no open plan */
    assert_non_null(f);
    static const row rows[] = {
        AT("exactly at the last bound", 20000, 1500),
        FAILS("one past the last bound", 20001,
              "step: driver value 20001 is beyond the last plan (upto 20000) and no plan is "
              "open-ended"),
        FAILS("a fraction past the last bound", 20000.5, "driver value 20000.5 is beyond"),
        FAILS("far past", 1e6, "driver value 1000000 is beyond"),
        /* an uncertain driver whose high end is beyond: the message names that end */
        {"span reaching past", 4000, 5000, 25000, 0, 0, 0, "driver value 25000 is beyond"},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_step_ranges(void **state)
{
    (void)state;
    cost_tier plans[] = {{.upto = 5000, .cost = R(400, 600)},
                         {.upto = 20000, .cost = R(1200, 1800)},
                         {.open = true, .cost = N(4000)}};
    core_error err;
    cost_fn *f = cost_step(plans, 3, &err);
    assert_non_null(f);
    static const row rows[] = {
        /* one plan: its own range; mids (400 + 600) / 2 = 500, (1200 + 1800) / 2 = 1500 */
        {"in plan 1", 3000, 3000, 3000, 400, 500, 600, NULL},
        {"in plan 2", 6000, 6000, 6000, 1200, 1500, 1800, NULL},
        {"in the open plan", 30000, 30000, 30000, 4000, 4000, 4000, NULL},
        /* a driver 4000..6000 (mid 5000) reaches plans 1 and 2:
         * lo min(400, 1200) = 400; mid plan 1's 500; hi max(600, 1800) = 1800 */
        {"4000..5000..6000", 4000, 5000, 6000, 400, 500, 1800, NULL},
        /* 4000..10000..30000 reaches all three: lo 400, mid 1500, hi 4000 */
        {"4000..10000..30000", 4000, 10000, 30000, 400, 1500, 4000, NULL},
        /* 5000..5000..5000.5: the bound is inclusive, then plan 2: lo 400, mid 500, hi 1800 */
        {"5000..5000..5000.5", 5000, 5000, 5000.5, 400, 500, 1800, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* A later plan may be cheaper (a promotion): over a span the least is the cheapest reached. */
static void test_step_cheaper_later_plan(void **state)
{
    (void)state;
    static const cost_tier plans[] = {PLAN(100, 50), PLAN(200, 30), OPEN_PLAN(80)};
    core_error err;
    cost_fn *f = cost_step(plans, 3, &err);
    assert_non_null(f);
    static const row rows[] = {
        AT("plan 1", 100, 50),
        AT("plan 2", 150, 30),
        AT("plan 3", 250, 80),
        /* 50..120..250: plans 1, 2, 3: lo 30, mid 30 (120 is in plan 2), hi 80 */
        {"50..120..250", 50, 120, 250, 30, 30, 80, NULL},
        /* 50..60..150: plans 1, 2: lo 30, mid 50, hi 50 */
        {"50..60..150", 50, 60, 150, 30, 50, 50, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* ==== graduated ======================================================================= */

/* AWS data transfer out: 0.09 up to 10 TB, 0.085 up to 50 TB, 0.07 up to 150 TB, then 0.05. */
static const cost_tier aws_egress[] = {BRACKET(10240, 0.09), BRACKET(51200, 0.085),
                                       BRACKET(153600, 0.07), OPEN_BRACKET(0.05)};

/*
 * The independent published case: 57,000 GB in AWS's egress brackets costs $4,809.20.
 *   10,240 GB              at 0.090 =   921.60
 *   51,200 - 10,240 = 40,960 at 0.085 = 3,481.60
 *   57,000 - 51,200 =  5,800 at 0.070 =   406.00
 *                                       --------
 *                                       4,809.20
 */
static void test_graduated_aws_egress_published_case(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = cost_graduated(aws_egress, COUNT(aws_egress), N(0), &err);
    assert_non_null(f);
    double x = 57000, lo, mid, hi;
    assert_true(cost_eval(f, &x, 1, &lo, &mid, &hi, &err));
    assert_cents(mid, 4809.20);
    assert_cents(lo, 4809.20);
    assert_cents(hi, 4809.20);
    cost_release(f);
}

static void test_graduated(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = cost_graduated(aws_egress, COUNT(aws_egress), N(0), &err);
    assert_non_null(f);
    assert_string_equal(cost_kind_name(f), "graduated");
    static const row rows[] = {
        AT("zero", 0, 0),
        AT("one GB", 1, 0.09),
        AT("exactly at the first bound", 10240, 921.6), /* 10240 * 0.09 = 921.6 */
        AT("one past the first bound", 10241, 921.685), /* 921.6 + 0.085 */
        AT("exactly at the second bound", 51200,
           4403.2), /* 921.6 + 40960 * 0.085 = 921.6 + 3481.6 */
        AT("one past the second bound", 51201, 4403.27), /* 4403.2 + 0.07 */
        AT("published case", 57000, 4809.2),             /* see the test above */
        AT("exactly at the third bound", 153600,
           11571.2), /* 4403.2 + 102400 * 0.07 = 4403.2 + 7168 */
        AT("one past the third bound", 153601, 11571.25), /* 11571.2 + 0.05 */
        AT("in the open bracket", 200000, 13891.2), /* 11571.2 + 46400 * 0.05 = 11571.2 + 2320 */
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* A free allowance comes off the driver before the brackets apply. */
static void test_graduated_free_allowance(void **state)
{
    (void)state;
    static const cost_tier flat[] = {OPEN_BRACKET(0.09)};
    core_error err;
    cost_fn *f = cost_graduated(flat, 1, N(100), &err);
    assert_non_null(f);
    static const row rows[] = {
        AT("zero", 0, 0),
        AT("inside the allowance", 50, 0),
        AT("exactly at the allowance's edge", 100, 0),
        AT("one past the allowance", 101, 0.09), /* 1 * 0.09 */
        AT("107.33 GB", 107.33, 0.6597),         /* 7.33 * 0.09 = 0.6597 */
        AT("1100 GB", 1100, 90),                 /* 1000 * 0.09 = 90 */
    };
    RUN_ROWS(f, rows);

    /* 107.33 GB with 100 GB free at 0.09: $0.6597, i.e. $0.66 to the cent */
    double x = 107.33, lo, mid, hi;
    assert_true(cost_eval(f, &x, 1, &lo, &mid, &hi, &err));
    assert_cents(mid, 0.66);
    assert_double_near(mid, 0.6597, 1e-12);
    cost_release(f);

    /* with brackets: the allowance comes off first, then the brackets count from 0 */
    static const cost_tier two[] = {BRACKET(1000, 0.1), OPEN_BRACKET(0.05)};
    f = cost_graduated(two, 2, N(100), &err);
    assert_non_null(f);
    static const row bracketed[] = {
        AT("allowance edge", 100, 0),
        AT("first bound after the allowance", 1100, 100), /* 1000 * 0.1 */
        AT("one past it", 1101, 100.05),                  /* 100 + 1 * 0.05 */
        AT("1200", 1200, 105),                            /* 100 + 100 * 0.05 */
    };
    RUN_ROWS(f, bracketed);
    cost_release(f);
}

static void test_graduated_ranges(void **state)
{
    (void)state;
    core_error err;

    /* rates 1..3 (mid 2) up to 100, then 0.5..1.5 (mid 1) */
    cost_tier rated[] = {{.upto = 100, .rate = R(1, 3)}, {.open = true, .rate = R(0.5, 1.5)}};
    cost_fn *f = cost_graduated(rated, 2, N(0), &err);
    assert_non_null(f);
    static const row rates[] = {
        /* 150: 100 in bracket 1, 50 in bracket 2.
         * lo 100 * 1 + 50 * 0.5 = 125; mid 100 * 2 + 50 * 1 = 250; hi 100 * 3 + 50 * 1.5 = 375 */
        {"150", 150, 150, 150, 125, 250, 375, NULL},
        /* 100: lo 100, mid 200, hi 300 */
        {"100", 100, 100, 100, 100, 200, 300, NULL},
    };
    RUN_ROWS(f, rates);
    cost_release(f);

    /* a free allowance of 50..150 (mid 100) at a flat 0.1: more free units, a lower cost */
    static const cost_tier flat[] = {OPEN_BRACKET(0.1)};
    f = cost_graduated(flat, 1, R(50, 150), &err);
    assert_non_null(f);
    static const row allowance[] = {
        /* 200: lo (200 - 150) * 0.1 = 5; mid (200 - 100) * 0.1 = 10; hi (200 - 50) * 0.1 = 15 */
        {"200", 200, 200, 200, 5, 10, 15, NULL},
        /* 120: lo 0 (all of it free at the high allowance); mid 20 * 0.1 = 2; hi 70 * 0.1 = 7 */
        {"120", 120, 120, 120, 0, 2, 7, NULL},
        /* 40: free at every allowance */
        {"40", 40, 40, 40, 0, 0, 0, NULL},
    };
    RUN_ROWS(f, allowance);
    cost_release(f);

    /* an uncertain driver in the AWS brackets */
    f = cost_graduated(aws_egress, COUNT(aws_egress), N(0), &err);
    assert_non_null(f);
    static const row span[] = {
        /* 10000..10240..20000: lo 10000 * 0.09 = 900; mid 921.6;
         * hi 921.6 + 9760 * 0.085 = 921.6 + 829.6 = 1751.2 */
        {"10000..10240..20000", 10000, 10240, 20000, 900, 921.6, 1751.2, NULL},
    };
    RUN_ROWS(f, span);
    cost_release(f);
}

static void test_graduated_beyond_last_bracket(void **state)
{
    (void)state;
    static const cost_tier bounded[] = {BRACKET(1000, 0.1), BRACKET(2000, 0.05)};
    core_error err;
    cost_fn *f = cost_graduated(bounded, 2, N(0), &err);
    assert_non_null(f);
    static const row rows[] = {
        AT("exactly at the last bound", 2000, 150), /* 1000 * 0.1 + 1000 * 0.05 = 150 */
        FAILS("one past the last bound", 2001,
              "graduated: driver value 2001 is beyond the last bracket (upto 2000) and no "
              "bracket is open-ended"),
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/*
 * With a free allowance the error must still name the driver value the model gave: 1101 GB
 * with 100 GB free is 1001 billable GB, beyond the last bracket's 1000, and the message says
 * "driver value", so it should say 1101 (or name both: 1101 GB, 1001 after the allowance).
 */
static void test_graduated_beyond_last_bracket_with_free_names_the_driver(void **state)
{
    (void)state;
    static const cost_tier bounded[] = {BRACKET(1000, 0.1)};
    core_error err;
    cost_fn *f = cost_graduated(bounded, 1, N(100), &err);
    assert_non_null(f);
    double x[] = {1100, 1101}, lo[2], mid[2], hi[2];
    bool ok_edge = cost_eval(f, &x[0], 1, &lo[0], &mid[0], &hi[0], &err); /* 1000 * 0.1 = 100 */
    bool ok_past = cost_eval(f, &x[1], 1, &lo[1], &mid[1], &hi[1], &err);
    cost_release(f);
    assert_true(ok_edge);
    assert_double_near(mid[0], 100, 1e-9);
    assert_false(ok_past);
    if (!strstr(err.msg, "1101")) {
        print_error("message \"%s\" does not name the driver value 1101\n", err.msg);
        fail();
    }
}

/* ==== volume ========================================================================== */

static void test_volume_jumps_at_bounds(void **state)
{
    (void)state;
    static const cost_tier b[] = {BRACKET(1000, 10), OPEN_BRACKET(8)};
    core_error err;
    cost_fn *f = cost_volume(b, 2, &err);
    assert_non_null(f);
    assert_string_equal(cost_kind_name(f), "volume");
    static const row rows[] = {
        AT("zero", 0, 0),
        AT("500", 500, 5000),                    /* 500 * 10 */
        AT("exactly at the bound", 1000, 10000), /* 1000 * 10 */
        AT("a fraction past", 1000.5, 8004),     /* 1000.5 * 8 */
        AT("one past the bound", 1001, 8008),    /* every unit at 8: 1001 * 8 */
        AT("2000", 2000, 16000),                 /* 2000 * 8 */
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_volume_with_fees(void **state)
{
    (void)state;
    static const cost_tier b[] = {FEE_BRACKET(100, 2, 50), FEE_BRACKET(1000, 1, 100),
                                  OPEN_FEE_BRACKET(0.5, 300)};
    core_error err;
    cost_fn *f = cost_volume(b, 3, &err);
    assert_non_null(f);
    static const row rows[] = {
        AT("zero: the first bracket's fee", 0, 50),
        AT("at the first bound", 100, 250),       /* 100 * 2 + 50 */
        AT("one past the first bound", 101, 201), /* 101 * 1 + 100 */
        AT("500", 500, 600),                      /* 500 * 1 + 100 */
        AT("at the second bound", 1000, 1100),    /* 1000 * 1 + 100 */
        AT("one past the second", 1001, 800.5),   /* 1001 * 0.5 + 300 */
        AT("5000", 5000, 2800),                   /* 5000 * 0.5 + 300 */
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_volume_uncertain_driver_spanning_bounds(void **state)
{
    (void)state;
    core_error err;
    static const cost_tier b[] = {BRACKET(1000, 10), OPEN_BRACKET(8)};
    cost_fn *f = cost_volume(b, 2, &err);
    assert_non_null(f);
    static const row rows[] = {
        /* 900..1050..1100: at 900, 9000; at the bound 1000, 10000 (the greatest); just above
         * it, 8 * 1000+ -> 8000 (the least, approached just above the bound); at 1100, 8800.
         * mid at 1050: 8400 */
        {"900..1050..1100", 900, 1050, 1100, 8000, 8400, 10000, NULL},
        /* 1000..1000..1100: the bound itself is the low end, so the span holds 1000 (10000)
         * and everything just above it (-> 8000): lo 8000, mid 10000, hi 10000 */
        {"1000..1000..1100", 1000, 1000, 1100, 8000, 10000, 10000, NULL},
        /* 1001..1050..1100: no bound inside: 8008, 8400, 8800 */
        {"1001..1050..1100", 1001, 1050, 1100, 8008, 8400, 8800, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);

    /* two bounds inside one span, with fees */
    static const cost_tier fb[] = {FEE_BRACKET(100, 2, 50), FEE_BRACKET(1000, 1, 100),
                                   OPEN_FEE_BRACKET(0.5, 300)};
    f = cost_volume(fb, 3, &err);
    assert_non_null(f);
    static const row two[] = {
        /* 90..500..1200: at 90, 90 * 2 + 50 = 230; at bound 100, 250 below and
         * 100 * 1 + 100 = 200 just above; at bound 1000, 1100 below and 1000 * 0.5 + 300 = 800
         * just above; at 1200, 1200 * 0.5 + 300 = 900.  lo 200, hi 1100; mid at 500: 600 */
        {"90..500..1200", 90, 500, 1200, 200, 600, 1100, NULL},
    };
    RUN_ROWS(f, two);
    cost_release(f);
}

static void test_volume_ranges(void **state)
{
    (void)state;
    cost_tier b[] = {{.upto = 1000, .rate = R(9, 11), .fee = R(0, 10)},
                     {.open = true, .rate = R(7, 9)}};
    core_error err;
    cost_fn *f = cost_volume(b, 2, &err);
    assert_non_null(f);
    static const row rows[] = {
        /* 500: lo 500 * 9 + 0 = 4500; mid 500 * 10 + 5 = 5005; hi 500 * 11 + 10 = 5510 */
        {"500", 500, 500, 500, 4500, 5005, 5510, NULL},
        /* 1500: lo 1500 * 7 = 10500; mid 1500 * 8 = 12000; hi 1500 * 9 = 13500 */
        {"1500", 1500, 1500, 1500, 10500, 12000, 13500, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_volume_beyond_last_bracket(void **state)
{
    (void)state;
    static const cost_tier b[] = {BRACKET(1000, 10)};
    core_error err;
    cost_fn *f = cost_volume(b, 1, &err);
    assert_non_null(f);
    static const row rows[] = {
        AT("exactly at the last bound", 1000, 10000),
        FAILS("past the last bound", 1500,
              "volume: driver value 1500 is beyond the last bracket (upto 1000)"),
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* ==== validation ====================================================================== */

typedef enum tier_kind { STEP, GRADUATED, VOLUME } tier_kind;

typedef struct bad_case {
    const char *label;
    tier_kind kind;
    cost_tier tiers[3];
    size_t n;
    double free_units; /* graduated only */
    const char *says;
} bad_case;

static const bad_case bad_cases[] = {
    /* empty lists */
    {"step: empty", STEP, {PLAN(0, 0)}, 0, 0, "step: needs at least one plan"},
    {"graduated: empty", GRADUATED, {BRACKET(0, 0)}, 0, 0, "graduated: needs at least one bracket"},
    {"volume: empty", VOLUME, {BRACKET(0, 0)}, 0, 0, "volume: needs at least one bracket"},
    /* bounds that do not increase */
    {"step: equal bounds",
     STEP,
     {PLAN(5000, 1), PLAN(5000, 2)},
     2,
     0,
     "step: plan 2: upto (5000) must be greater than the previous plan's upto (5000)"},
    {"graduated: decreasing bounds",
     GRADUATED,
     {BRACKET(5000, 1), BRACKET(1000, 2)},
     2,
     0,
     "graduated: bracket 2: upto (1000) must be greater than the previous bracket's upto (5000)"},
    {"volume: equal bounds",
     VOLUME,
     {BRACKET(10, 1), BRACKET(20, 1), BRACKET(20, 1)},
     3,
     0,
     "volume: bracket 3: upto (20) must be greater"},
    /* an open tier that is not last */
    {"step: open first",
     STEP,
     {OPEN_PLAN(1), PLAN(5000, 2)},
     2,
     0,
     "step: plan 1 has no upto, but only the last plan may be open-ended"},
    {"graduated: open in the middle",
     GRADUATED,
     {BRACKET(10, 1), OPEN_BRACKET(1), BRACKET(20, 1)},
     3,
     0,
     "graduated: bracket 2 has no upto, but only the last bracket may be open-ended"},
    {"volume: two open",
     VOLUME,
     {OPEN_BRACKET(1), OPEN_BRACKET(2)},
     2,
     0,
     "volume: bracket 1 has no upto"},
    /* bad bounds */
    {"step: negative upto",
     STEP,
     {PLAN(-1, 1)},
     1,
     0,
     "step: plan 1: upto must be a finite number >= 0"},
    {"graduated: NaN upto",
     GRADUATED,
     {BRACKET(NAN, 1)},
     1,
     0,
     "graduated: bracket 1: upto must be a finite number >= 0"},
    {"volume: infinite upto",
     VOLUME,
     {BRACKET(10, 1), BRACKET(INFINITY, 1)},
     2,
     0,
     "volume: bracket 2: upto must be a finite number >= 0"},
    /* negative or non-finite prices */
    {"step: negative cost",
     STEP,
     {PLAN(10, -5)},
     1,
     0,
     "step: a plan's cost must not be negative (got -5)"},
    {"step: NaN cost", STEP, {PLAN(10, NAN)}, 1, 0, "step: a plan's cost must be a finite number"},
    {"graduated: negative rate",
     GRADUATED,
     {BRACKET(10, 1), OPEN_BRACKET(-0.01)},
     2,
     0,
     "graduated: a bracket's rate must not be negative (got -0.01)"},
    {"graduated: infinite rate",
     GRADUATED,
     {OPEN_BRACKET(INFINITY)},
     1,
     0,
     "graduated: a bracket's rate must be a finite number"},
    {"graduated: negative free",
     GRADUATED,
     {OPEN_BRACKET(0.09)},
     1,
     -100,
     "graduated: free must not be negative (got -100)"},
    {"graduated: NaN free",
     GRADUATED,
     {OPEN_BRACKET(0.09)},
     1,
     NAN,
     "graduated: free must be a finite number"},
    {"graduated: infinite free",
     GRADUATED,
     {OPEN_BRACKET(0.09)},
     1,
     INFINITY,
     "graduated: free must be a finite number"},
    {"volume: negative rate",
     VOLUME,
     {BRACKET(10, -1)},
     1,
     0,
     "volume: a bracket's rate must not be negative (got -1)"},
    {"volume: negative fee",
     VOLUME,
     {FEE_BRACKET(10, 1, -3)},
     1,
     0,
     "volume: a bracket's fee must not be negative (got -3)"},
    {"volume: NaN fee",
     VOLUME,
     {FEE_BRACKET(10, 1, NAN)},
     1,
     0,
     "volume: a bracket's fee must be a finite number"},
};

static void test_invalid_specs(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(bad_cases); i++) {
        const bad_case *c = &bad_cases[i];
        core_error err;
        err.msg[0] = '\0';
        range free_units = {c->free_units, c->free_units, c->free_units,
                            RANGE_EXACT,   c->free_units, 0};
        cost_fn *f = c->kind == STEP        ? cost_step(c->tiers, c->n, &err)
                     : c->kind == GRADUATED ? cost_graduated(c->tiers, c->n, free_units, &err)
                                            : cost_volume(c->tiers, c->n, &err);
        expect_rejected(f, &err, c->label, c->says);
    }

    /* NULL lists of no tiers */
    core_error err;
    assert_null(cost_step(NULL, 0, &err));
    assert_null(cost_graduated(NULL, 0, N(0), &err));
    assert_null(cost_volume(NULL, 0, &err));
}

/* Valid edge specs: a first bound of 0, a single open tier, an open tier whose upto is junk. */
static void test_edge_specs(void **state)
{
    (void)state;
    core_error err;

    /* upto = 0: only a driver of exactly 0 is in the first plan */
    static const cost_tier zero_first[] = {PLAN(0, 0), OPEN_PLAN(25)};
    cost_fn *f = cost_step(zero_first, 2, &err);
    assert_non_null(f);
    static const row rows[] = {AT("0", 0, 0), AT("0.001", 0.001, 25), AT("1", 1, 25)};
    RUN_ROWS(f, rows);
    cost_release(f);

    /* the upto of an open tier is ignored, even when smaller than the previous bound */
    cost_tier junk[] = {BRACKET(100, 1), OPEN_BRACKET(0.5)};
    junk[1].upto = 3;
    f = cost_graduated(junk, 2, N(0), &err);
    assert_non_null(f);
    static const row g[] = {AT("300", 300, 200)}; /* 100 * 1 + 200 * 0.5 = 200 */
    RUN_ROWS(f, g);
    cost_release(f);

    /* the constructor copies the tiers */
    cost_tier mine[] = {PLAN(10, 1), OPEN_PLAN(2)};
    f = cost_step(mine, 2, &err);
    assert_non_null(f);
    mine[0].upto = 1000;
    mine[0].cost = N(99);
    static const row copied[] = {AT("5", 5, 1), AT("11", 11, 2)};
    RUN_ROWS(f, copied);
    cost_release(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_step),
        cmocka_unit_test(test_step_beyond_last_plan),
        cmocka_unit_test(test_step_ranges),
        cmocka_unit_test(test_step_cheaper_later_plan),
        cmocka_unit_test(test_graduated_aws_egress_published_case),
        cmocka_unit_test(test_graduated),
        cmocka_unit_test(test_graduated_free_allowance),
        cmocka_unit_test(test_graduated_ranges),
        cmocka_unit_test(test_graduated_beyond_last_bracket),
        cmocka_unit_test(test_graduated_beyond_last_bracket_with_free_names_the_driver),
        cmocka_unit_test(test_volume_jumps_at_bounds),
        cmocka_unit_test(test_volume_with_fees),
        cmocka_unit_test(test_volume_uncertain_driver_spanning_bounds),
        cmocka_unit_test(test_volume_ranges),
        cmocka_unit_test(test_volume_beyond_last_bracket),
        cmocka_unit_test(test_invalid_specs),
        cmocka_unit_test(test_edge_specs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
