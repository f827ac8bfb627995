/*
 * option: the rules of an option's items and checks (option_add_item, option_add_check),
 * its lists, and its total, worked out by hand in the comments.
 */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "option.h"

static void item_names_differ(void **state)
{
    (void)state;
    core_error err;
    option *opt = option_new("A", "t.lua:1", NULL);
    cost_fn *f = cost_fixed(range_number(10), &err);
    assert_true(option_add_item(opt, "web", "compute", "", f, &err));
    assert_true(option_check_item_name(opt, "db", &err));
    assert_false(option_check_item_name(opt, "web", &err));
    assert_string_equal(err.msg, "option \"A\": item \"web\" appears twice: item names must "
                                 "differ within an option");
    assert_false(option_add_item(opt, "web", "cache", "", f, &err));
    assert_string_equal(err.msg, "option \"A\": item \"web\" appears twice: item names must "
                                 "differ within an option");
    assert_int_equal(opt->n_items, 1);
    assert_true(option_add_item(opt, "db", "database", NULL, f, &err));
    assert_int_equal(option_find_item(opt, "db"), 1);
    assert_string_equal(opt->items[1].note, "");
    cost_release(f); /* the option holds its own references */
    option_free(opt);
}

static void percentile_checks(void **state)
{
    (void)state;
    core_error err;
    option *opt = option_new("A", "t.lua:1", NULL);
    const percentile_check ok = {.users = 1000, .percentile = 0.9, .max = 500, .min = -INFINITY};
    assert_true(option_add_check(opt, ok, &err));
    static const struct {
        percentile_check c;
        const char *want;
    } bad[] = {
        {{0.5, 0.9, 500, -INFINITY},
         "option \"A\": checks[2]: users must be >= 1 and percentile "
         "between 0 and 1 (0.9 is p90)"},
        {{1000, 1.5, 500, -INFINITY},
         "option \"A\": checks[2]: users must be >= 1 and "
         "percentile between 0 and 1 (0.9 is p90)"},
        {{1000, NAN, 500, -INFINITY},
         "option \"A\": checks[2]: users must be >= 1 and "
         "percentile between 0 and 1 (0.9 is p90)"},
        {{1000, 0.5, INFINITY, -INFINITY},
         "option \"A\": checks[2]: give max = (or min =): the "
         "limit the percentile must respect"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(option_add_check(opt, bad[i].c, &err));
        assert_string_equal(err.msg, bad[i].want);
    }
    assert_int_equal(opt->n_checks, 1);
    /* the ends of 0..1 are percentiles; a min alone is a limit */
    assert_true(option_add_check(opt, (percentile_check){1, 0, INFINITY, 10}, &err));
    assert_true(option_add_check(opt, (percentile_check){1, 1, 20, -INFINITY}, &err));
    assert_int_equal(opt->n_checks, 3);
    option_free(opt);
}

/* The total of $100 fixed and $0.5 a user at 1000 users is 100 + 500 = $600. */
static void total_and_names(void **state)
{
    (void)state;
    core_error err;
    option *opt = option_new("A", NULL, NULL);
    assert_string_equal(opt->origin, "");
    cost_fn *a = cost_fixed(range_number(100), &err);
    cost_fn *b = cost_linear(range_number(0), range_number(0.5), &err);
    assert_true(option_add_item(opt, "a", "other", "", a, &err));
    assert_true(option_add_item(opt, "b", "compute", "", b, &err));
    cost_release(a);
    cost_release(b);
    cost_fn *t = option_total(opt, &err);
    assert_non_null(t);
    double x = 1000, lo, mid, hi;
    assert_true(cost_eval(t, &x, 1, &lo, &mid, &hi, &err));
    assert_cents(mid, 600);
    cost_release(t);
    assert_true(option_category_valid("database"));
    assert_false(option_category_valid("Database"));
    option *b2 = option_new("B", NULL, NULL), *a2 = option_new("A", NULL, NULL);
    const option *list[] = {opt, b2, a2};
    const option *twice = NULL;
    assert_true(option_named_twice(list, 2, &twice, NULL));
    assert_null(twice);
    assert_true(option_named_twice(list, 3, &twice, NULL));
    assert_ptr_equal(twice, a2);
    option_free(a2);
    option_free(b2);
    option_free(opt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(item_names_differ),
        cmocka_unit_test(percentile_checks),
        cmocka_unit_test(total_and_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
