/*
 * analysis: the rules of an analysis's fields (analysis_set_timeline, _discount, _revenue,
 * analysis_check) and a small run whose figures are worked out by hand: option "fixed" costs
 * $100 a month, option "per user" $0.50 a user, so at 100 users they cost 100 and 50, at
 * 1000 users 100 and 500, and their totals cross at 100 / 0.5 = 200 users.
 */
#define _GNU_SOURCE /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "analysis.h"
#include "csvout.h"

static void months_and_growth(void **state)
{
    (void)state;
    core_error err;
    analysis *a = analysis_new("plan", "t.lua:1", NULL);
    growth_ranges g = {
        .kind = GROWTH_COMPOUND, .conversion = -1, .start = 1000, .rate = test_span(0.01, 0.02)};
    static const double bad[] = {0, 1201, 12.5, -3};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(analysis_set_timeline(a, bad[i], &g, &err));
        assert_string_equal(err.msg,
                            "analysis: timeline: months must be a whole number from 1 to 1200");
    }
    g.start = 0;
    assert_false(analysis_set_timeline(a, 12, &g, &err));
    assert_non_null(strstr(err.msg, "analysis: timeline: compound growth: start"));
    g.rate = test_span(-1, 0.02), g.start = 10;
    assert_false(analysis_set_timeline(a, 12, &g, &err));
    assert_string_equal(err.msg, "analysis: timeline: the rate must be greater than -1 (-100%)");
    assert_false(a->has_timeline);
    /* 1 and 1200 are the ends of the rule; the points are the analysis's own copy */
    growth_point pts[] = {{1, 10}, {12, 120}};
    growth_ranges p = {.kind = GROWTH_POINTS, .conversion = -1, .points = pts, .n_points = 2};
    assert_true(analysis_set_timeline(a, 1200, &p, &err));
    assert_true(analysis_set_timeline(a, 1, &p, &err));
    assert_true(a->has_timeline);
    assert_int_equal(a->months, 1);
    assert_true(a->growth.points != pts);
    pts[1].users = 0; /* the caller's points may go: the analysis keeps 120 */
    assert_double_near(a->growth.points[1].users, 120, 0);
    analysis_free(a);
}

static void discount_and_revenue(void **state)
{
    (void)state;
    core_error err;
    analysis *a = analysis_new("plan", "t.lua:1", NULL);
    assert_false(analysis_set_discount(a, -1, RATE_COMPOUND, &err));
    assert_string_equal(err.msg, "analysis: discount_rate must be greater than -1");
    /* 21% a year, simple: 0.21 / 12 = 0.0175 a month; compound: 1.1^12 ... 1.21 = 1.1^2, so
     * 10% a year compound is 1.1^(1/12) - 1 = 0.00797414042890376 a month */
    assert_true(analysis_set_discount(a, 0.21, RATE_SIMPLE, &err));
    assert_double_near(a->discount_monthly, 0.0175, 1e-17);
    assert_true(analysis_set_discount(a, 0.10, RATE_COMPOUND, &err));
    assert_double_near(a->discount_monthly, 0.00797414042890376, 1e-15);
    assert_double_near(a->discount_annual, 0.10, 0);
    assert_false(analysis_set_revenue(a, test_span(-1, 2), &err));
    assert_string_equal(err.msg, "analysis: revenue_per_user must be >= 0");
    assert_false(a->has_revenue);
    assert_true(analysis_set_revenue(a, test_span(0, 2), &err));
    assert_true(a->has_revenue);
    analysis_free(a);
}

static void along_a_timeline(void **state)
{
    (void)state;
    core_error err;
    analysis *a = analysis_new("x", "t.lua:1", NULL);
    assert_true(analysis_check(a, &err)); /* nothing that needs a timeline */
    double budget = 100;
    a->budgets = &budget, a->n_budgets = 1;
    assert_false(analysis_check(a, &err));
    assert_string_equal(err.msg, "analysis \"x\": budgets are crossed along a timeline; add "
                                 "timeline = {months =, start =, growth =}");
    a->budgets = NULL, a->n_budgets = 0;
    a->cumulative_budgets = &budget, a->n_cumulative_budgets = 1;
    assert_false(analysis_check(a, &err));
    a->cumulative_budgets = NULL, a->n_cumulative_budgets = 0;
    change *c = change_new("c", "t.lua:2", "", range_number(0), NULL);
    const change *list[] = {c};
    a->changes = list, a->n_changes = 1;
    assert_false(analysis_check(a, &err));
    assert_string_equal(err.msg, "analysis \"x\": changes are measured along a timeline; add "
                                 "timeline = {months =, start =, growth =}");
    growth_ranges g = {.kind = GROWTH_LINEAR, .conversion = -1, .start = 5};
    assert_true(analysis_set_timeline(a, 12, &g, &err));
    assert_true(analysis_check(a, &err));
    a->changes = NULL, a->n_changes = 0; /* borrowed here, not the analysis's to free */
    change_free(c);
    analysis_free(a);
}

