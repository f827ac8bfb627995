/*
 * test_rng: unit tests for engine/core/rng.c.
 *
 * Exact expectations come from sources outside the code under test, named beside each:
 * the generators' published reference code (re-run in Python's arbitrary-precision
 * integers), the FNV test vectors, and values computed with mpmath 1.3.0 at 40 digits.
 * Distribution checks draw a fixed-seed sample (so they are deterministic) and compare
 * with the exact distribution at tolerances of about five standard errors or more.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "rng.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define BIG 1000000

/* Fails unless |actual - expected| <= rel |expected|. */
#define assert_double_rel(actual, expected, rel)                                                   \
    assert_double_near((actual), (expected), (rel)*fabs((double)(expected)))

static double *alloc_doubles(size_t n)
{
    double *p = malloc(n * sizeof *p);
    assert_non_null(p);
    return p;
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* The p quantile of the sorted s[0..n-1], by linear interpolation (numpy's default). */
static double sorted_quantile(const double *s, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t k = (size_t)floor(h);
    if (k + 1 >= n)
        return s[n - 1];
    return s[k] + (h - (double)k) * (s[k + 1] - s[k]);
}

static double fraction_below(const double *x, size_t n, double limit)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += x[i] < limit;
    return (double)c / (double)n;
}

static double fraction_above(const double *x, size_t n, double limit)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += x[i] > limit;
    return (double)c / (double)n;
}

static double mean_of(const double *x, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i];
    return s / (double)n;
}

static double sd_of(const double *x, size_t n)
{
    double m = mean_of(x, n), ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - m) * (x[i] - m);
    return sqrt(ss / (double)(n - 1));
}

static range make_range(double lo, double hi, range_dist dist, double mode)
{
    range r;
    core_error err;
    assert_true(range_make(lo, hi, &r, &err));
    r.dist = dist;
    r.mode = mode;
    r.id = 1;
    return r;
}

/* ---- the generators -------------------------------------------------------------------- */

static void test_splitmix64_reference(void **state)
{
    (void)state;
    /* Vigna's splitmix64.c (prng.di.unimi.it), seeded with 1234567: the first five outputs,
     * re-computed with Python integers from the reference code. */
    static const uint64_t expected[] = {6457827717110365317u, 3203168211198807973u,
                                        9817491932198370423u, 4593380528125082431u,
                                        16408922859458223821u};
    uint64_t x = 1234567;
    for (size_t i = 0; i < COUNT(expected); i++)
        assert_true(rng_splitmix64(&x) == expected[i]);

    /* rng_seed fills the state with the first four of them. */
    rng r;
    rng_seed(&r, 1234567);
    for (int i = 0; i < 4; i++)
        assert_true(r.s[i] == expected[i]);
}

static void test_xoshiro_reference(void **state)
{
    (void)state;
    /* xoshiro256** reference C (Blackman and Vigna) from the state {1, 2, 3, 4}: by hand, the
     * first is rotl(2 * 5, 7) * 9 = 1280 * 9 = 11520, and s[1] becomes 0, so the second is 0;
     * the rest re-computed with Python integers from the reference code. */
    static const uint64_t expected[] = {
        11520u, 0u, 1509978240u, 1215971899390074240u, 1216172134540287360u, 607988272756665600u};
    rng r = {{1, 2, 3, 4}};
    for (size_t i = 0; i < COUNT(expected); i++)
        assert_true(rng_next(&r) == expected[i]);
}

/* The inverse of an odd a modulo 2^64, by Newton's iteration x <- x (2 - a x). */
static uint64_t inverse_mod64(uint64_t a)
{
    uint64_t x = a; /* correct to 3 bits for odd a; each step doubles the bits */
    for (int i = 0; i < 6; i++)
        x *= 2 - a * x;
    return x;
}

/* A state whose next xoshiro256** output is `out`: s[1] = rotr(out / 9, 7) / 5. */
static rng state_giving(uint64_t out)
{
    uint64_t y = out * inverse_mod64(9);
    y = (y >> 7) | (y << 57);
    rng r = {{0, y * inverse_mod64(5), 0, 0}};
    return r;
}

