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
    return (range){.lo = lo, .mid = (lo + hi) / 2, .hi = hi, .dist = RANGE_UNIFORM,
                   .mode = (lo + hi) / 2};
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
        assert_true(inputs_add(&in, &r[i], "x", groups[i]));
    }
    /* an option that reads inputs 1, 4 (of group g, whose first member is unused) */
    cost_error err;
    cost_fn *a = cost_fixed(r[0], &err), *b = cost_linear(r[3], range_number(1), &err);
    option *opt = option_new("o", "t.lua:1");
    assert_true(option_add_item(opt, "a", "other", "", a));
    assert_true(option_add_item(opt, "b", "other", "", b));
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
        assert_true(inputs_add(&in, &r[i], "x", NULL));
    }
    analysis *a = analysis_new("a", "t.lua:1");
    assert_non_null(a);
    a->growth_rate = r[0];
    a->revenue_per_user = r[1];
    change *c = change_new("c", "t.lua:2", "", r[2]);
    cost_error err;
    assert_true(change_add_scale(c, "x", uncertain(0.5, 0.9), &err));
    c->scales[0].factor.id = r[3].id;
    const change *changes[] = {c};
    a->changes = (const change **)changes, a->n_changes = 1;
    bool used[6] = {false};
    cost_input_set set = {.used = used, .n_ids = 6};
    analysis_inputs(a, &set);
    for (size_t id = 1; id <= 5; id++)
        assert_int_equal(used[id], id != 5); /* r[4]: read by nothing */
    a->changes = NULL, a->n_changes = 0; /* borrowed */
    analysis_free(a);
    change_free(c);
    inputs_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_only_used_inputs_drawn),
        cmocka_unit_test(test_analysis_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
