/*
 * numfmt: numbers as text the way a spreadsheet's ROUND sees them, without printf.
 *
 * A value is reduced to a decimal ±q × 10^exp in two exact steps:
 *
 *   1. 15 significant digits: |x| becomes an integer mantissa m (10^14 <= m <= 10^15) and
 *      an exponent, rounded half away from zero.  Below 10^15 this is one multiplication
 *      by an exact power of ten, whose rounding error is recovered with fma near a tie
 *      (below 10^-8 it takes two multiplications and the tie is judged on the rounded
 *      product: only a value within about 10^-16 of a half at the 9th decimal could come
 *      out on the other side).  From 10^15 up the integer part is printed exactly
 *      ("%.0f": no decimal point, so no locale) and its digits are rounded as text.
 *   2. `decimals` places: integer division of m by a power of ten, half away from zero.
 *
 * The digits of q are then written by hand.  The common case (|x| < 10^15) calls no
 * printf-family function and never looks at the locale.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

#define MAX_DECIMALS 9
#define SIG_DIGITS 15

/* Every |x| below this rounds to zero at MAX_DECIMALS places (it is under 0.5e-9). */
#define TINY 1e-10

/* 10^0 .. 10^22, each exactly representable as a double. */
static const double pow10_exact[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* 10^0 .. 10^19, the powers of ten a uint64_t holds. */
static const uint64_t pow10_int[] = {
    1ULL,
    10ULL,
    100ULL,
    1000ULL,
    10000ULL,
    100000ULL,
    1000000ULL,
    10000000ULL,
    100000000ULL,
    1000000000ULL,
    10000000000ULL,
    100000000000ULL,
    1000000000000ULL,
    10000000000000ULL,
    100000000000000ULL,
    1000000000000000ULL,
    10000000000000000ULL,
    100000000000000000ULL,
    1000000000000000000ULL,
    10000000000000000000ULL,
};

/* A rounded value: ±digits × 10^exponent, digits <= 10^15 (so below 2^53). */
typedef struct {
    bool negative;   /* written with a '-' (never set when digits is 0) */
    uint64_t digits; /* the significant digits as an integer */
    int exponent;    /* the power of ten digits is scaled by */
} decimal;

static int clamp_decimals(int decimals)
{
    return decimals < 0 ? 0 : decimals > MAX_DECIMALS ? MAX_DECIMALS : decimals;
}

/* a × 10^scale as the nearest double (scale 0..24); beyond 10^22 two roundings. */
static double scaled(double a, int scale)
{
    if (scale <= 22)
        return a * pow10_exact[scale];
    return a * pow10_exact[22] * pow10_exact[scale - 22];
}

/*
 * a × 10^scale rounded to an integer, half away from zero (a > 0, result < 2^53).
 * For scale <= 22 the tie is decided on the exact product: fma gives the rounding error
 * of a × 10^scale exactly, and it only matters when the rounded product is near a half.
 */
static uint64_t round_scaled(double a, int scale)
{
    double p = scaled(a, scale);
    double whole = floor(p);
    double above_half = (p - whole) - 0.5; /* exact: p < 2^53 and p - whole is in [0, 1) */
    if (scale <= 22 && fabs(above_half) < 0.25) {
        double error = fma(a, pow10_exact[scale], -p); /* a × 10^scale = p + error exactly */
        return (uint64_t)whole + (above_half >= -error ? 1 : 0);
    }
    return (uint64_t)whole + (above_half >= 0 ? 1 : 0);
}

/*
 * 15 significant digits of 1e-10 <= a < 1e15: *mantissa in [10^14, 10^15] and
 * a ≈ *mantissa × 10^*exponent.
 */
static void significant_small(double a, uint64_t *mantissa, int *exponent)
{
    /* floor(log10(a)) is this estimate or one more: 2^k <= a < 2^(k+1), k = ilogb(a). */
    int e = (int)floor(ilogb(a) * 0.30102999566398120);
    if (e < -10)
        e = -10;
    if (e < SIG_DIGITS - 1 && scaled(a, SIG_DIGITS - 1 - e) >= 1e15)
        e++;
    *mantissa = round_scaled(a, SIG_DIGITS - 1 - e);
    *exponent = e - (SIG_DIGITS - 1);
}

/*
 * 15 significant digits of a >= 1e15.  The integer part is printed exactly; dropping
 * the fraction cannot change the rounding, because the digits dropped by the rounding
 * are whole numbers and a half of them is a whole number too.
 */
static void significant_huge(double a, uint64_t *mantissa, int *exponent)
{
    char text[NUMFMT_MAX];
    int len = snprintf(text, sizeof text, "%.0f", trunc(a));
    uint64_t m = 0;
    for (int i = 0; i < SIG_DIGITS; i++)
        m = m * 10 + (uint64_t)(text[i] - '0');
    if (text[SIG_DIGITS] >= '5')
        m++;
    *mantissa = m;
    *exponent = len - SIG_DIGITS;
}

/* x (finite) rounded the spreadsheet way to `decimals` places (0..9). */
static decimal decimal_round(double x, int decimals)
{
    decimal d = {false, 0, -decimals};
    double a = fabs(x);
    if (a < TINY)
        return d;
    uint64_t m;
    int e;
    if (a < 1e15)
        significant_small(a, &m, &e);
    else
        significant_huge(a, &m, &e);
    int drop = -e - decimals; /* digits of m below the last decimal place */
    if (drop <= 0) {
        d.digits = m;
        d.exponent = e;
    } else if (drop <= SIG_DIGITS + 1) {
        uint64_t div = pow10_int[drop];
        d.digits = m / div + (m % div >= div / 2 ? 1 : 0);
    } /* else m < 10^16 / 2 and the value rounds to zero */
    d.negative = x < 0 && d.digits != 0;
    return d;
}

/* Writes the decimal digits of v (at least one) at p; returns the count. */
static size_t put_uint(uint64_t v, char *p)
{
    char tmp[20];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        p[i] = tmp[n - 1 - i];
    return n;
}

/* Writes exactly `width` digits of v (v < 10^width), with leading zeros. */
static size_t put_uint_padded(uint64_t v, int width, char *p)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return (size_t)width;
}

