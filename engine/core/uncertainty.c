/* uncertainty: distributions, probability of being cheapest, and sensitivity of a model. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "numfmt.h"
#include "stats.h"
#include "sweep.h"
#include "tables.h"
#include "uncertainty.h"

bool uncertainty_tables_new(uncertainty_tables *t, core_error *err)
{
    t->distribution = tables_new(TABLES_DISTRIBUTION);
    t->sensitivity = tables_new(TABLES_SENSITIVITY);
    if (!t->distribution || !t->sensitivity) {
        uncertainty_tables_free(t);
        return error_oom(err);
    }
    return true;
}

void uncertainty_tables_free(uncertainty_tables *t)
{
    table_free(t->distribution);
    table_free(t->sensitivity);
    memset(t, 0, sizeof *t);
}

static void distribution_row(table *t, const char *model, const char *option, double users,
                             const char *item, const mc_summary *s, double p_cheapest)
{
    table_text(t, model);
    table_text(t, option);
    table_number(t, users);
    table_text(t, item);
    table_number(t, s->mean);
    table_number(t, s->sd);
    table_number(t, s->p5);
    table_number(t, s->p50);
    table_number(t, s->p95);
    if (p_cheapest >= 0)
        table_number(t, p_cheapest);
    else
        table_empty(t);
    table_end_row(t);
}

/* Scratch of one run: lanes values for a driver and for each option's total. */
typedef struct work {
    const uncertainty_run *u;
    cost_samples s;
    double *x;      /* the user count, in every lane */
    double *totals; /* n_options * lanes */
    double *item;   /* lanes */
    double *users;  /* the union of the options' user counts, ascending */
    size_t n_users;
    bool *has;              /* [o * n_users + k]: option o is evaluated at users[k] */
    size_t *cheapest;       /* n_options: lanes in which each is the least, at one user count */
    const double **running; /* n_options: each one's lanes in totals there, NULL if not run */
    mc_summary *spread;     /* option o at users[k]: [o * n_users + k], kept for the findings */
} work;

/* The index of x in the ascending users[0..n-1], or n when it is not there. */
static size_t find_users(const double *users, size_t n, double x)
{
    size_t a = stats_lower_bound(users, n, x);
    return a < n && users[a] == x ? a : n;
}

/* Marks in w->has the user counts at which each option is evaluated. */
static void mark_users(work *w)
{
    for (size_t o = 0; o < w->u->n_options; o++) {
        const option_eval *ev = &w->u->evals[o];
        for (size_t i = 0; i < ev->n_users; i++) {
            size_t k = find_users(w->users, w->n_users, ev->users[i]);
            if (k < w->n_users)
                w->has[o * w->n_users + k] = true;
        }
    }
}

/* The option's total over the samples at the driver values x, by its total cost function,
 * into out.  When that fails, the message says where: the item whose own cost fails (its
 * line, as its message gives it, and the option's), or else the option's total itself (two
 * items whose sum is beyond the largest number). */
static bool total_samples(const option *opt, const cost_fn *total, const double *x,
                          const cost_samples *s, double *out, core_error *err)
{
    if (cost_eval_samples(total, x, s, out, err))
        return true;
    core_error whole = *err;
    for (size_t i = 0; i < opt->n_items; i++) {
        if (cost_eval_samples(opt->items[i].cost, x, s, out, err))
            continue;
        size_t len = strlen(err->msg);
        snprintf(err->msg + len, sizeof err->msg - len,
                 " (item \"%s\" of option \"%s\", in a "
                 "Monte Carlo sample)",
                 opt->items[i].name, opt->name);
        return false;
    }
    error_fail(err, "%s: option \"%s\": its total in a Monte Carlo sample: %s", opt->origin,
               opt->name, whole.msg);
    err->located = true;
    return false;
}

