/*
 * test_table: unit tests for engine/core/table.c: a number that is not finite is never a
 * cell; the table says which it was, naming the row by the cells that place it.
 */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "table.h"

static void test_not_finite_named(void **state)
{
    (void)state;
    static const char *const header[] = {"model", "analysis", "month", "users", "option",
                                         "low", "cumulative", NULL};
    table *t = table_new("timeline.csv", header);
    assert_non_null(t);
    assert_null(table_problem(t));
    table_text(t, "m.lua"), table_text(t, "plan"), table_number(t, 3, 0);
    table_number(t, 1200, 0), table_text(t, "AWS"), table_number(t, 5, TABLE_MONEY);
    table_number(t, 7, TABLE_MONEY);
    table_end_row(t);
    assert_null(table_problem(t)); /* finite rows are fine */
    table_text(t, "m.lua"), table_text(t, "plan"), table_number(t, 18, 0);
    table_number(t, 1184.304431372, 0), table_text(t, "huge"), table_number(t, 1e307, TABLE_MONEY);
    table_number(t, INFINITY, TABLE_MONEY);
    table_end_row(t);
    assert_string_equal(table_problem(t),
                        "timeline.csv: cumulative is beyond the largest number (over 1.8e308) "
                        "at analysis \"plan\", month 18, users 1184.304431, option \"huge\"");
    table_number(t, NAN, 2); /* the first one stays the one named */
    assert_non_null(strstr(table_problem(t), "cumulative is beyond"));
    assert_int_equal(table_rows(t), 2);
    assert_false(table_failed(t));
    table_free(t);
}

static void test_nan_named(void **state)
{
    (void)state;
    static const char *const header[] = {"model", "option", "npv", NULL};
    table *t = table_new("npv.csv", header);
    assert_non_null(t);
    table_text(t, "m.lua"), table_text(t, "AWS"), table_number(t, NAN, TABLE_MONEY);
    assert_string_equal(table_problem(t), "npv.csv: npv is not a number at option \"AWS\"");
    table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_finite_named),
        cmocka_unit_test(test_nan_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
