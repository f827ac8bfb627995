/*
 * change: the rules of a change (change_check, the factor rule of change_add_scale) and the
 * saving a month it makes on an option, worked out by hand in the comments.
 */
#include <string.h>

#include "testutil.h"

#include "change.h"

/* An option of two items: "web" (compute, $100 a month) and "db" (database, $40). */
static option *two_items(void)
{
    core_error err;
    option *opt = option_new("A", "t.lua:1", NULL);
    cost_fn *web = cost_fixed(range_number(100), &err), *db = cost_fixed(range_number(40), &err);
    assert_true(option_add_item(opt, "web", "compute", "", web, &err));
    assert_true(option_add_item(opt, "db", "database", "", db, &err));
    cost_release(web);
    cost_release(db);
    return opt;
}

static void factor_rule(void **state)
{
    (void)state;
    core_error err;
    change *c = change_new("x", "t.lua:2", "", range_number(0), NULL);
    assert_false(change_add_scale(c, "compute", test_span(0.9, 1.1), &err));
    assert_string_equal(err.msg, "change \"x\": the factor for compute spans 1 (0.9 to 1.1); say "
                                 "whether the change saves (below 1) or costs more (above 1)");
    assert_false(change_add_scale(c, "compute", range_number(-0.5), &err));
    assert_string_equal(err.msg, "change \"x\": the factor for compute must be a number >= 0");
    assert_int_equal(c->n_scales, 0);
    /* wholly below 1 and wholly above 1 (touching 1 at one end) are both a change */
    assert_true(change_add_scale(c, "compute", test_span(0.6, 1), &err));
    assert_true(change_add_scale(c, "db", test_span(1, 1.3), &err));
    assert_true(change_check(c, &err));
    change_free(c);
}

static void says_what_it_does(void **state)
{
    (void)state;
    core_error err;
    change *c = change_new("x", "t.lua:2", "", range_number(100), NULL);
    assert_false(change_check(c, &err));
    assert_string_equal(err.msg, "change \"x\": say what it does: scale, remove, add or replace");
    assert_true(change_add_only(c, "A", NULL)); /* naming the options it applies to does nothing */
    assert_false(change_check(c, &err));
    assert_true(change_add_remove(c, "db", NULL));
    assert_true(change_check(c, &err));
    change_free(c);
}

static void replace_stands_alone(void **state)
{
    (void)state;
    core_error err;
    option *other = two_items();
    change *c = change_new("m", "t.lua:2", "", range_number(1), NULL);
    c->replace = other;
    assert_true(change_check(c, &err));
    assert_true(change_add_remove(c, "db", NULL));
    assert_false(change_check(c, &err));
    assert_string_equal(err.msg, "change \"m\": replace stands alone; make the other effects a "
                                 "change of their own");
    change_free(c);
    c = change_new("m", "t.lua:2", "", range_number(1), NULL);
    c->replace = other;
    c->adds = option_new("m (added)", "t.lua:2", NULL);
    assert_false(change_check(c, &err));
    change_free(c);
    option_free(other);
}

/* compute x 0.7 saves 30% of web's $100: $30 a month, at any user count; removing db saves
 * its $40 as well: $70. */
static void saving(void **state)
{
    (void)state;
    core_error err;
    option *opt = two_items();
    change *c = change_new("opt", "t.lua:2", "", range_number(500), NULL);
    assert_true(change_add_scale(c, "compute", range_number(0.7), &err));
    cost_fn *s = NULL;
    bool touched = false;
    assert_true(change_saving(c, opt, &s, &touched, &err));
    assert_true(touched);
    double x = 5000, lo, mid, hi;
    assert_true(cost_eval(s, &x, 1, &lo, &mid, &hi, &err));
    assert_cents(mid, 30);
    cost_release(s);
    assert_true(change_add_remove(c, "database", NULL));
    assert_true(change_saving(c, opt, &s, &touched, &err));
    assert_true(cost_eval(s, &x, 1, &lo, &mid, &hi, &err));
    assert_cents(mid, 70);
    cost_release(s);
    /* a factor range 0.6..0.8 saves 20..40 */
    change *r = change_new("r", "t.lua:3", "", range_number(0), NULL);
    assert_true(change_add_scale(r, "web", test_span(0.6, 0.8), &err));
    assert_true(change_saving(r, opt, &s, &touched, &err));
    assert_true(cost_eval(s, &x, 1, &lo, &mid, &hi, &err));
    assert_cents(lo, 20);
    assert_cents(mid, 30);
    assert_cents(hi, 40);
    cost_release(s);
    /* a target that matches nothing touches nothing, and is no error */
    change *none = change_new("n", "t.lua:4", "", range_number(0), NULL);
    assert_true(change_add_remove(none, "cache", NULL));
    assert_true(change_saving(none, opt, &s, &touched, &err));
    assert_false(touched);
    cost_release(s);
    change_free(none);
    change_free(r);
    change_free(c);
    option_free(opt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(factor_rule),
        cmocka_unit_test(says_what_it_does),
        cmocka_unit_test(replace_stands_alone),
        cmocka_unit_test(saving),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
