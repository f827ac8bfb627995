/*
 * payback: the payback month and its fraction, ROI and NPV of a one-off cost against
 * monthly savings.  Expected values are worked out by hand in the comments.
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include "testutil.h"

#include "payback.h"

#define FRACTION_TOL 1e-9 /* months */
#define RATIO_TOL 1e-12   /* ROI */

/* A sentinel the functions must leave alone when they report nothing. */
#define UNTOUCHED_MONTH ((size_t)999)
#define UNTOUCHED -999.0

static void fill(double *saving, size_t n, double each)
{
    for (size_t i = 0; i < n; i++)
        saving[i] = each;
}

/* Fails unless payback_find pays back in `month` at `fraction`. */
static void check_pays_back(double one_off, const double *saving, size_t months, double rate,
                            size_t want_month, double want_fraction)
{
    size_t month = UNTOUCHED_MONTH;
    double fraction = UNTOUCHED;
    if (!payback_find(one_off, saving, months, rate, &month, &fraction)) {
        print_error("payback_find(%g, ..., %zu months, rate %g) never paid back; expected "
                    "month %zu\n",
                    one_off, months, rate, want_month);
        fail();
    }
    if (month != want_month) {
        print_error("payback_find(%g, ...) paid back in month %zu, expected %zu\n", one_off, month,
                    want_month);
        fail();
    }
    assert_double_near(fraction, want_fraction, FRACTION_TOL);
    /* The contract: the fraction lies within the month, (month - 1, month]. */
    assert_true(fraction > (double)month - 1 && fraction <= (double)month);
}

/* Fails unless payback_find reports no payback, leaving its outputs alone. */
static void check_never(double one_off, const double *saving, size_t months, double rate)
{
    size_t month = UNTOUCHED_MONTH;
    double fraction = UNTOUCHED;
    assert_false(payback_find(one_off, saving, months, rate, &month, &fraction));
    assert_true(month == UNTOUCHED_MONTH);
    assert_true(fraction == UNTOUCHED);
}

static void flat_savings(void **state)
{
    (void)state;
    double saving[36];
    fill(saving, 36, 900);
    /* $12,000 against $900 a month: 900 * 13 = 11700 < 12000 <= 900 * 14 = 12600, so month
     * 14; fraction 13 + (12000 - 11700) / 900 = 13 + 300 / 900 = 13.3333... */
    check_pays_back(12000, saving, 36, 0, 14, 13 + 300.0 / 900);
    /* Exactly 14 months' savings pays back at the very end of month 14. */
    check_pays_back(12600, saving, 36, 0, 14, 14);
    /* Within the month the first saving covers: 450 / 900 = 0.5 of month 1. */
    check_pays_back(450, saving, 36, 0, 1, 0.5);
    /* Month 14 lies beyond a 12- or 13-month horizon: 900 * 13 = 11700 < 12000. */
    check_never(12000, saving, 12, 0);
    check_never(12000, saving, 13, 0);
    check_pays_back(12000, saving, 14, 0, 14, 13 + 300.0 / 900);
    check_never(12000, saving, 0, 0);
}

static void discounted_savings(void **state)
{
    (void)state;
    double saving[120];
    fill(saving, 120, 900);
    /*
     * At 1% a month, month m's $900 is worth 900 / 1.01^m today, and the first n months
     * sum to 900 (1 - 1.01^-n) / 0.01 = 90000 (1 - 1.01^-n).
     *   1.01^7  = 1.0721353521070100
     *   1.01^14 = 1.0721353521070100^2 = 1.1494742132376223; 1.01^-14 = 0.8699629695766628
     *             90000 * (1 - 0.8699629695766628) = 11703.332738100350 < 12000
     *   1.01^15 = 1.1494742132376223 * 1.01 = 1.1609689553699985; 1.01^-15 = 0.8613494748283790
     *             90000 * (1 - 0.8613494748283790) = 12478.547265445891 >= 12000
     * so month 15 (not 14, as undiscounted).  Month 15's saving is 900 / 1.1609689553699985
     * = 775.21452734554109, and the fraction 14 + (12000 - 11703.332738100350) / 775.21452734554109
     * = 14 + 296.66726189965 / 775.21452734554109 = 14 + 0.38269053460013 = 14.38269053460013.
     */
    check_pays_back(12000, saving, 120, 0.01, 15, 14.38269053460013);
    check_never(12000, saving, 14, 0.01);
    /* The same sums through NPV: 11703.33273810035 - 12000 and 12478.54726544589 - 12000. */
    assert_double_near(payback_npv(12000, saving, 14, 0.01), -296.66726189965, 1e-8);
    assert_double_near(payback_npv(12000, saving, 15, 0.01), 478.54726544589, 1e-8);

    /*
     * Discounting can rule a payback out: $100 a month pays back $12,000 in month 120
     * undiscounted (100 * 120 = 12000), but at 1% a month even 120 months are worth only
     * 10000 (1 - 1.01^-120) = 10000 (1 - 1 / 3.3003868945736650) = 10000 * 0.6970052203139725
     * = 6970.05, and no horizon gets past 100 / 0.01 = 10000.
     */
    double hundred[120];
    fill(hundred, 120, 100);
    check_pays_back(12000, hundred, 120, 0, 120, 120);
    check_never(12000, hundred, 120, 0.01);
    assert_double_near(payback_npv(0, hundred, 120, 0.01), 6970.0522031397253, 1e-8);
}

