/*
 * sweep: lists and sweeps of user counts, and the messages for text that is neither.
 * Expected counts are worked out by hand in the comments.
 */
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "sweep.h"

#define MAX_EXPECTED 12

typedef struct {
    const char *text;
    size_t n;
    double want[MAX_EXPECTED];
} ok_case;

typedef struct {
    const char *text;
    const char *mention[3]; /* substrings the message must contain */
} error_case;

static void check_parse(const char *text, size_t n, const double *want)
{
    double *users = NULL;
    size_t got = 0;
    core_error err = {0};
    if (!sweep_parse(text, &users, &got, &err)) {
        print_error("sweep_parse(\"%s\") failed: %s\n", text, err.msg);
        fail();
    }
    if (got != n) {
        print_error("sweep_parse(\"%s\") gave %zu counts, expected %zu\n", text, got, n);
        budget_free(users);
        fail();
    }
    for (size_t i = 0; i < n; i++) {
        if (users[i] != want[i]) {
            print_error("sweep_parse(\"%s\")[%zu] = %.17g, expected %.17g\n", text, i, users[i],
                        want[i]);
            budget_free(users);
            fail();
        }
    }
    budget_free(users);
}

static void parses_lists_and_sweeps(void **state)
{
    (void)state;
    static const ok_case cases[] = {
        {"10000,100000", 2, {10000, 100000}},
        {"100000,10000", 2, {10000, 100000}},
        {"42", 1, {42}},
        {"10k,1M", 2, {10000, 1000000}},
        {"10k,1M,10000", 2, {10000, 1000000}},
        {" 10K , 2.5k ,1M ", 3, {2500, 10000, 1000000}},
        {"0.5k,1e6,+7", 3, {7, 500, 1000000}},
        {"1.4,1.5,2.5", 3, {1, 2, 3}}, /* rounded half away from zero */
        {"1000000000000", 1, {1e12}},
        {"12345678901234567890123", 1, {1.2345678901234568e22}},
        /* 10^0, 10^1, 10^2 */
        {"1:100:3:log", 3, {1, 10, 100}},
        /* 1000 + 0, 1000, 2000 */
        {"1000:3000:3", 3, {1000, 2000, 3000}},
        {"1000:3000:3:linear", 3, {1000, 2000, 3000}},
        {" 1000 : 3000 : 3 ", 3, {1000, 2000, 3000}},
        {"1:10:10", 10, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
        /* 1, 1.25, 1.5, 1.75, 2 round to 1, 1, 2, 2, 2 */
        {"1:2:5", 2, {1, 2}},
        {"5:5:3", 1, {5}},
        /* 10^3, 10^4, 10^5, 10^6 */
        {"1000:1000000:4:log", 4, {1000, 10000, 100000, 1000000}},
        {"1k:1M:4:log", 4, {1000, 10000, 100000, 1000000}},
        /* 10^0, 10^0.5 = 3.162, 10^1, 10^1.5 = 31.62, 10^2 */
        {"1:100:5:log", 5, {1, 3, 10, 32, 100}},
        /* 7 + 3i/2: 7, 8.5, 10 */
        {"7:10:3", 3, {7, 9, 10}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_parse(cases[i].text, cases[i].n, cases[i].want);
}

static void long_log_sweep(void **state)
{
    (void)state;
    double *users = NULL;
    size_t n = 0;
    core_error err = {0};
    assert_true(sweep_parse("1000:1000000:61:log", &users, &n, &err));
    assert_int_equal(n, 61);
    assert_true(users[0] == 1000);
    assert_true(users[1] == 1122);   /* 10^3.05 = 1122.018 */
    assert_true(users[20] == 10000); /* 10^(3 + 20 × 0.05) */
    assert_true(users[30] == 31623); /* 10^4.5 = 31622.78 */
    assert_true(users[40] == 100000);
    assert_true(users[59] == 891251); /* 10^5.95 = 891250.94 */
    assert_true(users[60] == 1000000);
    for (size_t i = 1; i < n; i++)
        assert_true(users[i] > users[i - 1]);
    budget_free(users);
}

static void long_linear_sweep(void **state)
{
    (void)state;
    double *users = NULL;
    size_t n = 0;
    core_error err = {0};
    /* step (1000000 - 1000) / 60 = 16650 */
    assert_true(sweep_parse("1000:1000000:61", &users, &n, &err));
    assert_int_equal(n, 61);
    assert_true(users[0] == 1000);
    assert_true(users[1] == 17650);
    assert_true(users[30] == 500500);
    assert_true(users[59] == 983350);
    assert_true(users[60] == 1000000);
    budget_free(users);
}

/* The most points allowed; every whole number from 1 to 100000 is hit and kept once. */
static void largest_sweep(void **state)
{
    (void)state;
    double *users = NULL;
    size_t n = 0;
    core_error err = {0};
    assert_true(sweep_parse("1:100000:10000000", &users, &n, &err));
    assert_int_equal(n, 100000);
    assert_true(users[0] == 1);
    assert_true(users[12344] == 12345);
    assert_true(users[n - 1] == 100000);
    budget_free(users);
}

static void rejects_bad_text(void **state)
{
    (void)state;
    static const error_case cases[] = {
        {"", {"no user counts", "FROM:TO:N"}},
        {"   ", {"no user counts"}},
        {"100x", {"\"100x\"", "not a number", "10k"}},
        {"abc", {"\"abc\"", "not a number"}},
        {"10m", {"\"10m\"", "not a number"}},
        {"inf", {"\"inf\"", "not a number"}},
        {"nan", {"\"nan\"", "not a number"}},
        {"1e", {"\"1e\"", "not a number"}},
        {".", {"\".\"", "not a number"}},
        {"10k1", {"\"10k1\"", "not a number"}},
        {"1e999", {"\"1e999\"", "too large"}},
        {"10000,,5", {"empty item", "10000,,5"}},
        {"10000,", {"empty item"}},
        {"0", {"\"0\"", "at least 1"}},
        {"-5", {"\"-5\"", "at least 1"}},
        {"0.4", {"\"0.4\"", "at least 1"}},
        {"1,000", {"\"000\"", "at least 1"}},
        {"0:10:3", {"\"0\"", "at least 1", "FROM"}},
        {"1:1e999:3", {"TO", "\"1e999\"", "too large"}},
        {"1:x:3", {"TO", "\"x\"", "not a number"}},
        {"1::3", {"TO", "empty"}},
        {"1000:100:5", {"1000:100:5", "greater than", "FROM (1000)"}},
        {"1:10:1", {"N \"1\"", "from 2 to 10000000"}},
        {"1:10:0", {"N \"0\"", "from 2 to 10000000"}},
        {"1:10:2.5", {"N \"2.5\"", "whole number"}},
        {"1:10:10000001", {"N \"10000001\"", "from 2 to 10000000"}},
        {"1:10:lots", {"N \"lots\""}},
        {"1:10:3:lin", {"unknown spacing \"lin\"", "log or linear"}},
        {"1:10:3:LOG", {"unknown spacing \"LOG\""}},
        {"1:10:3:", {"unknown spacing \"\""}},
        {"1:10", {"\"1:10\"", "not a sweep", "FROM:TO:N"}},
        {"1:10:3:log:x", {"not a sweep"}},
        {"1,2:3:4", {"FROM", "\"1,2\"", "not a number"}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double *users = (double *)&cases; /* must be reset to NULL */
        size_t n = 99;
        core_error err = {0};
        if (sweep_parse(cases[i].text, &users, &n, &err)) {
            print_error("sweep_parse(\"%s\") succeeded, expected an error\n", cases[i].text);
            budget_free(users);
            fail();
        }
        assert_null(users);
        assert_int_equal(n, 0);
        for (size_t k = 0; k < 3 && cases[i].mention[k]; k++) {
            if (!strstr(err.msg, cases[i].mention[k])) {
                print_error("sweep_parse(\"%s\"): message \"%s\" does not mention \"%s\"\n",
                            cases[i].text, err.msg, cases[i].mention[k]);
                fail();
            }
        }
    }
}

static void null_text_and_null_err(void **state)
{
    (void)state;
    double *users = NULL;
    size_t n = 0;
    core_error err;
    assert_false(sweep_parse(NULL, &users, &n, &err));
    assert_non_null(strstr(err.msg, "no user counts given"));
    assert_false(sweep_parse("100x", &users, &n, NULL)); /* no error wanted */
    assert_null(users);
}

static void normalise(void **state)
{
    (void)state;
    double users[] = {3, 1, 2, 3, 1, 1000000, 2};
    assert_int_equal(sweep_normalise(users, 7), 4);
    assert_true(users[0] == 1 && users[1] == 2 && users[2] == 3 && users[3] == 1000000);
    double one[] = {5};
    assert_int_equal(sweep_normalise(one, 1), 1);
    assert_true(one[0] == 5);
    assert_int_equal(sweep_normalise(NULL, 0), 0);
}

static void default_sweep(void **state)
{
    (void)state;
    assert_int_equal(sweep_default_count, 4);
    assert_true(sweep_default[0] == 1000);
    assert_true(sweep_default[1] == 10000);
    assert_true(sweep_default[2] == 100000);
    assert_true(sweep_default[3] == 1000000);
}

/* A decimal-comma locale must not change how "2.5k" reads. */
static void decimal_comma_locale(void **state)
{
    (void)state;
    if (!set_decimal_comma_locale())
        skip();
    double *users = NULL;
    size_t n = 0;
    core_error err = {0};
    bool ok = sweep_parse("2.5k,0.5M", &users, &n, &err);
    setlocale(LC_NUMERIC, "C");
    assert_true(ok);
    assert_int_equal(n, 2);
    assert_true(users[0] == 2500 && users[1] == 500000);
    budget_free(users);
}

/* A sweep from numbers is the sweep of the same text: 1000..1e6 in 3 log points is 1000,
 * 31623 (sqrt(1e9) = 31622.78, rounded), 1e6; 1..10 in 4 linear points is 1, 4, 7, 10. */
static void made_from_numbers(void **state)
{
    (void)state;
    double *u = NULL;
    size_t n = 0;
    core_error err;
    assert_true(sweep_make(1000, 1e6, 3, true, &u, &n, &err));
    assert_int_equal(n, 3);
    assert_double_near(u[0], 1000, 0);
    assert_double_near(u[1], 31623, 0);
    assert_double_near(u[2], 1e6, 0);
    budget_free(u);
    assert_true(sweep_make(1, 10, 4, false, &u, &n, &err));
    assert_int_equal(n, 4);
    for (size_t i = 0; i < 4; i++)
        assert_double_near(u[i], 1 + 3 * (double)i, 0);
    budget_free(u);
    /* the same as sweep_parse of "1000:1000000:61:log", point for point */
    double *v = NULL;
    size_t m = 0;
    assert_true(sweep_make(1000, 1e6, 61, true, &u, &n, &err));
    assert_true(sweep_parse("1000:1000000:61:log", &v, &m, &err));
    assert_int_equal(n, m);
    for (size_t i = 0; i < n; i++)
        assert_double_near(u[i], v[i], 0);
    budget_free(u);
    budget_free(v);
    /* from == to: every point the same count, normalised to one */
    assert_true(sweep_make(50, 50, 5, false, &u, &n, &err));
    assert_int_equal(n, 1);
    budget_free(u);
}

static void made_from_bad_numbers(void **state)
{
    (void)state;
    static const struct {
        double from, to, points;
        const char *want;
    } cases[] = {
        {0, 10, 5, "from (0) must be a user count >= 1"},
        {1, INFINITY, 5, "to (inf) must be a user count >= 1"},
        {1, NAN, 5, "to (nan) must be a user count >= 1"},
        {1, 10, 1, "points (1) must be a whole number from 2 to 10000000"},
        {1, 10, 2.5, "points (2.5) must be a whole number from 2 to 10000000"},
        {1, 10, 1e8, "points (1e+08) must be a whole number from 2 to 10000000"},
        {10, 1, 5, "from (10) is greater than to (1)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double *u = (double *)&cases; /* must come back NULL */
        size_t n = 7;
        core_error err = {0};
        assert_false(sweep_make(cases[i].from, cases[i].to, cases[i].points, false, &u, &n, &err));
        assert_string_equal(err.msg, cases[i].want);
        assert_null(u);
        assert_int_equal(n, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_lists_and_sweeps),
        cmocka_unit_test(long_log_sweep),
        cmocka_unit_test(long_linear_sweep),
        cmocka_unit_test(largest_sweep),
        cmocka_unit_test(rejects_bad_text),
        cmocka_unit_test(null_text_and_null_err),
        cmocka_unit_test(normalise),
        cmocka_unit_test(made_from_numbers),
        cmocka_unit_test(made_from_bad_numbers),
        cmocka_unit_test(default_sweep),
        cmocka_unit_test(decimal_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