static void test_uniform_open_interval(void **state)
{
    (void)state;
    rng r = state_giving(0);
    assert_true(rng_next(&r) == 0); /* the construction works */

    /* The extremes: all-zero and all-one outputs give 2^-53 and 1 - 2^-53. */
    r = state_giving(0);
    double u = rng_uniform(&r);
    assert_true(u > 0);
    assert_true(u == 0x1p-53);
    r = state_giving(UINT64_MAX);
    u = rng_uniform(&r);
    assert_true(u < 1);
    assert_true(u == 1 - 0x1p-53);

    /* A million draws: all inside (0, 1), mean 1/2 (standard error 0.0003), a tenth below
     * 0.1 (standard error 0.0003). */
    rng_seed(&r, 7);
    double *x = alloc_doubles(BIG);
    for (size_t i = 0; i < BIG; i++) {
        x[i] = rng_uniform(&r);
        assert_true(x[i] > 0 && x[i] < 1);
    }
    assert_double_near(mean_of(x, BIG), 0.5, 0.002);
    assert_double_near(fraction_below(x, BIG, 0.1), 0.1, 0.002);
    free(x);
}

/* The splitmix64 finaliser, from Vigna's splitmix64.c. */
static uint64_t reference_mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void test_hash(void **state)
{
    (void)state;
    const uint64_t basis = 0xcbf29ce484222325u; /* the FNV-1a 64-bit offset basis */
    /* FNV-1a 64-bit test vectors (Fowler, Noll and Vo): "" -> the basis,
     * "a" -> 0xaf63dc4c8601ec8c, "foobar" -> 0x85944171f73967e8; then the finaliser. */
    assert_true(rng_hash(basis, "", 0) == reference_mix(basis));
    assert_true(rng_hash(basis, NULL, 0) == reference_mix(basis));
    assert_true(rng_hash(basis, "a", 1) == reference_mix(0xaf63dc4c8601ec8cu));
    assert_true(rng_hash(basis, "foobar", 6) == reference_mix(0x85944171f73967e8u));

    /* Chained derivations: deterministic, and sensitive to every part. */
    uint64_t seed = 42;
    const char *path = "models/aws.lua";
    int id = 3;
    uint64_t a = rng_hash(rng_hash(seed, path, strlen(path)), &id, sizeof id);
    uint64_t b = rng_hash(rng_hash(seed, path, strlen(path)), &id, sizeof id);
    assert_true(a == b);
    int id2 = 4;
    assert_true(a != rng_hash(rng_hash(seed, path, strlen(path)), &id2, sizeof id2));
    assert_true(a != rng_hash(rng_hash(43, path, strlen(path)), &id, sizeof id));
    assert_true(rng_hash(seed, "ab", 2) != rng_hash(seed, "ba", 2));
    assert_true(rng_hash(rng_hash(seed, "ab", 2), "c", 1) !=
                rng_hash(rng_hash(seed, "a", 1), "bc", 2));
}

/* ---- the normal distribution ----------------------------------------------------------- */

static void test_normal_quantile_values(void **state)
{
    (void)state;
    /* mpmath: sqrt(2) erfinv(2p - 1), or the root of ncdf(x) = p in the far tail. */
    static const struct {
        double p, z;
    } cases[] = {
        {0.975, 1.959963984540054},   {0.95, 1.6448536269514722},    {0.05, -1.6448536269514722},
        {1e-10, -6.361340902404056},  {1e-300, -37.047096299361199}, {1e-20, -9.2623400897984076},
        {0.001, -3.0902323061678135}, {0.999, 3.0902323061678135},   {0.02425, -1.9729610513118849},
        {0.3, -0.52440051270804078},  {0.7, 0.52440051270804078},
    };
    for (size_t i = 0; i < COUNT(cases); i++)
        assert_double_rel(rng_normal_quantile(cases[i].p), cases[i].z, 1e-14);
    assert_true(rng_normal_quantile(0.5) == 0);
    assert_true(rng_normal_quantile(0) == -INFINITY);
    assert_true(rng_normal_quantile(1) == INFINITY);
    assert_true(isnan(rng_normal_quantile(-0.1)));
    assert_true(isnan(rng_normal_quantile(1.5)));
    assert_true(isnan(rng_normal_quantile(NAN)));
}

