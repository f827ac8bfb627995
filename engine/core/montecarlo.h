/*
 * montecarlo: sampling a model's uncertain inputs, and what the samples say.
 *
 *     mc_draws d;
 *     mc_draw(&inputs, seed, "aws_ecs.lua", 100000, &d, &err);   // every range, 1e5 lanes
 *     cost_samples s = mc_samples(&d);
 *     cost_eval_samples(total, users_in_each_lane, &s, out, &err);
 *     mc_summary sum; mc_summarize(out, d.lanes, &sum);          // mean, sd, p5, p50, p95
 *
 * Determinism: each input's stream is seeded from the run's seed, the model's name and the
 * input's id (or its group's name), never from the order models run in or the number of
 * jobs, so the same seed gives the same samples.  Inputs of one group share one stream of
 * uniforms and are fully correlated; an input alone is drawn by the fastest method for its
 * distribution (a ziggurat for normal and lognormal ones).
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_MONTECARLO_H
#define RECKON_MONTECARLO_H

#include <stdint.h>

#include "budget.h"
#include "cost.h"
#include "inputs.h"

typedef struct mc_draws {
    size_t lanes;   /* samples an input */
    double **by_id; /* by_id[id]: lanes values; [0] is NULL */
    size_t n_ids;   /* inputs + 1 */
} mc_draws;

/* The default seed when none is given: runs repeat unless asked otherwise. */
#define MC_DEFAULT_SEED 20260130u

bool mc_draw(const inputs *in, uint64_t seed, const char *model, size_t lanes, mc_draws *out,
             core_error *err);
/* The same for only the inputs with used[id] (the others take their mid in every lane, and
 * no memory): what the options and analyses of a model read (option_inputs,
 * analysis_inputs).  Each drawn input has the values mc_draw gives it.  used NULL: all. */
bool mc_draw_used(const inputs *in, const bool *used, uint64_t seed, const char *model,
                  size_t lanes, mc_draws *out, core_error *err);
void mc_draws_free(mc_draws *d);
cost_samples mc_samples(const mc_draws *d);

typedef struct mc_summary {
    double mean, sd, p5, p50, p95; /* percentiles by linear interpolation (numpy's default) */
} mc_summary;

bool mc_summarize(const double *x, size_t n, mc_summary *out);

/* wins[o] = the lanes in which option o's total, totals[o][0..lanes-1], is the least of the
 * options' (n_options of them; totals[o] NULL: o is not in the running, and wins[o] is 0).
 * Ties go to the first; a NaN is never the least, unless it is the first one in the running.
 * The probability of o being the cheapest is wins[o] / lanes. */
void mc_cheapest(const double *const *totals, size_t n_options, size_t lanes, size_t *wins);

/* The value of input r at quantile p of its distribution (p5 and p95 for sensitivity). */
double mc_quantile(const range *r, double p);

/* One input swung from its p5 to its p95, every other input at its median. */
typedef struct mc_swing {
    size_t input;        /* index into inputs.list */
    double low_value;    /* the input at its p5 */
    double high_value;   /* and at its p95 */
    double total_at_low; /* the function there */
    double total_at_high;
    double swing; /* |total_at_high - total_at_low| */
} mc_swing;

/* Every input that moves f at driver value x, largest swing first (ties by input order),
 * into a new array *out of *n (budget_free it). */
bool mc_sensitivity(const cost_fn *f, double x, const inputs *in, mc_swing **out, size_t *n,
                    core_error *err);

#endif
