/*
 * test_montecarlo: unit tests for engine/core/montecarlo.c: drawing only the inputs a model
 * reads (mc_draw_used) gives each of them the values mc_draw gives it, and the others no
 * array at all; groups keep their one stream whichever of their members is read.
 */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "analysis.h"
#include "montecarlo.h"
#include "option.h"

static range uncertain(double lo, double hi)
{
    return (range){
        .lo = lo, .mid = (lo + hi) / 2, .hi = hi, .dist = RANGE_UNIFORM, .mode = (lo + hi) / 2};
}

static void test_only_used_inputs_drawn(void **state)
{
    (void)state;
    enum { N = 6, LANES = 64 };
    inputs in = {0};
    range r[N];
    const char *groups[N] = {NULL, NULL, "g", "g", "h", NULL};
    for (size_t i = 0; i < N; i++) {
        r[i] = uncertain(1, 2 + (double)i);
        assert_true(inputs_add(&in, &r[i], "x", groups[i], NULL));
    }
    /* an option that reads inputs 1, 4 (of group g, whose first member is unused) */
    core_error err;
    cost_fn *a = cost_fixed(r[0], &err), *b = cost_linear(r[3], range_number(1), &err);
    option *opt = option_new("o", "t.lua:1", NULL);
    assert_true(option_add_item(opt, "a", "other", "", a, &err));
    assert_true(option_add_item(opt, "b", "other", "", b, &err));
    bool used[N + 1] = {false};
    cost_input_set set = {.used = used, .n_ids = N + 1};
    option_inputs(opt, &set);
    for (size_t id = 1; id <= N; id++)
        assert_int_equal(used[id], id == 1 || id == 4);

    mc_draws all, some;
    assert_true(mc_draw(&in, 7, "t.lua", LANES, &all, &err));
    assert_true(mc_draw_used(&in, used, 7, "t.lua", LANES, &some, &err));
    assert_int_equal(some.n_ids, N + 1);
    for (size_t id = 1; id <= N; id++) {
        if (!used[id]) {
            assert_null(some.by_id[id]); /* no memory for what nothing reads */
            continue;
        }
        assert_non_null(some.by_id[id]);
        assert_memory_equal(some.by_id[id], all.by_id[id], LANES * sizeof(double));
    }
    mc_draws_free(&all), mc_draws_free(&some);
    cost_release(a), cost_release(b);
    option_free(opt);
    inputs_free(&in);
}

/* An analysis reads its growth and its changes' factors and one-off costs too. */
static void test_analysis_inputs(void **state)
{
    (void)state;
    inputs in = {0};
    range r[5];
    for (size_t i = 0; i < 5; i++) {
        r[i] = uncertain(1, 2);
        assert_true(inputs_add(&in, &r[i], "x", NULL, NULL));
    }
    analysis *a = analysis_new("a", "t.lua:1", NULL);
    assert_non_null(a);
    a->growth.rate = r[0];
    a->revenue_per_user = r[1];
    change *c = change_new("c", "t.lua:2", "", r[2], NULL);
    core_error err;
    assert_true(change_add_scale(c, "x", uncertain(0.5, 0.9), &err));
    c->scales[0].factor.id = r[3].id;
    const change *changes[] = {c};
    a->changes = (const change **)changes, a->n_changes = 1;
    bool used[6] = {false};
    cost_input_set set = {.used = used, .n_ids = 6};
    analysis_inputs(a, &set);
    for (size_t id = 1; id <= 5; id++)
        assert_int_equal(used[id], id != 5); /* r[4]: read by nothing */
    a->changes = NULL, a->n_changes = 0;     /* borrowed */
    analysis_free(a);
    change_free(c);
    inputs_free(&in);
}

enum { MANY = 100000 };

/* MANY inputs, each uniform on 1..2 as a fixed cost, and their total: the size at which a
 * swing one input at a time through the whole model would be quadratic. */
typedef struct many_fixed {
    inputs in;
    cost_fn **fixed;
    cost_fn *sum;
} many_fixed;