static void test_normal_cdf_values(void **state)
{
    (void)state;
    /* mpmath ncdf */
    assert_double_rel(rng_normal_cdf(1.96), 0.9750021048517795, 1e-15);
    assert_double_rel(rng_normal_cdf(-1.96), 0.024997895148220434, 1e-14);
    assert_double_rel(rng_normal_cdf(0.5), 0.6914624612740131, 1e-15);
    assert_double_rel(rng_normal_cdf(3), 0.9986501019683699, 1e-15);
    assert_double_rel(rng_normal_cdf(-10), 7.619853024160526e-24, 1e-13);
    assert_true(rng_normal_cdf(0) == 0.5);
}

static void test_normal_quantile_round_trip(void **state)
{
    (void)state;
    /* Phi(Phi^-1(p)) = p over many decades: relative to p in the lower tail, absolute near
     * 1.  In the tail d(ln Phi)/dz is about |z|, so a relative error of 1.1e-16 in z (or in
     * z / sqrt 2, inside either function) moves Phi by about z^2 1.1e-16 relative: 1.5e-13
     * at p = 1e-300 (z = -37).  The two functions each carry such an error; the tolerance
     * allows 4.5 times it. */
    for (double p = 1e-300; p < 0.5; p *= 3.7) {
        double z = rng_normal_quantile(p);
        assert_double_rel(rng_normal_cdf(z), p, 1e-14 + 5e-16 * z * z);
        double q = 1 - p; /* symmetric exactly, where 1 - p is exact */
        if (1 - q == p)
            assert_true(rng_normal_quantile(q) == -rng_normal_quantile(p));
    }
    for (int i = 1; i < 1000; i++) {
        double p = i / 1000.0;
        assert_double_near(rng_normal_cdf(rng_normal_quantile(p)), p, 4e-16);
        /* monotone */
        assert_true(rng_normal_quantile(p) < rng_normal_quantile(p + 0.0005));
    }
}

static void test_ziggurat_moments(void **state)
{
    (void)state;
    rng r;
    rng_seed(&r, 20240601);
    double *x = alloc_doubles(BIG);
    rng_fill_normal(&r, x, BIG);
    /* Standard errors for a million draws: mean 0.001, sd 0.0007, a 5% fraction 0.0002. */
    assert_double_near(mean_of(x, BIG), 0, 0.005);
    assert_double_near(sd_of(x, BIG), 1, 0.005);
    assert_double_near(fraction_below(x, BIG, -1.96) + fraction_above(x, BIG, 1.96), 0.05, 0.002);
    assert_double_near(fraction_below(x, BIG, 0), 0.5, 0.003);
    /* The tail beyond the base layer's r = 3.6541528853610088 comes from a separate
     * algorithm: P(|Z| > r) = 2.580e-4 (mpmath), 258 of a million, standard error 16. */
    double r0 = 3.6541528853610088;
    double tail = fraction_below(x, BIG, -r0) + fraction_above(x, BIG, r0);
    assert_double_near(tail * BIG, 258.03, 80);
    /* P(|Z| > 3) = 0.0026998 (mpmath): 2700 expected, standard error 52. */
    double beyond3 = fraction_below(x, BIG, -3) + fraction_above(x, BIG, 3);
    assert_double_near(beyond3 * BIG, 2699.8, 260);
    free(x);
}

static void test_ziggurat_chi_square(void **state)
{
    (void)state;
    /* 50 bins of equal normal probability (edges from the quantile function); for a million
     * draws the chi-square statistic, 49 degrees of freedom, exceeds 111.14 with
     * probability 1e-6 (mpmath: the regularised upper incomplete gamma). */
    enum { BINS = 50 };
    double edges[BINS - 1];
    for (int b = 1; b < BINS; b++)
        edges[b - 1] = rng_normal_quantile((double)b / BINS);
    double *x = alloc_doubles(BIG);
    rng r;
    rng_seed(&r, 99);
    for (size_t i = 0; i < BIG; i++)
        x[i] = rng_normal(&r);
    long counts[BINS] = {0};
    for (size_t i = 0; i < BIG; i++) {
        int lo = 0, hi = BINS - 1; /* the bin: the number of edges <= x */
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (x[i] >= edges[mid])
                lo = mid + 1;
            else
                hi = mid;
        }
        counts[lo]++;
    }
    double expected = (double)BIG / BINS, chi2 = 0;
    for (int b = 0; b < BINS; b++)
        chi2 += (counts[b] - expected) * (counts[b] - expected) / expected;
    if (!(chi2 < 111.14)) {
        print_error("chi-square %g with 49 degrees of freedom\n", chi2);
        fail();
    }
    free(x);
}

