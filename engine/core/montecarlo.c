/* montecarlo: sampling a model's uncertain inputs; summaries; sensitivity. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "montecarlo.h"
#include "names.h"
#include "rng.h"
#include "stats.h"

void mc_draws_free(mc_draws *d)
{
    for (size_t i = 0; d->by_id && i < d->n_ids; i++)
        budget_free(d->by_id[i]);
    budget_free(d->by_id);
    memset(d, 0, sizeof *d);
}

cost_samples mc_samples(const mc_draws *d)
{
    return (cost_samples){
        .lanes = d->lanes, .by_id = (const double *const *)d->by_id, .n_ids = d->n_ids};
}

/* The stream of an input: from the seed, the model and a key ("id:3" or "group:aws"). */
static void seed_stream(rng *r, uint64_t seed, const char *model, const char *kind, const char *key)
{
    uint64_t h = rng_hash(seed, model, strlen(model));
    h = rng_hash(h, kind, strlen(kind));
    h = rng_hash(h, key, strlen(key));
    rng_seed(r, h);
}

/* A range whose low end is >= 0 (a price, a rate, a count) never samples below 0: the
 * lower tail of a normal is cut there.  A lognormal never reaches it anyway. */
static void keep_nonnegative(const range *r, double *x, size_t n)
{
    if (r->lo < 0)
        return;
    for (size_t i = 0; i < n; i++)
        if (x[i] < 0)
            x[i] = 0;
}

/* Draws every input of the group of in->list[first] from one stream of uniforms; next[k] is
 * the input after k in its group, or NAMES_NONE. */
static bool draw_group(const inputs *in, const bool *used, size_t first, const size_t *next,
                       uint64_t seed, const char *model, mc_draws *d)
{
    const char *group = in->list[first].group;
    double *u = budget_array(d->lanes, sizeof *u);
    if (!u)
        return false;
    rng r;
    seed_stream(&r, seed, model, "group:", group);
    for (size_t i = 0; i < d->lanes; i++)
        u[i] = rng_uniform(&r);
    bool ok = true;
    for (size_t k = first; ok && k != NAMES_NONE; k = next[k]) {
        if (used && !used[k + 1])
            continue;
        double *x = budget_array(d->lanes, sizeof *x);
        ok = x != NULL;
        if (ok) {
            rng_fill_from_uniforms(&in->list[k].value, u, x, d->lanes);
            keep_nonnegative(&in->list[k].value, x, d->lanes);
            d->by_id[k + 1] = x;
        }
    }
    budget_free(u);
    return ok;
}

/* Links the inputs of each group: next[k] the next input of k's group (NAMES_NONE after its
 * last), and first[k] whether k is the first of its group.  False when out of memory. */
static bool link_groups(const inputs *in, size_t *next, bool *first)
{
    names groups = {0};                               /* a group's name to its first input */
    size_t *last = budget_array(in->n, sizeof *last); /* for a first input: its group's last */
    bool ok = last != NULL;
    for (size_t k = 0; ok && k < in->n; k++) {
        next[k] = NAMES_NONE;
        first[k] = false;
        if (!in->list[k].group)
            continue;
        size_t head;
        int added = names_add(&groups, in->list[k].group, k, &head);
        ok = added >= 0;
        if (added > 0)
            first[k] = true, last[k] = k;
        else if (added == 0)
            next[last[head]] = k, last[head] = k;
    }
    names_free(&groups);
    budget_free(last);
    return ok;
}

bool mc_draw(const inputs *in, uint64_t seed, const char *model, size_t lanes, mc_draws *d,
             core_error *err)
{
    return mc_draw_used(in, NULL, seed, model, lanes, d, err);
}

bool mc_draw_used(const inputs *in, const bool *used, uint64_t seed, const char *model,
                  size_t lanes, mc_draws *d, core_error *err)
{
    memset(d, 0, sizeof *d);
    d->lanes = lanes;
    d->n_ids = in->n + 1;
    d->by_id = budget_calloc(d->n_ids, sizeof *d->by_id);
    size_t *next = budget_array(in->n, sizeof *next);
    bool *first = budget_array(in->n, sizeof *first);
    bool ok = d->by_id && next && first && lanes > 0 && link_groups(in, next, first);
    for (size_t k = 0; ok && k < in->n; k++) {
        if (in->list[k].group) { /* the stream is the group's, whoever of it is used */
            if (first[k])
                ok = draw_group(in, used, k, next, seed, model, d);
            continue;
        }
        if (used && !used[k + 1])
            continue;
        double *x = budget_array(lanes, sizeof *x);
        ok = x != NULL;
        if (ok) {
            char key[32];
            snprintf(key, sizeof key, "%d", in->list[k].value.id);
            rng r;
            seed_stream(&r, seed, model, "id:", key);
            rng_fill(&r, &in->list[k].value, x, lanes);
            keep_nonnegative(&in->list[k].value, x, lanes);
            d->by_id[k + 1] = x;
        }
    }
    budget_free(next);
    budget_free(first);
    if (!ok) {
        mc_draws_free(d);
        return error_fail(err,
                          lanes ? "out of memory drawing %zu samples"
                                : "no samples asked "
                                  "for (%zu)",
                          lanes);
    }
    return true;
}

