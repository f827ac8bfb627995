/* crossover: the driver values where two cost functions cross. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "crossover.h"
#include "tolerance.h"
#include "stats.h"

enum { GRID_POINTS = 2048, BREAK_LIMIT = 20000, BISECTIONS = 200 };

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts xs and removes repeats and values outside lo..hi; returns the new count. */
static size_t sort_unique(double *xs, size_t n, double lo, double hi)
{
    qsort(xs, n, sizeof *xs, compare_doubles);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (xs[i] >= lo && xs[i] <= hi && (k == 0 || xs[i] != xs[k - 1]))
            xs[k++] = xs[i];
    return k;
}

/* The sample points: a grid (in log space when the span covers a decade or more), both
 * functions' breaks (also returned alone, sorted, in *breaks_out), and the double just past
 * each break. */
static bool sample_points(const cost_fn *f, const cost_fn *g, double lo, double hi, double **xs,
                          size_t *n, double **breaks_out, size_t *n_breaks, core_error *err)
{
    cost_breaks b = {.limit = BREAK_LIMIT};
    bool ok = cost_breaks_collect(f, lo, hi, &b) && cost_breaks_collect(g, lo, hi, &b);
    size_t breaks = b.n;
    double *copy = budget_array(breaks, sizeof *copy);
    ok = ok && copy;
    if (copy && breaks)
        memcpy(copy, b.x, breaks * sizeof *copy);
    for (size_t i = 0; ok && i < breaks; i++)
        ok = cost_breaks_add(&b, nextafter(b.x[i], INFINITY));
    /* From 0 the log grid starts at min(1, hi / 1e9): user counts span decades. */
    double from = lo > 0 ? lo : fmin(1, hi * 1e-9);
    bool log_grid = hi / from >= 10;
    for (size_t i = 0; ok && i < GRID_POINTS; i++) {
        double t = (double)i / (GRID_POINTS - 1);
        double x = log_grid ? exp(log(from) + t * (log(hi) - log(from))) : lo + t * (hi - lo);
        ok = cost_breaks_add(&b, fmin(hi, fmax(lo, x)));
    }
    ok = ok && cost_breaks_add(&b, lo) && cost_breaks_add(&b, hi);
    if (!ok) {
        cost_breaks_free(&b);
        budget_free(copy);
        return error_fail(err, "out of memory looking for crossovers");
    }
    *xs = b.x;
    *n = sort_unique(b.x, b.n, lo, hi);
    *breaks_out = copy;
    *n_breaks = sort_unique(copy, breaks, lo, hi);
    return true;
}

/*
 * A crossover found within a relative 1e-9 of a break is at that break: the jump of an
 * instance count is where one more replica starts, though the replica count forgives a
 * quotient a hair above a whole number.
 */
static double snap_to_break(double x, const double *breaks, size_t n)
{
    size_t a = stats_lower_bound(breaks, n, x);              /* breaks ascend */
    for (size_t i = a > 0 ? a - 1 : 0; i < n && i <= a; i++) /* the nearest on each side */
        if (fabs(x - breaks[i]) <= 1e-9 * fmax(1, breaks[i]))
            return breaks[i];
    return x;
}

/* The sign of f - g at mid, 0 where they are equal within tolerance.h's rounding: which
 * side of a crossing a sample is on (the same bill summed another way is on neither). */
static int side_of(double f, double g)
{
    if (tolerance_equal(f, g))
        return 0;
    return (f > g) - (f < g);
}

/* The sign of f(x) - g(x) at mid, exactly, one point: once two samples lie on two sides,
 * the crossing between them is found to the last bit (within the tolerance around it the
 * noise is no longer a question, the root is). */
static bool sign_at(const cost_fn *f, const cost_fn *g, double x, int *s, core_error *err)
{
    double lo, fm, gm, hi;
    if (!cost_eval(f, &x, 1, &lo, &fm, &hi, err) || !cost_eval(g, &x, 1, &lo, &gm, &hi, err))
        return false;
    *s = (fm > gm) - (fm < gm);
    return true;
}

/* Narrows a..b, where the sign is `side` at a and something else at b, to the last value on
 * a's side. */
static bool bisect(const cost_fn *f, const cost_fn *g, double a, double b, int side, double *x,
                   core_error *err)
{
    for (int i = 0; i < BISECTIONS && nextafter(a, b) < b; i++) {
        double m = a + (b - a) / 2;
        int s;
        if (m <= a || m >= b)
            break;
        if (!sign_at(f, g, m, &s, err))
            return false;
        if (s == side)
            a = m;
        else
            b = m;
    }
    *x = a;
    return true;
}

static bool push(crossover **out, size_t *n, size_t *cap, crossover c, core_error *err)
{
    if (!budget_grow((void **)out, *n, cap, sizeof **out))
        return error_fail(err, "out of memory looking for crossovers");
    (*out)[(*n)++] = c;
    return true;
}

bool crossover_find(const cost_fn *f, const cost_fn *g, double lo, double hi, crossover **out,
                    size_t *n, core_error *err)
{
    *out = NULL;
    *n = 0;
    if (!(lo >= 0) || !(hi > lo) || !isfinite(hi))
        return error_fail(err, "crossovers: the span must satisfy 0 <= lo < hi (got %.10g..%.10g)",
                          lo, hi);
    double *xs = NULL, *breaks = NULL;
    size_t count = 0, n_breaks = 0, cap = 0;
    if (!sample_points(f, g, lo, hi, &xs, &count, &breaks, &n_breaks, err))
        return false;
    double *fl = budget_array(budget_mul(5, count), sizeof *fl);
    bool ok = fl != NULL;
    if (!ok)
        error_fail(err, "out of memory looking for crossovers");
    double *fm = fl + count, *fh = fl + 2 * count, *gm = fl + 3 * count, *scratch = fl + 4 * count;
    ok = ok && cost_eval(f, xs, count, fl, fm, fh, err) &&
         cost_eval(g, xs, count, fl, gm, scratch, err);
    int side = 0;     /* the sign of f - g on the current side; 0 before any */
    double last = lo; /* the last sample on that side */
    for (size_t i = 0; ok && i < count; i++) {
        int s = side_of(fm[i], gm[i]);
        if (s == 0)
            continue;
        if (side != 0 && s != side) {
            crossover c = {.f_cheaper_below = side < 0};
            ok = bisect(f, g, last, xs[i], side, &c.x, err);
            c.x = snap_to_break(c.x, breaks, n_breaks);
            ok = ok && push(out, n, &cap, c, err);
        }
        side = s;
        last = xs[i];
    }
    budget_free(fl);
    budget_free(xs);
    budget_free(breaks);
    if (!ok) {
        budget_free(*out);
        *out = NULL;
        *n = 0;
    }
    return ok;
}
