/* option_eval: an option's items and total over user counts; stated totals against items. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "option_eval.h"
#include "numfmt.h"

void evaluate_free(option_eval *ev)
{
    budget_free(ev->users);
    budget_free(ev->item_lo); /* one block holds every item and total array */
    memset(ev, 0, sizeof *ev);
}

/* The users and a window's arrays (as many counts as the first window has). */
static bool alloc_eval(option_eval *ev, size_t n_items, const double *users, size_t n,
                       core_error *err)
{
    memset(ev, 0, sizeof *ev);
    size_t window = n < EVALUATE_WINDOW ? n : EVALUATE_WINDOW;
    ev->users = budget_array(n, sizeof *ev->users);
    double *block = budget_array(budget_mul(budget_mul(3, n_items + 1), window), sizeof *block);
    if (!ev->users || !block) {
        budget_free(block);
        evaluate_free(ev);
        return error_fail(err, "out of memory evaluating %zu user counts", n);
    }
    memcpy(ev->users, users, n * sizeof *users);
    ev->n_users = n;
    ev->n_items = n_items;
    ev->item_lo = block;
    return true;
}

/* Lays the arrays out in the block for a window of count counts. */
static void lay_out(option_eval *ev, size_t first, size_t count)
{
    double *block = ev->item_lo;
    size_t cells = ev->n_items * count;
    ev->first = first, ev->count = count;
    ev->item_mid = block + cells;
    ev->item_hi = block + 2 * cells;
    ev->total_lo = block + 3 * cells;
    ev->total_mid = ev->total_lo + count;
    ev->total_hi = ev->total_mid + count;
}

/* Appends which item and option failed to a message from the cost function. */
static bool name_item(const option *opt, const item *it, core_error *err)
{
    size_t len = strlen(err->msg);
    snprintf(err->msg + len, sizeof err->msg - len, " (item \"%s\" of option \"%s\")", it->name,
             opt->name);
    return false;
}

/* The total at the window's count u went beyond the largest number: a message naming the
 * option, the user count and its largest item. */
static bool total_overflows(const option *opt, const option_eval *ev, size_t u, core_error *err)
{
    size_t n = ev->count, largest = 0;
    for (size_t i = 1; i < opt->n_items; i++)
        if (ev->item_hi[i * n + u] > ev->item_hi[largest * n + u])
            largest = i;
    return error_fail(err,
                      "%s: option \"%s\": the total at %.0f users is beyond the largest "
                      "number (over 1.8e308); its largest item is \"%s\" at %.6g",
                      opt->origin, opt->name, ev->users[ev->first + u], opt->items[largest].name,
                      ev->item_hi[largest * n + u]);
}

/* The items of the window ev is laid out for, and their totals. */
static bool sum_items(const option *opt, option_eval *ev, core_error *err)
{
    size_t n = ev->count;
    const double *users = ev->users + ev->first;
    for (size_t u = 0; u < n; u++)
        ev->total_lo[u] = ev->total_mid[u] = ev->total_hi[u] = 0;
    for (size_t i = 0; i < opt->n_items; i++) {
        const item *it = &opt->items[i];
        double *lo = ev->item_lo + i * n, *mid = ev->item_mid + i * n, *hi = ev->item_hi + i * n;
        if (!cost_eval(it->cost, users, n, lo, mid, hi, err))
            return name_item(opt, it, err);
        for (size_t u = 0; u < n; u++) {
            ev->total_lo[u] += lo[u];
            ev->total_mid[u] += mid[u];
            ev->total_hi[u] += hi[u];
        }
    }
    for (size_t u = 0; u < n; u++) /* each item is finite; their sum may not be */
        if (!isfinite(ev->total_lo[u]) || !isfinite(ev->total_hi[u]))
            return total_overflows(opt, ev, u, err);
    return true;
}

/* Evaluates the window at first into ev's arrays; one that failed is not held. */
static bool evaluate_at(const option *opt, option_eval *ev, size_t first, core_error *err)
{
    size_t left = ev->n_users - first;
    lay_out(ev, first, left < EVALUATE_WINDOW ? left : EVALUATE_WINDOW);
    bool ok = sum_items(opt, ev, err);
    if (!ok)
        ev->count = 0;
    return ok;
}

bool evaluate_window(const option *opt, option_eval *ev, size_t first, core_error *err)
{
    if (first >= ev->n_users || first % EVALUATE_WINDOW != 0)
        return error_fail(err, "evaluate_window: no window starts at %zu of %zu user counts", first,
                          ev->n_users);
    if (ev->count && ev->first == first)
        return true;
    return evaluate_at(opt, ev, first, err);
}

bool evaluate_option(const option *opt, const double *users, size_t n, option_eval *ev,
                     core_error *err)
{
    if (!alloc_eval(ev, opt->n_items, users, n, err))
        return false;
    for (size_t first = 0; first < n; first += EVALUATE_WINDOW)
        if (!evaluate_at(opt, ev, first, err))
            return false;
    return n <= EVALUATE_WINDOW || evaluate_at(opt, ev, 0, err);
}

static bool same_cents(double a, double b)
{
    return numfmt_round(a, 2) == numfmt_round(b, 2);
}

bool evaluate_stated(const option *opt, stated_check **checks, core_error *err)
{
    *checks = NULL;
    if (opt->n_stated == 0)
        return true;
    stated_check *c = budget_calloc(opt->n_stated, sizeof *c);
    if (!c)
        return error_oom(err);
    for (size_t s = 0; s < opt->n_stated; s++) {
        const stated_total *st = &opt->stated[s];
        option_eval ev;
        if (!evaluate_option(opt, &st->users, 1, &ev, err)) {
            evaluate_free(&ev);
            budget_free(c);
            return false;
        }
        c[s] = (stated_check){
            .stated = st, .lo = ev.total_lo[0], .mid = ev.total_mid[0], .hi = ev.total_hi[0]};
        c[s].agrees = same_cents(st->total.lo, c[s].lo) && same_cents(st->total.hi, c[s].hi);
        evaluate_free(&ev);
    }
    *checks = c;
    return true;
}