bool mc_summarize(const double *x, size_t n, mc_summary *out)
{
    double q[STATS_SPREAD_N];
    if (!stats_percentiles(x, n, stats_spread, STATS_SPREAD_N, q))
        return false;
    *out = (mc_summary){stats_mean(x, n), stats_sd(x, n), q[STATS_P5], q[STATS_P50], q[STATS_P95]};
    return true;
}

void mc_cheapest(const double *const *totals, size_t n_options, size_t lanes, size_t *wins)
{
    size_t first = 0;
    while (first < n_options && !totals[first])
        first++;
    for (size_t o = 0; o < n_options; o++)
        wins[o] = 0;
    for (size_t i = 0; first < n_options && i < lanes; i++) {
        size_t best = first;
        for (size_t o = first + 1; o < n_options; o++)
            if (totals[o] && totals[o][i] < totals[best][i])
                best = o;
        wins[best]++;
    }
}

double mc_quantile(const range *r, double p)
{
    double out;
    rng_fill_from_uniforms(r, &p, &out, 1);
    keep_nonnegative(r, &out, 1);
    return out;
}

static int by_swing(const void *a, const void *b)
{
    const mc_swing *x = a, *y = b;
    if (x->swing != y->swing)
        return x->swing < y->swing ? 1 : -1;
    return (x->input > y->input) - (x->input < y->input);
}

/* An input's change of a term, in the two lanes (at the input's p5 and p95). */
typedef struct swing_change {
    size_t id;   /* the input's id */
    double d[2]; /* the term's value there minus its value with every input at its median */
} swing_change;

/* A list of changes, in no order, an input possibly more than once (summed when merged). */
typedef struct swing_list {
    swing_change *v;
    size_t n, cap;
} swing_list;

/* What mc_sensitivity works with: two lanes an input, [0] at its median for the others, or
 * p5 and p95 for the swung one; and a term's inputs. */
typedef struct swinging {
    const inputs *in;
    double *values;     /* 2 an input */
    cost_samples s;     /* 2 lanes over values */
    double xs[2];       /* the driver value, in both lanes */
    cost_input_set set; /* the inputs of the term at hand (emptied after each) */
    double *low, *high; /* by input: the change of the total at its p5 and at its p95 */
    bool *moves;        /* by input: some term depends on it */
    core_error *err;
} swinging;

/* Adds weight x d for input id: to the total's changes (into NULL), or to a list. */
static bool swing_add(swinging *w, swing_list *into, size_t id, double weight, const double d[2])
{
    if (!into) {
        size_t i = id - 1;
        w->low[i] += weight * d[0], w->high[i] += weight * d[1];
        w->moves[i] = true;
        return true;
    }
    void *v = into->v;
    if (!budget_grow(&v, into->n, &into->cap, sizeof *into->v))
        return error_fail(w->err, "out of memory in the sensitivity of %zu inputs", w->in->n);
    into->v = v;
    into->v[into->n++] = (swing_change){id, {weight * d[0], weight * d[1]}};
    return true;
}

