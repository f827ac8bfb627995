/*
 * numfmt: spreadsheet rounding written without printf.  Expected strings are written out
 * by hand; the randomized checks compare with a reference built here from glibc's exact
 * "%.40e" digits and decimal rounding done on the text.
 */
#include <float.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "numfmt.h"

typedef struct {
    double x;
    int decimals;
    const char *want;
} fixed_case;

static void check_fixed(double x, int decimals, const char *want)
{
    char buf[NUMFMT_MAX];
    size_t len = numfmt_fixed(x, decimals, buf);
    if (strcmp(buf, want) != 0 || len != strlen(want)) {
        print_error("numfmt_fixed(%.17g, %d) = \"%s\" (length %zu), expected \"%s\"\n", x, decimals,
                    buf, len, want);
        fail();
    }
}

static void fixed_table(void **state)
{
    (void)state;
    static const fixed_case cases[] = {
        /* the header's and the brief's examples */
        {2.675, 2, "2.68"},
        {1.005, 2, "1.01"},
        {-2.675, 2, "-2.68"},
        {-0.001, 2, "0.00"},
        {1850, 2, "1850.00"},
        {0.125, 2, "0.13"},
        /* stored just below the half, counted as the half at 15 digits */
        {0.285, 2, "0.29"},
        {1.015, 2, "1.02"},
        {0.045, 2, "0.05"},
        {8.345, 2, "8.35"},
        {1.45, 1, "1.5"},
        {9.995, 2, "10.00"},
        {99.995, 2, "100.00"},
        {1234567.895, 2, "1234567.90"},
        {-1234567.895, 2, "-1234567.90"},
        {999999999999.995, 2, "1000000000000.00"},
        {-999999999999.995, 2, "-1000000000000.00"},
        {0.1 + 0.2, 2, "0.30"},
        {0.1 + 0.2, 9, "0.300000000"},
        {0.0000015, 6, "0.000002"},
        {0.000001234, 6, "0.000001"},
        /* zero and signs */
        {0, 0, "0"},
        {0, 3, "0.000"},
        {-0.0, 2, "0.00"},
        {-0.004999, 2, "0.00"},
        {-0.005, 2, "-0.01"},
        {0.5, 0, "1"},
        {-0.5, 0, "-1"},
        {1.5, 0, "2"},
        {2.5, 0, "3"},
        {-2.5, 0, "-3"},
        {0.4999, 0, "0"},
        /* every number of decimals */
        {123.456789, 0, "123"},
        {123.456789, 1, "123.5"},
        {123.456789, 2, "123.46"},
        {123.456789, 3, "123.457"},
        {123.456789, 4, "123.4568"},
        {123.456789, 5, "123.45679"},
        {123.456789, 6, "123.456789"},
        {123.456789, 7, "123.4567890"},
        {123.456789, 9, "123.456789000"},
        {-0.000123, 4, "-0.0001"},
        {-0.00015, 4, "-0.0002"},
        /* tiny values */
        {1e-12, 2, "0.00"},
        {1e-12, 9, "0.000000000"},
        {-1e-12, 9, "0.000000000"},
        {1e-10, 9, "0.000000000"},
        {4.9e-10, 9, "0.000000000"},
        {5e-10, 9, "0.000000001"},
        {-5e-10, 9, "-0.000000001"},
        {1.5e-9, 9, "0.000000002"},
        {DBL_MIN, 2, "0.00"},
        {5e-324, 9, "0.000000000"},
        /* large values: 15 significant digits, then zeros */
        {123456789012345.0, 0, "123456789012345"},
        {99999999999999.9, 0, "100000000000000"},
        {1e15, 2, "1000000000000000.00"},
        {-1e15, 1, "-1000000000000000.0"},
        {1000000000000004.75, 0, "1000000000000000"},
        {1000000000000005.0, 0, "1000000000000010"},
        {4503599627370497.0, 0, "4503599627370500"},
        {1234567890123456789.0, 0, "1234567890123460000"},
        {1234567890123456789.0, 3, "1234567890123460000.000"},
        {1e22, 0, "10000000000000000000000"},
        {-9.87654321098765e25, 1, "-98765432109876500000000000.0"},
        /* decimals outside 0..9 are clamped */
        {1.23456789012, 12, "1.234567890"},
        {1.6, -1, "2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_fixed(cases[i].x, cases[i].decimals, cases[i].want);
}

static void fixed_dbl_max(void **state)
{
    (void)state;
    char want[NUMFMT_MAX] = "179769313486232";
    memset(want + 15, '0', 294);
    want[309] = '\0';
    check_fixed(DBL_MAX, 0, want);
    strcpy(want + 309, ".000000000");
    char neg[NUMFMT_MAX] = "-";
    strcat(neg, want);
    check_fixed(-DBL_MAX, 9, neg);
}

static void fixed_not_finite(void **state)
{
    (void)state;
    char buf[NUMFMT_MAX];
    assert_int_equal(numfmt_fixed(NAN, 2, buf), 0);
    assert_string_equal(buf, "0");
    assert_int_equal(numfmt_fixed(INFINITY, 2, buf), 0);
    assert_string_equal(buf, "0");
    assert_int_equal(numfmt_fixed(-INFINITY, 0, buf), 0);
    assert_string_equal(buf, "0");
    assert_int_equal(numfmt_trim(NAN, 2, buf), 0);
    assert_string_equal(buf, "0");
    assert_double_near(numfmt_round(NAN, 2), 0, 0);
}

/* Each case through fmt (numfmt_trim or numfmt_grouped), text and length. */
static void check_cases(const char *name, size_t (*fmt)(double, int, char *),
                        const fixed_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char buf[NUMFMT_GROUPED_MAX];
        size_t len = fmt(cases[i].x, cases[i].decimals, buf);
        if (strcmp(buf, cases[i].want) != 0 || len != strlen(cases[i].want)) {
            print_error("%s(%.17g, %d) = \"%s\", expected \"%s\"\n", name, cases[i].x,
                        cases[i].decimals, buf, cases[i].want);
            fail();
        }
    }
}

static void trim_table(void **state)
{
    (void)state;
    static const fixed_case cases[] = {
        {0.185, 3, "0.185"},
        {0.185, 6, "0.185"},
        {12, 2, "12"},
        {12.5, 2, "12.5"},
        {100, 0, "100"},
        {1000, 4, "1000"},
        {0, 2, "0"},
        {-0.001, 2, "0"},
        {-0.0, 0, "0"},
        {2.675, 2, "2.68"},
        {1.1, 6, "1.1"},
        {-1.10, 6, "-1.1"},
        {0.35, 9, "0.35"},
        {1e-12, 9, "0"},
        {1e20, 3, "100000000000000000000"},
        {0.0000015, 6, "0.000002"},
    };
    check_cases("numfmt_trim", numfmt_trim, cases, sizeof cases / sizeof cases[0]);
}

static void grouped_table(void **state)
{
    (void)state;
    static const fixed_case cases[] = {
        {0, 0, "0"},
        {999, 0, "999"},
        {1000, 0, "1,000"},
        {-1000, 0, "-1,000"},
        {-999.5, 0, "-1,000"}, /* rounded first, then grouped */
        {123456.789, 2, "123,456.79"},
        {1234567, 4, "1,234,567.0000"},
        {-12345.6, 2, "-12,345.60"},
        {0.12345, 4, "0.1235"},
        {-0.001, 2, "0.00"},
        {1e9, 0, "1,000,000,000"},
    };
    check_cases("numfmt_grouped", numfmt_grouped, cases, sizeof cases / sizeof cases[0]);
}

/* -DBL_MAX with 9 decimals: 309 digits in 103 groups (the first of three, "179"), so 102
 * commas, a sign, a point and 9 zeros: 422 bytes, more than NUMFMT_MAX. */
static void grouped_dbl_max(void **state)
{
    (void)state;
    char buf[NUMFMT_GROUPED_MAX];
    size_t len = numfmt_grouped(-DBL_MAX, 9, buf);
    assert_int_equal(len, 1 + 309 + 102 + 1 + 9);
    assert_int_equal(strncmp(buf, "-179,769,313,486,232,000,", 25), 0);
    assert_string_equal(buf + len - 14, ",000.000000000");
}

static void round_values(void **state)
{
    (void)state;
    /* exact comparisons: the result is the double nearest the written decimal */
    assert_true(numfmt_round(2.675, 2) == 2.68);
    assert_true(numfmt_round(1.005, 2) == 1.01);
    assert_true(numfmt_round(-2.675, 2) == -2.68);
    assert_true(numfmt_round(0.285, 2) == 0.29);
    assert_true(numfmt_round(1234567.895, 2) == 1234567.9);
    assert_true(numfmt_round(999999999999.995, 2) == 1000000000000.0);
    assert_true(numfmt_round(0.5, 0) == 1.0);
    assert_true(numfmt_round(-0.5, 0) == -1.0);
    assert_true(numfmt_round(0.1 + 0.2, 9) == 0.3);
    assert_true(numfmt_round(5e-10, 9) == 1e-9);
    assert_true(numfmt_round(1234567890123456789.0, 0) == 1234567890123460000.0);
    assert_true(numfmt_round(-9.87654321098765e25, 0) == -9.87654321098765e25);
    /* 15 digits of DBL_MAX, 1.79769313486232e308, are beyond DBL_MAX: it stays itself */
    assert_true(numfmt_round(DBL_MAX, 0) == DBL_MAX);
    assert_true(numfmt_round(-DBL_MAX, 2) == -DBL_MAX);
    assert_true(numfmt_round(1.7976931348623e308, 0) == 1.7976931348623e308);
    double z = numfmt_round(-0.001, 2);
    assert_true(z == 0 && !signbit(z));
}

/* ---- the reference: decimal rounding on text ---- */

/* Adds one to the last digit of the digit string s (no sign or point); may grow it by one. */
static void ref_increment(char *s)
{
    size_t n = strlen(s);
    for (size_t i = n; i-- > 0;) {
        if (s[i] != '9') {
            s[i]++;
            return;
        }
        s[i] = '0';
    }
    memmove(s + 1, s, n + 1);
    s[0] = '1';
}

/*
 * The contract spelled out on text: 15 significant digits half away from zero, then
 * `decimals` places half away from zero, no negative zero.  glibc prints "%.40e" from the
 * exact binary value, so 41 digits leave no doubt about which side of a half it lies.
 */
static void ref_fixed(double x, int decimals, char *out)
{
    char e40[64];
    snprintf(e40, sizeof e40, "%.40e", fabs(x));
    char sig[20] = {0};
    sig[0] = e40[0];
    memcpy(sig + 1, e40 + 2, 14); /* 15 significant digits */
    int exp10 = atoi(strchr(e40, 'e') + 1);
    if (e40[2 + 14] >= '5') {
        ref_increment(sig);
        if (strlen(sig) > 15) {
            sig[15] = '\0';
            exp10++;
        }
    }
    if (x == 0)
        memset(sig, '0', 15), exp10 = 0;
    /* the value is 0.SIG × 10^(exp10 + 1): lay it out as integer and fraction digits */
    char whole[400] = "", frac[400] = "";
    int point = exp10 + 1;
    if (point > 0) {
        for (int i = 0; i < point; i++)
            whole[i] = i < 15 ? sig[i] : '0';
        whole[point] = '\0';
        if (point < 15)
            strcpy(frac, sig + point);
    } else {
        strcpy(whole, "0");
        memset(frac, '0', (size_t)-point);
        strcpy(frac + (-point), sig);
    }
    bool up = (int)strlen(frac) > decimals && frac[decimals] >= '5';
    size_t flen = strlen(frac);
    for (size_t i = flen; i < (size_t)decimals; i++)
        frac[i] = '0';
    frac[decimals] = '\0';
    char digits[800];
    snprintf(digits, sizeof digits, "%s%s", whole, frac);
    if (up)
        ref_increment(digits);
    size_t n = strlen(digits);
    size_t int_len = n - (size_t)decimals;
    bool nonzero = strspn(digits, "0") != n;
    char *p = out;
    if (x < 0 && nonzero)
        *p++ = '-';
    size_t skip = 0; /* leading zeros of the integer part, keeping one */
    while (skip + 1 < int_len && digits[skip] == '0')
        skip++;
    memcpy(p, digits + skip, int_len - skip);
    p += int_len - skip;
    if (decimals > 0) {
        *p++ = '.';
        memcpy(p, digits + int_len, (size_t)decimals);
        p += decimals;
    }
    *p = '\0';
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void compare_with_reference(double x, int decimals)
{
    char want[NUMFMT_MAX];
    ref_fixed(x, decimals, want);
    check_fixed(x, decimals, want);
}

static void reference_self_check(void **state)
{
    (void)state;
    /* the reference must itself agree with hand-written answers */
    char out[NUMFMT_MAX];
    ref_fixed(2.675, 2, out);
    assert_string_equal(out, "2.68");
    ref_fixed(-0.001, 2, out);
    assert_string_equal(out, "0.00");
    ref_fixed(999999999999.995, 2, out);
    assert_string_equal(out, "1000000000000.00");
    ref_fixed(1234567890123456789.0, 1, out);
    assert_string_equal(out, "1234567890123460000.0");
    ref_fixed(0.0000015, 6, out);
    assert_string_equal(out, "0.000002");
    ref_fixed(0, 3, out);
    assert_string_equal(out, "0.000");
}

/* Values with at most 6 decimal digits, as a model's prices and totals are. */
static void random_short_decimals(void **state)
{
    (void)state;
    static const double pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    for (int i = 0; i < 200000; i++) {
        uint64_t r = rng_next();
        int k = (int)(r % 7);
        int decimals = (int)((r >> 3) % 7);
        bool negative = (r >> 6) & 1;
        uint64_t limit = (r >> 7) & 1 ? 1000000000000ULL : 100000ULL;
        double n = (double)(rng_next() % limit);
        double x = n / pow10[k];
        compare_with_reference(negative ? -x : x, decimals);
    }
}

/* Any double from 1e-11 to 1e23, any number of decimals. */
static void random_doubles(void **state)
{
    (void)state;
    for (int i = 0; i < 200000; i++) {
        uint64_t r = rng_next();
        int decimals = (int)(r % 10);
        bool negative = (r >> 4) & 1;
        int binary_exp = (int)((r >> 5) % 115) - 37 - 52; /* 2^-37 .. 2^77 */
        double mantissa = (double)(rng_next() >> 11);     /* 53 random bits */
        double x = ldexp(mantissa, binary_exp);
        compare_with_reference(negative ? -x : x, decimals);
    }
}

/* The integer v written with `decimals` places: (1234, 2) -> "12.34", (5, 3) -> "0.005". */
static void with_point(long v, int decimals, char *out)
{
    char digits[64];
    int n = snprintf(digits, sizeof digits, "%0*ld", decimals + 1, v);
    memcpy(out, digits, (size_t)(n - decimals));
    out += n - decimals;
    if (decimals > 0) {
        *out++ = '.';
        memcpy(out, digits + n - decimals, (size_t)decimals);
        out += decimals;
    }
    *out = '\0';
}

/* Every (n + 0.5) / 10^d rounds away from zero to (n + 1) / 10^d. */
static void halves_round_away(void **state)
{
    (void)state;
    static const double pow10[] = {1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};
    for (int d = 0; d <= 6; d++) {
        for (long n = 0; n < 3000; n++) {
            double x = (double)(n * 10 + 5) / pow10[d];
            char up[64], down[64];
            with_point(n + 1, d, up);
            down[0] = '-';
            strcpy(down + 1, up);
            check_fixed(x, d, up);
            check_fixed(-x, d, down);
        }
    }
}

/* A locale with a decimal comma must not change the output. */
static void decimal_comma_locale(void **state)
{
    (void)state;
    if (!set_decimal_comma_locale())
        skip();
    char buf[NUMFMT_MAX];
    numfmt_fixed(1234.5, 2, buf);
    char fixed[NUMFMT_MAX];
    strcpy(fixed, buf);
    numfmt_trim(0.185, 6, buf);
    char trimmed[NUMFMT_MAX];
    strcpy(trimmed, buf);
    numfmt_fixed(1234567890123456789.0, 2, buf);
    double r = numfmt_round(2.675, 2);
    setlocale(LC_NUMERIC, "C");
    assert_string_equal(fixed, "1234.50");
    assert_string_equal(trimmed, "0.185");
    assert_string_equal(buf, "1234567890123460000.00");
    assert_true(r == 2.68);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fixed_table),           cmocka_unit_test(fixed_dbl_max),
        cmocka_unit_test(fixed_not_finite),      cmocka_unit_test(trim_table),
        cmocka_unit_test(grouped_table),         cmocka_unit_test(grouped_dbl_max),
        cmocka_unit_test(round_values),          cmocka_unit_test(reference_self_check),
        cmocka_unit_test(random_short_decimals), cmocka_unit_test(random_doubles),
        cmocka_unit_test(halves_round_away),     cmocka_unit_test(decimal_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
