/*
 * test_crossover: unit tests for engine/core/crossover.c.  Every expected crossover is
 * solved by hand in the comment beside it.
 */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "crossover.h"

static cost_tier plan(double upto, double cost)
{
    return (cost_tier){.upto = upto, .cost = range_number(cost)};
}

static cost_tier open_plan(double cost)
{
    return (cost_tier){.open = true, .cost = range_number(cost)};
}

static cost_fn *line(double base, double rate)
{
    core_error err;
    cost_fn *f = cost_linear(range_number(base), range_number(rate), &err);
    assert_non_null(f);
    return f;
}

static cost_fn *flat(double amount)
{
    core_error err;
    cost_fn *f = cost_fixed(range_number(amount), &err);
    assert_non_null(f);
    return f;
}

/* Finds the crossovers of f and g in lo..hi and checks them against the expected ones. */
/* At a jump the crossover must be the bound itself; a root of a continuous difference is
 * found to within a few ulps. */
static double tolerance = 0;

static void expect(cost_fn *f, cost_fn *g, double lo, double hi, size_t n, const double *x,
                   const bool *f_below)
{
    crossover *c;
    size_t found;
    core_error err;
    if (!crossover_find(f, g, lo, hi, &c, &found, &err)) {
        print_error("crossover_find failed: %s\n", err.msg);
        fail();
    }
    if (found != n) {
        print_error("found %zu crossovers, expected %zu\n", found, n);
        for (size_t i = 0; i < found; i++)
            print_error("  at %.17g\n", c[i].x);
        budget_free(c);
        fail();
    }
    for (size_t i = 0; i < n; i++) {
        assert_double_near(c[i].x, x[i], tolerance * x[i]);
        assert_int_equal(c[i].f_cheaper_below, f_below[i]);
    }
    budget_free(c);
}

/* 1000 + 0.01x = 200 + 0.03x  =>  800 = 0.02x  =>  x = 40000; below it g (200 + ...) is
 * cheaper. */
static void test_two_straight_lines(void **state)
{
    (void)state;
    cost_fn *f = line(1000, 0.01), *g = line(200, 0.03);
    tolerance = 1e-12;
    expect(f, g, 1000, 1e6, 1, (double[]){40000}, (bool[]){false});
    expect(g, f, 1000, 1e6, 1, (double[]){40000}, (bool[]){true});
    tolerance = 0;
    cost_release(f), cost_release(g);
}

/* A $100 plan up to 20,000 users then $500, against a flat $300: the step is cheaper up to
 * and including 20,000 (bounds are inclusive), dearer past it: exactly 20000. */
static void test_at_a_step_jump(void **state)
{
    (void)state;
    core_error err;
    cost_tier plans[] = {plan(20000, 100), open_plan(500)};
    cost_fn *f = cost_step(plans, 2, &err), *g = flat(300);
    expect(f, g, 1000, 1e6, 1, (double[]){20000}, (bool[]){true});
    cost_release(f), cost_release(g);
}

/* Volume: 10 a unit up to 1000 units, then 8 a unit for all; against 9 a unit.  Up to 1000
 * the volume price is dearer (10x > 9x), past it cheaper (8x < 9x): exactly 1000. */
static void test_at_a_volume_tier(void **state)
{
    (void)state;
    core_error err;
    cost_tier brackets[] = {{.upto = 1000, .rate = range_number(10), .fee = range_number(0)},
                            {.open = true, .rate = range_number(8), .fee = range_number(0)}};
    cost_fn *f = cost_volume(brackets, 2, &err), *g = line(0, 9);
    expect(f, g, 1, 1e5, 1, (double[]){1000}, (bool[]){false});
    cost_release(f), cost_release(g);
}

/* Replicas of 5000 users at $100 against a flat $250: 2 replicas ($200) serve up to 10,000
 * users, the third ($300) starts just past it: exactly 10000. */
