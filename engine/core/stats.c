/*
 * stats: mean, standard deviation and percentiles of samples.  See stats.h.
 *
 * Percentiles need only a few order statistics (two a fraction), so instead of sorting
 * the samples a scratch copy is partitioned around them.  Each one is placed by Floyd and
 * Rivest's SELECT (CACM 18(3), 1975, Algorithm 489): a partition around a pivot chosen
 * from a small recursive sample so close to the wanted rank that one pass over the data
 * nearly finishes the job (about n + min(k, n - k) comparisons).  The scans stop on values
 * equal to the pivot, so runs of equal values split evenly (a constant input is common: a
 * model whose total does not depend on its ranges).  A budget of partitioning rounds,
 * 2 log2 n + 16 a call, bounds the worst case: when it runs out, the part still open is
 * heapsorted, so selection never takes more than O(n log n).
 *
 * Several order statistics are placed by divide and conquer: the middle one of those
 * wanted is selected over the whole array, then the smaller ones are looked for only to its
 * left and the larger ones only to its right.  One that falls at the end of its part (the
 * neighbour k + 1 of a k just placed) is the part's minimum or maximum: a single scan.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "budget.h"
#include "stats.h"

const double stats_spread[STATS_SPREAD_N] = {0.05, 0.50, 0.95};

size_t stats_lower_bound(const double *x, size_t n, double v)
{
    size_t a = 0, b = n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (x[m] < v)
            a = m + 1;
        else
            b = m;
    }
    return a;
}

double stats_mean(const double *x, size_t n)
{
    if (n == 0)
        return 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    double mean = sum / (double)n;
    if (!isfinite(mean))
        return mean;
    double residual = 0; /* what rounding left out of the first sum */
    for (size_t i = 0; i < n; i++)
        residual += x[i] - mean;
    return mean + residual / (double)n;
}

double stats_sd(const double *x, size_t n)
{
    if (n < 2)
        return 0;
    double mean = stats_mean(x, n), ss = 0, comp = 0;
    for (size_t i = 0; i < n; i++) {
        double d = x[i] - mean;
        ss += d * d;
        comp += d;
    }
    /* Chan, Golub and LeVeque's correction for the rounding of the mean. */
    double var = (ss - comp * comp / (double)n) / (double)(n - 1);
    return var > 0 ? sqrt(var) : 0;
}

/* ---- selection ------------------------------------------------------------------------ */

static inline void swap(double *a, size_t i, size_t j)
{
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
}

