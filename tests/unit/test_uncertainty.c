/*
 * uncertainty: percentile checks under Monte Carlo, against hand calculations.  A server
 * costs a uniform $0..$200 a month, so the p90 of the total is about 200 x 0.9 = 180 (its
 * sampling error over 10000 lanes is about 200 x sqrt(0.9 x 0.1 / 10000) = 0.6), and a
 * fixed $100 is 100 at every percentile.
 */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#include "uncertainty.h"

#define LANES 10000

/* Runs the one check {users = 1000, percentile = 0.9, max = max} on a server costing r. */
static bool check_p90(range *r, double max, core_error *err)
{
    inputs in = {0};
    if (r->dist == RANGE_UNIFORM)
        assert_true(inputs_add(&in, r, "server", NULL, NULL));
    cost_fn *f = cost_fixed(*r, err);
    option *opt = option_new("A", "t.lua:4", NULL);
    assert_true(option_add_item(opt, "server", "compute", "", f, err));
    cost_release(f);
    const percentile_check c = {.users = 1000, .percentile = 0.9, .max = max, .min = -INFINITY};
    assert_true(option_add_check(opt, c, err));
    mc_draws d;
    assert_true(mc_draw(&in, 7, "t.lua", LANES, &d, err));
    bool ok = uncertainty_checks(opt, &d, err);
    mc_draws_free(&d);
    option_free(opt);
    inputs_free(&in);
    return ok;
}

static void percentile_of_a_range(void **state)
{
    (void)state;
    core_error err = {0};
    range r = {.lo = 0, .mid = 100, .hi = 200, .dist = RANGE_UNIFORM, .mode = 100};
    assert_true(check_p90(&r, 190, &err)); /* 180 is below 190 */
    r = (range){.lo = 0, .mid = 100, .hi = 200, .dist = RANGE_UNIFORM, .mode = 100};
    assert_false(check_p90(&r, 170, &err)); /* and above 170 */
    const char *at = strstr(err.msg, "t.lua:4: check failed: option \"A\": p90 of the total at "
                                     "1000 users is ");
    assert_non_null(at);
    double p90 = 0;
    assert_int_equal(sscanf(strstr(at, "is ") + 3, "%lf", &p90), 1);
    assert_double_near(p90, 180, 3); /* five times the sampling error */
    assert_non_null(strstr(err.msg, "above the limit 170 (10000 samples)"));
}

static void percentile_of_a_number(void **state)
{
    (void)state;
    core_error err = {0};
    range r = range_number(100);
    assert_true(check_p90(&r, 100, &err)); /* 100 is not above 100 */
    assert_false(check_p90(&r, 99.99, &err));
    assert_non_null(strstr(err.msg, "p90 of the total at 1000 users is 100.00, above the "
                                    "limit 99.99"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(percentile_of_a_range),
        cmocka_unit_test(percentile_of_a_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
