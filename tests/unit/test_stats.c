/*
 * test_stats: unit tests for engine/core/stats.c.
 *
 * Percentiles are checked against numpy's documented definition (its 'linear' method)
 * applied to a copy sorted with qsort in this file: the independent reference for the
 * selection the code under test does instead of sorting.  Means and standard deviations
 * are worked out by hand in the comments.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "rng.h"
#include "stats.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/*
 * The reference: sort a copy, then numpy's 'linear' method, h = (n - 1) p,
 * x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 */
static double reference_percentile(const double *x, size_t n, double p)
{
    double *s = malloc(n * sizeof *s);
    assert_non_null(s);
    memcpy(s, x, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_double);
    double h = (double)(n - 1) * p, f = floor(h);
    size_t k = (size_t)f;
    double v = k + 1 < n ? s[k] + (h - f) * (s[k + 1] - s[k]) : s[n - 1];
    free(s);
    return v;
}

/* Fails unless stats_percentiles agrees exactly with the reference on every p. */
static void expect_reference(const double *x, size_t n, const double *p, size_t np)
{
    double *copy = malloc(n * sizeof *copy), *out = malloc(np * sizeof *out);
    assert_non_null(copy);
    assert_non_null(out);
    memcpy(copy, x, n * sizeof *copy);
    assert_true(stats_percentiles(x, n, p, np, out));
    assert_memory_equal(copy, x, n * sizeof *copy); /* the input is left alone */
    for (size_t j = 0; j < np; j++) {
        double want = reference_percentile(x, n, p[j]);
        if (out[j] != want) {
            print_error("n = %zu, p = %g: got %.17g, the sorted reference gives %.17g\n", n, p[j],
                        out[j], want);
            fail();
        }
    }
    free(copy);
    free(out);
}

static void test_numpy_example(void **state)
{
    (void)state;
    /* numpy.percentile([1, 2, 3, 4], q) with the default method: h = 3 p;
     * p 0.5 -> h 1.5 -> 2.5; p 0.05 -> h 0.15 -> 1.15; p 0.95 -> h 2.85 -> 3.85. */
    static const double x[] = {4, 1, 3, 2};
    static const double p[] = {0.5, 0.05, 0.95, 0, 1};
    double out[5];
    assert_true(stats_percentiles(x, 4, p, 5, out));
    assert_double_near(out[0], 2.5, 1e-15);
    assert_double_near(out[1], 1.15, 1e-15);
    assert_double_near(out[2], 3.85, 1e-15);
    assert_true(out[3] == 1);
    assert_true(out[4] == 4);
}

static void test_against_sorted_reference(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 2, 3, 4, 5, 10, 15, 16, 17, 31, 100, 1001, 10007};
    static const double p[] = {0, 0.05, 0.5, 0.95, 1};
    static const double shuffled[] = {0.95, 0.05, 1, 0.5, 0.05, 0, 0.25, 0.999, 0.001, 0.75};
    rng r;
    rng_seed(&r, 31337);
    for (size_t s = 0; s < COUNT(sizes); s++) {
        size_t n = sizes[s];
        double *x = malloc(n * sizeof *x);
        assert_non_null(x);
        for (size_t i = 0; i < n; i++)
            x[i] = 1000 * rng_normal(&r);
        expect_reference(x, n, p, COUNT(p));
        expect_reference(x, n, shuffled, COUNT(shuffled)); /* any order, repeats */
        for (size_t j = 0; j < COUNT(p); j++)
            expect_reference(x, n, &p[j], 1); /* one at a time */
        free(x);
    }
}

static void test_awkward_inputs(void **state)
{
    (void)state;
    /* Orders and repeats that defeat naive quickselects: sorted, reversed, constant,
     * few distinct values, organ pipe, sawtooth. */
    enum { N = 100003 };
    static const double p[] = {0, 0.01, 0.05, 0.5, 0.95, 0.99, 1};
    double *x = malloc(N * sizeof *x);
    assert_non_null(x);
    rng r;
    rng_seed(&r, 4);
    for (int pattern = 0; pattern < 7; pattern++) {
        for (size_t i = 0; i < N; i++) {
            switch (pattern) {
            case 0:
                x[i] = (double)i;
                break;
            case 1:
                x[i] = (double)(N - i);
                break;
            case 2:
                x[i] = 42;
                break;
            case 3:
                x[i] = (double)(rng_next(&r) % 5);
                break;
            case 4:
                x[i] = (double)(i < N / 2 ? i : N - i);
                break;
            case 5:
                x[i] = (double)(i % 1000);
                break;
            default:
                x[i] = rng_uniform(&r) < 0.5 ? -0.0 : 0.0;
                break;
            }
        }
        expect_reference(x, N, p, COUNT(p));
    }
    free(x);
}

