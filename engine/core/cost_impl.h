/*
 * cost_impl: what the files that implement cost functions share, and nothing else
 * includes.  Each primitive file defines one cost_kind and a constructor in cost.h.
 */
#ifndef RECKON_COST_IMPL_H
#define RECKON_COST_IMPL_H

#include "cost.h"

/*
 * Evaluation contract of every kind: for each i < n, the driver lies in xlo[i]..xhi[i]
 * (all >= 0, finite) and xmid[i] is its mid value.  Write into mid[i] the cost with every
 * range at its midpoint and the driver at xmid[i]; into lo[i] and hi[i] the least and the
 * greatest cost over the driver's span and every range's span.  Outputs never alias inputs.
 */
typedef bool (*cost_eval_fn)(const cost_fn *f, const double *xlo, const double *xmid,
                             const double *xhi, size_t n, double *lo, double *mid, double *hi,
                             core_error *err);

/* Adds to out the driver values in lo..hi where f may jump or bend (see cost_breaks). */
typedef bool (*cost_breaks_fn)(const cost_fn *f, double lo, double hi, cost_breaks *out);

/* Monte Carlo contract: out[i] is the cost at x[i] (>= 0, finite) with every range at its
 * value in lane i (cost_sample); i < s->lanes.  out never aliases x. */
typedef bool (*cost_samples_fn)(const cost_fn *f, const double *x, const cost_samples *s,
                                double *out, core_error *err);

/* Which simple primitive of cost_simple.c a kind is, for a sum to fold them (cost.c) without
 * calling back into that file. */
typedef enum cost_shape {
    COST_SHAPE_OTHER, /* anything else (the zero value: kinds that do not say) */
    COST_SHAPE_FIXED,
    COST_SHAPE_LINEAR,
    COST_SHAPE_POWER,
} cost_shape;

typedef struct cost_kind {
    const char *name;            /* shown in messages: "step", "sum", ... */
    cost_shape shape;            /* a simple primitive's, else COST_SHAPE_OTHER */
    cost_eval_fn eval;           /* see above */
    void (*destroy)(cost_fn *f); /* frees data; NULL when there is nothing to free */
    cost_breaks_fn breaks;       /* NULL: the breaks of the operands a and b */
    cost_samples_fn samples;     /* see above */
    /* The operands held besides a and b (a total's terms), n into *n; NULL when none.
     * Release reads them to free a tree without recursion. */
    cost_fn *const *(*operands)(const cost_fn *f, size_t *n);
    /* Puts the ranges held in data in set (cost_input_add); NULL when only k and k2. */
    void (*inputs)(const cost_fn *f, cost_input_set *set);
} cost_kind;

/* Whether r takes a value of its own in each lane. */
static inline bool cost_sampled(const range *r, const cost_samples *s)
{
    return r->id > 0 && (size_t)r->id < s->n_ids && s->by_id[r->id] != NULL;
}

struct cost_fn {
    const cost_kind *kind; /* what this node is */
    int refs;              /* references held; the node is freed when it drops to 0 */
    unsigned depth;        /* 1 for a leaf, else 1 + its deepest operand's: <= COST_MAX_DEPTH */
    size_t size;         /* nodes an evaluation visits (a shared one each time): <= COST_MAX_SIZE */
    cost_fn *next_dying; /* while being released: the next node to free */
    char *origin;        /* "file:line" of its definition, or NULL */
    cost_fn *a;          /* first operand of a composition, or NULL */
    cost_fn *b;          /* second operand, or NULL */
    range k;             /* scale factor; parameter of simple primitives */
    range k2;            /* second parameter of simple primitives */
    void *data;          /* kind-specific data, freed by destroy */
};

/* A new node of kind with one reference; aborts nothing, returns NULL when out of memory. */
cost_fn *cost_new_node(const cost_kind *kind, core_error *err);

/* For the composition nodes (cost_compose.c), what cost.c does for every node: */
/* f's eval with its error located at f's origin, and every result finite; */
bool cost_node_eval(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                    size_t n, double *lo, double *mid, double *hi, core_error *err);
/* the same in Monte Carlo lanes, finiteness left to the root (cost_eval_samples); */
bool cost_node_samples(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                       core_error *err);
/* whether every out[i] is finite (else an error naming f and x[i]); */
bool cost_node_all_finite(const cost_fn *f, const double *x, const double *out, size_t n,
                          core_error *err);
/* sets f's depth to one more than deepest, its size to one more than size, or fails past
 * COST_MAX_DEPTH or COST_MAX_SIZE; */
bool cost_node_set_depth(cost_fn *f, unsigned deepest, size_t size, core_error *err);
/* whether the drivers are finite, >= 0 and ordered lo <= mid <= hi. */
bool cost_check_drivers(const double *xlo, const double *xmid, const double *xhi, size_t n,
                        core_error *err);

/* True, with its amount, when f is a fixed cost with an exact amount. */
static inline bool cost_fixed_exact(const cost_fn *f, double *amount)
{
    if (f->kind->shape != COST_SHAPE_FIXED || !range_is_exact(&f->k))
        return false;
    *amount = f->k.mid;
    return true;
}

/* True, with its exponent, when f is a power with an exact exponent (its coef is f->k). */
static inline bool cost_power_exact(const cost_fn *f, double *exponent)
{
    if (f->kind->shape != COST_SHAPE_POWER || !range_is_exact(&f->k2))
        return false;
    *exponent = f->k2.mid;
    return true;
}

/* True, with its parameters, when f is linear with exact (not uncertain) base and rate. */
static inline bool cost_linear_exact(const cost_fn *f, double *base, double *rate)
{
    if (f->kind->shape != COST_SHAPE_LINEAR || !range_is_exact(&f->k) || !range_is_exact(&f->k2))
        return false;
    *base = f->k.mid, *rate = f->k2.mid;
    return true;
}

/* Checks that a parameter is finite and, when nonnegative is set, that lo >= 0. */
bool cost_check_param(const char *kind, const char *field, const range *r, bool nonnegative,
                      core_error *err);

/* Index of the first tier whose upto is >= x, or n when x is beyond every bounded tier
 * and none is open.  Inline: it runs once a point in the sweeps. */
static inline size_t cost_tier_index(const cost_tier *tiers, size_t n, double x)
{
    size_t a = 0, b = n; /* the answer lies in a..b */
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (tiers[m].open || tiers[m].upto >= x)
            b = m;
        else
            a = m + 1;
    }
    return a;
}

#endif