static int by_change_id(const void *a, const void *b)
{
    const swing_change *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

/* Sorts l by input and sums each input's changes into one entry. */
static void swing_merge(swing_list *l)
{
    if (l->n == 0)
        return;
    qsort(l->v, l->n, sizeof *l->v, by_change_id);
    size_t out = 0;
    for (size_t k = 1; k < l->n; k++) {
        if (l->v[k].id == l->v[out].id) {
            l->v[out].d[0] += l->v[k].d[0], l->v[out].d[1] += l->v[k].d[1];
        } else {
            l->v[++out] = l->v[k];
        }
    }
    l->n = out + 1;
}

static bool swing_term(swinging *w, const cost_fn *t, double weight, swing_list *into);

/* The changes of max(a, b) or min(a, b), from the changes of a and of b: each input's
 * value of the extreme is the extreme of its operands' values, so the work is that of the
 * operands' own changes, not that of the whole once an input. */
static bool swing_extreme(swinging *w, const cost_fn *a, const cost_fn *b, bool is_max,
                          double weight, swing_list *into)
{
    double am[2], bm[2];
    swing_list la = {0}, lb = {0};
    bool ok = cost_eval_samples(a, w->xs, &w->s, am, w->err) &&
              cost_eval_samples(b, w->xs, &w->s, bm, w->err) && swing_term(w, a, 1, &la) &&
              swing_term(w, b, 1, &lb);
    if (ok) {
        swing_merge(&la), swing_merge(&lb);
        double base[2];
        for (int k = 0; k < 2; k++)
            base[k] = is_max ? fmax(am[k], bm[k]) : fmin(am[k], bm[k]);
        size_t i = 0, j = 0;
        while (ok && (i < la.n || j < lb.n)) {
            size_t id =
                i < la.n && (j >= lb.n || la.v[i].id <= lb.v[j].id) ? la.v[i].id : lb.v[j].id;
            const double zero[2] = {0, 0};
            const double *da = i < la.n && la.v[i].id == id ? la.v[i++].d : zero;
            const double *db = j < lb.n && lb.v[j].id == id ? lb.v[j++].d : zero;
            double d[2];
            for (int k = 0; k < 2; k++) {
                double x = am[k] + da[k], y = bm[k] + db[k];
                d[k] = (is_max ? fmax(x, y) : fmin(x, y)) - base[k];
            }
            ok = swing_add(w, into, id, weight, d);
        }
    }
    budget_free(la.v), budget_free(lb.v);
    return ok;
}

/* Adds to w (or to the list into) the changes each input of term t makes to it, times
 * weight: the terms of a total, a sum, a difference or an exact scaling one by one, and the
 * operands of a max or a min, so that the work is that of each term times its own inputs,
 * never the whole times all of them. */
static bool swing_term(swinging *w, const cost_fn *t, double weight, swing_list *into)
{
    size_t n_terms;
    cost_fn *const *terms = cost_total_terms(t, &n_terms);
    if (terms) {
        for (size_t k = 0; k < n_terms; k++)
            if (!swing_term(w, terms[k], weight, into)) /* as deep as the tree: COST_MAX_DEPTH */
                return false;
        return true;
    }
    const cost_fn *a, *b;
    double wa, wb;
    if (cost_linear_parts(t, &a, &wa, &b, &wb))
        return swing_term(w, a, weight * wa, into) && (!b || swing_term(w, b, weight * wb, into));
    bool is_max;
    if (cost_extreme_parts(t, &a, &b, &is_max))
        return swing_extreme(w, a, b, is_max, weight, into);
    w->set.n = 0;
    cost_inputs(t, &w->set);
    size_t n = w->set.n;
    for (size_t k = 0; k < n; k++)
        w->set.used[w->set.ids[k]] = false; /* for the next term */
    if (n == 0)
        return true;
    double at[2], median;
    if (!cost_eval_samples(t, w->xs, &w->s, at, w->err))
        return false;
    median = at[0];
    for (size_t k = 0; k < n; k++) {
        size_t id = w->set.ids[k], i = id - 1;
        const range *r = &w->in->list[i].value;
        double keep = w->values[2 * i];
        w->values[2 * i] = mc_quantile(r, stats_spread[STATS_P5]);
        w->values[2 * i + 1] = mc_quantile(r, stats_spread[STATS_P95]);
        bool ok = cost_eval_samples(t, w->xs, &w->s, at, w->err);
        w->values[2 * i] = w->values[2 * i + 1] = keep;
        const double d[2] = {at[0] - median, at[1] - median};
        if (!ok || !swing_add(w, into, id, weight, d))
            return false;
    }
    return true;
}

bool mc_sensitivity(const cost_fn *f, double x, const inputs *in, mc_swing **out, size_t *n,
                    core_error *err)
{
    *out = NULL;
    *n = 0;
    err->msg[0] = '\0';
    size_t k = in->n;
    swinging w = {.in = in, .xs = {x, x}, .err = err};
    w.values = budget_array(2 * k + 1, sizeof *w.values);
    const double **by_id = budget_calloc(k + 1, sizeof *by_id);
    w.set = (cost_input_set){.used = budget_calloc(k + 1, sizeof *w.set.used),
                             .n_ids = k + 1,
                             .ids = budget_array(k + 1, sizeof *w.set.ids)};
    w.low = budget_calloc(k, sizeof *w.low), w.high = budget_calloc(k, sizeof *w.high);
    w.moves = budget_calloc(k, sizeof *w.moves);
    mc_swing *swings = budget_calloc(k + 1, sizeof *swings);
    bool ok =
        (w.values && by_id && w.set.used && w.set.ids && w.low && w.high && w.moves && swings) ||
        error_oom(err);
    for (size_t i = 0; ok && i < k; i++) {
        double median = mc_quantile(&in->list[i].value, stats_spread[STATS_P50]);
        w.values[2 * i] = w.values[2 * i + 1] = median;
        by_id[i + 1] = &w.values[2 * i];
    }
    w.s = (cost_samples){.lanes = 2, .by_id = by_id, .n_ids = k + 1};
    double base[2];
    ok = ok && cost_eval_samples(f, w.xs, &w.s, base, err) && swing_term(&w, f, 1, NULL);
    for (size_t i = 0; ok && i < k; i++) {
        double low = base[0] + w.low[i], high = base[0] + w.high[i];
        double swing = fabs(high - low);
        if (w.moves[i] && swing > 0)
            swings[(*n)++] = (mc_swing){i,
                                        mc_quantile(&in->list[i].value, stats_spread[STATS_P5]),
                                        mc_quantile(&in->list[i].value, stats_spread[STATS_P95]),
                                        low,
                                        high,
                                        swing};
    }
    budget_free(w.values), budget_free(by_id), budget_free(w.set.used), budget_free(w.set.ids);
    budget_free(w.low), budget_free(w.high), budget_free(w.moves);
    if (!ok) {
        budget_free(swings);
        *n = 0;
        return false;
    }
    if (*n > 0)
        qsort(swings, *n, sizeof *swings, by_swing);
    *out = swings;
    return true;
}
