/*
 * test_finance: unit tests for engine/core/finance.c.
 *
 * The expected values are the spreadsheets' own documented examples, each with its source
 * beside it, or worked out by hand in the comment; none is computed by the code under test.
 * Excel's documentation shows money to the cent and rates to a few places, so those are
 * compared at that precision.
 */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "finance.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Fails the test, showing the message, unless ok. */
static void expect_ok(bool ok, const core_error *err)
{
    if (!ok) {
        print_error("unexpected failure: %s\n", err->msg);
        fail();
    }
}

/* Fails the test unless ok is false with a message containing `part`. */
static void expect_error(bool ok, const core_error *err, const char *part)
{
    if (ok) {
        print_error("expected an error containing \"%s\", but the call succeeded\n", part);
        fail();
    }
    if (!strstr(err->msg, part)) {
        print_error("expected an error containing \"%s\", got \"%s\"\n", part, err->msg);
        fail();
    }
}

/* ---- NPV ------------------------------------------------------------------------------ */

static void test_npv_excel_example(void **state)
{
    (void)state;
    /* Excel, "NPV function", example 1: NPV(10%, -10000, 3000, 4200, 6800) = $1,188.44.
     * The first value (the cost a year from today) is discounted one period. */
    static const double values[] = {-10000, 3000, 4200, 6800};
    core_error err;
    double npv;
    expect_ok(fin_npv(0.1, values, COUNT(values), &npv, &err), &err);
    assert_cents(npv, 1188.44);
}

static void test_npv_by_hand(void **state)
{
    (void)state;
    core_error err;
    double npv;
    /* 110 / 1.1 + 121 / 1.1^2 = 100 + 100 = 200 */
    static const double two[] = {110, 121};
    expect_ok(fin_npv(0.1, two, 2, &npv, &err), &err);
    assert_double_near(npv, 200, 1e-9);
    /* at rate 0 nothing is discounted: 1 + 2 + 3 = 6 */
    static const double three[] = {1, 2, 3};
    expect_ok(fin_npv(0, three, 3, &npv, &err), &err);
    assert_double_near(npv, 6, 1e-12);
    /* a negative rate grows the values: 50 / 0.5 = 100 */
    static const double one[] = {50};
    expect_ok(fin_npv(-0.5, one, 1, &npv, &err), &err);
    assert_double_near(npv, 100, 1e-12);
}

static void test_npv_errors(void **state)
{
    (void)state;
    core_error err;
    double npv;
    static const double values[] = {1, 2};
    static const double bad[] = {1, NAN};
    expect_error(fin_npv(0.1, values, 0, &npv, &err), &err, "NPV: needs at least one value");
    expect_error(fin_npv(-1, values, 2, &npv, &err), &err, "NPV: rate must not be -1");
    expect_error(fin_npv(INFINITY, values, 2, &npv, &err), &err, "NPV: rate must be a finite");
    expect_error(fin_npv(0.1, bad, 2, &npv, &err), &err, "NPV: value 2 is not a finite number");
}

/* ---- IRR ------------------------------------------------------------------------------ */

/* Excel, "IRR function", example: a business costing $70,000 and its net income over five
 * years. */
static const double business[] = {-70000, 12000, 15000, 18000, 21000, 26000};

typedef struct irr_case {
    const char *label;
    size_t n;        /* how many of `business` */
    double guess;    /* 0.1 is the spreadsheet's default */
    double expected; /* as documented */
    double tol;      /* the documented precision */
} irr_case;

