/*
 * analysis_changes: changes.csv, each change on each option it applies to, along the
 * timeline: its one-off cost, the monthly saving, payback (plain, at the ends of the ranges,
 * discounted), ROI over 12 and 36 months, NPV and IRR; under Monte Carlo the payback's
 * spread and the ROI over 36 months among the lanes; a sentence each.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "budget.h"
#include "analysis_work.h"
#include "finance.h"
#include "names.h"
#include "payback.h"
#include "stats.h"

/* The payback month, with its fraction, of one_off against saving; -1 when never.  A change
 * that costs nothing up front pays back at once, in month 0. */
static long payback_month(double one_off, const double *saving, size_t months, double rate,
                          double *fraction)
{
    size_t month;
    double frac;
    if (!payback_find(one_off, saving, months, rate, &month, &frac))
        return -1;
    if (fraction)
        *fraction = frac;
    return (long)month;
}

static void payback_cell(table *t, long month)
{
    if (month >= 0)
        table_number(t, (double)month);
    else
        table_never(t);
}

/* IRR of [-one_off, saving...] a month, as a yearly rate: *have false when there is none
 * (flows that never change sign, or no rate up to fin_irr's 100000000% a month).  One that
 * exists is returned as it comes out, even if it overflows: the table refuses it, naming the
 * change and the option.  False only out of memory. */
static bool annual_irr(double one_off, const double *saving, size_t months, bool *have,
                       double *annual)
{
    double *flows = budget_array(months + 1, sizeof *flows), irr;
    *have = false;
    if (!flows)
        return false;
    flows[0] = -one_off;
    memcpy(flows + 1, saving, months * sizeof *saving);
    core_error ferr;
    bool ok = fin_irr(flows, months + 1, 0.01, &irr, &ferr);
    budget_free(flows);
    if (ok)
        *annual = pow(1 + irr, 12) - 1;
    *have = ok;
    return true;
}

/* A figure that may not exist (have false): an empty cell; one that exists goes through
 * table_number, which refuses it when it is not finite.  Never an overflow made empty. */
static void figure_cell(table *t, bool have, double x)
{
    if (have)
        table_number(t, x);
    else
        table_empty(t);
}

/* A change on one option in every lane: payback month, ROI over 36 months. */
typedef struct change_spread {
    bool have;            /* computed (a Monte Carlo run) */
    month_spread payback; /* month; above the horizon: never */
    double p_payback_12;  /* the chance it pays back within 12 months */
    bool have_roi36;      /* some lane has an ROI over 36 months */
    double roi36[3];      /* p5, p50, p95 */
} change_spread;

static bool change_lanes(analysis_work *r, const change *c, const cost_fn *saving, size_t known,
                         change_spread *out)
{
    size_t lanes = r->ln.n;
    double *s = budget_array(budget_mul(known, lanes), sizeof *s);
    double *cost = budget_array(lanes, sizeof *cost);
    double *one = budget_array(known, sizeof *one), *when = budget_array(lanes, sizeof *when);
    double *roi = budget_array(lanes, sizeof *roi);
    bool ok = s && cost && one && when && roi;
    if (!ok)
        error_fail(r->err, "out of memory for %zu lanes", lanes);
    ok = ok && lanes_along(&r->ln, saving, known, s, r->err);
    ok = ok && (c->one_off_fn ? lanes_at(&r->ln, c->one_off_fn, 0, cost, r->err) : true);
    size_t within12 = 0, n_roi = 0;
    double overflow = 0; /* a lane's ROI that is not finite, which the table refuses */
    for (size_t i = 0; ok && i < lanes; i++) {
        for (size_t m = 0; m < known; m++)
            one[m] = s[m * lanes + i];
        double paid_off = c->one_off_fn ? cost[i] : c->one_off.mid, fraction, value;
        size_t month;
        bool paid = payback_find(paid_off, one, known, 0, &month, &fraction);
        when[i] = paid ? (double)month : (double)known + 1;
        within12 += paid && month <= 12;
        if (known >= 36 && payback_roi(paid_off, one, 36, &value)) {
            roi[n_roi++] = value;
            if (!isfinite(value))
                overflow = value;
        }
    }
    ok = ok && (month_spread_of(when, lanes, (double)known, &out->payback) || error_oom(r->err));
    out->have_roi36 = n_roi > 0;
    if (ok && n_roi > 0)
        ok = stats_percentiles(roi, n_roi, stats_spread, STATS_SPREAD_N, out->roi36) ||
             error_oom(r->err);
    for (int k = 0; ok && overflow != 0 && k < 3; k++) /* inf, not the NaN of inf - inf */
        out->roi36[k] = overflow;
    out->p_payback_12 = lanes ? (double)within12 / (double)lanes : 0;
    out->have = ok;
    budget_free(s), budget_free(cost), budget_free(one), budget_free(when), budget_free(roi);
    return ok;
}