/* Every option's total (and items) at the user count users[k], and their rows. */
static bool rows_at(work *w, size_t k, uncertainty_tables *t, core_error *err)
{
    const uncertainty_run *u = w->u;
    size_t lanes = w->s.lanes;
    double users = w->users[k];
    const bool *has = w->has + k; /* has[o * w->n_users] for option o */
    for (size_t i = 0; i < lanes; i++)
        w->x[i] = users;
    for (size_t o = 0; o < u->n_options; o++) {
        w->running[o] = has[o * w->n_users] ? w->totals + o * lanes : NULL;
        if (!has[o * w->n_users])
            continue;
        cost_fn *total = option_total(u->options[o], err);
        bool ok =
            total && total_samples(u->options[o], total, w->x, &w->s, w->totals + o * lanes, err);
        cost_release(total);
        if (!ok)
            return false;
    }
    mc_cheapest(w->running, u->n_options, lanes, w->cheapest);
    for (size_t o = 0; o < u->n_options; o++) {
        if (!has[o * w->n_users])
            continue;
        mc_summary sum;
        if (!mc_summarize(w->totals + o * lanes, lanes, &sum))
            return error_oom(err);
        w->spread[o * w->n_users + k] = sum; /* kept for the findings */
        distribution_row(t->distribution, u->model, u->options[o]->name, users, "", &sum,
                         (double)w->cheapest[o] / (double)lanes);
        for (size_t i = 0; u->items && i < u->options[o]->n_items; i++) {
            const item *it = &u->options[o]->items[i];
            if (!cost_eval_samples(it->cost, w->x, &w->s, w->item, err))
                return false;
            if (!mc_summarize(w->item, lanes, &sum))
                return error_oom(err);
            distribution_row(t->distribution, u->model, u->options[o]->name, users, it->name, &sum,
                             -1);
        }
    }
    return true;
}

/* The sensitivity rows of option o at one user count; when any input moves it, the three
 * that move it most into said, and users into *at (else both are left as they were). */
static bool sensitivity_at(const uncertainty_run *u, size_t o, double users, table *t, char *said,
                           size_t said_size, double *at, core_error *err)
{
    cost_fn *total = option_total(u->options[o], err);
    mc_swing *swings = NULL;
    size_t n = 0;
    bool ok = total && mc_sensitivity(total, users, u->inputs, &swings, &n, err);
    cost_release(total);
    char line[2048];
    int len = snprintf(line, sizeof line, "most sensitive to");
    for (size_t k = 0; ok && k < n; k++) {
        const mc_swing *s = &swings[k];
        table_text(t, u->model);
        table_text(t, u->options[o]->name);
        table_number(t, users);
        table_number(t, (double)(k + 1));
        table_text(t, u->inputs->list[s->input].label);
        table_number(t, s->low_value);
        table_number(t, s->high_value);
        table_number(t, s->total_at_low);
        table_number(t, s->total_at_high);
        table_number(t, s->swing);
        table_end_row(t);
        char swing[NUMFMT_MAX];
        numfmt_fixed(s->swing, 0, swing);
        if (k < 3 && len > 0 && (size_t)len < sizeof line)
            len += snprintf(line + len, sizeof line - (size_t)len, "%s %s ($%s swing)",
                            k ? "," : "", u->inputs->list[s->input].label, swing);
    }
    budget_free(swings);
    if (ok && n > 0) {
        snprintf(said, said_size, "%s", line);
        *at = users;
    }
    return ok;
}

/* "AWS ECS at 10000 users: $1916 to $2163 (p5 to p95), median $2025; most sensitive to ..." */
static bool say_spread(const work *w, size_t o, double users, const char *inputs, findings *out,
                       core_error *err)
{
    size_t k = find_users(w->users, w->n_users, users);
    if (k == w->n_users || !w->has[o * w->n_users + k])
        return true;
    const mc_summary *sum = &w->spread[o * w->n_users + k]; /* computed by rows_at */
    char p5[NUMFMT_MAX], p50[NUMFMT_MAX], p95[NUMFMT_MAX];
    numfmt_fixed(sum->p5, 0, p5), numfmt_fixed(sum->p50, 0, p50), numfmt_fixed(sum->p95, 0, p95);
    return findings_add(out, "%s at %.0f users: $%s to $%s a month (p5 to p95), median $%s%s%s.",
                        w->u->options[o]->name, users, p5, p95, p50, inputs[0] ? "; " : "",
                        inputs) ||
           error_oom(err);
}

