/*
 * analysis_breakeven: breakeven.csv, for revenue a user a month (its mid, low and high): the
 * least user count of the sweep's span from which revenue covers each option's total for
 * good, and along a timeline the first month it covers the month's cost; a sentence an
 * option.
 */
#include <math.h>

#include "budget.h"
#include "analysis_work.h"
#include "crossover.h"

/* The least whole user count in the sweep's span from which revenue covers the total up to
 * the top of the span, or -1 when it does not cover it there. */
static bool breakeven_users(analysis_work *r, size_t o, double revenue, double *users)
{
    const analysis *a = r->a;
    double lo = a->users[0], hi = a->users[a->n_users - 1], c_lo, c_mid, c_hi;
    *users = -1;
    if (!cost_eval(r->totals[o], &hi, 1, &c_lo, &c_mid, &c_hi, r->err))
        return false;
    if (!isfinite(revenue * hi)) /* else the income's own cost function would be blamed */
        return error_fail(r->err,
                          "revenue_per_user of %g a user a month makes the revenue of %g "
                          "users larger than the largest number",
                          revenue, hi);
    if (revenue * hi < c_mid) /* not covered at the top of the span: never for good */
        return true;
    cost_fn *income = cost_linear(range_number(0), range_number(revenue), r->err);
    crossover *c = NULL;
    size_t n = 0;
    bool ok = income && crossover_find(income, r->totals[o], lo, hi, &c, &n, r->err);
    ok = ok && cost_eval(r->totals[o], &lo, 1, &c_lo, &c_mid, &c_hi, r->err);
    /* Covered at hi.  A last crossing from short to covered is where revenue starts to cover
     * for good: the first whole user count past it.  With none, revenue covers the whole
     * span when it covers its bottom; else it only meets the cost at the top (a crossing
     * is a change of sign, and touching is none), and covers from there. */
    if (ok && n > 0)
        *users = c[n - 1].f_cheaper_below ? floor(c[n - 1].x) + 1 : hi;
    else if (ok)
        *users = revenue * lo >= c_mid ? lo : hi;
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

bool analysis_breakeven(analysis_work *r)
{
    const analysis *a = r->a;
    const range rev = a->revenue_per_user;
    for (size_t o = 0; o < a->n_options; o++) {
        double u_mid, u_low_rev, u_high_rev;
        if (!breakeven_users(r, o, rev.mid, &u_mid) || !breakeven_users(r, o, rev.lo, &u_low_rev) ||
            !breakeven_users(r, o, rev.hi, &u_high_rev))
            return false;
        size_t month = 0;
        for (size_t m = 0; r->cost && m < a->months && !month; m++)
            if (rev.mid * r->users_mid[m] >= cost_at(r, o, MID)[m])
                month = m + 1;
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