static void many_make(many_fixed *m)
{
    core_error err;
    m->in = (inputs){0};
    m->fixed = malloc(MANY * sizeof *m->fixed);
    assert_non_null(m->fixed);
    for (size_t i = 0; i < MANY; i++) {
        range r = uncertain(1, 2);
        assert_true(inputs_add(&m->in, &r, "x", NULL, NULL));
        m->fixed[i] = cost_fixed(r, &err);
        assert_non_null(m->fixed[i]);
    }
    m->sum = cost_total(m->fixed, MANY, &err);
    assert_non_null(m->sum);
}

static void many_free(many_fixed *m)
{
    for (size_t i = 0; i < MANY; i++)
        cost_release(m->fixed[i]);
    free(m->fixed);
    cost_release(m->sum);
    inputs_free(&m->in);
}

/* The swing of one of them alone: its p95 less its p5. */
static double one_spread(void)
{
    range one = uncertain(1, 2);
    return mc_quantile(&one, 0.95) - mc_quantile(&one, 0.05);
}

/* Sensitivity swings each input through the terms that hold it: exact for sums, differences
 * and exact scalings, and linear in the model's size (100,000 inputs under one scaled total
 * would take 10^10 node visits swung one at a time through the whole). */
static void test_sensitivity(void **state)
{
    (void)state;
    inputs in = {0};
    range r1 = uncertain(10, 20), r2 = uncertain(1, 3);
    assert_true(inputs_add(&in, &r1, "r1", NULL, NULL));
    assert_true(inputs_add(&in, &r2, "r2", NULL, NULL));
    core_error err;
    cost_fn *a = cost_fixed(r1, &err), *b = cost_linear(range_number(0), r2, &err);
    cost_fn *terms[] = {a, b};
    cost_fn *t = cost_total(terms, 2, &err), *twice = cost_scale(t, range_number(2), &err);
    cost_fn *f = cost_difference(twice, a, &err); /* 2 (r1 + r2 x) - r1 = r1 + 2 r2 x */
    mc_swing *sw;
    size_t n;
    assert_true(mc_sensitivity(f, 100, &in, &sw, &n, &err));
    assert_int_equal(n, 2);
    double s1 = mc_quantile(&r1, 0.95) - mc_quantile(&r1, 0.05);
    double s2 = 200 * (mc_quantile(&r2, 0.95) - mc_quantile(&r2, 0.05));
    assert_int_equal(sw[0].input, 1); /* r2 moves it most */
    assert_double_near(sw[0].swing, s2, 1e-9);
    assert_int_equal(sw[1].input, 0);
    assert_double_near(sw[1].swing, s1, 1e-9);
    double base = mc_quantile(&r1, 0.5) + 200 * mc_quantile(&r2, 0.5);
    double r1_down = mc_quantile(&r1, 0.5) - mc_quantile(&r1, 0.05);
    assert_double_near(sw[1].total_at_low, base - r1_down, 1e-9);
    budget_free(sw);
    cost_release(f), cost_release(twice), cost_release(t), cost_release(a), cost_release(b);
    inputs_free(&in);

    many_fixed m;
    many_make(&m);
    cost_fn *scaled = cost_scale(m.sum, range_number(1.2), &err);
    assert_true(mc_sensitivity(scaled, 1000, &m.in, &sw, &n, &err));
    assert_int_equal(n, MANY);
    assert_double_near(sw[0].swing, 1.2 * one_spread(), 1e-6);
    budget_free(sw);
    cost_release(scaled);
    many_free(&m);
}

/* Sensitivity through a max and a min: each input's total is the extreme of its operands'
 * values, worked out by hand for uniform inputs on 0..10 (p5 0.5, median 5, p95 9.5). */
