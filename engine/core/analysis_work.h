/*
 * analysis_work: what one run of an analysis computes once and each of its parts reads, for
 * the files of the analysis only (analysis.c runs the parts in order):
 *
 *   analysis_compare.c     compare.csv: cost, rank, cheapest, extra over the cheapest
 *   analysis_crossovers.c  crossovers.csv: where two totals cross, where the cheapest changes
 *   analysis_timeline.c    timeline.csv and npv.csv: users and costs along the months
 *   analysis_budgets.c     budgets.csv: the month each budget is crossed
 *   analysis_breakeven.c   breakeven.csv: the users from which revenue covers the cost
 *   analysis_changes.c     changes.csv: what each change saves, its payback, ROI, NPV, IRR
 *
 * Each part appends whole rows to its table and its sentences to the findings; false with
 * r->err on failure.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_ANALYSIS_WORK_H
#define RECKON_ANALYSIS_WORK_H

#include "analysis.h"
#include "analysis_mc.h"

typedef struct analysis_work {
    const analysis *a;
    const char *model;
    analysis_tables *t;
    findings *out;
    core_error *err;
    cost_fn **totals; /* each option's total, one reference each */
    size_t horizon;   /* months of the arrays below: max(months, 36); costs fill only
                         the months asked for, changes' ROI over 36 months the rest */
    double *users_lo; /* users along the timeline, horizon long */
    double *users_mid;
    double *users_hi;
    double *cost;          /* n_options * horizon * 3: lo, mid, hi per option and month */
    const mc_draws *draws; /* a Monte Carlo run's samples, or NULL */
    lanes ln;              /* with draws: the lanes decisions are computed over */
    double *sweep;         /* with draws: option o at users u in lane i:
                              [(o * n_users + u) * ln.n + i] */
    double *lane_cost;     /* with draws and a timeline: option o in month m, lane i:
                              [(o * months + m) * ln.n + i] */
} analysis_work;

/* The ends of a range, as cost_at's `end`. */
enum { LO, MID, HI };

/* Option `option`'s cost along the timeline at one end, horizon long. */
static inline double *cost_at(const analysis_work *r, size_t option, int end)
{
    return r->cost + (option * 3 + (size_t)end) * r->horizon;
}

/* Writes the two columns every row starts with. */
static inline void row_start(const analysis_work *r, table *t)
{
    table_text(t, r->model);
    table_text(t, r->a->name);
}

/* A month (1-based), or never for 0. */
static inline void month_cell(table *t, size_t month)
{
    if (month)
        table_number(t, (double)month);
    else
        table_never(t);
}

/* A month of a spread over lanes, which may be "never": above `after` it is never. */
static inline void spread_cell(table *t, double month, double after)
{
    if (month > after)
        table_never(t);
    else
        table_number(t, month);
}

bool analysis_compare(analysis_work *r);
bool analysis_crossovers(analysis_work *r);
/* Fills users and costs along the timeline (and each lane's, with draws). */
bool analysis_timeline_fill(analysis_work *r);
void analysis_timeline(analysis_work *r);
bool analysis_budgets(analysis_work *r);
bool analysis_breakeven(analysis_work *r);
bool analysis_change(analysis_work *r, const change *c);

#endif
