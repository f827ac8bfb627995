/*
 * baseline: the reference workload in plain C, written by hand from WORKLOAD.md, the way
 * a programmer would without reckon.  It is compiled into reckon_bench with the flags the
 * engine is compiled with.
 *
 *   sweep        one loop: u, the twelve items summed in order, the total a user, the sums
 *   Monte Carlo  xoshiro256** uniforms, Box-Muller normals (both of each pair), exp() for
 *                the lognormals, the total in the same loop, qsort, numpy-linear percentiles
 *   CSV          fprintf("%.2f,%.2f,%.6f\r\n") through a 1 MiB buffer (csvout's size),
 *                flushed and fsync'ed before the close as csvout's commit does
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

double bench_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ops: (1000, 2000), (100000, mid), (1000000, 60000), straight between, held outside. */
static inline double ops_cost(double u, double mid)
{
    if (u <= 1000)
        return 2000;
    if (u <= 100000)
        return 2000 + (mid - 2000) * (u - 1000) / 99000;
    if (u <= 1000000)
        return mid + (60000 - mid) * (u - 100000) / 900000;
    return 60000;
}

/* plan: the first plan whose bound holds u ("up to" is inclusive). */
static inline double plan_cost(double u)
{
    if (u <= 5000)
        return 500;
    if (u <= 20000)
        return 1500;
    if (u <= 100000)
        return 4000;
    if (u <= 500000)
        return 9000;
    return 20000;
}

/* bandwidth: graduated brackets on GB, each rate on the GB within its bracket. */
static inline double bandwidth_cost(double gb)
{
    double c = 0.09 * (gb < 10000 ? gb : 10000);
    if (gb > 10000)
        c += 0.085 * ((gb < 50000 ? gb : 50000) - 10000);
    if (gb > 50000)
        c += 0.07 * ((gb < 150000 ? gb : 150000) - 50000);
    if (gb > 150000)
        c += 0.05 * (gb - 150000);
    return c;
}

static inline double total_at(double u)
{
    double t = 500.0;             /* hosting_base */
    t += 1200.0;                  /* support_contract */
    t += 99.0;                    /* monitoring */
    t += 0.05 * u;                /* auth */
    t += 0.01 * u;                /* email */
    t += 0.12 * u;                /* support_staff */
    t += 2.5 * pow(u, 0.8);       /* compute */
    t += ops_cost(u, 15000);      /* ops */
    t += plan_cost(u);            /* plan */
    t += bandwidth_cost(0.5 * u); /* bandwidth */
    t += 1.2 * pow(u, 0.8);       /* storage */
    t += 0.3 * u;                 /* payments */
    return t;
}

double baseline_total(double u)
{
    return total_at(u);
}

sweep_sums baseline_sweep(size_t n, double *u, double *total, double *per_user)
{
    sweep_sums s = {0, 0};
    for (size_t i = 0; i < n; i++) {
        double x = 1000.0 + 999000.0 * (double)i / (double)(n - 1);
        double t = total_at(x);
        u[i] = x;
        total[i] = t;
        per_user[i] = t / x;
        s.total += t;
        s.per_user += t / x;
    }
    return s;
}

/* ---- Monte Carlo ------------------------------------------------------------------------ */