static const irr_case irr_cases[] = {
    /* Excel: IRR(A2:A6) = -2.1% (four years); shown as -0.0212 with more places */
    {"four years", 5, 0.1, -0.0212, 0.00005},
    /* Excel: IRR(A2:A7) = 8.7% (five years); 0.0866 with more places */
    {"five years", 6, 0.1, 0.0866, 0.00005},
    /* Excel: IRR(A2:A4, -10%) = -44.4% (two years, with a guess); -0.4435 with more places.
     * By hand: -70000 + 12000 x + 15000 x^2 = 0 with x = 1 / (1 + r) gives
     * x = (-12000 + sqrt(12000^2 + 4 * 15000 * 70000)) / 30000 = 1.796968..., r = -0.44351 */
    {"two years, guess -10%", 3, -0.1, -0.4435, 0.00005},
    /* The same without a guess: Newton from 10% steps below -100% at once (the slope there
     * is -32456 and the NPV -46694), so the bracketing search must find the root. */
    {"two years, default guess", 3, 0.1, -0.4435, 0.00005},
    /* A far guess still finds the only root. */
    {"five years, guess 500%", 6, 5, 0.0866, 0.00005},
    {"five years, guess -99%", 6, -0.99, 0.0866, 0.00005},
};

static void test_irr_excel_examples(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(irr_cases); i++) {
        const irr_case *c = &irr_cases[i];
        core_error err;
        double rate = NAN;
        bool ok = fin_irr(business, c->n, c->guess, &rate, &err);
        if (!ok || !(fabs(rate - c->expected) <= c->tol)) {
            print_error("%s: got %s %.10g, expected %.10g\n", c->label, ok ? "" : err.msg, rate,
                        c->expected);
            fail();
        }
    }
}

static void test_irr_picks_the_root_near_the_guess(void **state)
{
    (void)state;
    /* -100 + 230 x - 132 x^2 = 0 with x = 1 / (1 + r): 132 x^2 - 230 x + 100 = 0,
     * x = (230 +- sqrt(52900 - 52800)) / 264 = 240/264 or 220/264, so r = 10% or 20%. */
    static const double two_roots[] = {-100, 230, -132};
    core_error err;
    double rate;
    expect_ok(fin_irr(two_roots, 3, 0.05, &rate, &err), &err);
    assert_double_near(rate, 0.10, 1e-12);
    expect_ok(fin_irr(two_roots, 3, 0.3, &rate, &err), &err);
    assert_double_near(rate, 0.20, 1e-12);
    /* -1 now and 100000 a period later: 1 + r = 100000 */
    static const double huge[] = {-1, 100000};
    expect_ok(fin_irr(huge, 2, 0.1, &rate, &err), &err);
    assert_double_near(rate, 99999, 1e-6);
    /* break even: -100 then +100 is a rate of 0 */
    static const double even[] = {-100, 100};
    expect_ok(fin_irr(even, 2, 0.1, &rate, &err), &err);
    assert_double_near(rate, 0, 1e-12);
}

static void test_irr_errors(void **state)
{
    (void)state;
    core_error err;
    double rate;
    static const double all_in[] = {100, 200, 300};
    static const double all_out[] = {-100, -200, 0};
    static const double zeros[] = {0, 0, 0};
    static const char no_sign_change[] =
        "IRR: the cash flows never change sign, so there is no rate of return";
    expect_error(fin_irr(all_in, 3, 0.1, &rate, &err), &err, no_sign_change);
    expect_error(fin_irr(all_out, 3, 0.1, &rate, &err), &err, no_sign_change);
    expect_error(fin_irr(zeros, 3, 0.1, &rate, &err), &err, no_sign_change);
    /* -100 + 250 x - 160 x^2 = 0 has no real root: 250^2 - 4 * 160 * 100 = -1500 < 0 */
    static const double no_root[] = {-100, 250, -160};
    expect_error(fin_irr(no_root, 3, 0.1, &rate, &err), &err, "IRR: no rate of return found");
    expect_error(fin_irr(business, 1, 0.1, &rate, &err), &err,
                 "IRR: needs at least two cash flows");
    expect_error(fin_irr(business, 6, -1, &rate, &err), &err, "IRR: guess must be greater than -1");
    static const double bad[] = {-100, INFINITY};
    expect_error(fin_irr(bad, 2, 0.1, &rate, &err), &err, "IRR: value 2 is not a finite number");
}

/* ---- PMT, PV, FV ---------------------------------------------------------------------- */