static void test_errors_and_nan(void **state)
{
    (void)state;
    static const double x[] = {3, 1, 2};
    double out[2] = {-7, -7};
    static const double ok[] = {0.5, 0.1};
    assert_false(stats_percentiles(x, 0, ok, 2, out));
    static const double below[] = {0.5, -0.01};
    assert_false(stats_percentiles(x, 3, below, 2, out));
    static const double above[] = {1.01};
    assert_false(stats_percentiles(x, 3, above, 1, out));
    static const double nan_p[] = {NAN};
    assert_false(stats_percentiles(x, 3, nan_p, 1, out));
    assert_true(out[0] == -7 && out[1] == -7); /* nothing written on failure */
    assert_true(stats_percentiles(x, 3, ok, 0, out));

    /* numpy.percentile of data holding a NaN is NaN. */
    static const double with_nan[] = {1, NAN, 3};
    assert_true(stats_percentiles(with_nan, 3, ok, 2, out));
    assert_true(isnan(out[0]) && isnan(out[1]));

    /* Infinite values: a percentile that falls on one is that infinity. */
    static const double inf[] = {1, INFINITY, INFINITY, -INFINITY};
    static const double pi[] = {0, 1, 0.9, 0.5};
    double o[4];
    assert_true(stats_percentiles(inf, 4, pi, 4, o));
    assert_true(o[0] == -INFINITY && o[1] == INFINITY && o[2] == INFINITY);
    assert_true(isinf(o[3])); /* 1 + 0.5 (inf - 1) */
}

static void test_mean_sd(void **state)
{
    (void)state;
    /* {2, 4, 4, 4, 5, 5, 7, 9}: sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32,
     * sample sd sqrt(32 / 7) = 2.1380899352993950. */
    static const double x[] = {2, 4, 4, 4, 5, 5, 7, 9};
    assert_double_near(stats_mean(x, 8), 5, 1e-15);
    assert_double_near(stats_sd(x, 8), 2.138089935299395, 1e-15);
    assert_true(stats_mean(x, 0) == 0);
    assert_true(stats_mean(x, 1) == 2);
    assert_true(stats_sd(x, 1) == 0);
    assert_true(stats_sd(x, 0) == 0);
    static const double same[] = {0.1, 0.1, 0.1};
    assert_true(stats_sd(same, 3) == 0);

    /* A large offset: 1e9 + {0.1, 0.2, 0.3} has mean 1e9 + 0.2 and sd 0.1 (a naive sum of
     * squares minus the square of the sum would lose every digit). */
    static const double off[] = {1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3};
    assert_double_near(stats_mean(off, 3), 1e9 + 0.2, 1e-6);
    assert_double_near(stats_sd(off, 3), 0.1, 1e-7);

    /* A million values i / 1e6, i = 0..999999: mean 0.4999995; sd of a discrete uniform,
     * sqrt((n^2 - 1) / 12) / 1e6 scaled by sqrt(n / (n - 1)): sqrt(n (n + 1) / 12) / 1e6. */
    enum { N = 1000000 };
    double *y = malloc(N * sizeof *y);
    assert_non_null(y);
    for (size_t i = 0; i < N; i++)
        y[i] = (double)i / 1e6;
    assert_double_near(stats_mean(y, N), 0.4999995, 1e-13);
    assert_double_near(stats_sd(y, N), sqrt(1e6 * 1000001.0 / 12) / 1e6, 1e-12);
    free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numpy_example),  cmocka_unit_test(test_against_sorted_reference),
        cmocka_unit_test(test_awkward_inputs), cmocka_unit_test(test_errors_and_nan),
        cmocka_unit_test(test_mean_sd),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
