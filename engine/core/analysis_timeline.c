/*
 * analysis_timeline: users along the months (an interval when growth is a range) and each
 * option's cost there; timeline.csv (monthly and cumulative cost) and npv.csv (the NPV of
 * each option's costs at the analysis's discount rate).
 */
#include <math.h>

#include "budget.h"
#include "analysis_work.h"
#include "finance.h"

bool analysis_timeline_fill(analysis_work *r)
{
    const analysis *a = r->a;
    size_t h = r->horizon, k = a->n_options;
    r->users_lo = budget_array(budget_mul(3, h), sizeof(double));
    r->cost = budget_array(budget_mul(budget_mul(3, h), k), sizeof(double));
    if (!r->users_lo || !r->cost)
        return error_oom(r->err);
    r->users_mid = r->users_lo + h;
    r->users_hi = r->users_lo + 2 * h;
    const growth g_lo = growth_ranges_at(&a->growth, GROWTH_LOW);
    const growth g_mid = growth_ranges_at(&a->growth, GROWTH_MID);
    const growth g_hi = growth_ranges_at(&a->growth, GROWTH_HIGH);
    growth_fill(&g_lo, h, r->users_lo);
    growth_fill(&g_mid, h, r->users_mid);
    growth_fill(&g_hi, h, r->users_hi);
    for (size_t m = 0; m < h; m++) { /* a growth range may lower users at its high end */
        double x = r->users_lo[m], y = r->users_hi[m];
        r->users_lo[m] = fmin(fmin(x, y), r->users_mid[m]);
        r->users_hi[m] = fmax(fmax(x, y), r->users_mid[m]);
    }
    for (size_t o = 0; o < k; o++) /* the horizon asked for; changes may look further */
        if (!cost_eval_over(r->totals[o], r->users_lo, r->users_mid, r->users_hi, a->months,
                            cost_at(r, o, LO), cost_at(r, o, MID), cost_at(r, o, HI), r->err))
            return false;
    if (!r->draws)
        return true;
    size_t lanes = r->ln.n;
    r->lane_cost = budget_array(budget_mul(budget_mul(k, a->months), lanes), sizeof *r->lane_cost);
    if (!r->lane_cost)
        return error_fail(r->err, "out of memory for %zu lanes over %zu months", lanes, a->months);
    for (size_t o = 0; o < k; o++)
        if (!lanes_along(&r->ln, r->totals[o], a->months, r->lane_cost + o * a->months * lanes,
                         r->err))
            return false;
    return true;
}

static double npv_of(const analysis_work *r, const double *values, size_t n)
{
    double out;
    core_error ferr;
    return fin_npv(r->a->discount_monthly, values, n, &out, &ferr) ? out : NAN;
}

void analysis_timeline(analysis_work *r)
{
    const analysis *a = r->a;
    for (size_t o = 0; o < a->n_options; o++) {
        double cum[3] = {0, 0, 0};
        const double *lo = cost_at(r, o, LO), *mid = cost_at(r, o, MID), *hi = cost_at(r, o, HI);
        for (size_t m = 0; m < a->months; m++) {
            cum[0] += lo[m], cum[1] += mid[m], cum[2] += hi[m];
            table *t = r->t->timeline;
            row_start(r, t);
            table_number(t, (double)(m + 1));
            table_number(t, r->users_mid[m]);
            table_text(t, a->options[o]->name);
            table_number(t, lo[m]);
            table_number(t, mid[m]);
            table_number(t, hi[m]);
            for (int e = 0; e < 3; e++)
                table_number(t, cum[e]);
            table_end_row(t);
        }
        table *t = r->t->npv;
        row_start(r, t);
        table_text(t, a->options[o]->name);
        table_number(t, (double)a->months);
        table_number(t, a->discount_annual);
        table_number(t, a->discount_monthly);
        table_number(t, cum[1]);
        table_number(t, npv_of(r, lo, a->months));
        table_number(t, npv_of(r, mid, a->months));
        table_number(t, npv_of(r, hi, a->months));
        table_end_row(t);
    }
}