static void test_fill_normal_matches_normal(void **state)
{
    (void)state;
    rng a, b;
    rng_seed(&a, 5);
    rng_seed(&b, 5);
    enum { N = 20000 };
    double *x = alloc_doubles(N);
    rng_fill_normal(&a, x, N);
    for (size_t i = 0; i < N; i++)
        assert_true(x[i] == rng_normal(&b));
    assert_memory_equal(a.s, b.s, sizeof a.s);
    free(x);
}

/* ---- ranges ---------------------------------------------------------------------------- */

static void test_determinism(void **state)
{
    (void)state;
    static const range_dist dists[] = {RANGE_UNIFORM, RANGE_TRIANGULAR, RANGE_PERT, RANGE_NORMAL,
                                       RANGE_INTERVAL90};
    enum { N = 5000 };
    double *x = alloc_doubles(N), *y = alloc_doubles(N);
    for (size_t d = 0; d < COUNT(dists); d++) {
        range v = make_range(2, 9, dists[d], 3);
        rng a, b;
        rng_seed(&a, 11);
        rng_seed(&b, 11);
        rng_fill(&a, &v, x, N);
        rng_fill(&b, &v, y, N);
        assert_memory_equal(x, y, N * sizeof *x);
        rng_seed(&b, 12);
        rng_fill(&b, &v, y, N);
        assert_true(memcmp(x, y, N * sizeof *x) != 0);
    }
    free(x);
    free(y);
}

static void test_exact(void **state)
{
    (void)state;
    double x[10];
    rng r;
    rng_seed(&r, 1);
    range v = range_number(12.5);
    rng_fill(&r, &v, x, 10);
    for (int i = 0; i < 10; i++)
        assert_true(x[i] == 12.5);
    /* A range of zero width samples as its value, whatever its distribution. */
    v = make_range(7, 7, RANGE_INTERVAL90, 7);
    rng_fill(&r, &v, x, 10);
    for (int i = 0; i < 10; i++)
        assert_true(x[i] == 7);
    double u[3] = {0.1, 0.5, 0.9};
    rng_fill_from_uniforms(&v, u, x, 3);
    for (int i = 0; i < 3; i++)
        assert_true(x[i] == 7);
}

static void test_uniform_range(void **state)
{
    (void)state;
    range v = make_range(5, 7, RANGE_UNIFORM, 6);
    double *x = alloc_doubles(BIG);
    rng r;
    rng_seed(&r, 3);
    rng_fill(&r, &v, x, BIG);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < BIG; i++) {
        lo = fmin(lo, x[i]);
        hi = fmax(hi, x[i]);
    }
    assert_true(lo >= 5 && lo < 5.0001);
    assert_true(hi <= 7 && hi > 6.9999);
    assert_double_near(mean_of(x, BIG), 6, 0.003); /* standard error 0.0006 */
    assert_double_near(fraction_below(x, BIG, 5.5), 0.25, 0.003);
    free(x);
}

static void test_triangular(void **state)
{
    (void)state;
    /* lo 10, mode 12, hi 20: mean (10 + 12 + 20) / 3 = 14; sd sqrt(84 / 18) = 2.16, so the
     * standard error of the mean is 0.0022; F(12) = 2 / 10 = 0.2. */
    range v = make_range(10, 20, RANGE_TRIANGULAR, 12);
    double *x = alloc_doubles(BIG);
    rng r;
    rng_seed(&r, 4);
    rng_fill(&r, &v, x, BIG);
    for (size_t i = 0; i < BIG; i++)
        assert_true(x[i] >= 10 && x[i] <= 20);
    assert_double_near(mean_of(x, BIG), 14, 0.012);
    assert_double_near(fraction_below(x, BIG, 12), 0.2, 0.003);
    free(x);

    /* The inverse CDF by hand: at F(mode) the mode; at 1/2, 20 - sqrt(0.5 * 10 * 8). */
    assert_double_near(rng_inv_triangular(0.2, 10, 12, 20), 12, 1e-12);
    assert_double_near(rng_inv_triangular(0.5, 10, 12, 20), 13.675444679663241, 1e-12);
    /* left part: 10 + sqrt(0.05 * 10 * 2) = 11 */
    assert_double_near(rng_inv_triangular(0.05, 10, 12, 20), 11, 1e-12);
}

