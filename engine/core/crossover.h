/*
 * crossover: where two cost functions cross.  Every driver value in lo..hi where f - g
 * (at mid) changes sign, found by root finding on the difference, not read off a grid.
 *
 *     crossover *xs; size_t n; core_error err;
 *     if (crossover_find(aws, paas, 1000, 1e6, &xs, &n, &err))
 *         for (size_t i = 0; i < n; i++) printf("%g %s\n", xs[i].x, xs[i].f_cheaper_below ? "f" :
 * "g"); free(xs);
 *
 * The difference is sampled on a fine grid together with every break of both functions
 * (tier and plan bounds, points, replica thresholds) and the value just past each break;
 * each sign change is then narrowed by bisection to adjacent doubles.  So at a jump of a
 * step, a volume tier or an instance count the crossover is the jump's exact driver value
 * (the last value on the old side: `upto` itself, bounds being inclusive), and elsewhere it
 * is the root to the last bit.  A stretch where f == g exactly is not a crossing unless the
 * sign on its two sides differs; then the crossover is where the old side ends.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_CROSSOVER_H
#define RECKON_CROSSOVER_H

#include "budget.h"
#include "cost.h"

typedef struct crossover {
    double x;             /* the driver value where the cheaper side changes */
    bool f_cheaper_below; /* f < g just below x (else g < f), and the reverse just above */
} crossover;

/* Finds every crossover of f and g in lo..hi (0 <= lo < hi), ascending, into a new array
 * *out of *n entries (budget_free it; NULL when none).  False with err when evaluation fails. */
bool crossover_find(const cost_fn *f, const cost_fn *g, double lo, double hi, crossover **out,
                    size_t *n, core_error *err);

#endif
