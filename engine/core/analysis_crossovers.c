/*
 * analysis_crossovers: crossovers.csv, over the sweep's span of user counts: where each pair
 * of options' totals cross ("pair"), where the cheapest option changes ("cheapest", with the
 * finding that says it), and under Monte Carlo where each pair crosses in each lane
 * ("pair_uncertain": p5, p50 as users, p95, and the share of lanes that cross).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "budget.h"
#include "analysis_work.h"
#include "crossover.h"
#include "tolerance.h"
#include "stats.h"

/* Index of the option with the least mid total at x. */
static bool cheapest_at(const analysis_work *r, double x, size_t *index)
{
    double best = 0;
    *index = 0; /* the first option, also when there is only one */
    for (size_t o = 0; o < r->a->n_options; o++) {
        double lo, mid, hi;
        if (!cost_eval(r->totals[o], &x, 1, &lo, &mid, &hi, r->err))
            return false;
        if (o == 0 || mid < best)
            best = mid, *index = o;
    }
    return true;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A row of a crossover found on the totals themselves: no p5, p95 or probability. */
static void crossover_row(analysis_work *r, const char *kind, const char *a, const char *b,
                          double x, const char *below, const char *above)
{
    table *t = r->t->crossovers;
    row_start(r, t);
    table_text(t, kind);
    table_text(t, a);
    table_text(t, b);
    table_number(t, x);
    table_text(t, below);
    table_text(t, above);
    table_empty(t);
    table_empty(t);
    table_empty(t);
    table_end_row(t);
}

/* Where the cheapest option changes, from the pairs' crossovers xs; and the finding.  The
 * cheapest is taken in the middle of each stretch between crossovers, where no two totals
 * tie, so that a change is seen even where totals meet exactly at the crossover. */
static bool cheapest_changes(analysis_work *r, double *xs, size_t n)
{
    const analysis *a = r->a;
    double lo = a->users[0], hi = a->users[a->n_users - 1];
    if (n > 0) /* qsort wants a real array even for none */
        qsort(xs, n, sizeof *xs, compare_doubles);
    size_t current, next, i = 0;
    while (i < n && xs[i] <= lo)
        i++;
    double first_end = i < n && xs[i] < hi ? xs[i] : hi;
    if (!cheapest_at(r, lo + (first_end - lo) / 2, &current))
        return false;
    char num[FINDINGS_NUMBER_MAX];
    findings_line line = {0};
    findings_line_add(&line, "Cheapest from %s users: %s", findings_people(lo, num),
                      a->options[current]->name);
    for (; i < n && xs[i] < hi; i++) {
        double end = i + 1 < n && xs[i + 1] < hi ? xs[i + 1] : hi;
        if (end <= xs[i] || !cheapest_at(r, xs[i] + (end - xs[i]) / 2, &next))
            continue;
        if (next == current)
            continue;
        crossover_row(r, "cheapest", a->options[current]->name, a->options[next]->name, xs[i],
                      a->options[current]->name, a->options[next]->name);
        /* the last whole user count on the old side: the crossing is the last value there
         * (a crossing at 160,000 on paper is found at 159,999.99999999997) */
        findings_line_add(&line, " up to %s users, then %s",
                          findings_people(tolerance_floor(xs[i]), num), a->options[next]->name);
        current = next;
    }
    findings_line_add(&line, " up to %s users.", findings_people(hi, num));
    return findings_add_line(r->out, &line) || error_oom(r->err);
}

/* Under uncertainty: in each lane, the first user count of the sweep's span where options
 * i and j cross, read off the sweep (linear between its points); a row with its p5, p50
 * (as users) and p95 among the lanes where they cross, and the share of lanes that do. */
static bool uncertain_crossover(analysis_work *r, size_t i, size_t j)
{
    const analysis *a = r->a;
    size_t lanes = r->ln.n, n = a->n_users, crossed = 0;
    double *at = budget_array(lanes, sizeof *at);
    if (!at)
        return error_oom(r->err);
    for (size_t l = 0; l < lanes; l++) {
        double prev = 0;
        for (size_t u = 0; u < n; u++) {
            double d = r->sweep[(i * n + u) * lanes + l] - r->sweep[(j * n + u) * lanes + l];
            if (u > 0 && ((prev < 0 && d >= 0) || (prev > 0 && d <= 0))) {
                double t = prev / (prev - d); /* where the straight line crosses 0 */
                at[crossed++] = a->users[u - 1] + t * (a->users[u] - a->users[u - 1]);
                break;
            }
            prev = d;
        }
    }
    if (crossed > 0) {
        double q[3];
        bool ok = stats_percentiles(at, crossed, stats_spread, STATS_SPREAD_N, q);
        table *t = r->t->crossovers;
        if (ok) {
            row_start(r, t);
            table_text(t, "pair_uncertain");
            table_text(t, a->options[i]->name);
            table_text(t, a->options[j]->name);
            table_number(t, q[1]);
            table_empty(t);
            table_empty(t);
            table_number(t, q[0]);
            table_number(t, q[2]);
            table_number(t, (double)crossed / (double)lanes);
            table_end_row(t);
        }
        if (!ok) {
            budget_free(at);
            return error_oom(r->err);
        }
    }
    budget_free(at);
    return true;
}

bool analysis_crossovers(analysis_work *r)
{
    const analysis *a = r->a;
    double lo = a->users[0], hi = a->users[a->n_users - 1];
    double *all = NULL;
    size_t n_all = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < a->n_options; i++)
        for (size_t j = i + 1; ok && j < a->n_options; j++) {
            crossover *c;
            size_t n;
            ok = crossover_find(r->totals[i], r->totals[j], lo, hi, &c, &n, r->err);
            double *grown = ok ? budget_realloc_array(all, n_all + n + 1, sizeof *all) : NULL;
            if (ok && !grown)
                ok = error_oom(r->err);
            if (grown)
                all = grown;
            for (size_t k = 0; ok && k < n; k++) {
                const char *fi = a->options[i]->name, *gj = a->options[j]->name;
                crossover_row(r, "pair", fi, gj, c[k].x, c[k].f_cheaper_below ? fi : gj,
                              c[k].f_cheaper_below ? gj : fi);
                all[n_all++] = c[k].x;
            }
            budget_free(c);
        }
    ok = ok && cheapest_changes(r, all, n_all);
    budget_free(all);
    for (size_t i = 0; ok && r->draws && i < a->n_options; i++)
        for (size_t j = i + 1; ok && j < a->n_options; j++)
            ok = uncertain_crossover(r, i, j);
    return ok;
}