static void test_sensitivity_extremes(void **state)
{
    (void)state;
    inputs in = {0};
    core_error err = {0};
    range r[3];
    cost_fn *fx[3];
    for (int i = 0; i < 3; i++) {
        r[i] = uncertain(0, 10);
        assert_true(inputs_add(&in, &r[i], "u", NULL, NULL));
        fx[i] = cost_fixed(r[i], &err);
        assert_non_null(fx[i]);
    }
    assert_double_near(mc_quantile(&r[0], 0.05), 0.5, 1e-12);
    assert_double_near(mc_quantile(&r[0], 0.95), 9.5, 1e-12);
    cost_fn *twelve = cost_fixed(range_number(12), &err),
            *three = cost_fixed(range_number(3), &err);
    cost_fn *ab = cost_sum(fx[0], fx[1], &err);
    cost_fn *hi = cost_max(ab, twelve, &err);   /* max(a + b, 12): median 12 */
    cost_fn *lo = cost_min(fx[2], three, &err); /* min(c, 3): median 3 */
    cost_fn *f = cost_sum(hi, lo, &err);        /* median 15 */
    mc_swing *sw;
    size_t n;
    assert_true(mc_sensitivity(f, 1, &in, &sw, &n, &err));
    /* a: max(0.5 + 5, 12) = 12 and max(9.5 + 5, 12) = 14.5: totals 15 and 17.5, swing 2.5;
     * b the same; c: min(0.5, 3) = 0.5 and min(9.5, 3) = 3: totals 12.5 and 15, swing 2.5 */
    assert_int_equal(n, 3);
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(sw[k].input, k); /* equal swings: by input */
        assert_double_near(sw[k].swing, 2.5, 1e-9);
    }
    assert_double_near(sw[0].total_at_low, 15, 1e-9);
    assert_double_near(sw[0].total_at_high, 17.5, 1e-9);
    assert_double_near(sw[2].total_at_low, 12.5, 1e-9);
    assert_double_near(sw[2].total_at_high, 15, 1e-9);
    budget_free(sw);
    cost_release(f), cost_release(lo), cost_release(hi), cost_release(ab);
    cost_release(twelve), cost_release(three);
    for (int i = 0; i < 3; i++)
        cost_release(fx[i]);
    inputs_free(&in);

    /* 100,000 inputs under one max: linear time, each swing the range's own spread */
    many_fixed m;
    many_make(&m);
    cost_fn *zero = cost_fixed(range_number(0), &err);
    cost_fn *floor0 = cost_max(m.sum, zero, &err);
    assert_true(mc_sensitivity(floor0, 1000, &m.in, &sw, &n, &err));
    assert_int_equal(n, MANY);
    assert_double_near(sw[MANY - 1].swing, one_spread(), 1e-6);
    budget_free(sw);
    cost_release(floor0), cost_release(zero);
    many_free(&m);
}

/* Four lanes of three options, the second not in the running (its values would win every
 * lane): lane 0 the first is least, lane 1 a tie of the first and third (the first), lane 2
 * the third, lane 3 the first's NaN stays (nothing is less than a NaN). */
static void test_cheapest(void **state)
{
    (void)state;
    const double a[] = {1, 5, 9, NAN}, b[] = {0, 0, 0, 0}, c[] = {2, 5, 3, 1};
    const double *totals[] = {a, NULL, c};
    size_t wins[3] = {7, 7, 7};
    mc_cheapest((const double *const *)totals, 3, 4, wins);
    assert_int_equal(wins[0], 3);
    assert_int_equal(wins[1], 0);
    assert_int_equal(wins[2], 1);
    /* with the second in the running it wins every lane but the last, the first's NaN */
    totals[1] = b;
    mc_cheapest((const double *const *)totals, 3, 4, wins);
    assert_int_equal(wins[0], 1);
    assert_int_equal(wins[1], 3);
    assert_int_equal(wins[2], 0);
    /* none in the running: no wins */
    const double *none[] = {NULL, NULL};
    size_t two[2] = {7, 7};
    mc_cheapest(none, 2, 4, two);
    assert_int_equal(two[0], 0);
    assert_int_equal(two[1], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_only_used_inputs_drawn),
        cmocka_unit_test(test_analysis_inputs),
        cmocka_unit_test(test_sensitivity),
        cmocka_unit_test(test_sensitivity_extremes),
        cmocka_unit_test(test_cheapest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