/* The sorted union of the options' user counts, into a new array. */
static double *all_users(const uncertainty_run *u, size_t *n)
{
    size_t total = 0;
    for (size_t o = 0; o < u->n_options; o++)
        total += u->evals[o].n_users;
    double *users = budget_array(total, sizeof *users);
    if (!users)
        return NULL;
    size_t k = 0;
    for (size_t o = 0; o < u->n_options; o++)
        for (size_t i = 0; i < u->evals[o].n_users; i++)
            users[k++] = u->evals[o].users[i];
    *n = sweep_normalise(users, k);
    return users;
}

bool uncertainty_checks(const option *opt, const mc_draws *draws, core_error *err)
{
    size_t lanes = draws->lanes;
    double *x = budget_array(lanes, sizeof *x), *y = budget_array(lanes, sizeof *y);
    cost_fn *total = x && y ? option_total(opt, err) : NULL;
    cost_samples s = mc_samples(draws);
    bool ok = total != NULL || (!(x && y) && error_oom(err));
    for (size_t c = 0; ok && c < opt->n_checks; c++) {
        const percentile_check *k = &opt->checks[c];
        double value;
        for (size_t i = 0; i < lanes; i++)
            x[i] = k->users;
        ok = total_samples(opt, total, x, &s, y, err);
        if (ok && !stats_percentiles(y, lanes, &k->percentile, 1, &value))
            ok = error_oom(err);
        if (!ok)
            break;
        char pct[NUMFMT_MAX], got[NUMFMT_MAX], limit[NUMFMT_MAX];
        numfmt_trim(100 * k->percentile, 4, pct);
        numfmt_fixed(value, 2, got);
        if (value > k->max || value < k->min) {
            numfmt_trim(value > k->max ? k->max : k->min, 2, limit);
            ok = error_fail(err,
                            "%s: check failed: option \"%s\": p%s of the total at %.0f "
                            "users is %s, %s the limit %s (%zu samples)",
                            opt->origin, opt->name, pct, k->users, got,
                            value > k->max ? "above" : "below", limit, lanes);
            err->located = true;
        }
    }
    budget_free(x), budget_free(y);
    cost_release(total);
    return ok;
}

bool uncertainty_model(const uncertainty_run *u, uncertainty_tables *t, findings *out,
                       core_error *err)
{
    size_t lanes = u->draws->lanes, n_users = 0;
    work w = {.u = u, .s = mc_samples(u->draws)};
    w.x = budget_array(lanes, sizeof *w.x);
    w.totals = budget_array(budget_mul(u->n_options, lanes), sizeof *w.totals);
    w.item = budget_array(lanes, sizeof *w.item);
    w.cheapest = budget_array(u->n_options, sizeof *w.cheapest);
    w.running = budget_array(u->n_options, sizeof *w.running);
    double *users = all_users(u, &n_users);
    w.users = users, w.n_users = n_users;
    w.has = budget_calloc(budget_mul(u->n_options, n_users), sizeof *w.has);
    w.spread = budget_calloc(budget_mul(u->n_options, n_users), sizeof *w.spread);
    bool ok = w.x && w.totals && w.item && w.has && w.cheapest && w.running && users && w.spread;
    if (!ok)
        error_fail(err, "out of memory for %zu samples", lanes);
    if (ok)
        mark_users(&w);
    for (size_t k = 0; ok && k < n_users; k++)
        ok = rows_at(&w, k, t, err);
    for (size_t o = 0; ok && o < u->n_options; o++) {
        const option_eval *ev = &u->evals[o];
        char line[2048] = ""; /* said at the largest count where something is uncertain */
        double at = ev->n_users ? ev->users[ev->n_users - 1] : 0;
        for (size_t k = 0; ok && k < ev->n_users; k++)
            ok = sensitivity_at(u, o, ev->users[k], t->sensitivity, line, sizeof line, &at, err);
        if (ok && ev->n_users)
            ok = say_spread(&w, o, at, line, out, err);
    }
    if (ok && table_problem(t->distribution)) /* a figure that is not finite fails the model */
        ok = error_fail(err, "%s", table_problem(t->distribution));
    if (ok && table_problem(t->sensitivity))
        ok = error_fail(err, "%s", table_problem(t->sensitivity));
    budget_free(w.x), budget_free(w.totals), budget_free(w.item), budget_free(w.has);
    budget_free(w.running);
    budget_free(w.cheapest), budget_free(users), budget_free(w.spread);
    return ok;
}
