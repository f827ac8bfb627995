/*
 * analysis_budgets: budgets.csv, the month each option's cost first exceeds each monthly
 * budget and its spend to date each cumulative budget (at the mid, earliest and latest ends
 * of the ranges; under Monte Carlo its p5, p50, p95 among the lanes and the chance it is
 * crossed at all), and a sentence an option and basis.
 */
#include <stdio.h>
#include <string.h>

#include "budget.h"
#include "analysis_work.h"
#include "tolerance.h"

/* The first month (1-based) whose value exceeds limit by more than rounding, or 0. */
static size_t first_above(const double *values, size_t n, double limit, bool cumulative)
{
    double sum = 0;
    for (size_t m = 0; m < n; m++) {
        sum = cumulative ? sum + values[m] : values[m];
        if (tolerance_above(sum, limit))
            return m + 1;
    }
    return 0;
}

/* The budget's month in every lane: p5, p50, p95 and the chance it is crossed at all; empty
 * cells without draws.  False out of memory. */
static bool budget_spread(analysis_work *r, size_t o, double limit, bool cumulative, table *t)
{
    size_t lanes = r->ln.n, months = r->a->months;
    month_spread sp = {0};
    bool have = r->draws != NULL;
    double *when = have ? budget_array(lanes, sizeof *when) : NULL;
    double *column = have ? budget_array(months, sizeof *column) : NULL;
    bool ok = !have || (when && column);
    for (size_t i = 0; have && ok && i < lanes; i++) {
        for (size_t m = 0; m < months; m++)
            column[m] = r->lane_cost[(o * months + m) * lanes + i];
        size_t month = first_above(column, months, limit, cumulative);
        when[i] = month ? (double)month : (double)months + 1; /* never */
    }
    ok = ok && (!have || month_spread_of(when, lanes, (double)months, &sp));
    budget_free(when), budget_free(column);
    if (!ok)
        return error_fail(r->err, "out of memory for %zu lanes", lanes);
    const double p[3] = {sp.p5, sp.p50, sp.p95};
    for (int k = 0; k < 3; k++)
        if (have)
            spread_cell(t, p[k], (double)months);
        else
            table_empty(t);
    if (have)
        table_number(t, sp.probability);
    else
        table_empty(t);
    return true;
}

/* One budget's row, and its part of the option's sentence in line. */
static bool budget_row(analysis_work *r, size_t o, double limit, bool cumulative,
                       findings_line *line, bool first)
{
    const analysis *a = r->a;
    size_t month = first_above(cost_at(r, o, MID), a->months, limit, cumulative);
    size_t earliest = first_above(cost_at(r, o, HI), a->months, limit, cumulative);
    size_t latest = first_above(cost_at(r, o, LO), a->months, limit, cumulative);
    table *t = r->t->budgets;
    row_start(r, t);
    table_text(t, a->options[o]->name);
    table_text(t, cumulative ? "cumulative" : "monthly");
    table_number(t, limit);
    month_cell(t, month);
    if (month)
        table_number(t, r->users_mid[month - 1]);
    else
        table_never(t);
    month_cell(t, earliest);
    month_cell(t, latest);
    if (!budget_spread(r, o, limit, cumulative, t))
        return false;
    table_end_row(t);
    char num[FINDINGS_NUMBER_MAX], money[FINDINGS_NUMBER_MAX];
    const char *comma = first ? "" : ", ";
    if (month)
        findings_line_add(line, "%sover %s from month %zu (%s users)", comma,
                          findings_dollars(limit, money), month,
                          findings_people(r->users_mid[month - 1], num));
    else
        findings_line_add(line, "%snever over %s within %zu months", comma,
                          findings_dollars(limit, money), a->months);
    return true;
}

/* The rows of one option's budgets, and a sentence: "AWS ECS a month: over $100 from month
 * 1 (10,000 users), over $500 from month 3 (...), never over $1,000 within 36 months." */
static bool budget_rows(analysis_work *r, size_t o, const double *limits, size_t n, bool cumulative)
{
    if (n == 0)
        return true;
    findings_line line = {0};
    findings_line_add(&line, "%s %s: ", r->a->options[o]->name,
                      cumulative ? "spent to date" : "a month");
    for (size_t b = 0; b < n; b++) {
        if (!budget_row(r, o, limits[b], cumulative, &line, b == 0)) {
            findings_line_free(&line);
            return false;
        }
    }
    findings_line_add(&line, ".");
    return findings_add_line(r->out, &line) || error_oom(r->err);
}

bool analysis_budgets(analysis_work *r)
{
    for (size_t o = 0; o < r->a->n_options; o++)
        if (!budget_rows(r, o, r->a->budgets, r->a->n_budgets, false) ||
            !budget_rows(r, o, r->a->cumulative_budgets, r->a->n_cumulative_budgets, true))
            return false;
    return true;
}