static size_t put_zeros(int count, char *p)
{
    for (int i = 0; i < count; i++)
        p[i] = '0';
    return count > 0 ? (size_t)count : 0;
}

/* Writes d with exactly `decimals` places (d.exponent >= -decimals); returns the length. */
static size_t write_decimal(decimal d, int decimals, char *buf)
{
    char *p = buf;
    if (d.negative)
        *p++ = '-';
    int fraction = d.exponent < 0 ? -d.exponent : 0; /* places held in d.digits */
    p += put_uint(d.digits / pow10_int[fraction], p);
    if (d.exponent > 0)
        p += put_zeros(d.exponent, p);
    if (decimals > 0) {
        *p++ = '.';
        p += put_uint_padded(d.digits % pow10_int[fraction], fraction, p);
        p += put_zeros(decimals - fraction, p);
    }
    *p = '\0';
    return (size_t)(p - buf);
}

size_t numfmt_fixed(double x, int decimals, char *buf)
{
    if (!isfinite(x)) {
        buf[0] = '0', buf[1] = '\0';
        return 0;
    }
    decimals = clamp_decimals(decimals);
    return write_decimal(decimal_round(x, decimals), decimals, buf);
}

size_t numfmt_trim(double x, int decimals, char *buf)
{
    size_t len = numfmt_fixed(x, decimals, buf);
    if (len == 0 || clamp_decimals(decimals) == 0)
        return len;
    while (buf[len - 1] == '0')
        len--;
    if (buf[len - 1] == '.')
        len--;
    buf[len] = '\0';
    return len;
}

size_t numfmt_grouped(double x, int decimals, char *buf)
{
    char plain[NUMFMT_MAX];
    numfmt_fixed(x, decimals, plain);
    const char *digits = plain[0] == '-' ? plain + 1 : plain;
    size_t whole = strcspn(digits, "."), o = 0;
    if (digits != plain)
        buf[o++] = '-';
    for (size_t i = 0; i < whole; i++) {
        if (i > 0 && (whole - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    size_t rest = strlen(digits + whole);
    memcpy(buf + o, digits + whole, rest + 1);
    return o + rest;
}

/*
 * The nearest double to the decimal numfmt_fixed writes.  digits < 2^53 and the power of
 * ten is exact up to 10^22, so one correctly rounded multiply or divide gives it; larger
 * exponents only come from huge values, read back from their own digits (no decimal
 * point, so strtod needs no locale).  Near DBL_MAX the 15 digits can exceed the largest
 * double (1.79769313486232e308); then x itself is returned, never an infinity.
 */
double numfmt_round(double x, int decimals)
{
    if (!isfinite(x))
        return 0;
    decimals = clamp_decimals(decimals);
    decimal d = decimal_round(x, decimals);
    double v;
    if (d.exponent < 0)
        v = (double)d.digits / pow10_exact[-d.exponent];
    else if (d.exponent <= 22)
        v = (double)d.digits * pow10_exact[d.exponent];
    else {
        char buf[NUMFMT_MAX];
        write_decimal((decimal){false, d.digits, d.exponent}, 0, buf);
        v = strtod(buf, NULL);
        if (!isfinite(v))
            return x;
    }
    return d.negative ? -v : v;
}
