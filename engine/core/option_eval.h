/*
 * option_eval: an option's items and total over a list of user counts, and the check of the
 * totals it states against the sum of its items.
 *
 * The total is the interval sum of the items: its lo is the sum of their lo, its hi the
 * sum of their hi (every range at the end that lowers, or raises, the bill).
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_OPTION_EVAL_H
#define RECKON_OPTION_EVAL_H

#include "budget.h"
#include "option.h"

typedef struct option_eval {
    size_t n_users;  /* user counts evaluated */
    double *users;   /* n_users counts, a copy */
    size_t n_items;  /* the option's items */
    double *item_lo; /* n_items * n_users: item i at users u is [i * n_users + u] */
    double *item_mid;
    double *item_hi;
    double *total_lo; /* n_users */
    double *total_mid;
    double *total_hi;
} option_eval;

/* Fills out (which evaluate_free releases, also after a failure).  A failure names the item. */
bool evaluate_option(const option *opt, const double *users, size_t n, option_eval *out,
                     core_error *err);
void evaluate_free(option_eval *ev);

/* A stated total and what the option's own items sum to at its user count. */
typedef struct stated_check {
    const stated_total *stated; /* points into the option */
    double lo, mid, hi;         /* the items' sum */
    bool agrees;                /* both ends equal to the cent */
} stated_check;

/* Checks every stated total of opt; *checks gets opt->n_stated entries (budget_free them). */
bool evaluate_stated(const option *opt, stated_check **checks, core_error *err);

#endif