typedef enum tvm_fn { PMT, PV, FV } tvm_fn;

typedef struct tvm_case {
    const char *label;
    tvm_fn fn;
    double rate, nper, a, b; /* a, b: pv, fv (PMT); pmt, fv (PV); pmt, pv (FV) */
    int type;
    double expected;
} tvm_case;

static const tvm_case tvm_cases[] = {
    /* Excel, "PMT function": PMT(8%/12, 10, 10000) = ($1,037.03) */
    {"PMT loan", PMT, 0.08 / 12, 10, 10000, 0, 0, -1037.03},
    /* Excel, "PMT function": the same, payments at the start: ($1,030.16) */
    {"PMT loan, type 1", PMT, 0.08 / 12, 10, 10000, 0, 1, -1030.16},
    /* Excel, "PMT function": saving $50,000 over 18 years at 6%: PMT(6%/12, 18*12, 0, 50000)
     * = ($129.08) */
    {"PMT savings", PMT, 0.06 / 12, 18 * 12, 0, 50000, 0, -129.08},
    /* Excel, "PV function": an annuity paying $500 a month for 20 years at 8%:
     * PV(0.08/12, 12*20, 500, , 0) = ($59,777.15) */
    {"PV annuity", PV, 0.08 / 12, 12 * 20, 500, 0, 0, -59777.15},
    /* Excel, "FV function", example 1: FV(0.06/12, 10, -200, -500, 1) = $2,581.40 */
    {"FV savings, type 1", FV, 0.06 / 12, 10, -200, -500, 1, 2581.40},
    /* Excel, "FV function", example 2: FV(0.12/12, 12, -1000) = $12,682.50 */
    {"FV payments", FV, 0.12 / 12, 12, -1000, 0, 0, 12682.50},
    /* rate 0, by hand: pv + pmt nper + fv = 0, and type makes no difference */
    {"PMT rate 0", PMT, 0, 10, 1000, 0, 0, -100},               /* -1000 / 10 */
    {"PMT rate 0, fv, type 1", PMT, 0, 10, 1000, 500, 1, -150}, /* -(1000 + 500) / 10 */
    {"PV rate 0", PV, 0, 12, 100, 0, 0, -1200},                 /* -(100 * 12) */
    {"PV rate 0, fv", PV, 0, 12, 100, 300, 1, -1500},           /* -(300 + 100 * 12) */
    {"FV rate 0", FV, 0, 12, -100, -1000, 0, 2200},             /* -(-1000 + -100 * 12) */
    {"FV rate 0, no payments", FV, 0, 5, 0, 250, 1, -250},
    /* by hand: 1000 at 10% for 2 periods grows to 1210, so FV(10%, 2, 0, -1000) = 1210 */
    {"FV growth", FV, 0.1, 2, 0, -1000, 0, 1210},
    /* by hand: PV of 1210 in 2 periods at 10% is 1000 */
    {"PV discount", PV, 0.1, 2, 0, 1210, 0, -1000},
    /* by hand: paying 100 at the end of each of 2 periods at 10%: 100 * 1.1 + 100 = 210 */
    {"FV two payments", FV, 0.1, 2, -100, 0, 0, 210},
    /* and at the start: 100 * 1.1^2 + 100 * 1.1 = 231 */
    {"FV two payments, type 1", FV, 0.1, 2, -100, 0, 1, 231},
    /* nper 0: nothing happens, FV = -pv and PV = -fv */
    {"FV nper 0", FV, 0.1, 0, -100, -50, 0, 50},
    {"PV nper 0", PV, 0.1, 0, -100, 50, 0, -50},
};

static bool run_tvm(const tvm_case *c, double *out, core_error *err)
{
    switch (c->fn) {
    case PMT:
        return fin_pmt(c->rate, c->nper, c->a, c->b, c->type, out, err);
    case PV:
        return fin_pv(c->rate, c->nper, c->a, c->b, c->type, out, err);
    case FV:
        return fin_fv(c->rate, c->nper, c->a, c->b, c->type, out, err);
    }
    return false;
}

