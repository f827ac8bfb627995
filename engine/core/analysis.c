/*
 * analysis: an analysis, the rules of its fields, its tables, and its run: the parts
 * (analysis_work.h) in order, each filling its tables and findings.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "analysis.h"
#include "analysis_work.h"
#include "tables.h"

/* ---- the analysis --------------------------------------------------------------------------- */

analysis *analysis_new(const char *name, const char *origin, core_error *err)
{
    analysis *a = budget_calloc(1, sizeof *a);
    if (!a) {
        error_oom(err);
        return NULL;
    }
    a->name = budget_strdup(name);
    a->origin = budget_strdup(origin ? origin : "");
    a->growth.conversion = -1;
    if (!a->name || !a->origin) {
        analysis_free(a);
        error_oom(err);
        return NULL;
    }
    return a;
}

void analysis_free(analysis *a)
{
    if (!a)
        return;
    budget_free(a->changes);
    budget_free(a->options);
    budget_free(a->users);
    budget_free(a->budgets);
    budget_free(a->cumulative_budgets);
    budget_free((growth_point *)a->growth.points); /* owned: see analysis_set_timeline */
    budget_free(a->name);
    budget_free(a->origin);
    budget_free(a);
}

/* ---- the rules of its fields ---------------------------------------------------------------- */

bool analysis_set_timeline(analysis *a, double months, const growth_ranges *g, core_error *err)
{
    if (!(months >= 1 && months <= 1200 && months == floor(months)))
        return error_fail(err, "analysis: timeline: months must be a whole number from 1 to 1200");
    core_error why;
    if (!growth_ranges_check(g, &why) || !growth_ranges_check_start(g, &why))
        return error_fail(err, "analysis: timeline: %s", why.msg);
    growth_point *points = NULL;
    if (g->n_points) {
        points = budget_array(g->n_points, sizeof *points);
        if (!points)
            return error_oom(err);
        memcpy(points, g->points, g->n_points * sizeof *points);
    }
    budget_free((growth_point *)a->growth.points);
    a->growth = *g;
    a->growth.points = points;
    a->months = (size_t)months;
    a->has_timeline = true;
    return true;
}

bool analysis_set_discount(analysis *a, double annual, rate_conversion conv, core_error *err)
{
    if (!(annual > -1))
        return error_fail(err, "analysis: discount_rate must be greater than -1");
    a->discount_annual = annual;
    a->discount_monthly = rate_monthly_from_annual(annual, conv);
    return true;
}

bool analysis_set_revenue(analysis *a, range revenue, core_error *err)
{
    if (!(revenue.lo >= 0))
        return error_fail(err, "analysis: revenue_per_user must be >= 0");
    a->revenue_per_user = revenue;
    a->has_revenue = true;
    return true;
}

bool analysis_check(const analysis *a, core_error *err)
{
    if ((a->n_budgets || a->n_cumulative_budgets) && !a->has_timeline)
        return error_fail(err,
                          "analysis \"%s\": budgets are crossed along a timeline; add "
                          "timeline = {months =, start =, growth =}",
                          a->name);
    if (a->n_changes && !a->has_timeline)
        return error_fail(err,
                          "analysis \"%s\": changes are measured along a timeline; add "
                          "timeline = {months =, start =, growth =}",
                          a->name);
    return true;
}

/* ---- its lists ------------------------------------------------------------------------------ */

void analysis_inputs(const analysis *a, cost_input_set *set)
{
    for (size_t o = 0; o < a->n_options; o++)
        option_inputs(a->options[o], set);
    growth_ranges_inputs(&a->growth, set);
    cost_input_add(&a->revenue_per_user, set);
    for (size_t k = 0; k < a->n_changes; k++) {
        const change *c = a->changes[k];
        cost_input_add(&c->one_off, set);
        if (c->one_off_fn)
            cost_inputs(c->one_off_fn, set);
        for (size_t s = 0; s < c->n_scales; s++)
            cost_input_add(&c->scales[s].factor, set);
        if (c->adds)
            option_inputs(c->adds, set);
        if (c->replace)
            option_inputs(c->replace, set);
    }
}

static const char *analysis_name_at(const void *list, size_t i)
{
    return ((const analysis *const *)list)[i]->name;
}

bool analysis_named_twice(const analysis *const *analyses, size_t n, const analysis **twice,
                          core_error *err)
{
    size_t at;
    int found = names_first_repeat(analyses, n, analysis_name_at, &at);
    *twice = found > 0 ? analyses[at] : NULL;
    return found >= 0 || error_oom(err);
}

bool analysis_option_named_twice(const analysis *a, const option **twice, core_error *err)
{
    return option_named_twice(a->options, a->n_options, twice, err);
}

/* A listing of a change: the change, and its place in the list. */
typedef struct listing {
    const change *c;
    size_t at;
} listing;

