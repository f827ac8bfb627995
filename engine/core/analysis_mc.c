/* analysis_mc: Monte Carlo lanes for an analysis: users along the timeline, evaluations. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "analysis_mc.h"
#include "stats.h"

bool lanes_make(const analysis *a, const mc_draws *d, size_t months, lanes *out, core_error *err)
{
    memset(out, 0, sizeof *out);
    out->n = d->lanes < ANALYSIS_DECISION_LANES ? d->lanes : ANALYSIS_DECISION_LANES;
    out->s = (cost_samples){
        .lanes = out->n, .by_id = (const double *const *)d->by_id, .n_ids = d->n_ids};
    if (!a->has_timeline)
        return true;
    out->months = months;
    out->users = budget_array(budget_mul(months, out->n), sizeof *out->users);
    double *column = budget_array(months, sizeof *column);
    if (!out->users || !column) {
        budget_free(column);
        lanes_free(out);
        return error_fail(err, "out of memory for %zu lanes over %zu months", out->n, months);
    }
    for (size_t i = 0; i < out->n; i++) {
        growth g = growth_ranges_lane(&a->growth, &out->s, i);
        growth_fill(&g, months, column);
        for (size_t m = 0; m < months; m++)
            out->users[m * out->n + i] = column[m];
    }
    budget_free(column);
    return true;
}

void lanes_free(lanes *l)
{
    budget_free(l->users);
    memset(l, 0, sizeof *l);
}

bool lanes_at(const lanes *l, const cost_fn *f, double x, double *out, core_error *err)
{
    double *xs = budget_array(l->n, sizeof *xs);
    if (!xs)
        return error_oom(err);
    for (size_t i = 0; i < l->n; i++)
        xs[i] = x;
    bool ok = cost_eval_samples(f, xs, &l->s, out, err);
    budget_free(xs);
    return ok;
}

bool lanes_along(const lanes *l, const cost_fn *f, size_t months, double *out, core_error *err)
{
    for (size_t m = 0; m < months; m++)
        if (!cost_eval_samples(f, l->users + m * l->n, &l->s, out + m * l->n, err))
            return false;
    return true;
}

bool month_spread_of(double *months, size_t n, double never_after, month_spread *out)
{
    double q[STATS_SPREAD_N];
    size_t within = 0;
    for (size_t i = 0; i < n; i++)
        within += months[i] <= never_after;
    if (!stats_percentiles(months, n, stats_spread, STATS_SPREAD_N, q))
        return false;
    *out =
        (month_spread){q[STATS_P5], q[STATS_P50], q[STATS_P95], n ? (double)within / (double)n : 0};
    return true;
}
