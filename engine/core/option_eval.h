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

/* The user counts an evaluation holds at once: an option is evaluated over its counts a
 * window at a time, so that its memory is bounded by the window, not by the sweep's length
 * (a sweep of 1,000,000 counts of twelve items would take 300 MB held whole). */
enum { EVALUATE_WINDOW = 4096 };

typedef struct option_eval {
    size_t n_users;  /* user counts the option is evaluated at */
    double *users;   /* n_users counts, a copy */
    size_t n_items;  /* the option's items */
    size_t first;    /* the window: users[first .. first + count - 1] are evaluated below */
    size_t count;    /* 0 before the first window */
    double *item_lo; /* n_items * count: item i at users[first + u] is [i * count + u] */
    double *item_mid;
    double *item_hi;
    double *total_lo; /* count: the total at users[first + u] is [u] */
    double *total_mid;
    double *total_hi;
} option_eval;

/* Evaluates opt at every one of users[0..n-1] (each window in turn: a failure, which names
 * the item, or a total beyond the largest number is found here), leaving the first window
 * in *out; evaluate_free releases it, also after a failure.  With n <= EVALUATE_WINDOW it
 * holds everything and nothing is evaluated twice. */
bool evaluate_option(const option *opt, const double *users, size_t n, option_eval *out,
                     core_error *err);

/* Makes the window that starts at users[first] (a multiple of EVALUATE_WINDOW, below
 * n_users) the one *ev holds, evaluating it unless it is held already.  The reader of every
 * count goes:  for (first = 0; first < ev->n_users; first += EVALUATE_WINDOW)
 * evaluate_window(opt, ev, first, err), then the window's ev->count counts. */
bool evaluate_window(const option *opt, option_eval *ev, size_t first, core_error *err);
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
