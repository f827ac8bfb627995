/*
 * growth: users along a timeline for each kind of curve, the validation messages, and
 * (from rate.c, which the curves' rates come through) annual to monthly rates.  Expected
 * users are worked out by hand in the comments.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "testutil.h"

#include "growth.h"
#include "rate.h"

#define USERS_TOL 1e-6 /* users: a millionth of a user */

typedef struct {
    double month;
    double want;
} month_case;

/* Checks growth_users at each case, and that g passes growth_check first. */
static void check_months(const growth *g, const month_case *cases, size_t n)
{
    core_error err = {0};
    if (!growth_check(g, &err)) {
        print_error("growth_check failed: %s\n", err.msg);
        fail();
    }
    for (size_t i = 0; i < n; i++) {
        double got = growth_users(g, cases[i].month);
        if (!(fabs(got - cases[i].want) <= USERS_TOL)) {
            print_error("month %g: %.17g users, expected %.17g\n", cases[i].month, got,
                        cases[i].want);
            fail();
        }
    }
}

static void compound(void **state)
{
    (void)state;
    growth g = {.kind = GROWTH_COMPOUND, .start = 10000, .rate = 0.08};
    static const month_case cases[] = {
        {1, 10000},
        /* 10000 * 1.08 */
        {2, 10800},
        /* 1.08^2 = 1.1664, 1.08^4 = 1.1664^2 = 1.36048896,
         * 1.08^8 = 1.36048896^2 = 1.8509302102818816,
         * 1.08^12 = 1.8509302102818816 * 1.36048896 = 2.518170116818978404...,
         * times 10000 = 25181.70116818978 */
        {13, 25181.70116818978},
    };
    check_months(&g, cases, sizeof cases / sizeof cases[0]);

    /* Shrinking by half a month: 1000, 500, 250. */
    growth halving = {.kind = GROWTH_COMPOUND, .start = 1000, .rate = -0.5};
    static const month_case halves[] = {{1, 1000}, {2, 500}, {3, 250}};
    check_months(&halving, halves, 3);

    /* A rate of 0 is a flat line. */
    growth flat = {.kind = GROWTH_COMPOUND, .start = 1234, .rate = 0};
    static const month_case flats[] = {{1, 1234}, {120, 1234}};
    check_months(&flat, flats, 2);

    /* 1000 * 1.1^3 = 1331 on paper, 1331.0000000000005 in doubles: exactly 1331, so that a
     * plan "up to 1331" takes it; 1000 * 1.1^4 = 1464.1 stays fractional. */
    growth ten = {.kind = GROWTH_COMPOUND, .start = 1000, .rate = 0.1};
    assert_true(1000 * pow(1.1, 3) != 1331.0); /* the noise this is about */
    assert_true(growth_users(&ten, 4) == 1331.0);
    assert_double_near(growth_users(&ten, 5), 1464.1, 1e-9);
    assert_true(growth_users(&ten, 5) != 1464.0);
}

static void linear(void **state)
{
    (void)state;
    growth g = {.kind = GROWTH_LINEAR, .start = 10000, .per_month = 2000};
    static const month_case cases[] = {
        {1, 10000},
        /* 10000 + 2000 * 9 */
        {10, 28000},
        /* 10000 + 2000 * 1.5 */
        {2.5, 13000},
    };
    check_months(&g, cases, sizeof cases / sizeof cases[0]);

    /* Losing 300 a month from 1000: 1000 - 3 * 300 = 100 in month 4; month 5 would be
     * 1000 - 4 * 300 = -200, held at 0, and so on to the end. */
    growth losing = {.kind = GROWTH_LINEAR, .start = 1000, .per_month = -300};
    static const month_case lost[] = {{1, 1000}, {4, 100}, {5, 0}, {36, 0}};
    check_months(&losing, lost, sizeof lost / sizeof lost[0]);
}

