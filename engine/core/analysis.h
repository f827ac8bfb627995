/*
 * analysis: the decisions a founder asks of a set of options.
 *
 *   over a sweep of user counts   compare (cost, rank, cheapest, extra over the cheapest)
 *                                 and crossovers (where two options' totals cross, and where
 *                                 the cheapest option changes);
 *   over a timeline of months     monthly and cumulative cost, the NPV of each option's
 *                                 costs, budget crossings, revenue break-even;
 *   for each change               monthly saving, payback, discounted payback, ROI over 12
 *                                 and 36 months, NPV and IRR on each option.
 *
 * Results go into tables (one a CSV file, registered in tables.h) and plain-words findings
 * (findings.h) for the summary; each part of a run is a file of its own (analysis_work.h).
 * Ranges flow through: users along the timeline are themselves an interval when the growth
 * rate is a range, and costs are evaluated over that interval.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_ANALYSIS_H
#define RECKON_ANALYSIS_H

#include "budget.h"
#include "change.h"
#include "findings.h"
#include "montecarlo.h"
#include "growth.h"
#include "option.h"
#include "rate.h"
#include "table.h"

typedef struct analysis {
    char *name;             /* "Seed decision" */
    char *origin;           /* "file:line" of its definition */
    const option **options; /* n_options options compared (not owned) */
    size_t n_options;
    double *users; /* the sweep, ascending, n_users >= 2 */
    size_t n_users;
    bool has_timeline;    /* growth and months are set */
    growth_ranges growth; /* users along the timeline; its points are owned */
    size_t months;        /* the horizon */
    double *budgets;      /* monthly budgets, n_budgets */
    size_t n_budgets;
    double *cumulative_budgets; /* budgets for the cumulative spend */
    size_t n_cumulative_budgets;
    double discount_annual;  /* a year's discount rate */
    double discount_monthly; /* the month's rate it converts to */
    bool has_revenue;        /* revenue_per_user is set */
    range revenue_per_user;  /* dollars a user a month */
    const change **changes;  /* n_changes, borrowed: their userdata outlive the analysis */
    size_t n_changes;
} analysis;

/* The tables an analysis fills, of the files registered in tables.h; created by
 * analysis_tables_new, rows appended by each run. */
typedef struct analysis_tables {
    table *compare, *crossovers, *timeline, *npv, *budgets, *breakeven, *changes, *payback;
} analysis_tables;

bool analysis_tables_new(analysis_tables *t, core_error *err);
void analysis_tables_free(analysis_tables *t);

analysis *analysis_new(const char *name, const char *origin, core_error *err);
void analysis_free(analysis *a);

/* The rules of an analysis's fields, each set by one function that checks it; false with a
 * message for the model's author in err ("analysis: discount_rate must be greater than -1").
 *
 * The timeline: months a whole number from 1 to 1200, and g (checked by growth_ranges_check)
 * a curve from g->start at both ends of its ranges.  g's points are copied. */
bool analysis_set_timeline(analysis *a, double months, const growth_ranges *g, core_error *err);
/* A year's discount rate, > -1, and how it becomes a month's. */
bool analysis_set_discount(analysis *a, double annual, rate_conversion conv, core_error *err);
/* Revenue a user a month, >= 0 at its low end. */
bool analysis_set_revenue(analysis *a, range revenue, core_error *err);
/* The rules between fields, once all are set: budgets are crossed, and changes measured,
 * along a timeline. */
bool analysis_check(const analysis *a, core_error *err);

/* Puts in set every uncertain input a Monte Carlo run of a reads: its options' items, its
 * growth, its revenue, its changes' one-off costs, factors and items. */
void analysis_inputs(const analysis *a, cost_input_set *set);

/* The checks of a's lists, in n log n however long they are.  *twice gets the first option
 * whose name an earlier one has (or NULL); false with err when out of memory. */
bool analysis_option_named_twice(const analysis *a, const option **twice, core_error *err);
/* The first of n analyses whose name an earlier one has (*twice; NULL when they all
 * differ): their rows would share every key.  False only out of memory. */
bool analysis_named_twice(const analysis *const *analyses, size_t n, const analysis **twice,
                          core_error *err);
/* *twice gets the first change listed a second time (or NULL); false with err when out of
 * memory. */
bool analysis_change_listed_twice(const analysis *a, const change **twice, core_error *err);

/* Runs a; its rows carry `model` (the file's name in the run).  With draws (a Monte Carlo
 * run; NULL otherwise) the decisions also get percentiles and probabilities, over the first
 * ANALYSIS_DECISION_LANES samples.  False with err on failure (the rows appended for a are
 * then to be discarded). */
bool analysis_run(const analysis *a, const char *model, const mc_draws *draws, analysis_tables *t,
                  findings *out, core_error *err);

/* The most options one analysis compares: every pair of them is searched for crossovers. */
#define ANALYSIS_MAX_OPTIONS 200

/* The most samples a decision under uncertainty is computed over. */
#define ANALYSIS_DECISION_LANES 20000

#endif