/* The two options of the file's comment, in an analysis over 100 and 1000 users. */
static analysis *fixed_against_per_user(option **fixed, option **per_user)
{
    core_error err;
    *fixed = option_new("fixed", "t.lua:1", NULL);
    *per_user = option_new("per user", "t.lua:2", NULL);
    cost_fn *f = cost_fixed(range_number(100), &err);
    cost_fn *p = cost_linear(range_number(0), range_number(0.5), &err);
    assert_true(option_add_item(*fixed, "server", "compute", "", f, &err));
    assert_true(option_add_item(*per_user, "service", "compute", "", p, &err));
    cost_release(f);
    cost_release(p);
    analysis *a = analysis_new("plan", "t.lua:3", NULL);
    a->options = budget_calloc(2, sizeof *a->options);
    a->options[0] = *fixed, a->options[1] = *per_user, a->n_options = 2;
    a->users = budget_array(2, sizeof *a->users);
    a->users[0] = 100, a->users[1] = 1000, a->n_users = 2;
    return a;
}

/* The rows of t as CSV text (malloc'd). */
static char *rows_of(const table *t)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    csvout *out = csvout_stream(f);
    table_write(t, out);
    core_error err;
    assert_true(csvout_commit(out, &err));
    fclose(f);
    return text;
}

static void compare_and_crossover(void **state)
{
    (void)state;
    option *fixed, *per_user;
    analysis *a = fixed_against_per_user(&fixed, &per_user);
    analysis_tables t;
    assert_true(analysis_tables_new(&t, NULL));
    findings out = {0};
    core_error err = {0};
    assert_true(analysis_run(a, "m.lua", NULL, &t, &out, &err));
    char *compare = rows_of(t.compare);
    /* at 100 users per user (50) is cheapest and fixed costs 50 more; at 1000 fixed (100) is
     * cheapest and per user costs 400 more */
    assert_non_null(strstr(compare, "m.lua,plan,100,fixed,100.00,100.00,100.00,2,per user,50.00"));
    assert_non_null(strstr(compare, "m.lua,plan,100,per user,50.00,50.00,50.00,1,per user,0.00"));
    assert_non_null(
        strstr(compare, "m.lua,plan,1000,per user,500.00,500.00,500.00,2,fixed,400.00"));
    /* without --samples p_cheapest is an empty cell, written, not padded */
    assert_non_null(
        strstr(compare, "m.lua,plan,1000,fixed,100.00,100.00,100.00,1,fixed,0.00,\r\n"));
    char *cross = rows_of(t.crossovers);
    /* 100 = 0.5 x users at 200 users; per user is cheaper below, fixed above; no p5, p95 or
     * probability without --samples */
    assert_non_null(strstr(cross, "m.lua,plan,pair,fixed,per user,200.00,per user,fixed,,,\r\n"));
    const table *all[] = {t.compare, t.crossovers, t.timeline, t.npv,
                          t.budgets, t.breakeven,  t.changes,  t.payback};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) /* every row the header's width */
        assert_false(table_failed(all[i]));
    free(compare);
    free(cross);
    findings_free(&out);
    analysis_tables_free(&t);
    analysis_free(a);
    option_free(fixed);
    option_free(per_user);
}

/* Revenue of 1e308 a user makes 1000 users' revenue 1e311, beyond a double: the message names
 * revenue_per_user, not a cost function. */
static void revenue_beyond_largest_number(void **state)
{
    (void)state;
    option *fixed, *per_user;
    analysis *a = fixed_against_per_user(&fixed, &per_user);
    core_error err = {0};
    assert_true(analysis_set_revenue(a, range_number(1e308), &err));
    analysis_tables t;
    assert_true(analysis_tables_new(&t, NULL));
    findings out = {0};
    assert_false(analysis_run(a, "m.lua", NULL, &t, &out, &err));
    assert_string_equal(err.msg, "revenue_per_user of 1e+308 a user a month makes the revenue "
                                 "of 1000 users larger than the largest number");
    /* $1 a user covers per user's $0.50 from the first count, fixed's $100 from 100 users:
     * 1 x 100 >= 100 */
    findings_free(&out);
    analysis_tables_free(&t);
    assert_true(analysis_tables_new(&t, NULL));
    assert_true(analysis_set_revenue(a, range_number(1), &err));
    assert_true(analysis_run(a, "m.lua", NULL, &t, &out, &err));
    char *be = rows_of(t.breakeven);
    assert_non_null(strstr(be, "m.lua,plan,per user,1.000000,100,100,100,"));
    free(be);
    findings_free(&out);
    analysis_tables_free(&t);
    analysis_free(a);
    option_free(fixed);
    option_free(per_user);
}

int main(void)
{
    setlocale(LC_NUMERIC, "C");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(months_and_growth),
        cmocka_unit_test(discount_and_revenue),
        cmocka_unit_test(along_a_timeline),
        cmocka_unit_test(compare_and_crossover),
        cmocka_unit_test(revenue_beyond_largest_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