static void logistic(void **state)
{
    (void)state;
    /* a = (K - start) / start = (1e6 - 1e4) / 1e4 = 99; users = 1e6 / (1 + 99 e^(-0.2 (m - 1))). */
    growth g = {.kind = GROWTH_LOGISTIC, .start = 10000, .rate = 0.2, .ceiling = 1e6};
    static const month_case cases[] = {
        /* 1e6 / (1 + 99) */
        {1, 10000},
        /* k t = 0.2 * 10 = 2: e^-2 = 0.1353352832366127, times 99 = 13.39819304042466,
         * plus 1 = 14.39819304042466, 1e6 / 14.39819304042466 = 69453.15965638048 */
        {11, 69453.15965638048},
        /* k t = 0.2 * 20 = 4: e^-4 = 0.01831563888873418, times 99 = 1.813248249984684,
         * plus 1 = 2.813248249984684, 1e6 / 2.813248249984684 = 355460.9871366469 */
        {21, 355460.9871366469},
        /* k t = 24: e^-24 = 3.775e-11, times 99 = 3.737e-9: 1e6 / (1 + 3.737e-9)
         * = 999999.9962626168, just under the ceiling */
        {121, 999999.9962626168},
    };
    check_months(&g, cases, sizeof cases / sizeof cases[0]);
    assert_true(growth_users(&g, 1000) <= 1e6);
}

static void points(void **state)
{
    (void)state;
    static const growth_point pts[] = {{1, 1000}, {13, 5000}, {25, 5000}};
    /* start is ignored by points: 0 is not an error. */
    growth g = {.kind = GROWTH_POINTS, .start = 0, .points = pts, .n_points = 3};
    static const month_case cases[] = {
        {1, 1000},
        /* 1000 + (5000 - 1000) * (4 - 1) / (13 - 1) = 1000 + 4000 * 0.25 */
        {4, 2000},
        /* 1000 + 4000 * (7 - 1) / 12 = 1000 + 4000 * 0.5 */
        {7, 3000},
        {13, 5000},
        /* flat between (13, 5000) and (25, 5000) */
        {19, 5000},
        {25, 5000},
        /* held flat after the last point and before the first */
        {30, 5000},
        {0.5, 1000},
    };
    check_months(&g, cases, sizeof cases / sizeof cases[0]);

    /* A falling segment: (1, 100) to (3, 0) is 50 in month 2. */
    static const growth_point falling[] = {{1, 100}, {3, 0}};
    growth down = {.kind = GROWTH_POINTS, .points = falling, .n_points = 2};
    static const month_case downs[] = {{2, 50}, {3, 0}, {10, 0}};
    check_months(&down, downs, 3);

    /* One point is a flat line at its users, on both sides of its month. */
    static const growth_point one[] = {{5, 42}};
    growth single = {.kind = GROWTH_POINTS, .points = one, .n_points = 1};
    static const month_case singles[] = {{1, 42}, {5, 42}, {60, 42}};
    check_months(&single, singles, 3);

    /* Many points (the bisection path): users = 10 * month at months 1..100, so any
     * month in between interpolates to 10 * month as well. */
    growth_point many[100];
    for (size_t i = 0; i < 100; i++)
        many[i] = (growth_point){(double)(i + 1), 10.0 * (double)(i + 1)};
    growth line = {.kind = GROWTH_POINTS, .points = many, .n_points = 100};
    static const month_case lines[] = {{1, 10}, {2.5, 25}, {50, 500}, {77.25, 772.5}, {99.9, 999}};
    check_months(&line, lines, sizeof lines / sizeof lines[0]);
}

