/*
 * uncertainty: a model's options under Monte Carlo.  For every option at each of its user
 * counts: the distribution of its total (mean, sd, p5, p50, p95), of each item when asked,
 * the probability that it is the cheapest of the model's options there, and the
 * sensitivity of its total to each uncertain input (the data of a tornado chart).
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_UNCERTAINTY_H
#define RECKON_UNCERTAINTY_H

#include "analysis.h"
#include "option_eval.h"
#include "montecarlo.h"

typedef struct uncertainty_tables {
    table *distribution; /* distribution.csv */
    table *sensitivity;  /* sensitivity.csv */
} uncertainty_tables;

bool uncertainty_tables_new(uncertainty_tables *t, core_error *err);
void uncertainty_tables_free(uncertainty_tables *t);

typedef struct uncertainty_run {
    const char *model;            /* the model's name in the CSV files */
    const option *const *options; /* the model's options */
    const option_eval *evals;     /* each option's deterministic evaluation (its user counts) */
    size_t n_options;
    const inputs *inputs;  /* the model's uncertain inputs */
    const mc_draws *draws; /* their samples */
    bool items;            /* also each item's distribution */
} uncertainty_run;

/* Appends the rows of one model; findings name, for each option at its largest user count,
 * the spread of its total and the three inputs that matter most. */
bool uncertainty_model(const uncertainty_run *u, uncertainty_tables *t, findings *out,
                       core_error *err);

/* The samples a percentile check draws when the run asked for none. */
#define UNCERTAINTY_CHECK_SAMPLES 10000

/* Runs opt's percentile checks on draws; false with a message naming the option's file and
 * line when one fails (or evaluation fails). */
bool uncertainty_checks(const option *opt, const mc_draws *draws, core_error *err);

#endif