static void test_tvm_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(tvm_cases); i++) {
        const tvm_case *c = &tvm_cases[i];
        core_error err;
        double got = NAN;
        bool ok = run_tvm(c, &got, &err);
        if (!ok || !(fabs(got - c->expected) <= 0.005)) {
            print_error("%s: got %s %.10g, expected %.2f\n", c->label, ok ? "" : err.msg, got,
                        c->expected);
            fail();
        }
    }
}

static void test_tvm_round_trip(void **state)
{
    (void)state;
    /* A loan of 10000 received at 0.5% for 36 months, paid back by PMT (negative: paid
     * out), leaves a future value of 0, and the PV of those payments is the loan received
     * (+10000): each function undoes the others. */
    core_error err;
    double pmt, pv, fv;
    expect_ok(fin_pmt(0.005, 36, 10000, 0, 0, &pmt, &err), &err);
    expect_ok(fin_pv(0.005, 36, pmt, 0, 0, &pv, &err), &err);
    assert_double_near(pv, 10000, 1e-8);
    expect_ok(fin_fv(0.005, 36, pmt, 10000, 0, &fv, &err), &err);
    assert_double_near(fv, 0, 1e-8);
    /* a rate so small that (1 + rate)^nper - 1 loses every digit in the naive formula
     * still gives the rate-0 answer: -1000 / 10 */
    expect_ok(fin_pmt(1e-17, 10, 1000, 0, 0, &pmt, &err), &err);
    assert_double_near(pmt, -100, 1e-9);
}

static void test_tvm_errors(void **state)
{
    (void)state;
    core_error err;
    double out;
    expect_error(fin_pmt(0.1, 0, 1000, 0, 0, &out, &err), &err,
                 "PMT: nper, the number of payments, must be greater than 0 (got 0)");
    expect_error(fin_pmt(0.1, -3, 1000, 0, 0, &out, &err), &err, "PMT: nper");
    expect_error(fin_pmt(0.1, 10, 1000, 0, 2, &out, &err), &err, "PMT: type must be 0");
    expect_error(fin_pv(0.1, 10, 100, 0, -1, &out, &err), &err, "PV: type must be 0");
    expect_error(fin_fv(0.1, 10, 100, 0, 3, &out, &err), &err, "FV: type must be 0");
    expect_error(fin_fv(-1, 10, 100, 0, 0, &out, &err), &err, "FV: rate must be greater than -1");
    expect_error(fin_pv(NAN, 10, 100, 0, 0, &out, &err), &err, "PV: rate must be a finite");
    expect_error(fin_pmt(0.1, 10, INFINITY, 0, 0, &out, &err), &err, "PMT: pv must be a finite");
    expect_error(fin_fv(0.1, 1e6, -100, 0, 0, &out, &err), &err, "FV: the result is too large");
}

/* ---- dates ---------------------------------------------------------------------------- */

typedef struct date_case {
    const char *text;
    long days; /* days since 1970-01-01, by hand */
} date_case;

static const date_case good_dates[] = {
    {"1970-01-01", 0},
    {"1970-01-02", 1},
    {"1969-12-31", -1},
    {"1971-01-01", 365},
    {"2000-01-01", 10957}, /* 30 years, 7 of them leap (72 76 80 84 88 92 96): 30*365 + 7 */
    {"2000-02-29", 11016}, /* 2000 is a leap year (divisible by 400): 10957 + 31 + 28 */
    {"2000-03-01", 11017},
    {"2008-01-01", 13879}, /* 10957 + 8*365 + 2 (2000, 2004) */
    {"2008-03-01", 13939}, /* 13879 + 31 + 29 */
    {"2009-02-15", 14290}, /* 13879 + 366 + 31 + 14 */
    /* 1900..1969: 70*365 + 17 leap days (1904..1968) = 25567 days; less January, February */
    {"1900-03-01", -25508},
    /* the ends: day 1 and day 3652059 of the proleptic Gregorian calendar, whose day
     * 719163 is 1970-01-01 (as Python's date.toordinal counts them) */
    {"0001-01-01", -719162},
    {"9999-12-31", 2932896},
};

