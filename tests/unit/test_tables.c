/*
 * test_tables: unit tests for engine/core/tables.c, the registry of result files.  Every
 * table has a unique file name and a non-empty list of uniquely named columns; each header
 * is the one README.md's "CSV files" lists (transcribed here by hand), the golden CSVs
 * (tests/golden/, transcribed from the seed) start with items' and totals' headers, and,
 * given a folder a run wrote (argv[1]), each of its files starts with its header.
 */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "tables.h"

static const char *run_dir; /* argv[1]: the output of `reckon run --samples N models/` */

/* The header of a spec as one CSV line, without the line break; buf holds 1024 bytes. */
static const char *header_line(const tables_spec *s, char *buf)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < s->n_columns; i++)
        len += (size_t)snprintf(buf + len, 1024 - len, "%s%s", i ? "," : "", s->columns[i].name);
    return buf;
}

static void names_unique_and_columns_present(void **state)
{
    (void)state;
    for (tables_id k = 0; k < TABLES_N; k++) {
        const tables_spec *s = tables_spec_of(k);
        assert_non_null(s->file);
        size_t len = strlen(s->file);
        assert_true(len > 4 && strcmp(s->file + len - 4, ".csv") == 0);
        assert_true(s->n_columns > 0);
        assert_string_equal(s->columns[0].name, "model"); /* every row names its model */
        for (size_t i = 0; i < s->n_columns; i++) {
            assert_true(s->columns[i].name[0] != '\0');
            for (size_t j = i + 1; j < s->n_columns; j++)
                assert_string_not_equal(s->columns[i].name, s->columns[j].name);
        }
        for (tables_id j = k + 1; j < TABLES_N; j++)
            assert_string_not_equal(s->file, tables_spec_of(j)->file);
        assert_int_equal(tables_named(s->file), k);
        table *t = tables_new(k);
        assert_non_null(t);
        assert_string_equal(table_name(t), s->file);
        assert_int_equal(table_columns(t), s->n_columns);
        table_free(t);
    }
    assert_int_equal(tables_named("nope.csv"), TABLES_N);
    assert_int_equal(tables_named("compare"), TABLES_N);
}

/* README.md's "CSV files", by hand. */
static const char *const documented[TABLES_N] = {
    [TABLES_ITEMS] = "model,option,users,item,category,low,mid,high,note",
    [TABLES_TOTALS] = "model,option,users,low,mid,high,per_user",
    [TABLES_COMPARE] = "model,analysis,users,option,low,mid,high,rank,cheapest,extra,p_cheapest",
    [TABLES_CROSSOVERS] = "model,analysis,kind,option_a,option_b,users,cheaper_below,"
                          "cheaper_above,p5,p95,probability",
    [TABLES_TIMELINE] = "model,analysis,month,users,option,low,mid,high,cumulative_low,"
                        "cumulative,cumulative_high",
    [TABLES_NPV] = "model,analysis,option,months,annual_rate,monthly_rate,total,npv_low,npv,"
                   "npv_high",
    [TABLES_BUDGETS] = "model,analysis,option,basis,budget,month,users,earliest_month,"
                       "latest_month,month_p5,month_p50,month_p95,p_crossed,crossed,"
                       "crossed_earliest,crossed_latest,crossed_p5,crossed_p50,crossed_p95",
    [TABLES_BREAKEVEN] = "model,analysis,option,revenue_per_user,users,users_if_revenue_low,"
                         "users_if_revenue_high,month,covers,covers_if_revenue_low,"
                         "covers_if_revenue_high,covers_in_timeline",
    [TABLES_CHANGES] = "model,analysis,change,option,one_off_low,one_off,one_off_high,"
                       "saving_start,saving_end,payback_month,payback_fraction,"
                       "payback_earliest,payback_latest,discounted_payback_month,roi_12,"
                       "roi_36,npv_low,npv,npv_high,irr_annual,payback_p5,payback_p50,"
                       "payback_p95,p_payback_12,p_payback,roi_36_p5,roi_36_p50,roi_36_p95,"
                       "note,pays_back,pays_back_earliest,pays_back_latest,"
                       "pays_back_discounted,pays_back_p5,pays_back_p50,pays_back_p95",
    [TABLES_PAYBACK] = "model,analysis,change,option,month,saving,cumulative_saving,one_off",
    [TABLES_DISTRIBUTION] = "model,option,users,item,mean,sd,p5,p50,p95,p_cheapest",
    [TABLES_SENSITIVITY] = "model,option,users,rank,input,low_value,high_value,total_at_low,"
                           "total_at_high,swing",
    [TABLES_WARNINGS] = "model,option,users,stated_low,stated_high,items_low,items_high,source,"
                        "message",
    [TABLES_ERRORS] = "model,kind,message"};