/* Sorts a[lo..hi] (inclusive) by insertion: for the short parts. */
static void insertion_sort(double *a, size_t lo, size_t hi)
{
    for (size_t i = lo + 1; i <= hi; i++) {
        double v = a[i];
        size_t j = i;
        for (; j > lo && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

/* Restores the max-heap property below node i of the heap a[0..n-1]. */
static void sift_down(double *a, size_t i, size_t n)
{
    double v = a[i];
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && a[child + 1] > a[child])
            child++;
        if (!(a[child] > v))
            break;
        a[i] = a[child];
        i = child;
    }
    a[i] = v;
}

/* Sorts a[0..n-1] by heapsort: the guaranteed O(n log n) fallback. */
static void heap_sort(double *a, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(a, i, n);
    for (size_t end = n; end-- > 1;) {
        swap(a, 0, end);
        sift_down(a, 0, end);
    }
}

/*
 * Rearranges a[left..right] (inclusive) so that a[k] holds the value it would hold were
 * a[left..right] sorted, with nothing greater before it and nothing smaller after it.
 * Needs left <= k <= right and no NaN.
 */
static void select_kth(double *a, ptrdiff_t left, ptrdiff_t right, ptrdiff_t k)
{
    int budget = 16;
    for (ptrdiff_t m = right - left + 1; m > 1; m >>= 1)
        budget += 2;
    while (right - left >= 16) {
        if (budget-- == 0) {
            heap_sort(a + left, (size_t)(right - left + 1));
            return;
        }
        if (right - left > 600) {
            /* First select k within a sample of about n^(2/3) values around its expected
             * place, so that the pivot below lands just beside the kth value. */
            double n = (double)(right - left + 1), i = (double)(k - left + 1);
            double z = log(n), s = 0.5 * exp(2 * z / 3);
            double sd = 0.5 * sqrt(z * s * (n - s) / n) * (i < n / 2 ? -1 : 1);
            double from = floor((double)k - i * s / n + sd);
            double to = floor((double)k + (n - i) * s / n + sd);
            ptrdiff_t sl = from > (double)left ? (ptrdiff_t)from : left;
            ptrdiff_t sr = to < (double)right ? (ptrdiff_t)to : right;
            select_kth(a, sl, sr, k);
        }
        /* Partition around t = a[k], parked at one end, where it stops the scans. */
        double t = a[k];
        ptrdiff_t i = left, j = right;
        swap(a, (size_t)left, (size_t)k);
        if (a[right] > t)
            swap(a, (size_t)right, (size_t)left);
        while (i < j) {
            swap(a, (size_t)i, (size_t)j);
            i++;
            j--;
            while (a[i] < t)
                i++;
            while (a[j] > t)
                j--;
        }
        if (a[left] == t) {
            swap(a, (size_t)left, (size_t)j);
        } else {
            j++;
            swap(a, (size_t)j, (size_t)right);
        }
        /* Now a[j] = t, nothing greater before it and nothing smaller after it. */
        if (j == k)
            return;
        if (j < k)
            left = j + 1;
        else
            right = j - 1;
    }
    insertion_sort(a, (size_t)left, (size_t)right);
}

/* Moves the least of a[lo..hi] to a[lo]. */
static void move_min_first(double *a, size_t lo, size_t hi)
{
    size_t best = lo;
    for (size_t i = lo + 1; i <= hi; i++)
        if (a[i] < a[best])
            best = i;
    swap(a, lo, best);
}

/* Moves the greatest of a[lo..hi] to a[hi]. */
static void move_max_last(double *a, size_t lo, size_t hi)
{
    size_t best = hi;
    for (size_t i = lo; i < hi; i++)
        if (a[i] > a[best])
            best = i;
    swap(a, hi, best);
}

/*
 * Puts each of the order statistics want[0..nw-1] (increasing, distinct, within lo..hi)
 * in its sorted place, with nothing greater before it and nothing smaller after it.
 */
static void multi_select(double *a, size_t lo, size_t hi, const size_t *want, size_t nw)
{
    while (nw > 0) {
        size_t m = nw / 2, k = want[m];
        if (k == lo)
            move_min_first(a, lo, hi);
        else if (k == hi)
            move_max_last(a, lo, hi);
        else
            select_kth(a, (ptrdiff_t)lo, (ptrdiff_t)hi, (ptrdiff_t)k);
        if (m > 0)
            multi_select(a, lo, k - 1, want, m); /* want[0] < k, so k >= 1 */
        lo = k + 1;
        want += m + 1;
        nw -= m + 1;
    }
}

/* For qsort of the (few) order statistics wanted. */
static int cmp_size(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return (a > b) - (a < b);
}

/* The lower order statistic of the percentile p of n values, and the weight of the next. */
static size_t position(double p, size_t n, double *frac)
{
    double h = (double)(n - 1) * p;
    double f = floor(h);
    size_t k = (size_t)f;
    if (k >= n - 1) { /* p = 1, or rounding at the top */
        *frac = 0;
        return n - 1;
    }
    *frac = h - f;
    return k;
}

bool stats_percentiles(const double *x, size_t n, const double *p, size_t np, double *out)
{
    if (n == 0)
        return false;
    for (size_t j = 0; j < np; j++)
        if (!(p[j] >= 0 && p[j] <= 1))
            return false;
    if (np == 0)
        return true;
    if (n > SIZE_MAX / sizeof(double) || np > SIZE_MAX / (2 * sizeof(size_t)))
        return false;
    double *a = budget_array(n, sizeof *a);
    size_t *want = budget_array(budget_mul(2, np), sizeof *want);
    if (!a || !want) {
        budget_free(a);
        budget_free(want);
        return false;
    }
    bool nan = false;
    for (size_t i = 0; i < n; i++) {
        a[i] = x[i];
        nan |= isnan(x[i]);
    }
    if (nan) {
        for (size_t j = 0; j < np; j++)
            out[j] = NAN;
        budget_free(a);
        budget_free(want);
        return true;
    }

    /* The order statistics needed: k for each p, and k + 1 where it is interpolated. */
    size_t nw = 0;
    for (size_t j = 0; j < np; j++) {
        double frac;
        size_t k = position(p[j], n, &frac);
        want[nw++] = k;
        if (frac > 0)
            want[nw++] = k + 1;
    }
    qsort(want, nw, sizeof *want, cmp_size);
    size_t distinct = 0;
    for (size_t w = 0; w < nw; w++)
        if (distinct == 0 || want[w] != want[distinct - 1])
            want[distinct++] = want[w];
    multi_select(a, 0, n - 1, want, distinct);

    for (size_t j = 0; j < np; j++) {
        double frac;
        size_t k = position(p[j], n, &frac);
        double lo = a[k];
        out[j] = frac > 0 && a[k + 1] != lo ? lo + frac * (a[k + 1] - lo) : lo;
    }
    budget_free(a);
    budget_free(want);
    return true;
}