static void test_date_parse_valid(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(good_dates); i++) {
        core_error err;
        long days = 12345678;
        if (!fin_date_parse(good_dates[i].text, &days, &err) || days != good_dates[i].days) {
            print_error("%s: got %ld, expected %ld (%s)\n", good_dates[i].text, days,
                        good_dates[i].days, err.msg);
            fail();
        }
    }
}

typedef struct bad_date {
    const char *text;
    const char *message; /* a part of the expected message */
} bad_date;

static const bad_date bad_dates[] = {
    {"2023-02-29", "\"2023-02-29\" is not a date: February 2023 has 28 days"},
    {"1900-02-29", "February 1900 has 28 days"}, /* divisible by 100, not by 400 */
    {"2023-13-01", "there is no month 13"},
    {"2023-00-10", "there is no month 00"},
    {"2023-04-31", "April 2023 has 30 days"},
    {"2023-01-32", "January 2023 has 31 days"},
    {"2023-01-00", "there is no day 00"},
    {"0000-06-01", "there is no year 0000"},
    {"2023-1-05", "is not a date of the form YYYY-MM-DD"},
    {"23-01-05", "is not a date of the form YYYY-MM-DD"},
    {"2023/01/05", "is not a date of the form YYYY-MM-DD"},
    {"2023-01-05 ", "is not a date of the form YYYY-MM-DD"},
    {"2023-01-05T00:00", "is not a date of the form YYYY-MM-DD"},
    {" 2023-01-05", "is not a date of the form YYYY-MM-DD"},
    {"+023-01-05", "is not a date of the form YYYY-MM-DD"},
    {"2023-0a-05", "is not a date of the form YYYY-MM-DD"},
    {"", "\"\" is not a date of the form YYYY-MM-DD"},
    {"01/05/2023", "is not a date of the form YYYY-MM-DD"},
};

static void test_date_parse_invalid(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(bad_dates); i++) {
        core_error err;
        long days;
        if (fin_date_parse(bad_dates[i].text, &days, &err) ||
            !strstr(err.msg, bad_dates[i].message)) {
            print_error("\"%s\": expected an error containing \"%s\", got \"%s\"\n",
                        bad_dates[i].text, bad_dates[i].message, err.msg);
            fail();
        }
    }
}

/* ---- XNPV, XIRR ----------------------------------------------------------------------- */

/* Excel, "XNPV function" and "XIRR function" examples: the same flows and dates. */
static const double dated_values[] = {-10000, 2750, 4250, 3250, 2750};
static const char *const dated_texts[] = {"2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15",
                                          "2009-04-01"};

static void parse_all(const char *const *texts, size_t n, long *days)
{
    for (size_t i = 0; i < n; i++) {
        core_error err;
        expect_ok(fin_date_parse(texts[i], &days[i], &err), &err);
    }
}

static void test_xnpv_excel_example(void **state)
{
    (void)state;
    long days[5];
    parse_all(dated_texts, 5, days);
    /* Excel: XNPV(0.09, values, dates) = $2,086.65 */
    core_error err;
    double npv;
    expect_ok(fin_xnpv(0.09, dated_values, days, 5, &npv, &err), &err);
    assert_cents(npv, 2086.65);
}

static void test_xnpv_by_hand(void **state)
{
    (void)state;
    /* 1100 received 365 days after -1000 paid, at 10%: -1000 + 1100 / 1.1 = 0 */
    static const double values[] = {-1000, 1100};
    static const long days[] = {100, 465};
    core_error err;
    double npv;
    expect_ok(fin_xnpv(0.1, values, days, 2, &npv, &err), &err);
    assert_double_near(npv, 0, 1e-9);
    /* dates after the first need not be in order: 121 at 730 days is 121 / 1.21 = 100 */
    static const double three[] = {0, 121, 110};
    static const long later[] = {0, 730, 365};
    expect_ok(fin_xnpv(0.1, three, later, 3, &npv, &err), &err);
    assert_double_near(npv, 200, 1e-9);
}