static void test_interval90_lognormal(void **state)
{
    (void)state;
    /* "200 to 400": lognormal with 5% below 200, 5% above 400 (standard error 0.0002) and
     * median sqrt(200 * 400) = 282.842712474619. */
    range v = make_range(200, 400, RANGE_INTERVAL90, 300);
    double *x = alloc_doubles(BIG);
    rng r;
    rng_seed(&r, 2024);
    rng_fill(&r, &v, x, BIG);
    assert_double_near(fraction_below(x, BIG, 200), 0.05, 0.003);
    assert_double_near(fraction_above(x, BIG, 400), 0.05, 0.003);
    qsort(x, BIG, sizeof *x, cmp_double);
    assert_double_rel(sorted_quantile(x, BIG, 0.5), 282.842712474619, 0.01);
    assert_true(x[0] > 0);
    free(x);

    /* Through the inverse CDF the 5th and 95th percentiles are exactly the ends. */
    double u[3] = {0.05, 0.5, 0.95}, q[3];
    rng_fill_from_uniforms(&v, u, q, 3);
    assert_double_rel(q[0], 200, 1e-13);
    assert_double_rel(q[1], 282.842712474619, 1e-13);
    assert_double_rel(q[2], 400, 1e-13);
}

static void test_normal_ranges(void **state)
{
    (void)state;
    /* "-100 to 100" (low not above 0): normal, mean 0, sd 100 / 1.6449 = 60.8, 5% each
     * side.  RANGE_NORMAL reads lo..hi the same way, whatever the sign of lo. */
    range a = make_range(-100, 100, RANGE_INTERVAL90, 0);
    range b = make_range(10, 20, RANGE_NORMAL, 15);
    double *x = alloc_doubles(BIG);
    rng r;
    rng_seed(&r, 6);
    rng_fill(&r, &a, x, BIG);
    assert_double_near(mean_of(x, BIG), 0, 0.3); /* standard error 0.06 */
    assert_double_near(sd_of(x, BIG), 100 / 1.6448536269514722, 0.3);
    assert_double_near(fraction_below(x, BIG, -100), 0.05, 0.002);
    assert_double_near(fraction_above(x, BIG, 100), 0.05, 0.002);
    rng_fill(&r, &b, x, BIG);
    assert_double_near(mean_of(x, BIG), 15, 0.02);
    assert_double_near(fraction_below(x, BIG, 10), 0.05, 0.002);
    assert_double_near(fraction_above(x, BIG, 20), 0.05, 0.002);
    free(x);

    double u[2] = {0.05, 0.95}, q[2];
    rng_fill_from_uniforms(&b, u, q, 2);
    assert_double_near(q[0], 10, 1e-12);
    assert_double_near(q[1], 20, 1e-12);
}

/* ---- beta, gamma and PERT -------------------------------------------------------------- */

static void test_beta_cdf(void **state)
{
    (void)state;
    /* Integer shapes: I_x(a, b) = P(Binomial(a + b - 1, x) >= a), so
     * I_0.2(3, 3) = 10 (0.2^3)(0.8^2) + 5 (0.2^4)(0.8) + 0.2^5 = 0.05792. */
    assert_double_near(rng_beta_cdf(0.2, 3, 3), 0.05792, 1e-14);
    /* I_x(1, 1) = x; I_x(5, 1) = x^5 */
    assert_double_near(rng_beta_cdf(0.37, 1, 1), 0.37, 1e-14);
    assert_double_near(rng_beta_cdf(0.8, 5, 1), pow(0.8, 5), 1e-14);
    /* mpmath betainc(a, b, 0, x, regularized=True) */
    static const struct {
        double x, a, b, want;
    } cases[] = {
        {0.3, 1.8, 4.2, 0.54823030426190501}, {0.2, 1.8, 4.2, 0.33158186178551874},
        {0.7, 4.2, 1.8, 0.45176969573809499}, {0.05, 0.5, 0.5, 0.14356629312870627},
        {0.5, 2.5, 7, 0.94110878151733589},   {0.9, 0.7, 3, 0.99945178162457496},
    };
    for (size_t i = 0; i < COUNT(cases); i++)
        assert_double_near(rng_beta_cdf(cases[i].x, cases[i].a, cases[i].b), cases[i].want, 1e-13);
    assert_true(rng_beta_cdf(0, 2, 3) == 0);
    assert_true(rng_beta_cdf(1, 2, 3) == 1);
    assert_true(rng_beta_cdf(-1, 2, 3) == 0);
    assert_true(isnan(rng_beta_cdf(0.5, 0, 3)));
}