static void fill_matches_users(void **state)
{
    (void)state;
    growth g = {.kind = GROWTH_COMPOUND, .start = 10000, .rate = 0.08};
    double users[36];
    growth_fill(&g, 36, users);
    assert_double_near(users[0], 10000, USERS_TOL);
    assert_double_near(users[12], 25181.70116818978, USERS_TOL); /* month 13, as above */
    for (size_t i = 0; i < 36; i++)
        assert_true(users[i] == growth_users(&g, (double)(i + 1)));

    /* No months writes nothing. */
    double untouched[1] = {-7};
    growth_fill(&g, 0, untouched);
    assert_true(untouched[0] == -7);

    /* Points through fill: months 1..3 of (1, 1000) to (13, 5000) step by 4000 / 12. */
    static const growth_point pts[] = {{1, 1000}, {13, 5000}};
    growth p = {.kind = GROWTH_POINTS, .points = pts, .n_points = 2};
    double three[3];
    growth_fill(&p, 3, three);
    assert_double_near(three[0], 1000, USERS_TOL);
    assert_double_near(three[1], 1000 + 4000.0 / 12, USERS_TOL); /* 1333.33... */
    assert_double_near(three[2], 1000 + 8000.0 / 12, USERS_TOL); /* 1666.66... */
}

typedef struct {
    const char *what;
    growth g;
    const char *mention[3]; /* substrings the message must contain */
} error_case;

static void check_rejects(const error_case *c)
{
    core_error err = {0};
    if (growth_check(&c->g, &err)) {
        print_error("%s: growth_check accepted it\n", c->what);
        fail();
    }
    for (size_t i = 0; i < 3 && c->mention[i]; i++) {
        if (!strstr(err.msg, c->mention[i])) {
            print_error("%s: message \"%s\" does not mention \"%s\"\n", c->what, err.msg,
                        c->mention[i]);
            fail();
        }
    }
}

static const growth_point pts_month0[] = {{0, 1000}, {12, 2000}};
static const growth_point pts_repeat[] = {{1, 1000}, {13, 2000}, {13, 3000}};
static const growth_point pts_backwards[] = {{1, 1000}, {13, 2000}, {7, 3000}};
static const growth_point pts_negative[] = {{1, 1000}, {13, -1}};
static const growth_point pts_nan_users[] = {{1, NAN}};
static const growth_point pts_inf_month[] = {{1, 10}, {INFINITY, 20}};

