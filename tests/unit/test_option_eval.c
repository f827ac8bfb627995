/*
 * option_eval: an option's items and interval total over user counts, and its stated totals,
 * against hand calculations: "server" costs $80..$120 (mid 100) a month, "service" $0.50 a
 * user, so at 100 users the total is 130..170 (mid 150) and at 1000 users 580..620 (600).
 */
#include <stdlib.h>

#include "testutil.h"

#include "option_eval.h"

static option *server_and_service(void)
{
    core_error err;
    option *opt = option_new("A", "t.lua:1", NULL);
    range server = {.lo = 80, .mid = 100, .hi = 120, .dist = RANGE_INTERVAL90, .mode = 100};
    cost_fn *f = cost_fixed(server, &err);
    cost_fn *p = cost_linear(range_number(0), range_number(0.5), &err);
    assert_true(option_add_item(opt, "server", "compute", "", f, &err));
    assert_true(option_add_item(opt, "service", "compute", "", p, &err));
    cost_release(f);
    cost_release(p);
    return opt;
}

static void items_and_total(void **state)
{
    (void)state;
    core_error err;
    option *opt = server_and_service();
    const double users[] = {100, 1000};
    option_eval ev;
    assert_true(evaluate_option(opt, users, 2, &ev, &err));
    assert_int_equal(ev.n_users, 2);
    assert_int_equal(ev.n_items, 2);
    /* item i at users u is [i * n_users + u] */
    assert_cents(ev.item_lo[0], 80);
    assert_cents(ev.item_lo[1], 80); /* a fixed cost: the same at 1000 users */
    assert_cents(ev.item_hi[0 * 2 + 1], 120);
    assert_cents(ev.item_mid[1 * 2 + 0], 50);
    assert_cents(ev.item_mid[1 * 2 + 1], 500);
    assert_cents(ev.total_lo[0], 130);
    assert_cents(ev.total_mid[0], 150);
    assert_cents(ev.total_hi[0], 170);
    assert_cents(ev.total_lo[1], 580);
    assert_cents(ev.total_mid[1], 600);
    assert_cents(ev.total_hi[1], 620);
    evaluate_free(&ev);
    option_free(opt);
}

/* Over more counts than a window, each window holds the same items and totals as the counts
 * evaluated one by one: "service" at u users is u / 2 dollars, "server" 80..120. */
static void windows(void **state)
{
    (void)state;
    core_error err;
    option *opt = server_and_service();
    size_t n = 2 * EVALUATE_WINDOW + 7; /* two whole windows and a short one */
    double *users = malloc(n * sizeof *users);
    for (size_t u = 0; u < n; u++)
        users[u] = (double)(u + 1);
    option_eval ev;
    assert_true(evaluate_option(opt, users, n, &ev, &err));
    assert_int_equal(ev.first, 0); /* the first window is held */
    assert_int_equal(ev.count, EVALUATE_WINDOW);
    size_t seen = 0;
    for (size_t first = 0; first < ev.n_users; first += EVALUATE_WINDOW) {
        assert_true(evaluate_window(opt, &ev, first, &err));
        assert_int_equal(ev.first, first);
        for (size_t u = 0; u < ev.count; u++, seen++) {
            double at = users[first + u];
            assert_cents(ev.item_lo[0 * ev.count + u], 80);
            assert_cents(ev.item_hi[0 * ev.count + u], 120);
            assert_cents(ev.item_mid[1 * ev.count + u], at / 2);
            assert_cents(ev.total_lo[u], 80 + at / 2);
            assert_cents(ev.total_hi[u], 120 + at / 2);
        }
    }
    assert_int_equal(seen, n);
    assert_int_equal(ev.count, 7); /* the last window: what is left */
    evaluate_free(&ev);
    free(users);
    option_free(opt);
}

/* A stated total agrees when both its ends equal the items' sum to the cent. */
static void stated_totals(void **state)
{
    (void)state;
    core_error err;
    option *opt = server_and_service();
    range says = {.lo = 580, .mid = 600, .hi = 620, .dist = RANGE_INTERVAL90, .mode = 600};
    assert_true(option_add_stated(opt, 1000, says, "doc: table 1", NULL));
    assert_true(option_add_stated(opt, 100, range_number(150), "doc: table 2", NULL));
    stated_check *checks = NULL;
    assert_true(evaluate_stated(opt, &checks, &err));
    assert_true(checks[0].agrees);
    assert_cents(checks[0].lo, 580);
    assert_cents(checks[0].hi, 620);
    /* 150 exactly is only the mid: the items' 130..170 does not agree with it */
    assert_false(checks[1].agrees);
    assert_cents(checks[1].mid, 150);
    assert_string_equal(checks[1].stated->source, "doc: table 2");
    budget_free(checks);
    option_free(opt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(items_and_total),
        cmocka_unit_test(windows),
        cmocka_unit_test(stated_totals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