/* The cells from payback_p5 to roi_36_p95: empty without a Monte Carlo run. */
static void change_spread_cells(table *t, const change_spread *sp, size_t months)
{
    const double payback[3] = {sp->payback.p5, sp->payback.p50, sp->payback.p95};
    for (int k = 0; k < 3; k++)
        if (sp->have)
            spread_cell(t, payback[k], (double)months);
        else
            table_empty(t);
    figure_cell(t, sp->have, sp->p_payback_12);
    figure_cell(t, sp->have, sp->payback.probability);
    for (int k = 0; k < 3; k++)
        figure_cell(t, sp->have && sp->have_roi36, sp->roi36[k]);
}

/* What a change does on one option, from its savings at the mid, low and high ends. */
typedef struct change_figures {
    long month;          /* payback month at mid, -1: never */
    double fraction;     /* how far into that month */
    long earliest;       /* payback at the cheapest one-off and the largest saving */
    long latest;         /* at the dearest one-off and the least saving */
    long discounted;     /* at mid, the savings discounted */
    size_t horizon;      /* the months payback is looked for in, as ROI is: every month of
                            savings known (the timeline's, or 36 when it is shorter) */
    bool have12, have36; /* ROI over 12 and 36 months: none when the change costs nothing up
                            front, or when the months are not known */
    double roi12, roi36;
    bool have_irr; /* the IRR exists */
    double irr;    /* as a yearly rate */
} change_figures;

/* The figures of one-off cost `cost` against s_mid (`known` months, >= a->months); false out
 * of memory. */
static bool change_figures_of(const analysis_work *r, range cost, const double *s_lo,
                              const double *s_mid, const double *s_hi, size_t known,
                              change_figures *f)
{
    size_t months = r->a->months;
    *f = (change_figures){.horizon = known};
    f->month = payback_month(cost.mid, s_mid, known, 0, &f->fraction);
    f->earliest = payback_month(cost.lo, s_hi, known, 0, NULL);
    f->latest = payback_month(cost.hi, s_lo, known, 0, NULL);
    f->discounted = payback_month(cost.mid, s_mid, known, r->a->discount_monthly, NULL);
    f->have12 = known >= 12 && payback_roi(cost.mid, s_mid, 12, &f->roi12);
    f->have36 = known >= 36 && payback_roi(cost.mid, s_mid, 36, &f->roi36);
    return annual_irr(cost.mid, s_mid, months, &f->have_irr, &f->irr) || error_oom(r->err);
}

/* The row of change c on option o. */
static void change_row(analysis_work *r, const change *c, size_t o, const double *s_lo,
                       const double *s_mid, const double *s_hi, const change_figures *f,
                       const change_spread *sp)
{
    size_t months = r->a->months;
    const range cost = c->one_off;
    double rate = r->a->discount_monthly;
    table *t = r->t->changes;
    row_start(r, t);
    table_text(t, c->name);
    table_text(t, r->a->options[o]->name);
    table_number(t, cost.lo);
    table_number(t, cost.mid);
    table_number(t, cost.hi);
    table_number(t, s_mid[0]);
    table_number(t, s_mid[months - 1]);
    payback_cell(t, f->month);
    if (f->month >= 0)
        table_number(t, f->fraction);
    else
        table_never(t);
    payback_cell(t, f->earliest);
    payback_cell(t, f->latest);
    payback_cell(t, f->discounted);
    figure_cell(t, f->have12, f->roi12);
    figure_cell(t, f->have36, f->roi36);
    table_number(t, payback_npv(cost.hi, s_lo, months, rate));
    table_number(t, payback_npv(cost.mid, s_mid, months, rate));
    table_number(t, payback_npv(cost.lo, s_hi, months, rate));
    figure_cell(t, f->have_irr, f->irr);
    change_spread_cells(t, sp, f->horizon);
    table_text(t, c->note);
    table_end_row(t);
}

/* The sentences of change c on option o. */
static bool change_finding(analysis_work *r, const change *c, size_t o, const change_figures *f,
                           const change_spread *sp)
{
    const analysis *a = r->a;
    size_t months = f->horizon;
    char one_off[FINDINGS_NUMBER_MAX], roi[NUMFMT_MAX], last[32];
    findings_dollars(c->one_off.mid, one_off);
    numfmt_trim(f->roi36, 2, roi);
    if (f->latest >= 0)
        snprintf(last, sizeof last, "month %ld", f->latest);
    else
        snprintf(last, sizeof last, "never");
    bool ok = f->month >= 0 ? findings_add(r->out,
                                           "%s on %s: %s once pays back in month %ld (at best "
                                           "month %ld, at worst %s); ROI over 36 months %s.",
                                           c->name, a->options[o]->name, one_off, f->month,
                                           f->earliest >= 0 ? f->earliest : f->month, last,
                                           f->have36 ? roi : "n/a")
                            : findings_add(r->out,
                                           "%s on %s: %s once does not pay back within %zu "
                                           "months.",
                                           c->name, a->options[o]->name, one_off, months);
    if (ok && sp->have)
        ok = findings_add(r->out,
                          "  Under uncertainty it pays back within 12 months with "
                          "probability %.2f, within %zu months with probability %.2f.",
                          sp->p_payback_12, months, sp->payback.probability);
    return ok || error_oom(r->err);
}