typedef struct xoshiro {
    uint64_t s[4]; /* xoshiro256** state */
} xoshiro;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t next_u64(xoshiro *g)
{
    uint64_t *s = g->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* A uniform in (0, 1]: never 0, so log() of it is finite. */
static inline double uniform(xoshiro *g)
{
    return (double)((next_u64(g) >> 11) + 1) * 0x1.0p-53;
}

typedef struct lognormal {
    double mu, sigma; /* of the normal whose exp() it is */
} lognormal;

static lognormal interval90(double a, double b)
{
    return (lognormal){(log(a) + log(b)) / 2, (log(b) - log(a)) / (2 * BENCH_Z90)};
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* numpy's default: linear between the order statistics around (n - 1) p. */
static double percentile_sorted(const double *x, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t k = (size_t)floor(h);
    if (k + 1 >= n)
        return x[n - 1];
    return x[k] + (h - (double)k) * (x[k + 1] - x[k]);
}

mc_stats baseline_mc(size_t n, double users, uint64_t seed, double *totals)
{
    const double two_pi = 6.283185307179586;
    xoshiro g;
    for (int k = 0; k < 4; k++)
        g.s[k] = splitmix64(&seed);
    lognormal hosting = interval90(300, 800), auth = interval90(0.03, 0.08),
              email = interval90(0.005, 0.02), compute = interval90(1.5, 4),
              ops = interval90(10000, 20000), gb = interval90(0.3, 0.8),
              storage = interval90(0.8, 2.0), payments = interval90(0.2, 0.45);
    double u = users, u08 = pow(u, 0.8), plan = plan_cost(u), sum = 0;
    for (size_t i = 0; i < n; i++) {
        double z[8];
        for (int k = 0; k < 8; k += 2) {
            double r = sqrt(-2.0 * log(uniform(&g))), a = two_pi * uniform(&g);
            z[k] = r * cos(a);
            z[k + 1] = r * sin(a);
        }
        double t = exp(hosting.mu + hosting.sigma * z[0]);
        t += 1200.0;
        t += 99.0;
        t += exp(auth.mu + auth.sigma * z[1]) * u;
        t += exp(email.mu + email.sigma * z[2]) * u;
        t += 0.12 * u;
        t += exp(compute.mu + compute.sigma * z[3]) * u08;
        t += ops_cost(u, exp(ops.mu + ops.sigma * z[4]));
        t += plan;
        t += bandwidth_cost(exp(gb.mu + gb.sigma * z[5]) * u);
        t += exp(storage.mu + storage.sigma * z[6]) * u08;
        t += exp(payments.mu + payments.sigma * z[7]) * u;
        totals[i] = t;
        sum += t;
    }
    qsort(totals, n, sizeof *totals, compare_doubles);
    return (mc_stats){sum / (double)n, percentile_sorted(totals, n, 0.05),
                      percentile_sorted(totals, n, 0.50), percentile_sorted(totals, n, 0.95)};
}

/* ---- the printf writer ------------------------------------------------------------------- */

bool baseline_write_csv(const char *path, size_t n, const double *u, const double *total,
                        const double *per_user, char *err, size_t err_size)
{
    static char buffer[1 << 20];
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        return false;
    }
    setvbuf(f, buffer, _IOFBF, sizeof buffer);
    bool ok = fputs("users,total,per_user\r\n", f) >= 0;
    for (size_t i = 0; ok && i < n; i++)
        ok = fprintf(f, "%.2f,%.2f,%.6f\r\n", u[i], total[i], per_user[i]) > 0;
    ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        snprintf(err, err_size, "%s: write failed: %s", path, strerror(errno));
    return ok;
}

/* ---- the printf writer of `reckon run`'s sweep rows ------------------------------------- */

/* The workload's twelve items, in its order, with their categories. */
static const char *const item_names[12] = {
    "hosting_base", "support_contract", "monitoring", "auth",
    "email",        "support_staff",    "compute",    "ops",
    "plan",         "bandwidth",        "storage",    "payments"};
static const char *const item_categories[12] = {"compute", "other",   "monitoring", "other",
                                                "other",   "other",   "compute",    "other",
                                                "other",   "network", "storage",    "other"};

/* The items at u, one by one (as total_at sums them). */
static void items_at(double u, double c[12])
{
    c[0] = 500.0, c[1] = 1200.0, c[2] = 99.0;
    c[3] = 0.05 * u, c[4] = 0.01 * u, c[5] = 0.12 * u;
    c[6] = 2.5 * pow(u, 0.8);
    c[7] = ops_cost(u, 15000);
    c[8] = plan_cost(u);
    c[9] = bandwidth_cost(0.5 * u);
    c[10] = 1.2 * pow(u, 0.8);
    c[11] = 0.3 * u;
}

static FILE *open_rows(const char *dir, const char *name, char *buffer, size_t size)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f)
        setvbuf(f, buffer, _IOFBF, size);
    return f;
}

static bool close_rows(FILE *f, bool ok)
{
    ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
    return fclose(f) == 0 && ok;
}

bool baseline_write_rows(const char *dir, const char *model, char *err, size_t err_size)
{
    static char item_buffer[1 << 20], total_buffer[1 << 20];
    FILE *items = open_rows(dir, "items.csv", item_buffer, sizeof item_buffer);
    FILE *totals = open_rows(dir, "totals.csv", total_buffer, sizeof total_buffer);
    bool ok = items && totals;
    ok = ok && fputs("model,option,users,item,category,low,mid,high,note\r\n", items) >= 0;
    ok = ok && fputs("model,option,users,low,mid,high,per_user\r\n", totals) >= 0;
    for (long users = 1000; ok && users <= 1000000; users++) {
        double u = (double)users, c[12], total = 0;
        items_at(u, c);
        for (int i = 0; ok && i < 12; i++) {
            total += c[i];
            ok = fprintf(items, "%s,reference workload,%ld,%s,%s,%.2f,%.2f,%.2f,\r\n", model, users,
                         item_names[i], item_categories[i], c[i], c[i], c[i]) > 0;
        }
        ok = ok && fprintf(totals, "%s,reference workload,%ld,%.2f,%.2f,%.2f,%.6f\r\n", model,
                           users, total, total, total, total / u) > 0;
    }
    if (items)
        ok = close_rows(items, ok);
    if (totals)
        ok = close_rows(totals, ok);
    if (!ok)
        snprintf(err, err_size, "%s: writing the rows failed: %s", dir, strerror(errno));
    return ok;
}
