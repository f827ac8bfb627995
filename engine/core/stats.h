/*
 * stats: summaries of Monte Carlo samples: the mean, the standard deviation and
 * percentiles.
 *
 * Usage:
 *
 *     double q[STATS_SPREAD_N];
 *     double mean = stats_mean(totals, n);
 *     if (!stats_percentiles(totals, n, stats_spread, STATS_SPREAD_N, q)) ... // n == 0 or
 *     // out of memory; q[STATS_P5] = p5, q[STATS_P50] = p50, q[STATS_P95] = p95
 *
 * Percentiles are numpy's default ('linear', Hyndman and Fan's type 7, also the
 * spreadsheets' PERCENTILE.INC): with x sorted, h = (n - 1) p and
 *     percentile(p) = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 * They are found by selection in expected linear time, never by sorting everything.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_STATS_H
#define RECKON_STATS_H

#include <stdbool.h>
#include <stddef.h>

/* The spread every table of reckon reports: the 5th, 50th and 95th percentiles, in this
 * order (stats_spread[STATS_P5] is 0.05). */
enum { STATS_P5, STATS_P50, STATS_P95, STATS_SPREAD_N };
extern const double stats_spread[STATS_SPREAD_N];

/* The first index i with x[i] >= v in the ascending x[0..n-1]; n when there is none. */
size_t stats_lower_bound(const double *x, size_t n, double v);

/* The arithmetic mean (two passes: the sum, then a correction); 0 when n is 0. */
double stats_mean(const double *x, size_t n);

/*
 * The sample standard deviation, with n - 1 in the denominator, by the corrected two-pass
 * algorithm; 0 when n < 2.
 */
double stats_sd(const double *x, size_t n);

/*
 * out[j] = the p[j] percentile of x[0..n-1] (x is left untouched; a scratch copy is
 * selected in), for each of the np fractions p[j] in [0, 1], in any order.  When x holds
 * a NaN every out[j] is NaN, as numpy gives.  Returns false, writing nothing, when n is 0,
 * a p[j] is outside [0, 1] or memory runs out.
 */
bool stats_percentiles(const double *x, size_t n, const double *p, size_t np, double *out);

#endif