/* By change, then by place. */
static int compare_listings(const void *pa, const void *pb)
{
    const listing *x = pa, *y = pb;
    uintptr_t cx = (uintptr_t)x->c, cy = (uintptr_t)y->c;
    if (cx != cy)
        return (cx > cy) - (cx < cy);
    return (x->at > y->at) - (x->at < y->at);
}

bool analysis_change_listed_twice(const analysis *a, const change **twice, core_error *err)
{
    *twice = NULL;
    if (a->n_changes < 2)
        return true;
    listing *sorted = budget_array(a->n_changes, sizeof *sorted);
    if (!sorted)
        return error_oom(err);
    for (size_t k = 0; k < a->n_changes; k++)
        sorted[k] = (listing){a->changes[k], k};
    qsort(sorted, a->n_changes, sizeof *sorted, compare_listings);
    /* of the changes listed twice, the one whose second listing comes first */
    size_t first_second = a->n_changes;
    for (size_t i = 1; i < a->n_changes; i++)
        if (sorted[i].c == sorted[i - 1].c && (i < 2 || sorted[i - 2].c != sorted[i].c) &&
            sorted[i].at < first_second)
            first_second = sorted[i].at, *twice = sorted[i].c;
    budget_free(sorted);
    return true;
}

/* ---- its tables ----------------------------------------------------------------------------- */

bool analysis_tables_new(analysis_tables *t, core_error *err)
{
    memset(t, 0, sizeof *t);
    t->compare = tables_new(TABLES_COMPARE);
    t->crossovers = tables_new(TABLES_CROSSOVERS);
    t->timeline = tables_new(TABLES_TIMELINE);
    t->npv = tables_new(TABLES_NPV);
    t->budgets = tables_new(TABLES_BUDGETS);
    t->breakeven = tables_new(TABLES_BREAKEVEN);
    t->changes = tables_new(TABLES_CHANGES);
    t->payback = tables_new(TABLES_PAYBACK);
    if (!t->compare || !t->crossovers || !t->timeline || !t->npv || !t->budgets || !t->breakeven ||
        !t->changes || !t->payback) {
        analysis_tables_free(t);
        return error_oom(err);
    }
    return true;
}

void analysis_tables_free(analysis_tables *t)
{
    table_free(t->compare);
    table_free(t->crossovers);
    table_free(t->timeline);
    table_free(t->npv);
    table_free(t->budgets);
    table_free(t->breakeven);
    table_free(t->changes);
    table_free(t->payback);
    memset(t, 0, sizeof *t);
}

/* ---- its run -------------------------------------------------------------------------------- */

static void free_run(analysis_work *r)
{
    for (size_t o = 0; r->totals && o < r->a->n_options; o++)
        cost_release(r->totals[o]);
    budget_free(r->totals);
    budget_free(r->users_lo);
    budget_free(r->cost);
    budget_free(r->sweep);
    budget_free(r->lane_cost);
    lanes_free(&r->ln);
}

bool analysis_run(const analysis *a, const char *model, const mc_draws *draws, analysis_tables *t,
                  findings *out, core_error *err)
{
    analysis_work r = {.a = a, .model = model, .t = t, .out = out, .err = err, .draws = draws};
    if (a->n_options > ANALYSIS_MAX_OPTIONS)
        return error_fail(err,
                          "compares %zu options; at most %d (every pair is searched for "
                          "where their totals cross): split it into analyses of fewer",
                          a->n_options, ANALYSIS_MAX_OPTIONS);
    r.horizon = a->months > 36 ? a->months : 36;
    if (draws && !lanes_make(a, draws, r.horizon, &r.ln, err))
        return false;
    r.totals = budget_calloc(a->n_options ? a->n_options : 1, sizeof *r.totals);
    bool ok = r.totals != NULL || error_oom(err);
    for (size_t o = 0; ok && o < a->n_options; o++)
        ok = (r.totals[o] = option_total(a->options[o], err)) != NULL;
    ok = ok && analysis_compare(&r) && analysis_crossovers(&r);
    if (ok && a->has_timeline) {
        ok = analysis_timeline_fill(&r);
        if (ok) {
            analysis_timeline(&r);
            ok = analysis_budgets(&r);
        }
        for (size_t i = 0; ok && i < a->n_changes; i++)
            ok = analysis_change(&r, a->changes[i]);
    }
    if (ok && a->has_revenue)
        ok = analysis_breakeven(&r);
    const table *written[] = {t->compare, t->crossovers, t->timeline, t->npv,
                              t->budgets, t->breakeven,  t->changes};
    for (size_t i = 0; ok && i < sizeof written / sizeof written[0]; i++)
        if (table_problem(written[i])) /* a figure that is not finite fails the model */
            ok = error_fail(err, "%s", table_problem(written[i]));
    free_run(&r);
    return ok;
}