static void test_beta_quantile(void **state)
{
    (void)state;
    static const double shapes[][2] = {{1.8, 4.2}, {3, 3},   {1, 1},     {5, 1},  {1, 5},
                                       {0.5, 0.5}, {0.7, 3}, {4.2, 1.8}, {2.5, 7}};
    for (size_t s = 0; s < COUNT(shapes); s++) {
        double a = shapes[s][0], b = shapes[s][1];
        for (int i = 1; i < 200; i++) {
            double p = i / 200.0;
            double x = rng_beta_quantile(p, a, b);
            assert_true(x > 0 && x < 1);
            assert_double_near(rng_beta_cdf(x, a, b), p, 1e-12);
        }
    }
    /* Closed forms: beta(5, 1) has CDF x^5, so its quantile is p^(1/5); beta(1, 1) is
     * uniform. */
    assert_double_near(rng_beta_quantile(0.3, 5, 1), pow(0.3, 0.2), 1e-13);
    assert_double_near(rng_beta_quantile(0.3, 1, 1), 0.3, 1e-13);
    /* beta(1/2, 1/2) is the arcsine distribution, CDF (2 / pi) asin(sqrt x), quantile
     * sin^2(pi p / 2); in both tails x or 1 - x is sin^2(pi 2^-21) for p = 2^-20 or
     * 1 - 2^-20 (both exact doubles).  Near 1, x itself resolves 1 - x only to 1.1e-16 in
     * 2.2e-12, 5e-5 relative. */
    double tail = sin(3.14159265358979323846 * 0x1p-21);
    tail *= tail;
    assert_double_rel(rng_beta_quantile(0x1p-20, 0.5, 0.5), tail, 1e-12);
    assert_double_rel(1 - rng_beta_quantile(1 - 0x1p-20, 0.5, 0.5), tail, 2e-4);
    assert_true(rng_beta_quantile(0, 2, 2) == 0);
    assert_true(rng_beta_quantile(1, 2, 2) == 1);
}

static void test_gamma_moments(void **state)
{
    (void)state;
    /* gamma(k, 1): mean k and variance k.  200,000 draws: the mean's standard error is
     * sqrt(k / 200000) <= 0.005. */
    static const double shapes[] = {0.5, 1, 1.8, 4.2, 30};
    enum { N = 200000 };
    double *x = alloc_doubles(N);
    rng r;
    rng_seed(&r, 8);
    for (size_t s = 0; s < COUNT(shapes); s++) {
        double k = shapes[s];
        for (size_t i = 0; i < N; i++) {
            x[i] = rng_gamma(&r, k);
            assert_true(x[i] >= 0);
        }
        assert_double_near(mean_of(x, N), k, 5 * sqrt(k / N));
        assert_double_rel(sd_of(x, N) * sd_of(x, N), k, 0.03);
    }
    assert_true(isnan(rng_gamma(&r, 0)));
    assert_true(isnan(rng_gamma(&r, -1)));
    free(x);
}

