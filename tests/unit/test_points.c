/*
 * test_points: unit tests for engine/core/cost_points.c.
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

/* Points with one extrapolation policy on both sides. */
static cost_fn *make_points(const cost_point *pts, size_t n, cost_interp interp,
                            cost_extrapolate extrapolate)
{
    core_error err;
    cost_fn *f = cost_points(pts, n, interp, extrapolate, extrapolate, &err);
    if (!f) {
        print_error("cost_points failed: %s\n", err.msg);
        fail();
    }
    return f;
}

/* ---- linear interpolation ------------------------------------------------------------ */

/*
 * (1000, 300), (3000, 500), (7000, 1300).
 * Segment 1 slope: (500 - 300) / (3000 - 1000) = 0.1 a unit.
 * Segment 2 slope: (1300 - 500) / (7000 - 3000) = 0.2 a unit.
 */
static const cost_point lin_pts[] = {{1000, {300, 300, 300, RANGE_EXACT, 300, 0}},
                                     {3000, {500, 500, 500, RANGE_EXACT, 500, 0}},
                                     {7000, {1300, 1300, 1300, RANGE_EXACT, 1300, 0}}};

/* Between and at the points: the same under every extrapolation policy. */
#define LIN_INSIDE                                                                                 \
    AT("at the first point", 1000, 300),                                                           \
        AT("between 1 and 2", 2000, 400),       /* 300 + 0.1 * 1000 = 400 */                       \
        AT("just past the first", 1001, 300.1), /* 300 + 0.1 * 1 = 300.1 */                        \
        AT("at the middle point", 3000, 500),                                                      \
        AT("between 2 and 3", 5000, 900),         /* 500 + 0.2 * 2000 = 900 */                     \
        AT("just before the last", 6999, 1299.8), /* 500 + 0.2 * 3999 = 1299.8 */                  \
        AT("at the last point", 7000, 1300)

