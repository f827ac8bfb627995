/*
 * analysis_breakeven: breakeven.csv, for revenue a user a month (its mid, low and high): the
 * least user count of the sweep's span from which revenue covers each option's total for
 * good, and along a timeline the first month from which it covers the month's cost for
 * good; a sentence an option.
 */
#include <math.h>

#include "budget.h"
#include "analysis_work.h"
#include "crossover.h"
#include "tolerance.h"

/* Whether revenue a user covers option o's total at users (within rounding: tolerance.h). */
static bool covers(analysis_work *r, size_t o, double revenue, double users, bool *yes)
{
    double c_lo, c_mid, c_hi;
    if (!cost_eval(r->totals[o], &users, 1, &c_lo, &c_mid, &c_hi, r->err))
        return false;
    *yes = tolerance_reaches(revenue * users, c_mid);
    return true;
}

/* The least whole user count in the sweep's span from which revenue covers the total up to
 * the top of the span ("for good"), or -1 when it does not cover it there.  A crossing from
 * short to covered is found where the sign changes; the answer is the first whole count
 * that covers past it (the crossing itself when it is whole and covers within rounding). */
static bool breakeven_users(analysis_work *r, size_t o, double revenue, double *users)
{
    const analysis *a = r->a;
    double lo = a->users[0], hi = a->users[a->n_users - 1];
    bool at_hi = false, at_lo = false;
    *users = -1;
    if (!isfinite(revenue * hi)) /* else the income's own cost function would be blamed */
        return error_fail(r->err,
                          "revenue_per_user of %g a user a month makes the revenue of %g "
                          "users larger than the largest number",
                          revenue, hi);
    if (!covers(r, o, revenue, hi, &at_hi))
        return false;
    if (!at_hi) /* not covered at the top of the span: never for good */
        return true;
    cost_fn *income = cost_linear(range_number(0), range_number(revenue), r->err);
    crossover *c = NULL;
    size_t n = 0;
    bool ok = income && crossover_find(income, r->totals[o], lo, hi, &c, &n, r->err);
    if (ok && n > 0 && c[n - 1].f_cheaper_below) { /* short, then covered from there on */
        double u = fmax(lo, floor(c[n - 1].x)), yes;
        bool whole_covers = false;
        ok = covers(r, o, revenue, u, &whole_covers);
        yes = whole_covers ? u : u + 1;
        *users = fmin(yes, hi);
    } else if (ok && n > 0) { /* covered, then short: it only meets the cost at the top */
        *users = hi;
    } else if (ok) { /* no crossing: covered throughout, or it meets the cost at the top */
        ok = covers(r, o, revenue, lo, &at_lo);
        *users = at_lo ? lo : hi;
    }
    budget_free(c);
    cost_release(income);
    return ok;
}

static void users_cell(table *t, double users)
{
    if (users >= 0)
        table_number(t, users);
    else
        table_never(t);
}

/* Option o's sentence: where revenue of rev a user covers its cost (u, -1: never). */
static bool breakeven_finding(analysis_work *r, size_t o, double rev, double u)
{
    const analysis *a = r->a;
    char num[FINDINGS_NUMBER_MAX], per[NUMFMT_MAX];
    numfmt_trim(rev, 4, per);
    bool ok = u >= 0 ? findings_add(r->out,
                                    "%s: revenue of $%s a user covers its cost from %s "
                                    "users.",
                                    a->options[o]->name, per, findings_people(u, num))
                     : findings_add(r->out,
                                    "%s: revenue of $%s a user never covers its cost "
                                    "up to %s users.",
                                    a->options[o]->name, per,
                                    findings_people(a->users[a->n_users - 1], num));
    return ok || error_oom(r->err);
}

/* The first month from which revenue covers the month's cost to the end of the timeline
 * ("for good", as the users are), or 0 when it does not cover the last month. */
static size_t covered_from(const analysis_work *r, size_t o, double revenue)
{
    size_t from = r->cost ? r->a->months : 0;
    while (from > 0 &&
           tolerance_reaches(revenue * r->users_mid[from - 1], cost_at(r, o, MID)[from - 1]))
        from--;
    return r->cost && from < r->a->months ? from + 1 : 0;
}

bool analysis_breakeven(analysis_work *r)
{
    const analysis *a = r->a;
    const range rev = a->revenue_per_user;
    for (size_t o = 0; o < a->n_options; o++) {
        double u_mid, u_low_rev, u_high_rev;
        if (!breakeven_users(r, o, rev.mid, &u_mid) || !breakeven_users(r, o, rev.lo, &u_low_rev) ||
            !breakeven_users(r, o, rev.hi, &u_high_rev))
            return false;
        size_t month = covered_from(r, o, rev.mid);
        table *t = r->t->breakeven;
        row_start(r, t);
        table_text(t, a->options[o]->name);
        table_number(t, rev.mid);
        users_cell(t, u_mid);
        users_cell(t, u_low_rev);
        users_cell(t, u_high_rev);
        if (r->cost)
            month_cell(t, month);
        else
            table_empty(t);
        table_end_row(t);
        if (!breakeven_finding(r, o, rev.mid, u_mid))
            return false;
    }
    return true;
}