static void test_xnpv_errors(void **state)
{
    (void)state;
    static const double values[] = {-1000, 500, 700};
    static const long days[] = {13879, 13878, 14000}; /* 2008-01-01, then 2007-12-31 */
    static const long ok_days[] = {0, 10, 20};
    core_error err;
    double npv;
    expect_error(fin_xnpv(0.1, values, days, 3, &npv, &err), &err,
                 "XNPV: date 2 (2007-12-31) comes before the first date (2008-01-01)");
    expect_error(fin_xnpv(-1, values, ok_days, 3, &npv, &err), &err,
                 "XNPV: rate must be greater than -1");
    expect_error(fin_xnpv(-2.5, values, ok_days, 3, &npv, &err), &err,
                 "XNPV: rate must be greater than -1");
    expect_error(fin_xnpv(0.1, values, ok_days, 0, &npv, &err), &err, "XNPV: needs at least");
}

static void test_xirr_excel_example(void **state)
{
    (void)state;
    long days[5];
    parse_all(dated_texts, 5, days);
    /* Excel: XIRR(values, dates, 0.1) = 0.373362535 (37.34%).  Excel stops its iteration
     * at 0.000001%, so the last digits are its own; the root itself is 0.3733625335. */
    core_error err;
    double rate;
    expect_ok(fin_xirr(dated_values, days, 5, 0.1, &rate, &err), &err);
    assert_double_near(rate, 0.373362535, 1e-8);
    /* the rate found makes XNPV 0 */
    double npv;
    expect_ok(fin_xnpv(rate, dated_values, days, 5, &npv, &err), &err);
    assert_double_near(npv, 0, 1e-6);
    /* a far guess finds the same rate */
    expect_ok(fin_xirr(dated_values, days, 5, 20, &rate, &err), &err);
    assert_double_near(rate, 0.373362535, 1e-8);
}

static void test_xirr_errors(void **state)
{
    (void)state;
    static const double all_in[] = {100, 200};
    static const long days[] = {0, 365};
    static const long backwards[] = {365, 0};
    static const double values[] = {-100, 110};
    core_error err;
    double rate;
    expect_error(fin_xirr(all_in, days, 2, 0.1, &rate, &err), &err,
                 "XIRR: the cash flows never change sign, so there is no rate of return");
    expect_error(fin_xirr(values, backwards, 2, 0.1, &rate, &err), &err,
                 "XIRR: date 2 (1970-01-01) comes before the first date (1971-01-01)");
    static const long same_day[] = {365, 365};
    expect_error(fin_xirr(values, same_day, 2, 0.1, &rate, &err), &err,
                 "XIRR: every date is the same day");
    /* by hand: 110 a year (365 days) after -100 is 10% */
    expect_ok(fin_xirr(values, days, 2, 0.1, &rate, &err), &err);
    assert_double_near(rate, 0.1, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_npv_excel_example),
        cmocka_unit_test(test_npv_by_hand),
        cmocka_unit_test(test_npv_errors),
        cmocka_unit_test(test_irr_excel_examples),
        cmocka_unit_test(test_irr_picks_the_root_near_the_guess),
        cmocka_unit_test(test_irr_errors),
        cmocka_unit_test(test_tvm_cases),
        cmocka_unit_test(test_tvm_round_trip),
        cmocka_unit_test(test_tvm_errors),
        cmocka_unit_test(test_date_parse_valid),
        cmocka_unit_test(test_date_parse_invalid),
        cmocka_unit_test(test_xnpv_excel_example),
        cmocka_unit_test(test_xnpv_by_hand),
        cmocka_unit_test(test_xnpv_errors),
        cmocka_unit_test(test_xirr_excel_example),
        cmocka_unit_test(test_xirr_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
