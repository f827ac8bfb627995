/*
 * range: an uncertain number, or a plain number seen as a range of zero width.
 *
 * Every parameter of a cost function (a fee, a rate, a point's cost, a price, a scale
 * factor) is a range.  A deterministic run reports three values for it: lo, mid (the
 * midpoint) and hi.  The distribution fields say how a Monte Carlo run samples it.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_RANGE_H
#define RECKON_RANGE_H

#include <stdbool.h>

#include "error.h"

/* How a range is sampled.  RANGE_EXACT is a plain number. */
typedef enum range_dist {
    RANGE_EXACT = 0,
    RANGE_UNIFORM,
    RANGE_TRIANGULAR,
    RANGE_PERT,
    RANGE_NORMAL,
    RANGE_INTERVAL90 /* "a to b" as a 90% interval: lognormal when a > 0, else normal */
} range_dist;

typedef struct range {
    double lo;       /* the low end; equals hi for a plain number */
    double mid;      /* (lo + hi) / 2: the value a deterministic run calls mid */
    double hi;       /* the high end */
    range_dist dist; /* how a Monte Carlo run samples it */
    double mode;     /* the most likely value (triangular, PERT); mid when not given */
    int id;          /* 0 for a plain number; otherwise names the uncertain input */
} range;

/* A plain number: lo == mid == hi. */
range range_number(double x);

/*
 * An uncertain number from lo to hi.  Returns false, with a message in err, when lo or hi
 * is not finite or lo > hi.
 */
bool range_make(double lo, double hi, range *out, core_error *err);

/* True when the range has no width (a plain number, or range(5, 5)). */
bool range_is_exact(const range *r);

/* True when every one of lo, mid and hi is finite. */
bool range_is_finite(const range *r);

/* Name of a distribution as a user writes it ("uniform", ...). */
const char *range_dist_name(range_dist dist);

#endif