static void test_at_an_instance_count(void **state)
{
    (void)state;
    core_error err;
    cost_fn *f = cost_instances(range_number(5000), range_number(100), 1, -1, &err);
    cost_fn *g = flat(250);
    expect(f, g, 1000, 1e6, 1, (double[]){10000}, (bool[]){true});
    cost_release(f), cost_release(g);
}

/* A plan bound in GB under a derived driver of 0.5 GB a user: 10,240 GB is 20,480 users. */
static void test_at_a_jump_of_a_derived_driver(void **state)
{
    (void)state;
    core_error err;
    cost_tier plans[] = {plan(10240, 100), open_plan(500)};
    cost_fn *step = cost_step(plans, 2, &err), *gb = line(0, 0.5);
    cost_fn *f = cost_of(step, gb, &err), *g = flat(300);
    expect(f, g, 1000, 1e6, 1, (double[]){20480}, (bool[]){true});
    cost_release(f), cost_release(g), cost_release(step), cost_release(gb);
}

/* Through (1000, 100), (10000, 1000), (100000, 200) against a flat 500:
 * rising: 100 + 0.1 (x - 1000) = 500  =>  x = 5000 (the curve is cheaper below);
 * falling: 1000 - (800 / 90000)(x - 10000) = 500  =>  x = 10000 + 56250 = 66250. */
static void test_two_crossings(void **state)
{
    (void)state;
    core_error err;
    cost_point pts[] = {
        {1000, range_number(100)}, {10000, range_number(1000)}, {100000, range_number(200)}};
    cost_fn *f = cost_points(pts, 3, COST_INTERP_LINEAR, COST_EXTRAPOLATE_CLAMP,
                             COST_EXTRAPOLATE_CLAMP, &err);
    cost_fn *g = flat(500);
    tolerance = 1e-12;
    expect(f, g, 1000, 1e6, 2, (double[]){5000, 66250}, (bool[]){true, false});
    tolerance = 0;
    cost_release(f), cost_release(g);
}

/* Parallel lines never cross; equal functions never cross. */
static void test_no_crossing(void **state)
{
    (void)state;
    cost_fn *f = line(100, 0.01), *g = line(200, 0.01);
    expect(f, g, 1000, 1e6, 0, NULL, NULL);
    expect(f, f, 1000, 1e6, 0, NULL, NULL);
    cost_release(f), cost_release(g);
}

/* From 0 users: x^2 + 1100 against 210 x meet where x^2 - 210 x + 1100 = 0, at
 * x = (210 -+ sqrt(39700)) / 2 = (210 -+ 199.2485885) / 2 = 5.3757058 and 204.6242942. */
static void test_from_zero(void **state)
{
    (void)state;
    core_error err;
    cost_fn *sq = cost_power(range_number(1), range_number(2), &err), *k = flat(1100);
    cost_fn *f = cost_sum(sq, k, &err), *g = line(0, 210);
    tolerance = 1e-9;
    expect(f, g, 0, 1e6, 2, (double[]){5.3757057741436, 204.6242942258564}, (bool[]){false, true});
    tolerance = 0;
    cost_release(f), cost_release(g), cost_release(sq), cost_release(k);
}

static void test_bad_span(void **state)
{
    (void)state;
    cost_fn *f = flat(1), *g = flat(2);
    crossover *c;
    size_t n;
    core_error err;
    assert_false(crossover_find(f, g, 100, 10, &c, &n, &err));
    assert_non_null(strstr(err.msg, "0 <= lo < hi"));
    assert_false(crossover_find(f, g, -1, 10, &c, &n, &err));
    cost_release(f), cost_release(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_straight_lines),
        cmocka_unit_test(test_at_a_step_jump),
        cmocka_unit_test(test_at_a_volume_tier),
        cmocka_unit_test(test_at_an_instance_count),
        cmocka_unit_test(test_at_a_jump_of_a_derived_driver),
        cmocka_unit_test(test_two_crossings),
        cmocka_unit_test(test_no_crossing),
        cmocka_unit_test(test_from_zero),
        cmocka_unit_test(test_bad_span),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