static void test_pert(void **state)
{
    (void)state;
    /* lo 10, mode 12, hi 20: alpha = 1 + 4 * 2 / 10 = 1.8, beta = 1 + 4 * 8 / 10 = 4.2;
     * mean (10 + 4 * 12 + 20) / 6 = 13, sd 10 sqrt(1.8 * 4.2 / (36 * 7)) = 1.732.
     * Percentiles 10 + 10 x of the beta(1.8, 4.2) quantiles (mpmath, findroot on betainc):
     * p5 10.589773876118172, p50 12.766722593925188, p95 16.212767240161903. */
    static const double ps[] = {0.05, 0.5, 0.95};
    static const double want[] = {10.589773876118172, 12.766722593925188, 16.212767240161903};
    range v = make_range(10, 20, RANGE_PERT, 12);

    /* Direct sampling through two gamma variates: a million draws (mean's standard error
     * 0.0017; the percentiles' about 0.005). */
    double *x = alloc_doubles(BIG);
    rng r;
    rng_seed(&r, 10);
    rng_fill(&r, &v, x, BIG);
    for (size_t i = 0; i < BIG; i++)
        assert_true(x[i] >= 10 && x[i] <= 20);
    assert_double_near(mean_of(x, BIG), 13, 0.01);
    assert_double_near(sd_of(x, BIG), 1.7320508075688772, 0.01);
    qsort(x, BIG, sizeof *x, cmp_double);
    for (size_t j = 0; j < COUNT(ps); j++)
        assert_double_near(sorted_quantile(x, BIG, ps[j]), want[j], 0.03);

    /* The inverse CDF on a fresh sample of uniforms agrees. */
    enum { N = 200000 };
    double *u = alloc_doubles(N);
    for (size_t i = 0; i < N; i++)
        u[i] = rng_uniform(&r);
    rng_fill_from_uniforms(&v, u, x, N);
    for (size_t i = 0; i < N; i++)
        assert_true(x[i] >= 10 && x[i] <= 20);
    assert_double_near(mean_of(x, N), 13, 0.02);
    qsort(x, N, sizeof *x, cmp_double);
    for (size_t j = 0; j < COUNT(ps); j++)
        assert_double_near(sorted_quantile(x, N, ps[j]), want[j], 0.05);

    /* And exactly at chosen uniforms. */
    for (size_t j = 0; j < COUNT(ps); j++)
        assert_double_near(rng_inv_pert(ps[j], 10, 12, 20), want[j], 1e-11);
    /* The direct sampler outside rng_fill: mean 13 again. */
    double s = 0;
    for (int i = 0; i < N; i++)
        s += rng_pert(&r, 10, 12, 20);
    assert_double_near(s / N, 13, 0.02);
    free(u);
    free(x);
}

static void test_fill_from_uniforms_moves_together(void **state)
{
    (void)state;
    /* Ranges filled from one array of uniforms keep the order of the uniforms. */
    range ranges[] = {
        make_range(10, 20, RANGE_PERT, 12),     make_range(200, 400, RANGE_INTERVAL90, 300),
        make_range(-1, 1, RANGE_INTERVAL90, 0), make_range(1, 2, RANGE_UNIFORM, 1.5),
        make_range(0, 3, RANGE_TRIANGULAR, 2),  make_range(5, 6, RANGE_NORMAL, 5.5),
    };
    enum { N = 2000 };
    double *u = alloc_doubles(N), *x = alloc_doubles(N);
    rng r;
    rng_seed(&r, 77);
    for (size_t i = 0; i < N; i++)
        u[i] = rng_uniform(&r);
    for (size_t k = 0; k < COUNT(ranges); k++) {
        rng_fill_from_uniforms(&ranges[k], u, x, N);
        for (size_t i = 1; i < N; i++)
            if (u[i] > u[i - 1])
                assert_true(x[i] >= x[i - 1]);
            else
                assert_true(x[i] <= x[i - 1]);
    }
    /* In place: u and out the same array. */
    memcpy(x, u, N * sizeof *x);
    rng_fill_from_uniforms(&ranges[3], x, x, N);
    for (size_t i = 0; i < N; i++)
        assert_double_near(x[i], 1 + u[i], 1e-15);
    free(u);
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_splitmix64_reference),
        cmocka_unit_test(test_xoshiro_reference),
        cmocka_unit_test(test_uniform_open_interval),
        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_normal_quantile_values),
        cmocka_unit_test(test_normal_cdf_values),
        cmocka_unit_test(test_normal_quantile_round_trip),
        cmocka_unit_test(test_ziggurat_moments),
        cmocka_unit_test(test_ziggurat_chi_square),
        cmocka_unit_test(test_fill_normal_matches_normal),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_exact),
        cmocka_unit_test(test_uniform_range),
        cmocka_unit_test(test_triangular),
        cmocka_unit_test(test_interval90_lognormal),
        cmocka_unit_test(test_normal_ranges),
        cmocka_unit_test(test_beta_cdf),
        cmocka_unit_test(test_beta_quantile),
        cmocka_unit_test(test_gamma_moments),
        cmocka_unit_test(test_pert),
        cmocka_unit_test(test_fill_from_uniforms_moves_together),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