static void test_linear_extrapolate_linear(void **state)
{
    (void)state;
    cost_fn *f = make_points(lin_pts, 3, COST_INTERP_LINEAR, COST_EXTRAPOLATE_LINEAR);
    assert_string_equal(cost_kind_name(f), "points");
    static const row rows[] = {
        LIN_INSIDE,
        AT("at 0, before the first", 0, 200),  /* 300 - 0.1 * 1000 = 200 */
        AT("before the first", 500, 250),      /* 300 - 0.1 * 500 = 250 */
        AT("one past the last", 7001, 1300.2), /* 1300 + 0.2 * 1 = 1300.2 */
        AT("beyond the last", 9000, 1700),     /* 1300 + 0.2 * 2000 = 1700 */
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_linear_extrapolate_clamp(void **state)
{
    (void)state;
    cost_fn *f = make_points(lin_pts, 3, COST_INTERP_LINEAR, COST_EXTRAPOLATE_CLAMP);
    static const row rows[] = {
        LIN_INSIDE,
        AT("at 0, before the first", 0, 300), /* held at the first point's 300 */
        AT("one before the first", 999, 300),
        AT("one past the last", 7001, 1300), /* held at the last point's 1300 */
        AT("beyond the last", 1e9, 1300),
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_linear_extrapolate_error(void **state)
{
    (void)state;
    cost_fn *f = make_points(lin_pts, 3, COST_INTERP_LINEAR, COST_EXTRAPOLATE_ERROR);
    static const row rows[] = {
        LIN_INSIDE,
        FAILS("at 0", 0,
              "points: driver value 0 is below the points' span 1000..7000 and extrapolate is "
              "\"error\" there"),
        FAILS("one before the first", 999, "driver value 999 is below"),
        FAILS("one past the last", 7001,
              "points: driver value 7001 is above the points' span 1000..7000 and extrapolate "
              "is \"error\" there"),
        FAILS("beyond the last", 9000, "driver value 9000 is above"),
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* Two points are enough; a point at x = 0 is allowed under linear interpolation. */
static void test_linear_two_points_from_zero(void **state)
{
    (void)state;
    static const cost_point pts[] = {{0, {50, 50, 50, RANGE_EXACT, 50, 0}},
                                     {100, {150, 150, 150, RANGE_EXACT, 150, 0}}};
    cost_fn *f = make_points(pts, 2, COST_INTERP_LINEAR, COST_EXTRAPOLATE_LINEAR);
    static const row rows[] = {
        AT("at 0", 0, 50), AT("at 25", 25, 75),         /* 50 + 1 * 25 = 75 */
        AT("at 100", 100, 150), AT("at 250", 250, 300), /* 150 + 1 * 150 = 300 */
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* ---- log-log interpolation ----------------------------------------------------------- */

/*
 * (1000, 100), (16000, 800), (64000, 1600).
 * Segment 1: x grows 16-fold while the cost grows 8-fold: cost = 100 (x / 1000)^0.75,
 *            as log 8 / log 16 = 3/4.
 * Segment 2: x grows 4-fold, cost 2-fold: cost = 800 (x / 16000)^0.5.
 */
static const cost_point log_pts[] = {{1000, {100, 100, 100, RANGE_EXACT, 100, 0}},
                                     {16000, {800, 800, 800, RANGE_EXACT, 800, 0}},
                                     {64000, {1600, 1600, 1600, RANGE_EXACT, 1600, 0}}};

#define LOG_INSIDE                                                                                 \
    AT("at the first point", 1000, 100),                                                           \
        AT("x 2", 2000, 168.17928305074290), /* 100 * 2^0.75 = 100 * 1.6817928305074290 */         \
        AT("x 4", 4000, 282.84271247461901), /* 100 * 4^0.75 = 100 * 2^1.5 = 100 * 2 sqrt 2 */     \
        AT("at the middle point", 16000, 800),                                                     \
        AT("x 2 in segment 2", 32000,                                                              \
           1131.3708498984760), /* 800 * sqrt 2 = 800 * 1.4142135623730950 */                      \
        AT("at the last point", 64000, 1600)

static void test_loglog_extrapolate_linear(void **state)
{
    (void)state;
    cost_fn *f = make_points(log_pts, 3, COST_INTERP_LOGLOG, COST_EXTRAPOLATE_LINEAR);
    static const row rows[] = {
        LOG_INSIDE,
        /* before the first: segment 1's power law extended */
        AT("x 1/4", 250, 35.355339059327378), /* 100 * (1/4)^0.75 = 100 / (2 sqrt 2) */
        AT("x 1/16", 62.5, 12.5),             /* 100 * (1/16)^0.75 = 100 / 8 = 12.5 */
        /* at 0 the power law with a positive exponent tends to 0 */
        {"at 0", 0, 0, 0, 0, 0, 0, NULL},
        /* beyond the last: segment 2's power law extended */
        AT("x 4 past the last", 256000, 3200),   /* 1600 * 4^0.5 = 3200 */
        AT("x 16 past the last", 1024000, 6400), /* 1600 * 16^0.5 = 6400 */
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_loglog_extrapolate_clamp(void **state)
{
    (void)state;
    cost_fn *f = make_points(log_pts, 3, COST_INTERP_LOGLOG, COST_EXTRAPOLATE_CLAMP);
    static const row rows[] = {
        LOG_INSIDE,
        AT("at 0", 0, 100), /* held at the first point's 100 */
        AT("x 1/16", 62.5, 100),
        AT("one past the last", 64001, 1600),
        AT("x 4 past the last", 256000, 1600),
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

static void test_loglog_extrapolate_error(void **state)
{
    (void)state;
    cost_fn *f = make_points(log_pts, 3, COST_INTERP_LOGLOG, COST_EXTRAPOLATE_ERROR);
    static const row rows[] = {
        LOG_INSIDE,
        FAILS("at 0", 0, "driver value 0 is below the points' span 1000..64000"),
        FAILS("one before the first", 999, "driver value 999 is below"),
        FAILS("one past the last", 64001, "driver value 64001 is above"),
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* A policy for each side: below and above the points are independent. */
static void test_mixed_policies(void **state)
{
    (void)state;
    core_error err;

    /* clamp below, extend above (a price floor, growth past the data) */
    cost_fn *f = cost_points(lin_pts, 3, COST_INTERP_LINEAR, COST_EXTRAPOLATE_CLAMP,
                             COST_EXTRAPOLATE_LINEAR, &err);
    assert_non_null(f);
    static const row clamp_linear[] = {
        LIN_INSIDE, AT("at 0: clamped", 0, 300),
        AT("beyond the last: extended", 9000, 1700), /* 1300 + 0.2 * 2000 */
    };
    RUN_ROWS(f, clamp_linear);
    cost_release(f);

    /* error below, clamp above */
    f = cost_points(lin_pts, 3, COST_INTERP_LINEAR, COST_EXTRAPOLATE_ERROR, COST_EXTRAPOLATE_CLAMP,
                    &err);
    assert_non_null(f);
    static const row error_clamp[] = {
        LIN_INSIDE,
        FAILS("one before the first", 999, "driver value 999 is below"),
        AT("beyond the last: clamped", 9000, 1300),
    };
    RUN_ROWS(f, error_clamp);
    cost_release(f);

    /* extend below, error above, under log-log */
    f = cost_points(log_pts, 3, COST_INTERP_LOGLOG, COST_EXTRAPOLATE_LINEAR, COST_EXTRAPOLATE_ERROR,
                    &err);
    assert_non_null(f);
    static const row linear_error[] = {
        LOG_INSIDE,
        AT("x 1/16: extended", 62.5, 12.5), /* 100 * (1/16)^0.75 = 12.5 */
        FAILS("one past the last", 64001, "driver value 64001 is above"),
    };
    RUN_ROWS(f, linear_error);
    cost_release(f);
}

/*
 * A falling log-log curve, cost = 100 / x through (1, 100) and (10, 10), extended to x = 0
 * grows without bound: an evaluation error, never an infinite cost.
 */
static void test_loglog_falling_curve_at_zero(void **state)
{
    (void)state;
    static const cost_point pts[] = {{1, {100, 100, 100, RANGE_EXACT, 100, 0}},
                                     {10, {10, 10, 10, RANGE_EXACT, 10, 0}}};
    cost_fn *f = make_points(pts, 2, COST_INTERP_LOGLOG, COST_EXTRAPOLATE_LINEAR);
    static const row rows[] = {
        AT("at 1", 1, 100),
        AT("at 4", 4, 25),      /* 100 / 4 */
        AT("at 0.5", 0.5, 200), /* 100 / 0.5, extended below */
        AT("at 100", 100, 1),   /* 100 / 100, extended above */
        FAILS("at 0", 0, "is not a finite number"),
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* ---- ranges in the points' costs ----------------------------------------------------- */

/*
 * Linear: (10, 100..140), (20, 200..260); mids 120 and 230.  The cost at x is
 * w0 c0 + w1 c1 with t = (x - 10) / 10, w0 = 1 - t, w1 = t.  The least cost takes a point at
 * its LOW end where its weight is positive and at its HIGH end where it is negative.
 */
static void test_linear_range_costs(void **state)
{
    (void)state;
    cost_point pts[] = {{10, R(100, 140)}, {20, R(200, 260)}};

    cost_fn *f = make_points(pts, 2, COST_INTERP_LINEAR, COST_EXTRAPOLATE_LINEAR);
    static const row lin[] = {
        {"at the first point", 10, 10, 10, 100, 120, 140, NULL},
        {"at the last point", 20, 20, 20, 200, 230, 260, NULL},
        /* t = 0.5: lo 0.5 * 100 + 0.5 * 200 = 150; mid 0.5 * 120 + 0.5 * 230 = 175;
         * hi 0.5 * 140 + 0.5 * 260 = 200 */
        {"between", 15, 15, 15, 150, 175, 200, NULL},
        /* past the last, x = 30: t = 2, w0 = -1, w1 = 2.
         * lo -1 * 140 (point 1's HIGH cost, its weight being negative) + 2 * 200 = 260;
         * mid -1 * 120 + 2 * 230 = 340;  hi -1 * 100 + 2 * 260 = 420 */
        {"past the last", 30, 30, 30, 260, 340, 420, NULL},
        /* before the first, x = 5: t = -0.5, w0 = 1.5, w1 = -0.5.
         * lo 1.5 * 100 - 0.5 * 260 = 20; mid 1.5 * 120 - 0.5 * 230 = 65;
         * hi 1.5 * 140 - 0.5 * 200 = 110 */
        {"before the first", 5, 5, 5, 20, 65, 110, NULL},
    };
    RUN_ROWS(f, lin);
    cost_release(f);

    f = make_points(pts, 2, COST_INTERP_LINEAR, COST_EXTRAPOLATE_CLAMP);
    static const row clamp[] = {
        {"past the last, clamped", 30, 30, 30, 200, 230, 260, NULL},
        {"before the first, clamped", 5, 5, 5, 100, 120, 140, NULL},
        /* a span 15..25..30 reaching past the last point: lo at 15 = 150 (see above);
         * mid at 25, clamped: 230; hi the last point's 260 */
        {"15..25..30, clamped", 15, 25, 30, 150, 230, 260, NULL},
    };
    RUN_ROWS(f, clamp);
    cost_release(f);
}

/*
 * Log-log: (100, 4..16), (10000, 100..400); mids 10 and 250.  In log10 space x runs 2..4,
 * so t = (log10 x - 2) / 2, and the cost is c0^w0 * c1^w1.
 */
static void test_loglog_range_costs(void **state)
{
    (void)state;
    cost_point pts[] = {{100, R(4, 16)}, {10000, R(100, 400)}};
    cost_fn *f = make_points(pts, 2, COST_INTERP_LOGLOG, COST_EXTRAPOLATE_LINEAR);
    static const row rows[] = {
        /* x = 1000: t = 0.5, a geometric mean.  lo sqrt(4 * 100) = 20;
         * mid sqrt(10 * 250) = 50; hi sqrt(16 * 400) = 80 */
        {"between", 1000, 1000, 1000, 20, 50, 80, NULL},
        /* x = 1e6: t = 2, w0 = -1, w1 = 2.  lo 100^2 / 16 = 625 (point 1 at its HIGH end);
         * mid 250^2 / 10 = 6250; hi 400^2 / 4 = 40000 */
        {"past the last", 1e6, 1e6, 1e6, 625, 6250, 40000, NULL},
        /* x = 10: t = -0.5, w0 = 1.5, w1 = -0.5.  lo 4^1.5 / 400^0.5 = 8 / 20 = 0.4;
         * mid 10^1.5 / 250^0.5 = sqrt(1000 / 250) = 2; hi 16^1.5 / 100^0.5 = 64 / 10 = 6.4 */
        {"before the first", 10, 10, 10, 0.4, 2, 6.4, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* ---- an uncertain driver ------------------------------------------------------------- */

/* (0, 100), (10, 300), (20, 200): up then down, so the greatest cost over a span that holds
 * the middle point is at that point, not at either end. */
static void test_uncertain_driver_over_a_peak(void **state)
{
    (void)state;
    static const cost_point pts[] = {{0, {100, 100, 100, RANGE_EXACT, 100, 0}},
                                     {10, {300, 300, 300, RANGE_EXACT, 300, 0}},
                                     {20, {200, 200, 200, RANGE_EXACT, 200, 0}}};
    cost_fn *f = make_points(pts, 3, COST_INTERP_LINEAR, COST_EXTRAPOLATE_ERROR);
    static const row rows[] = {
        /* 4..16, mid 6: f(4) = 100 + 20 * 4 = 180; f(6) = 220; f(16) = 300 - 10 * 6 = 240;
         * the knot f(10) = 300.  lo 180, mid 220, hi 300 */
        {"4..6..16", 4, 6, 16, 180, 220, 300, NULL},
        /* 12..15..20 (one side of the peak): f(12) = 280, f(15) = 250, f(20) = 200 */
        {"12..15..20", 12, 15, 20, 200, 250, 280, NULL},
        /* 0..10..20: everything; lo min(100, 200) = 100, mid 300, hi 300 */
        {"0..10..20", 0, 10, 20, 100, 300, 300, NULL},
        /* the span reaches past the last point under extrapolate = "error" */
        {"15..18..21", 15, 18, 21, 0, 0, 0, "driver value 21 is above"},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* Linear interpolation with range costs over a driver span: the span 10..20..30 of the
 * range-cost points above reaches past the last point. */
static void test_uncertain_driver_with_range_costs(void **state)
{
    (void)state;
    cost_point pts[] = {{10, R(100, 140)}, {20, R(200, 260)}};
    cost_fn *f = make_points(pts, 2, COST_INTERP_LINEAR, COST_EXTRAPOLATE_LINEAR);
    static const row rows[] = {
        /* lo at x = 10, point 0 low: 100; mid at 20: 230; hi at x = 30: 420 (see above) */
        {"10..20..30", 10, 20, 30, 100, 230, 420, NULL},
        /* 15..15..30: lo at 15 = 150 (see above); mid 175; hi 420 */
        {"15..15..30", 15, 15, 30, 150, 175, 420, NULL},
    };
    RUN_ROWS(f, rows);
    cost_release(f);
}

/* ---- validation ---------------------------------------------------------------------- */

typedef struct bad_case {
    const char *label;
    cost_point pts[3];
    size_t n;
    cost_interp interp;
    const char *says;
} bad_case;

#define P(x, c)                                                                                    \
    {                                                                                              \
        (x),                                                                                       \
        {                                                                                          \
            (c), (c), (c), RANGE_EXACT, (c), 0                                                     \
        }                                                                                          \
    }

static const bad_case bad_cases[] = {
    {"no points", {P(0, 0)}, 0, COST_INTERP_LINEAR, "points: needs at least two points (got 0)"},
    {"one point", {P(10, 5)}, 1, COST_INTERP_LINEAR, "needs at least two points (got 1)"},
    {"equal x",
     {P(10, 5), P(10, 6)},
     2,
     COST_INTERP_LINEAR,
     "point 2: the driver value (10) must be greater than the previous point's (10)"},
    {"decreasing x",
     {P(10, 5), P(20, 6), P(15, 7)},
     3,
     COST_INTERP_LINEAR,
     "point 3: the driver value (15) must be greater than the previous point's (20)"},
    {"negative x", {P(-1, 5), P(20, 6)}, 2, COST_INTERP_LINEAR, "point 1: the driver value must"},
    {"NaN x", {P(10, 5), P(NAN, 6)}, 2, COST_INTERP_LINEAR, "point 2: the driver value must"},
    {"infinite x",
     {P(10, 5), P(INFINITY, 6)},
     2,
     COST_INTERP_LINEAR,
     "point 2: the driver value must"},
    {"negative cost",
     {P(10, 5), P(20, -6)},
     2,
     COST_INTERP_LINEAR,
     "points: a point's cost must not be negative (got -6)"},
    {"NaN cost",
     {P(10, NAN), P(20, 6)},
     2,
     COST_INTERP_LINEAR,
     "points: a point's cost must be a finite number"},
    {"infinite cost",
     {P(10, 5), P(20, INFINITY)},
     2,
     COST_INTERP_LINEAR,
     "a point's cost must be a finite number"},
    {"loglog zero cost",
     {P(10, 0), P(20, 6)},
     2,
     COST_INTERP_LOGLOG,
     "point 1: a cost must be > 0 with interp = \"loglog\""},
    {"loglog zero cost, second",
     {P(10, 5), P(20, 0)},
     2,
     COST_INTERP_LOGLOG,
     "point 2: a cost must be > 0"},
    {"loglog zero x",
     {P(0, 5), P(20, 6)},
     2,
     COST_INTERP_LOGLOG,
     "point 1: the driver value must be a finite number > 0 (loglog takes logs)"},
};

static void test_invalid_specs(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        core_error err;
        err.msg[0] = '\0';
        cost_fn *f = cost_points(c->pts, c->n, c->interp, COST_EXTRAPOLATE_LINEAR,
                                 COST_EXTRAPOLATE_LINEAR, &err);
        expect_rejected(f, &err, c->label, c->says);
    }

    /* a range cost whose low end is 0 cannot take logs either */
    cost_point pts[] = {{10, R(0, 5)}, {20, N(6)}};
    core_error err;
    assert_null(cost_points(pts, 2, COST_INTERP_LOGLOG, COST_EXTRAPOLATE_LINEAR,
                            COST_EXTRAPOLATE_LINEAR, &err));
    assert_non_null(strstr(err.msg, "point 1: a cost must be > 0"));
    /* ...but linear interpolation takes it */
    cost_fn *f = cost_points(pts, 2, COST_INTERP_LINEAR, COST_EXTRAPOLATE_LINEAR,
                             COST_EXTRAPOLATE_LINEAR, &err);
    assert_non_null(f);
    cost_release(f);
    /* 2^53 and 2^53 + 2 are two doubles but one log: a log-log segment of no width (found
     * by fuzz_spec: the value at 2^53 came out 0); linear interpolation takes them */
    cost_point close[] = {{14, N(1)}, {9007199254740992.0, N(7)}, {9007199254740994.0, N(9)}};
    assert_true(log(close[1].x) == log(close[2].x)); /* the case is what it claims */
    assert_null(cost_points(close, 3, COST_INTERP_LOGLOG, COST_EXTRAPOLATE_LINEAR,
                            COST_EXTRAPOLATE_LINEAR, &err));
    assert_non_null(strstr(err.msg, "point 3: the driver value (9007199254740994) is too close"));
    f = cost_points(close, 3, COST_INTERP_LINEAR, COST_EXTRAPOLATE_LINEAR, COST_EXTRAPOLATE_LINEAR,
                    &err);
    assert_non_null(f);
    cost_release(f);
    /* NULL with no points */
    assert_null(cost_points(NULL, 0, COST_INTERP_LINEAR, COST_EXTRAPOLATE_CLAMP,
                            COST_EXTRAPOLATE_CLAMP, &err));
}

/* The constructor copies the points: changing the caller's array afterwards changes nothing. */
static void test_points_are_copied(void **state)
{
    (void)state;
    cost_point pts[] = {P(0, 0), P(10, 100)};
    cost_fn *f = make_points(pts, 2, COST_INTERP_LINEAR, COST_EXTRAPOLATE_CLAMP);
    pts[1].cost = N(1e6);
    pts[1].x = 1;
    static const row rows[] = {AT("at 5", 5, 50)}; /* 100 * 5 / 10 = 50 */
    RUN_ROWS(f, rows);
    cost_release(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linear_extrapolate_linear),
        cmocka_unit_test(test_linear_extrapolate_clamp),
        cmocka_unit_test(test_linear_extrapolate_error),
        cmocka_unit_test(test_linear_two_points_from_zero),
        cmocka_unit_test(test_loglog_extrapolate_linear),
        cmocka_unit_test(test_loglog_extrapolate_clamp),
        cmocka_unit_test(test_loglog_extrapolate_error),
        cmocka_unit_test(test_loglog_falling_curve_at_zero),
        cmocka_unit_test(test_mixed_policies),
        cmocka_unit_test(test_linear_range_costs),
        cmocka_unit_test(test_loglog_range_costs),
        cmocka_unit_test(test_uncertain_driver_over_a_peak),
        cmocka_unit_test(test_uncertain_driver_with_range_costs),
        cmocka_unit_test(test_invalid_specs),
        cmocka_unit_test(test_points_are_copied),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
