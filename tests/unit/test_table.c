/*
 * test_table: unit tests for engine/core/table.c: each cell is written in its column's format;
 * a cell that does not fit its column and a row that is not the header's width are refused,
 * saying which; a number that is not finite is never a cell, and the table says which it
 * was, naming the row by the cells that place it.
 */
#define _GNU_SOURCE /* open_memstream */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "table.h"

static const table_column timeline[] = {
    {"model", TABLE_KIND_TEXT, 0, NULL},      {"analysis", TABLE_KIND_TEXT, 0, NULL},
    {"month", TABLE_KIND_MONTH, 0, NULL},     {"users", TABLE_KIND_COUNT, 0, NULL},
    {"option", TABLE_KIND_TEXT, 0, NULL},     {"low", TABLE_KIND_MONEY, 0, NULL},
    {"cumulative", TABLE_KIND_MONEY, 0, NULL}};
#define TIMELINE_COLUMNS (sizeof timeline / sizeof timeline[0])

/* The rows of t as CSV text (malloc'd), without the header when rows_only. */
static char *text_of(const table *t, bool rows_only)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    csvout *out = csvout_stream(f);
    if (rows_only)
        table_write_rows(t, out);
    else
        table_write(t, out);
    core_error err;
    assert_true(csvout_commit(out, &err));
    fclose(f);
    return text;
}

static void test_not_finite_named(void **state)
{
    (void)state;
    table *t = table_new("timeline.csv", timeline, TIMELINE_COLUMNS);
    assert_non_null(t);
    assert_null(table_problem(t));
    table_text(t, "m.lua"), table_text(t, "plan"), table_number(t, 3);
    table_number(t, 1200), table_text(t, "AWS"), table_number(t, 5);
    table_number(t, 7);
    assert_true(table_end_row(t));
    assert_null(table_problem(t)); /* finite rows are fine */
    table_text(t, "m.lua"), table_text(t, "plan"), table_number(t, 18);
    table_number(t, 1184.304431372), table_text(t, "huge"), table_number(t, 1e307);
    table_number(t, INFINITY);
    assert_true(table_end_row(t));
    assert_string_equal(table_problem(t),
                        "timeline.csv: cumulative is beyond the largest number (over 1.8e308) "
                        "at analysis \"plan\", month 18, users 1184.304431, option \"huge\"");
    table_text(t, "m.lua"), table_text(t, "plan"), table_number(t, NAN);
    /* the first one stays the one named */
    assert_non_null(strstr(table_problem(t), "cumulative is beyond"));
    assert_int_equal(table_rows(t), 2);
    assert_false(table_failed(t));
    table_free(t);
}

static void test_nan_named(void **state)
{
    (void)state;
    static const table_column npv[] = {{"model", TABLE_KIND_TEXT, 0, NULL},
                                       {"option", TABLE_KIND_TEXT, 0, NULL},
                                       {"npv", TABLE_KIND_MONEY, 0, NULL}};
    table *t = table_new("npv.csv", npv, 3);
    assert_non_null(t);
    table_text(t, "m.lua"), table_text(t, "AWS"), table_number(t, NAN);
    assert_string_equal(table_problem(t), "npv.csv: npv is not a number at option \"AWS\"");
    table_free(t);
}

/* Each number in its column's format: money 1234.5 as 1234.50; a count of 0 places 2.6 as 3;
 * a rate of 4 places 0.123456 as 0.1235 and 0.5 as 0.5000 (always its places); a month of
 * one place 7.25 as 7.3 (7.25 is 7.25 exactly in binary: rounded half away from zero).
 * "never" is written empty: a number column holds no word. */
static void test_formats_by_column(void **state)
{
    (void)state;
    static const table_column cols[] = {{"option", TABLE_KIND_TEXT, 0, NULL},
                                        {"cost", TABLE_KIND_MONEY, 0, NULL},
                                        {"users", TABLE_KIND_COUNT, 0, NULL},
                                        {"p", TABLE_KIND_RATE, 4, NULL},
                                        {"month_p50", TABLE_KIND_MONTH, 1, NULL}};
    table *t = table_new("f.csv", cols, 5);
    table_text(t, "a"), table_number(t, 1234.5), table_number(t, 2.6);
    table_number(t, 0.123456), table_number(t, 7.25);
    assert_true(table_end_row(t));
    table_text(t, "b"), table_empty(t), table_never(t), table_number(t, 0.5), table_never(t);
    assert_true(table_end_row(t));
    char *text = text_of(t, false);
    assert_string_equal(text, "option,cost,users,p,month_p50\r\n"
                              "a,1234.50,3,0.1235,7.3\r\n"
                              "b,,,0.5000,\r\n");
    free(text);
    table_free(t);
}

/* A flag says what an empty month or count means: 1 where the column it reports holds a
 * number, 0 where it is never reached, empty where that column is empty (not computed).
 * The row gives only the other columns' cells; the table fills its flags. */
