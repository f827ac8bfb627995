/*
 * analysis_mc: the decisions of an analysis under uncertainty.  Each Monte Carlo lane has
 * its own growth (when the growth's parameters are ranges), its own prices and its own
 * one-off costs, so each lane has its own totals along the sweep and the timeline, and its
 * own crossovers, budget months and payback; percentiles and probabilities summarise them.
 * Used by analysis.c only.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_ANALYSIS_MC_H
#define RECKON_ANALYSIS_MC_H

#include "analysis.h"
#include "montecarlo.h"

typedef struct lanes {
    size_t n;       /* lanes used */
    cost_samples s; /* the first n samples of every input */
    size_t months;  /* the horizon of users below */
    double *users;  /* users in month m (0-based), lane i: [m * n + i]; NULL without timeline */
} lanes;

bool lanes_make(const analysis *a, const mc_draws *d, size_t months, lanes *out, core_error *err);
void lanes_free(lanes *l);

/* f in every lane at driver value x (the same in each), into out (l->n). */
bool lanes_at(const lanes *l, const cost_fn *f, double x, double *out, core_error *err);
/* f in every lane along the first `months` months, into out ([m * n + i]). */
bool lanes_along(const lanes *l, const cost_fn *f, size_t months, double *out, core_error *err);

/* Percentiles of a month that may never come (a value above `never_after`), and the share of
 * lanes where it comes. */
typedef struct month_spread {
    double p5, p50, p95; /* > never_after means never */
    double probability;  /* of coming within the horizon */
} month_spread;

bool month_spread_of(double *months, size_t n, double never_after, month_spread *out);

#endif
