/*
 * test_samples: Monte Carlo lanes through every primitive and composition
 * (cost_eval_samples).  Each range takes the value given for its lane; every expected
 * cost is worked out by hand beside it.
 */
#include <string.h>

#include "testutil.h"

#include "cost.h"

enum { LANES = 3 };

/* A range with an id, so that lanes can give it values. */
static range uncertain(double lo, double hi, int id)
{
    range r;
    core_error err;
    assert_true(range_make(lo, hi, &r, &err));
    r.id = id;
    return r;
}

/* Lane values for ids 1 and 2; id 3 has none (it stays at its mid). */
static const double id1[LANES] = {200, 300, 400};
static const double id2[LANES] = {0.5, 1.0, 1.5};
static const double *const by_id[] = {NULL, id1, id2, NULL};
static const cost_samples lanes = {.lanes = LANES, .by_id = by_id, .n_ids = 4};

static void expect(const cost_fn *f, const double x[LANES], const double want[LANES])
{
    double out[LANES];
    core_error err;
    if (!cost_eval_samples(f, x, &lanes, out, &err)) {
        print_error("failed: %s\n", err.msg);
        fail();
    }
    for (int i = 0; i < LANES; i++)
        assert_double_near(out[i], want[i], 1e-9);
}

static const double at_1000[LANES] = {1000, 1000, 1000};

static void test_simple(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = cost_fixed(uncertain(100, 500, 1), &err);
    expect(f, at_1000, (double[]){200, 300, 400}); /* the lanes' values of id 1 */
    cost_release(f);
    /* 10 + rate x 1000 with rate 0.5, 1.0, 1.5 */
    f = cost_linear(range_number(10), uncertain(0, 2, 2), &err);
    expect(f, at_1000, (double[]){510, 1010, 1510});
    cost_release(f);
    /* coef 2 x 100^exp with exp 0.5, 1, 1.5: 20, 200, 2000 */
    f = cost_power(range_number(2), uncertain(0, 2, 2), &err);
    expect(f, (double[]){100, 100, 100}, (double[]){20, 200, 2000});
    cost_release(f);
    /* a range without lane values (id 3) stays at its mid: (0 + 8) / 2 = 4 */
    f = cost_fixed(uncertain(0, 8, 3), &err);
    expect(f, at_1000, (double[]){4, 4, 4});
    cost_release(f);
}

static void test_tiers_and_points(void **state)
{
    (void)state;
    core_error err;
    /* plans: up to 1000 at id 1 (200, 300, 400), then 999; drivers 1000, 1000, 1001 */
    cost_tier plans[] = {{.upto = 1000, .cost = uncertain(100, 500, 1)},
                         {.open = true, .cost = range_number(999)}};
    cost_fn *f = cost_step(plans, 2, &err);
    expect(f, (double[]){1000, 1000, 1001}, (double[]){200, 300, 999});
    cost_release(f);
    /* graduated: 0.1 a unit up to 1000, then 0.05; free id 1 units (200, 300, 400); x 1500:
     * units 1300, 1200, 1100: 100 + 300 x 0.05 = 115, 100 + 10 = 110, 100 + 5 = 105 */
    cost_tier brackets[] = {{.upto = 1000, .rate = range_number(0.1)},
                            {.open = true, .rate = range_number(0.05)}};
    f = cost_graduated(brackets, 2, uncertain(100, 500, 1), &err);
    expect(f, (double[]){1500, 1500, 1500}, (double[]){115, 110, 105});
    cost_release(f);
    /* volume: rate id 2 (0.5, 1, 1.5) x 1000 + fee 10 */
    cost_tier vol[] = {{.open = true, .rate = uncertain(0, 2, 2), .fee = range_number(10)}};
    f = cost_volume(vol, 1, &err);
    expect(f, at_1000, (double[]){510, 1010, 1510});
    cost_release(f);
    /* points (0, id 1), (2000, 1000) linear, at 1000: halfway: (y0 + 1000) / 2 */
    cost_point pts[] = {{0, uncertain(100, 500, 1)}, {2000, range_number(1000)}};
    f = cost_points(pts, 2, COST_INTERP_LINEAR, COST_EXTRAPOLATE_CLAMP, COST_EXTRAPOLATE_CLAMP,
                    &err);
    expect(f, at_1000, (double[]){600, 650, 700});
    cost_release(f);
    /* log-log through (100, id 1) and (10000, 400) at 1000 (halfway in log space):
     * sqrt(y0 x 400) = sqrt(80000) = 282.8427, sqrt(120000) = 346.4102, sqrt(160000) = 400 */
    cost_point logpts[] = {{100, uncertain(100, 500, 1)}, {10000, range_number(400)}};
    f = cost_points(logpts, 2, COST_INTERP_LOGLOG, COST_EXTRAPOLATE_CLAMP, COST_EXTRAPOLATE_CLAMP,
                    &err);
    expect(f, at_1000, (double[]){282.842712474619, 346.410161513775, 400});
    cost_release(f);
    /* instances: capacity 500, price id 1: 2 replicas at 1000 */
    f = cost_instances(range_number(500), uncertain(100, 500, 1), 1, -1, &err);
    expect(f, at_1000, (double[]){400, 600, 800});
    cost_release(f);
}

static void test_composition(void **state)
{
    (void)state;
    core_error err;
    cost_fn *a = cost_fixed(uncertain(100, 500, 1), &err);               /* 200, 300, 400 */
    cost_fn *b = cost_linear(range_number(0), uncertain(0, 2, 2), &err); /* x 0.5, 1, 1.5 */
    cost_fn *sum = cost_sum(a, b, &err), *diff = cost_difference(a, a, &err),
            *mx = cost_max(a, b, &err);
    /* the same range twice cancels exactly in a lane: a - a = 0 */
    expect(sum, (double[]){100, 100, 100}, (double[]){250, 400, 550});
    expect(diff, at_1000, (double[]){0, 0, 0});
    expect(mx, (double[]){100, 300, 300}, (double[]){200, 300, 450});
    cost_fn *scaled = cost_scale(a, uncertain(0, 2, 2), &err); /* 100, 300, 600 */
    expect(scaled, at_1000, (double[]){100, 300, 600});
    /* of: b's output is the driver of a 0.1-a-unit line: x 1000 -> 500, 1000, 1500 units */
    cost_fn *per_unit = cost_linear(range_number(0), range_number(0.1), &err);
    cost_fn *of = cost_of(per_unit, b, &err);
    expect(of, at_1000, (double[]){50, 100, 150});
    cost_release(sum), cost_release(diff), cost_release(mx), cost_release(scaled);
    cost_release(of), cost_release(per_unit), cost_release(a), cost_release(b);
}

static void test_errors(void **state)
{
    (void)state;
    core_error err;
    cost_tier plans[] = {{.upto = 1000, .cost = range_number(1)}};
    cost_fn *f = cost_step(plans, 1, &err);
    double out[LANES];
    assert_false(cost_eval_samples(f, (double[]){10, 2000, 10}, &lanes, out, &err));
    assert_non_null(strstr(err.msg, "driver value 2000 is beyond the last plan"));
    assert_false(cost_eval_samples(f, (double[]){10, -1, 10}, &lanes, out, &err));
    assert_non_null(strstr(err.msg, "negative"));
    cost_release(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_tiers_and_points),
        cmocka_unit_test(test_composition),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