static void validation(void **state)
{
    (void)state;
    static const error_case cases[] = {
        {"compound start 0",
         {.kind = GROWTH_COMPOUND, .start = 0, .rate = 0.08},
         {"compound growth", "start", "got 0"}},
        {"compound start NaN",
         {.kind = GROWTH_COMPOUND, .start = NAN, .rate = 0.08},
         {"compound growth", "start", "greater than 0"}},
        {"compound rate -1",
         {.kind = GROWTH_COMPOUND, .start = 10, .rate = -1},
         {"compound growth", "rate", "greater than -1"}},
        {"compound rate -1.5",
         {.kind = GROWTH_COMPOUND, .start = 10, .rate = -1.5},
         {"rate", "got -1.5"}},
        {"compound rate inf",
         {.kind = GROWTH_COMPOUND, .start = 10, .rate = INFINITY},
         {"rate", "got inf"}},
        {"linear start -5",
         {.kind = GROWTH_LINEAR, .start = -5, .per_month = 10},
         {"linear growth", "start", "got -5"}},
        {"linear per_month NaN",
         {.kind = GROWTH_LINEAR, .start = 5, .per_month = NAN},
         {"linear growth", "per_month", "finite"}},
        {"logistic rate 0",
         {.kind = GROWTH_LOGISTIC, .start = 10000, .rate = 0, .ceiling = 1e6},
         {"logistic growth", "rate", "greater than 0"}},
        {"logistic rate negative",
         {.kind = GROWTH_LOGISTIC, .start = 10000, .rate = -0.2, .ceiling = 1e6},
         {"rate", "got -0.2"}},
        {"logistic ceiling = start",
         {.kind = GROWTH_LOGISTIC, .start = 10000, .rate = 0.2, .ceiling = 10000},
         {"logistic growth", "ceiling", "greater than start (10000), got 10000"}},
        {"logistic ceiling inf",
         {.kind = GROWTH_LOGISTIC, .start = 10000, .rate = 0.2, .ceiling = INFINITY},
         {"ceiling", "got inf"}},
        {"logistic start 0",
         {.kind = GROWTH_LOGISTIC, .start = 0, .rate = 0.2, .ceiling = 1e6},
         {"logistic growth", "start"}},
        {"points none",
         {.kind = GROWTH_POINTS, .points = NULL, .n_points = 0},
         {"points growth", "at least one"}},
        {"points NULL with a count",
         {.kind = GROWTH_POINTS, .points = NULL, .n_points = 2},
         {"points growth", "at least one"}},
        {"points month 0",
         {.kind = GROWTH_POINTS, .points = pts_month0, .n_points = 2},
         {"point 1:", "month must be a number >= 1", "got 0"}},
        {"points repeated month",
         {.kind = GROWTH_POINTS, .points = pts_repeat, .n_points = 3},
         {"point 3:", "increase strictly", "month 13 follows month 13"}},
        {"points backwards",
         {.kind = GROWTH_POINTS, .points = pts_backwards, .n_points = 3},
         {"point 3:", "month 7 follows month 13"}},
        {"points negative users",
         {.kind = GROWTH_POINTS, .points = pts_negative, .n_points = 2},
         {"point 2 (month 13)", "users must be a number >= 0", "got -1"}},
        {"points NaN users",
         {.kind = GROWTH_POINTS, .points = pts_nan_users, .n_points = 1},
         {"point 1 (month 1)", "users"}},
        {"points infinite month",
         {.kind = GROWTH_POINTS, .points = pts_inf_month, .n_points = 2},
         {"point 2:", "month", "got inf"}},
        {"unknown kind", {.kind = (growth_kind)99, .start = 10}, {"unknown kind 99"}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_rejects(&cases[i]);
}

static void validation_accepts(void **state)
{
    (void)state;
    core_error err = {0};
    /* Fields a kind does not use are not looked at: a NaN ceiling under compound is fine. */
    growth compound = {.kind = GROWTH_COMPOUND, .start = 10, .rate = -0.99, .ceiling = NAN};
    assert_true(growth_check(&compound, &err));
    growth losing = {.kind = GROWTH_LINEAR, .start = 10, .per_month = -1e9};
    assert_true(growth_check(&losing, &err));
    /* Points may start after month 1, at fractional months, and at 0 users. */
    static const growth_point late[] = {{3.5, 0}, {4, 10}};
    growth p = {.kind = GROWTH_POINTS, .start = NAN, .points = late, .n_points = 2};
    assert_true(growth_check(&p, &err));

    /* No error wanted is allowed. */
    growth bad = {.kind = GROWTH_COMPOUND, .start = 0, .rate = 0};
    assert_false(growth_check(&bad, NULL));
}

static void monthly_rates(void **state)
{
    (void)state;
    /* Simple: 0.12 / 12 = 0.01. */
    assert_double_near(rate_monthly_from_annual(0.12, RATE_SIMPLE), 0.01, 1e-15);
    /* Compound: 1.12^(1/12) - 1.  ln 1.12 = 0.1133286853070032, / 12 = 0.00944405710891693;
     * e^x - 1 = x + x^2/2 + x^3/6 + x^4/24 = 0.00944405710891693 + 0.0000445951073
     * + 0.000000140387 + 0.00000000033 = 0.0094887929346 (0.00948879293458297 in full). */
    double m = rate_monthly_from_annual(0.12, RATE_COMPOUND);
    assert_double_near(m, 0.00948879293458297, 1e-15);
    /* Twelve such months make the year's 12% back. */
    assert_double_near(pow(1 + m, 12), 1.12, 1e-14);
    /* A small rate keeps its digits: 1.001^(1/12) - 1 = 0.0000832951632731159. */
    assert_double_near(rate_monthly_from_annual(0.001, RATE_COMPOUND), 0.0000832951632731159,
                       1e-18);
    /* A falling rate: -50% a year is 0.5^(1/12) - 1 = -0.0561256873183065 compound,
     * -0.5 / 12 = -0.0416666... simple. */
    assert_double_near(rate_monthly_from_annual(-0.5, RATE_COMPOUND), -0.0561256873183065, 1e-15);
    assert_double_near(rate_monthly_from_annual(-0.5, RATE_SIMPLE), -0.5 / 12, 1e-17);
    assert_true(rate_monthly_from_annual(0, RATE_COMPOUND) == 0);
    assert_true(rate_monthly_from_annual(0, RATE_SIMPLE) == 0);
    /* No monthly root of losing everything; and no rate from a non-number. */
    assert_true(isnan(rate_monthly_from_annual(-1, RATE_COMPOUND)));
    assert_true(isnan(rate_monthly_from_annual(-2, RATE_COMPOUND)));
    assert_true(isnan(rate_monthly_from_annual(NAN, RATE_SIMPLE)));
    assert_true(isnan(rate_monthly_from_annual(INFINITY, RATE_COMPOUND)));
    assert_true(isnan(rate_monthly_from_annual(0.12, (rate_conversion)7)));
}

/* ---- a growth of ranges ------------------------------------------------------------------ */

/* The rules that need no start: a compound rate above -1 at its low end, a logistic rate and
 * ceiling above 0.  The messages are the ones r.growth.* shows after its name. */
static void ranges_check(void **state)
{
    (void)state;
    core_error err;
    growth_ranges g = {.kind = GROWTH_COMPOUND, .conversion = -1, .rate = test_span(-1, 0.1)};
    assert_false(growth_ranges_check(&g, &err));
    assert_string_equal(err.msg, "the rate must be greater than -1 (-100%)");
    g.rate = test_span(-0.99, 0.1); /* -99% a month is a curve */
    assert_true(growth_ranges_check(&g, &err));
    growth_ranges k = {.kind = GROWTH_LOGISTIC,
                       .conversion = -1,
                       .rate = test_span(0, 0.3),
                       .ceiling = test_span(1e6, 1e6)};
    assert_false(growth_ranges_check(&k, &err));
    assert_string_equal(err.msg, "rate and ceiling must be greater than 0");
    k.rate = test_span(0.1, 0.3), k.ceiling = test_span(-5, 1e6);
    assert_false(growth_ranges_check(&k, &err));
    k.ceiling = test_span(5, 1e6);
    assert_true(growth_ranges_check(&k, &err));
    /* linear and points have no rule without a start: any per_month is a line */
    growth_ranges l = {.kind = GROWTH_LINEAR, .conversion = -1, .per_month = test_span(-1e9, 0)};
    assert_true(growth_ranges_check(&l, &err));
}

/* The ends: every parameter at its low, mid or high end; a year's rate becomes a month's. */
static void ranges_at_ends(void **state)
{
    (void)state;
    growth_ranges g = {
        .kind = GROWTH_COMPOUND, .conversion = -1, .start = 1000, .rate = test_span(0.04, 0.10)};
    growth lo = growth_ranges_at(&g, GROWTH_LOW), mid = growth_ranges_at(&g, GROWTH_MID),
           hi = growth_ranges_at(&g, GROWTH_HIGH);
    assert_double_near(lo.rate, 0.04, 0);
    assert_double_near(mid.rate, 0.07, 1e-17);
    assert_double_near(hi.rate, 0.10, 0);
    /* month 3 at 4%: 1000 * 1.04^2 = 1081.6; at 10%: 1000 * 1.1^2 = 1210 */
    assert_double_near(growth_users(&lo, 3), 1081.6, USERS_TOL);
    assert_double_near(growth_users(&hi, 3), 1210, USERS_TOL);
    /* 21% a year, simple: 0.21 / 12 = 0.0175 a month; compound: 1.21^(1/12) - 1 */
    growth_ranges y = {.kind = GROWTH_COMPOUND,
                       .conversion = RATE_SIMPLE,
                       .start = 1,
                       .rate = test_span(0.21, 0.21)};
    assert_double_near(growth_ranges_at(&y, GROWTH_MID).rate, 0.0175, 1e-17);
    y.conversion = RATE_COMPOUND;
    /* twelve months at the month's rate make the year's 21%: month 13 has 1.21 users */
    growth m = growth_ranges_at(&y, GROWTH_MID);
    assert_double_near(growth_users(&m, 13), 1.21, 1e-12);
    /* the points are borrowed, not copied */
    static const growth_point pts[] = {{1, 10}, {3, 30}};
    growth_ranges p = {.kind = GROWTH_POINTS, .conversion = -1, .points = pts, .n_points = 2};
    growth pg = growth_ranges_at(&p, GROWTH_HIGH);
    assert_ptr_equal(pg.points, pts);
    assert_double_near(growth_users(&pg, 2), 20, USERS_TOL); /* halfway from 10 to 30 */
}

/* The start's rules at both ends: a logistic ceiling above start at its low end. */
static void ranges_check_start(void **state)
{
    (void)state;
    core_error err;
    growth_ranges k = {.kind = GROWTH_LOGISTIC,
                       .conversion = -1,
                       .start = 5000,
                       .rate = test_span(0.1, 0.3),
                       .ceiling = test_span(4000, 1e6)};
    assert_false(growth_ranges_check_start(&k, &err));
    assert_non_null(strstr(err.msg, "logistic growth: ceiling"));
    assert_non_null(strstr(err.msg, "greater than start (5000), got 4000"));
    k.ceiling = test_span(6000, 1e6);
    assert_true(growth_ranges_check_start(&k, &err));
    k.start = 0;
    assert_false(growth_ranges_check_start(&k, &err));
    assert_non_null(strstr(err.msg, "start (users in month 1)"));
}

/* A lane takes each parameter's value in that lane, or its mid when it has no array. */
static void ranges_lane(void **state)
{
    (void)state;
    growth_ranges g = {.kind = GROWTH_LOGISTIC,
                       .conversion = -1,
                       .start = 100,
                       .rate = test_span(0.1, 0.3),
                       .ceiling = test_span(1000, 3000)};
    g.rate.id = 1; /* sampled; the ceiling is not */
    const double rates[2] = {0.15, 0.25};
    const double *by_id[2] = {NULL, rates};
    cost_samples s = {.lanes = 2, .by_id = by_id, .n_ids = 2};
    growth l1 = growth_ranges_lane(&g, &s, 1);
    assert_double_near(l1.rate, 0.25, 0);
    assert_double_near(l1.ceiling, 2000, 0); /* the ceiling's mid */
    assert_double_near(l1.start, 100, 0);
    /* month 1 is the start; month 11: 2000 / (1 + 19 e^(-2.5)) = 2000 / 2.559676... */
    assert_double_near(growth_users(&l1, 1), 100, USERS_TOL);
    assert_double_near(growth_users(&l1, 11), 2000 / (1 + 19 * exp(-2.5)), USERS_TOL);
    /* a year's rate sampled is turned into a month's in each lane: 0.24 / 12 = 0.02 */
    growth_ranges y = {.kind = GROWTH_COMPOUND,
                       .conversion = RATE_SIMPLE,
                       .start = 1,
                       .rate = test_span(0.2, 0.3)};
    y.rate.id = 1;
    const double annual[2] = {0.24, 0.12};
    const double *by[2] = {NULL, annual};
    cost_samples t = {.lanes = 2, .by_id = by, .n_ids = 2};
    assert_double_near(growth_ranges_lane(&y, &t, 0).rate, 0.02, 1e-17);
    assert_double_near(growth_ranges_lane(&y, &t, 1).rate, 0.01, 1e-17);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compound),           cmocka_unit_test(linear),
        cmocka_unit_test(logistic),           cmocka_unit_test(points),
        cmocka_unit_test(fill_matches_users), cmocka_unit_test(validation),
        cmocka_unit_test(validation_accepts), cmocka_unit_test(monthly_rates),
        cmocka_unit_test(ranges_check),       cmocka_unit_test(ranges_at_ends),
        cmocka_unit_test(ranges_check_start), cmocka_unit_test(ranges_lane),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