static void test_flags_say_never(void **state)
{
    (void)state;
    static const table_column cols[] = {{"option", TABLE_KIND_TEXT, 0, NULL},
                                        {"month", TABLE_KIND_MONTH, 0, NULL},
                                        {"users", TABLE_KIND_COUNT, 0, NULL},
                                        {"crossed", TABLE_KIND_FLAG, 0, "month"},
                                        {"users_known", TABLE_KIND_FLAG, 0, "users"}};
    table *t = table_new("f.csv", cols, 5);
    table_text(t, "a"), table_number(t, 3), table_never(t);
    assert_true(table_end_row(t));
    table_text(t, "b"), table_never(t), table_empty(t);
    assert_true(table_end_row(t));
    table_text(t, "c"), table_number(t, 1), table_number(t, 2), table_number(t, 1);
    assert_false(table_end_row(t)); /* a flag is not the row's to give */
    assert_true(table_failed(t));
    assert_int_equal(table_rows(t), 2);
    char *text = text_of(t, false);
    assert_string_equal(text, "option,month,users,crossed,users_known\r\n"
                              "a,3,,1,0\r\n"
                              "b,,,0,\r\n");
    free(text);
    table_free(t);
}

/* A row of the wrong width is refused and dropped, naming the table and both widths; the
 * rows before it stay, and so do the rows after. */
static void test_wrong_width_refused(void **state)
{
    (void)state;
    static const table_column cols[] = {{"model", TABLE_KIND_TEXT, 0, NULL},
                                        {"option", TABLE_KIND_TEXT, 0, NULL},
                                        {"low", TABLE_KIND_MONEY, 0, NULL}};
    table *t = table_new("compare.csv", cols, 3);
    table_text(t, "m"), table_text(t, "a"), table_number(t, 1);
    assert_true(table_end_row(t));
    table_text(t, "m"), table_text(t, "short");
    assert_false(table_end_row(t)); /* 2 cells: never padded */
    assert_true(table_failed(t));
    assert_string_equal(table_problem(t),
                        "internal error: compare.csv: a row of 2 cells, but its header has 3");
    assert_int_equal(table_rows(t), 1);
    table_text(t, "m"), table_text(t, "b"), table_number(t, 2);
    assert_true(table_end_row(t));
    table_text(t, "m"), table_text(t, "long"), table_number(t, 3), table_empty(t);
    assert_false(table_end_row(t)); /* 4 cells: never spilt into the next row */
    assert_int_equal(table_rows(t), 2);
    char *rows = text_of(t, true);
    assert_string_equal(rows, "m,a,1.00\r\nm,b,2.00\r\n");
    free(rows);
    table_free(t);

    t = table_new("npv.csv", cols, 3); /* the first refusal names the table: 4 cells here */
    table_text(t, "m"), table_text(t, "a"), table_number(t, 1), table_number(t, 2);
    assert_false(table_end_row(t));
    assert_string_equal(table_problem(t),
                        "internal error: npv.csv: a row of 4 cells, but its header has 3");
    table_free(t);
}

/* A cell of the wrong kind is refused, naming the column: text in a money column, a number
 * in a text column, never in a money column (never is for months and counts). */
static void test_wrong_kind_refused(void **state)
{
    (void)state;
    static const struct {
        int cell; /* 0 text, 1 number, 2 never, into column `column` */
        size_t column;
        const char *problem;
    } cases[] = {
        {0, 1, "internal error: t.csv: column low holds money, not text"},
        {1, 0, "internal error: t.csv: column option holds text, not a number"},
        {2, 1, "internal error: t.csv: column low holds money, not \"never\""},
        {2, 3, "internal error: t.csv: column p holds a rate, not \"never\""},
    };
    static const table_column cols[] = {{"option", TABLE_KIND_TEXT, 0, NULL},
                                        {"low", TABLE_KIND_MONEY, 0, NULL},
                                        {"month", TABLE_KIND_MONTH, 0, NULL},
                                        {"p", TABLE_KIND_RATE, 4, NULL}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        table *t = table_new("t.csv", cols, 4);
        for (size_t i = 0; i < cases[c].column; i++)
            table_empty(t);
        bool ok = cases[c].cell == 0   ? table_text(t, "x")
                  : cases[c].cell == 1 ? table_number(t, 1)
                                       : table_never(t);
        assert_false(ok);
        assert_true(table_failed(t));
        assert_string_equal(table_problem(t), cases[c].problem);
        for (size_t i = cases[c].column + 1; i < 4; i++) /* the row's width, but for the */
            table_empty(t);                              /* refused cell: refused too */
        assert_false(table_end_row(t));
        assert_int_equal(table_rows(t), 0);
        assert_string_equal(table_problem(t), cases[c].problem); /* the first stays */
        for (size_t i = 0; i < 4; i++)                           /* the next row is whole */
            table_empty(t);
        assert_true(table_end_row(t));
        assert_int_equal(table_rows(t), 1);
        table_free(t);
    }
}

int main(void)
{
    setlocale(LC_NUMERIC, "C");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_finite_named),    cmocka_unit_test(test_nan_named),
        cmocka_unit_test(test_formats_by_column),   cmocka_unit_test(test_flags_say_never),
        cmocka_unit_test(test_wrong_width_refused), cmocka_unit_test(test_wrong_kind_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
