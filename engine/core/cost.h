/*
 * cost: a cost function maps a driver value (users, GB, requests) to dollars a month.
 *
 * Usage:
 *
 *     core_error err;
 *     cost_tier egress[] = {
 *         { .upto = 10240, .rate = range_number(0.09) },
 *         { .upto = 51200, .rate = range_number(0.085) },
 *         { .open = true,  .rate = range_number(0.07) },
 *     };
 *     cost_fn *f = cost_graduated(egress, 3, range_number(0), &err);
 *     double x[] = { 57000 }, lo[1], mid[1], hi[1];
 *     if (!f || !cost_eval(f, x, 1, lo, mid, hi, &err)) fprintf(stderr, "%s\n", err.msg);
 *     cost_release(f);
 *
 * A cost function is an immutable, reference-counted tree: the primitives (fixed, linear,
 * power, points, step, graduated, volume, instances) are its leaves; sum, difference,
 * scaling, max, min, driver derivation ("of") and callbacks are its inner nodes.  A tree
 * is evaluated over a whole array of driver values at once.
 *
 * Ranges are carried by interval arithmetic: lo is the lowest cost any choice of the
 * ranges (and of the driver within its own range) allows, hi the highest, and mid the
 * cost with every range at its midpoint.  lo <= mid <= hi always holds.  So a range that
 * lowers a cost (a discount factor, a free allowance, a capacity) lowers lo at its high end.
 * Each use of a range is taken on its own: where one range stands twice (f - f), lo..hi is
 * an outer bound, wider than any single choice of it gives.
 *
 * Driver values must be finite and >= 0.  Every cost is finite.  Errors never exit: a
 * constructor returns NULL and an evaluation returns false, each with a message in err.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_COST_H
#define RECKON_COST_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "range.h"

typedef struct cost_fn cost_fn;

/* How points are joined, and what happens beyond the first and the last point. */
typedef enum cost_interp { COST_INTERP_LINEAR, COST_INTERP_LOGLOG } cost_interp;
typedef enum cost_extrapolate {
    COST_EXTRAPOLATE_LINEAR, /* extend the end segment (a straight line in log-log space for loglog)
                              */
    COST_EXTRAPOLATE_CLAMP,  /* hold the end value */
    COST_EXTRAPOLATE_ERROR   /* a driver value outside the points is an error */
} cost_extrapolate;

typedef struct cost_point {
    double x;   /* driver value; strictly increasing along the list */
    range cost; /* dollars a month at x */
} cost_point;

/* A plan (step) or a bracket (graduated, volume).  Bounds are cumulative and inclusive. */
typedef struct cost_tier {
    double upto; /* the last unit in this tier; ignored when open */
    bool open;   /* no upper bound: only the last tier may be open */
    range cost;  /* step: the plan's flat monthly price */
    range rate;  /* graduated, volume: dollars a unit */
    range fee;   /* volume: a flat fee when the total falls in this bracket */
} cost_tier;

/* Primitives.  Each returns a new function with one reference, or NULL and err. */
cost_fn *cost_fixed(range amount, core_error *err);
cost_fn *cost_linear(range base, range rate, core_error *err);
cost_fn *cost_power(range coef, range exponent, core_error *err);
/* below: the policy left of the first point; above: right of the last. */
cost_fn *cost_points(const cost_point *points, size_t n, cost_interp interp, cost_extrapolate below,
                     cost_extrapolate above, core_error *err);
cost_fn *cost_step(const cost_tier *plans, size_t n, core_error *err);
cost_fn *cost_graduated(const cost_tier *brackets, size_t n, range free_units, core_error *err);
cost_fn *cost_volume(const cost_tier *brackets, size_t n, core_error *err);
/* max_count < 0 means no maximum. */
cost_fn *cost_instances(range capacity, range price, double min_count, double max_count,
                        core_error *err);

/*
 * Composition.  Each takes its own references to its operands, and returns NULL with err
 * when out of memory or when the result would be deeper than COST_MAX_DEPTH levels (a
 * primitive is one level; a composition one more than its deepest operand).  Evaluation
 * recurses once a level, so the bound keeps it within the C stack (5000 levels take about
 * 1 MB of an 8 MB stack, under 5 MB in a sanitizer build): a sum of many terms is a total
 * (one level over them all), not a chain of sums.
 */
#define COST_MAX_DEPTH 5000
/* Likewise an evaluation visits a node once for each way it is used (f = f + f doubles the
 * visits at each step), so a function may have at most COST_MAX_SIZE such visits. */
#define COST_MAX_SIZE 10000000
cost_fn *cost_sum(cost_fn *a, cost_fn *b, core_error *err);
/* The sum of n functions (n may be 0: a cost of 0), evaluated term by term in one pass. */
cost_fn *cost_total(cost_fn *const *terms, size_t n, core_error *err);
cost_fn *cost_difference(cost_fn *a, cost_fn *b, core_error *err);
cost_fn *cost_scale(cost_fn *f, range factor, core_error *err);
/* f x (offset + slope x k): 1 - k is (1, -1).  The factor must be >= 0 over k's span. */
cost_fn *cost_scale_affine(cost_fn *f, range k, double offset, double slope, core_error *err);
cost_fn *cost_max(cost_fn *a, cost_fn *b, core_error *err);
cost_fn *cost_min(cost_fn *a, cost_fn *b, core_error *err);
/* f applied to the driver that derive computes from the outer driver. */
cost_fn *cost_of(cost_fn *f, cost_fn *derive, core_error *err);