static void growing_savings(void **state)
{
    (void)state;
    /*
     * Savings growing 5% a month from $100: month m saves 100 * 1.05^(m - 1), and the first
     * n months sum to 100 (1.05^n - 1) / 0.05 = 2000 (1.05^n - 1).
     *   1.05^2 = 1.1025, 1.05^4 = 1.21550625, 1.05^8 = 1.4774554437890625 (exact)
     *   8 months: 2000 * 0.4774554437890625 = 954.910887578125 < 1000
     *   9 months: 2000 * (1.4774554437890625 * 1.05 - 1) = 2000 * 0.551328215978515625
     *             = 1102.65643195703125 >= 1000
     * Month 9 saves 100 * 1.05^8 = 147.74554437890625; the fraction is
     * 8 + (1000 - 954.910887578125) / 147.74554437890625 = 8 + 45.089112421875 / 147.74554437890625
     * = 8 + 0.30518086086061 = 8.30518086086061.
     */
    double saving[36];
    for (size_t i = 0; i < 36; i++)
        saving[i] = 100 * pow(1.05, (double)i);
    check_pays_back(1000, saving, 36, 0, 9, 8.30518086086061);
    /* ROI over 12 months: 1.05^12 = 1.4774554437890625 * 1.21550625 = 1.795856326022129150390625;
     * savings 2000 * 0.795856326022129 = 1591.712652044258; (1591.712652044258 - 1000) / 1000
     * = 0.591712652044258. */
    double roi = UNTOUCHED;
    assert_true(payback_roi(1000, saving, 12, &roi));
    assert_double_near(roi, 0.591712652044258, RATIO_TOL);
}

static void negative_early_savings(void **state)
{
    (void)state;
    /* Running both systems for two months costs $500 more each; then it saves $1000 a month.
     * Cumulative: -500, -1000, 0, 1000: a $1000 one-off pays back exactly at the end of
     * month 4, 3 + (1000 - 0) / 1000 = 4. */
    static const double overlap[] = {-500, -500, 1000, 1000, 1000, 1000};
    check_pays_back(1000, overlap, 6, 0, 4, 4);
    check_never(1000, overlap, 3, 0);

    /* Month 2 alone saves 800 >= 500, but the cumulative is -1000 + 800 = -200: not yet.
     * Month 3 brings it to 600 >= 500: 2 + (500 - -200) / 800 = 2 + 700 / 800 = 2.875. */
    static const double loss_first[] = {-1000, 800, 800};
    check_pays_back(500, loss_first, 3, 0, 3, 2.875);

    /* A dip: cumulative 600, 0, 600, 1200: month 4, 3 + (1000 - 600) / 600 = 3.6667. */
    static const double dip[] = {600, -600, 600, 600};
    check_pays_back(1000, dip, 4, 0, 4, 3 + 400.0 / 600);

    /* Reaching the cost once is paying back, even if the cumulative later falls below it:
     * 1000 at the end of month 1, fraction 0 + (1000 - 0) / 1000 = 1. */
    static const double reach_then_fall[] = {1000, -5000};
    check_pays_back(1000, reach_then_fall, 2, 0, 1, 1);

    /* Never positive: never pays back. */
    static const double worse[] = {-10, -20, -30};
    check_never(1, worse, 3, 0);
    check_never(1, worse, 3, 0.01);
}

