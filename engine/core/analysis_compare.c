/*
 * analysis_compare: compare.csv, each option at each user count of the sweep: its cost (low,
 * mid, high), its rank, the cheapest option there and what it costs over the cheapest; under
 * Monte Carlo, the chance it is the cheapest.
 */
#include "budget.h"
#include "analysis_work.h"
#include "montecarlo.h"

/* With draws: every option's total in every lane at every user count of the sweep. */
static bool fill_sweep(analysis_work *r)
{
    const analysis *a = r->a;
    size_t lanes = r->ln.n;
    r->sweep =
        budget_array(budget_mul(budget_mul(a->n_options, a->n_users), lanes), sizeof *r->sweep);
    if (!r->sweep)
        return error_fail(r->err, "out of memory for %zu lanes", lanes);
    for (size_t o = 0; o < a->n_options; o++)
        for (size_t u = 0; u < a->n_users; u++)
            if (!lanes_at(&r->ln, r->totals[o], a->users[u],
                          r->sweep + (o * a->n_users + u) * lanes, r->err))
                return false;
    return true;
}

/* wins[o]: the lanes in which option o is the cheapest at sweep point u (ties to the
 * first), for every option at once. */
static void cheapest_wins(const analysis_work *r, size_t u, size_t *wins)
{
    size_t lanes = r->ln.n, n = r->a->n_users;
    const double *at[ANALYSIS_MAX_OPTIONS]; /* each option's lanes at sweep point u */
    for (size_t p = 0; p < r->a->n_options; p++)
        at[p] = r->sweep + (p * n + u) * lanes;
    mc_cheapest(at, r->a->n_options, lanes, wins);
}

/* The row of option o at sweep point u; v holds every option's low, mid and high there
 * ([(3 * o + end) * n_users + u]), rank its place by mid total (ties to the first), wins
 * the lanes each option is the cheapest in (NULL without samples). */
static void compare_row(analysis_work *r, const double *v, size_t u, size_t o, size_t rank,
                        size_t cheapest, const size_t *wins)
{
    const analysis *a = r->a;
    size_t n = a->n_users;
    double mid = v[(3 * o + 1) * n + u], best = v[(3 * cheapest + 1) * n + u];
    table *t = r->t->compare;
    row_start(r, t);
    table_number(t, a->users[u]);
    table_text(t, a->options[o]->name);
    table_number(t, v[3 * o * n + u]);
    table_number(t, mid);
    table_number(t, v[(3 * o + 2) * n + u]);
    table_number(t, (double)rank);
    table_text(t, a->options[cheapest]->name);
    table_number(t, mid - best);
    if (wins)
        table_number(t, r->ln.n ? (double)wins[o] / (double)r->ln.n : 0);
    else
        table_empty(t);
    table_end_row(t);
}

bool analysis_compare(analysis_work *r)
{
    const analysis *a = r->a;
    size_t n = a->n_users, k = a->n_options;
    if (r->draws && !fill_sweep(r))
        return false;
    double *v = budget_array(budget_mul(budget_mul(3, n), k), sizeof *v);
    if (!v)
        return error_oom(r->err);
    bool ok = true;
    for (size_t o = 0; ok && o < k; o++)
        ok = cost_eval(r->totals[o], a->users, n, v + 3 * o * n, v + (3 * o + 1) * n,
                       v + (3 * o + 2) * n, r->err);
    size_t wins[ANALYSIS_MAX_OPTIONS];
    for (size_t u = 0; ok && u < n; u++) {
        if (r->draws)
            cheapest_wins(r, u, wins);
        size_t cheapest = 0;
        for (size_t o = 1; o < k; o++)
            if (v[(3 * o + 1) * n + u] < v[(3 * cheapest + 1) * n + u])
                cheapest = o;
        for (size_t o = 0; o < k; o++) {
            double mid = v[(3 * o + 1) * n + u];
            size_t rank = 1;
            for (size_t p = 0; p < k; p++)
                rank += v[(3 * p + 1) * n + u] < mid || (v[(3 * p + 1) * n + u] == mid && p < o);
            compare_row(r, v, u, o, rank, cheapest, r->draws ? wins : NULL);
        }
    }
    budget_free(v);
    return ok;
}