/*
 * A function written elsewhere (a Lua function): the escape hatch, allowed to be slow.
 * It is called once a driver value and fills out with lo, mid and hi (all three equal for
 * a plain number); it returns false with a message in err on failure.  Over a driver that
 * is itself uncertain it is called at the low, mid and high driver values and the extremes
 * are taken, which assumes it does not turn back between them.
 */
typedef bool (*cost_callback_fn)(void *ctx, double x, range *out, core_error *err);
cost_fn *cost_callback(cost_callback_fn call, void *ctx, void (*free_ctx)(void *ctx),
                       core_error *err);

void cost_retain(cost_fn *f);
/* Drops a reference; frees the nodes left with none, without recursion.  NULL is allowed. */
void cost_release(cost_fn *f);
/* The levels of f: 1 for a primitive. */
unsigned cost_depth(const cost_fn *f);
/* The nodes an evaluation of f visits: 1 for a primitive. */
size_t cost_size(const cost_fn *f);
/* A set of uncertain inputs, by range id. */
typedef struct cost_input_set {
    bool *used; /* used[id] for 0 < id < n_ids: in the set */
    size_t n_ids;
    size_t *ids; /* the ids put in, in the order found (room for n_ids), or NULL */
    size_t n;    /* ids listed */
} cost_input_set;
/* Puts r in set when it is an uncertain input (an id, below set->n_ids, not yet in it). */
void cost_input_add(const range *r, cost_input_set *set);
/* Puts in set every uncertain input that f's value depends on (not those of a Lua function,
 * which count at their mid). */
void cost_inputs(const cost_fn *f, cost_input_set *set);
/* The terms of f when it is a total (n into *n), else NULL. */
cost_fn *const *cost_total_terms(const cost_fn *f, size_t *n);
/* True when f is wa x a + wb x b with exact weights: a sum (1, 1), a difference (1, -1), or
 * a scaling by an exact factor (k, and b NULL). */
bool cost_linear_parts(const cost_fn *f, const cost_fn **a, double *wa, const cost_fn **b,
                       double *wb);

/* True when f is max(a, b) (*is_max) or min(a, b). */
bool cost_extreme_parts(const cost_fn *f, const cost_fn **a, const cost_fn **b, bool *is_max);

/* Where the function was defined ("models/aws.lua:12"), prefixed to its evaluation errors. */
void cost_set_origin(cost_fn *f, const char *origin);
const char *cost_origin(const cost_fn *f); /* "" when none was set */

/* The primitive's or node's name: "fixed", "step", "sum", ... */
const char *cost_kind_name(const cost_fn *f);

/*
 * Evaluates f at n exact driver values x[0..n-1] into lo, mid and hi (each n long).
 * Returns false with a message in err when a value is out of the function's domain.
 */
bool cost_eval(const cost_fn *f, const double *x, size_t n, double *lo, double *mid, double *hi,
               core_error *err);

/*
 * Breaks: the driver values where a cost function may jump or bend (tier and plan bounds,
 * points, replica thresholds), so that a search along the driver (crossovers) can look on
 * both sides of each.  Under f:of(g) they are mapped back through g when g is linear with
 * exact parameters; elsewhere under of() and in Lua functions none are known.
 */
typedef struct cost_breaks {
    double *x;      /* the breaks found, in no order, possibly repeated */
    size_t n, cap;  /* used and allocated */
    size_t limit;   /* the most to collect (replica thresholds can be many) */
    bool truncated; /* some were left out for the limit */
} cost_breaks;

/* Appends the breaks of f within lo..hi to out (initialise it to {0} with a limit). */
bool cost_breaks_collect(const cost_fn *f, double lo, double hi, cost_breaks *out);
bool cost_breaks_add(cost_breaks *out, double x);
void cost_breaks_free(cost_breaks *out);

/*
 * Monte Carlo lanes: each uncertain range takes one value a lane, given by range id.
 * A range whose id has no array (or an exact number) takes its mid in every lane.  The
 * same arrays with one lane serve sensitivity (every range at a chosen value).
 */
typedef struct cost_samples {
    size_t lanes;               /* values each array holds */
    const double *const *by_id; /* by_id[id] for 0 < id < n_ids: lanes values, or NULL */
    size_t n_ids;
} cost_samples;

/* The value of r in lane i of s: its own value, or its mid when it has no array. */
static inline double cost_sample(const range *r, const cost_samples *s, size_t i)
{
    if (r->id > 0 && (size_t)r->id < s->n_ids && s->by_id[r->id])
        return s->by_id[r->id][i];
    return r->mid;
}

/*
 * Evaluates f in every lane i at driver value x[i] with every range at its lane's value,
 * into out (s->lanes long).  With no arrays at all it is the fast mid evaluation of f over
 * an array of driver values.  A Lua function's own ranges take their mid.
 */
bool cost_eval_samples(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                       core_error *err);

/* The same over uncertain drivers: each x lies in xlo[i]..xhi[i] with xmid[i] its mid. */
bool cost_eval_over(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                    size_t n, double *lo, double *mid, double *hi, core_error *err);

#endif