static void headers_as_documented(void **state)
{
    (void)state;
    char buf[1024];
    for (tables_id k = 0; k < TABLES_N; k++)
        assert_string_equal(header_line(tables_spec_of(k), buf), documented[k]);
}

/* Money is written to two places and named so; text columns are the ones that name. */
static void kinds_where_they_show(void **state)
{
    (void)state;
    const tables_spec *totals = tables_spec_of(TABLES_TOTALS);
    assert_int_equal(totals->columns[1].kind, TABLE_KIND_TEXT);  /* option */
    assert_int_equal(totals->columns[2].kind, TABLE_KIND_COUNT); /* users */
    assert_int_equal(totals->columns[4].kind, TABLE_KIND_MONEY); /* mid */
    assert_int_equal(totals->columns[6].kind, TABLE_KIND_RATE);  /* per_user, */
    assert_int_equal(totals->columns[6].places, 6);              /* to 6 decimals */
    const tables_spec *changes = tables_spec_of(TABLES_CHANGES);
    assert_int_equal(changes->columns[9].kind, TABLE_KIND_MONTH); /* payback_month */
    for (tables_id k = 0; k < TABLES_N; k++) {
        const tables_spec *s = tables_spec_of(k);
        for (size_t i = 0; i < s->n_columns; i++)
            if (s->columns[i].kind == TABLE_KIND_TEXT || s->columns[i].kind == TABLE_KIND_MONEY)
                assert_int_equal(s->columns[i].places, 0); /* places only for the others */
    }
}

/* The first line of path, without its line break, into buf (1024 bytes). */
static void first_line(const char *path, char *buf)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    if (!fgets(buf, 1024, f))
        buf[0] = '\0';
    fclose(f);
    buf[strcspn(buf, "\r\n")] = '\0';
}

static void golden_headers(void **state)
{
    (void)state;
    char got[1024], want[1024];
    first_line(RECKON_SOURCE_DIR "/tests/golden/seed_items.csv", got);
    assert_string_equal(got, header_line(tables_spec_of(TABLES_ITEMS), want));
    first_line(RECKON_SOURCE_DIR "/tests/golden/seed_totals.csv", got);
    assert_string_equal(got, header_line(tables_spec_of(TABLES_TOTALS), want));
}

static void run_headers(void **state)
{
    (void)state;
    if (!run_dir)
        skip();
    char path[4096], got[1024], want[1024];
    for (tables_id k = 0; k < TABLES_N; k++) {
        if (k == TABLES_ERRORS) /* no model of the seed fails: no errors.csv */
            continue;
        snprintf(path, sizeof path, "%s/%s", run_dir, tables_spec_of(k)->file);
        first_line(path, got);
        assert_string_equal(got, header_line(tables_spec_of(k), want));
    }
}

int main(int argc, char **argv)
{
    run_dir = argc > 1 ? argv[1] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_unique_and_columns_present),
        cmocka_unit_test(headers_as_documented),
        cmocka_unit_test(kinds_where_they_show),
        cmocka_unit_test(golden_headers),
        cmocka_unit_test(run_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