/* payback.csv's rows of change c on option o: each month of the payback's horizon, its
 * saving at mid and the running sum against the one-off cost at mid (undiscounted, as the
 * payback month is). */
static void payback_rows(analysis_work *r, const change *c, size_t o, const double *s_mid,
                         size_t months)
{
    table *t = r->t->payback;
    double sum = 0;
    for (size_t m = 0; m < months; m++) {
        sum += s_mid[m];
        row_start(r, t);
        table_text(t, c->name);
        table_text(t, r->a->options[o]->name);
        table_number(t, (double)(m + 1));
        table_number(t, s_mid[m]);
        table_number(t, sum);
        table_number(t, c->one_off.mid);
        table_end_row(t);
    }
}

/* The row and sentences of change c on option o; the savings arrays hold `known` months
 * (>= months). */
static bool change_rows(analysis_work *r, const change *c, size_t o, const double *s_lo,
                        const double *s_mid, const double *s_hi, size_t known,
                        const change_spread *sp)
{
    change_figures f;
    if (!change_figures_of(r, c->one_off, s_lo, s_mid, s_hi, known, &f))
        return false;
    change_row(r, c, o, s_lo, s_mid, s_hi, &f, sp);
    payback_rows(r, c, o, s_mid, f.horizon);
    return change_finding(r, c, o, &f, sp);
}

/* A scale or remove target that matches no item of any option is a typo, not a saving of 0.
 * One hashed look a name: the options' names, and the item names and categories of those
 * the change applies to. */
static bool check_targets(const analysis_work *r, const change *c)
{
    const analysis *a = r->a;
    names options = {0}, known = {0};
    bool ok = true;
    for (size_t o = 0; ok && o < a->n_options; o++) {
        ok = names_add(&options, a->options[o]->name, o, NULL) >= 0;
        for (size_t i = 0; ok && change_applies(c, a->options[o]) && i < a->options[o]->n_items;
             i++) {
            const item *it = &a->options[o]->items[i];
            ok = names_add(&known, it->name, 0, NULL) >= 0 &&
                 names_add(&known, it->category, 0, NULL) >= 0;
        }
    }
    if (!ok)
        error_oom(r->err);
    for (size_t k = 0; ok && k < c->n_only; k++)
        if (names_find(&options, c->only[k]) == NAMES_NONE)
            ok = error_fail(r->err,
                            "%s: change \"%s\": options names \"%s\", which is not an "
                            "option of this analysis",
                            c->origin, c->name, c->only[k]);
    for (size_t t = 0; ok && t < c->n_scales + c->n_removes; t++) {
        const char *target = t < c->n_scales ? c->scales[t].target : c->removes[t - c->n_scales];
        if (names_find(&known, target) == NAMES_NONE)
            ok = error_fail(r->err,
                            "%s: change \"%s\": \"%s\" matches no item name or category "
                            "of the options it applies to",
                            c->origin, c->name, target);
    }
    names_free(&options);
    names_free(&known);
    return ok;
}

bool analysis_change(analysis_work *r, const change *c)
{
    const analysis *a = r->a;
    size_t h = r->horizon;
    if (!check_targets(r, c))
        return false;
    double *s = budget_array(budget_mul(3, h), sizeof *s);
    if (!s)
        return error_oom(r->err);
    bool ok = true;
    for (size_t o = 0; ok && o < a->n_options; o++) {
        if (!change_applies(c, a->options[o]))
            continue;
        cost_fn *saving;
        bool touched;
        ok = change_saving(c, a->options[o], &saving, &touched, r->err);
        if (ok && touched) { /* a change written for several options need not touch each */
            /* Past the horizon asked for (for ROI over 36 months) an option may not be
             * defined (a plan list that ends): then only the months asked for count. */
            size_t known = h;
            if (!cost_eval_over(saving, r->users_lo, r->users_mid, r->users_hi, h, s, s + h,
                                s + 2 * h, r->err))
                known = a->months;
            ok = known == h || cost_eval_over(saving, r->users_lo, r->users_mid, r->users_hi, known,
                                              s, s + h, s + 2 * h, r->err);
            change_spread sp = {0};
            if (ok && r->draws)
                ok = change_lanes(r, c, saving, known, &sp);
            ok = ok && change_rows(r, c, o, s, s + h, s + 2 * h, known, &sp);
        }
        cost_release(saving);
    }
    budget_free(s);
    return ok;
}