static void nothing_to_pay_back(void **state)
{
    (void)state;
    /* A one-off of 0 (or a refund) with savings that never take the change below it is
     * paid back at month 0, even with no months and no savings at all. */
    size_t month = UNTOUCHED_MONTH;
    double fraction = UNTOUCHED;
    static const double worse[] = {-10, -20}, better[] = {0, 5};
    assert_true(payback_find(0, better, 2, 0, &month, &fraction));
    assert_true(month == 0);
    assert_true(fraction == 0);
    month = UNTOUCHED_MONTH;
    fraction = UNTOUCHED;
    assert_true(payback_find(-50, NULL, 0, 0.01, &month, &fraction));
    assert_true(month == 0);
    assert_true(fraction == 0);
    /* A free change that costs more each month never pays back: the cumulative saving
     * -10, -30 falls below the one-off of 0 and stays there. */
    month = UNTOUCHED_MONTH;
    fraction = UNTOUCHED;
    assert_false(payback_find(0, worse, 2, 0, &month, &fraction));
    assert_true(month == UNTOUCHED_MONTH && fraction == UNTOUCHED);
    /* A refund of 25 against -10, -20: the cumulative -10 stays above -25, then -30 falls
     * below it: never. */
    assert_false(payback_find(-25, worse, 2, 0, &month, &fraction));
    /* Below, then back: 0 against -10, then +30: -10 (behind), 20 (reached in month 2, at
     * (0 - -10) / 30 = 1/3 of it): month 2, fraction 1 + 1/3. */
    static const double back[] = {-10, 30};
    assert_true(payback_find(0, back, 2, 0, &month, &fraction));
    assert_true(month == 2);
    assert_double_near(fraction, 1 + 1.0 / 3, 1e-12);

    /* ROI has no meaning without a cost: false, and roi is left alone. */
    double roi = UNTOUCHED;
    assert_false(payback_roi(0, worse, 2, &roi));
    assert_false(payback_roi(-50, worse, 2, &roi));
    assert_false(payback_roi(NAN, worse, 2, &roi));
    assert_true(roi == UNTOUCHED);

    /* NPV with no cost is the savings' present value: -10 - 20 undiscounted. */
    assert_double_near(payback_npv(0, worse, 2, 0), -30, 1e-12);
    assert_double_near(payback_npv(12000, NULL, 0, 0.01), -12000, 0);
}

static void roi_and_npv(void **state)
{
    (void)state;
    double saving[36];
    fill(saving, 36, 900);
    double roi = UNTOUCHED;
    /* 12 months: (900 * 12 - 12000) / 12000 = (10800 - 12000) / 12000 = -0.1. */
    assert_true(payback_roi(12000, saving, 12, &roi));
    assert_double_near(roi, -0.1, RATIO_TOL);
    /* 36 months: (32400 - 12000) / 12000 = 20400 / 12000 = 1.7. */
    assert_true(payback_roi(12000, saving, 36, &roi));
    assert_double_near(roi, 1.7, RATIO_TOL);
    /* No months: nothing saved, the whole cost lost: (0 - 12000) / 12000 = -1. */
    assert_true(payback_roi(12000, saving, 0, &roi));
    assert_double_near(roi, -1, RATIO_TOL);

    /* Undiscounted NPV is the net saving: 10800 - 12000 and 32400 - 12000. */
    assert_double_near(payback_npv(12000, saving, 12, 0), -1200, 1e-9);
    assert_double_near(payback_npv(12000, saving, 36, 0), 20400, 1e-9);
    /*
     * At 1% a month, 90000 (1 - 1.01^-n) - 12000:
     *   1.01^12 = 1.1268250301319697; 1.01^-12 = 0.8874492252651537;
     *     90000 * 0.1125507747348463 = 10129.569726136167; NPV = -1870.430273863833
     *   1.01^36 = 1.1268250301319697^3 = 1.4307687835915805; 1.01^-36 = 0.6989249496272590;
     *     90000 * 0.3010750503727410 = 27096.754533546692; NPV = 15096.754533546692
     */
    assert_double_near(payback_npv(12000, saving, 12, 0.01), -1870.430273863833, 1e-8);
    assert_double_near(payback_npv(12000, saving, 36, 0.01), 15096.754533546692, 1e-8);
}

static void rounding_does_not_delay(void **state)
{
    (void)state;
    /* $100.04 a month for 12 months is $1,200.48 on paper, but doubles sum it to
     * 1200.4799999999998: the cost is still paid back at the end of month 12. */
    double saving[24];
    fill(saving, 24, 100.04);
    double sum = 0;
    for (size_t i = 0; i < 12; i++)
        sum += saving[i];
    assert_true(sum < 1200.48); /* the rounding this case is about */
    check_pays_back(1200.48, saving, 24, 0, 12, 12);
    /* ...but a cent more is month 13: 12 + (1200.49 - 1200.48) / 100.04 = 12.0001. */
    check_pays_back(1200.49, saving, 24, 0, 13, 12 + 0.01 / 100.04);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flat_savings),
        cmocka_unit_test(discounted_savings),
        cmocka_unit_test(growing_savings),
        cmocka_unit_test(negative_early_savings),
        cmocka_unit_test(nothing_to_pay_back),
        cmocka_unit_test(roi_and_npv),
        cmocka_unit_test(rounding_does_not_delay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
