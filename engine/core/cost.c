/*
 * cost: the tree of a cost function (its nodes, their references, depth and origin) and its
 * evaluation over arrays of drivers and of Monte Carlo lanes.  The composition nodes are in
 * cost_compose.c, the primitives in cost_simple.c, cost_points.c, cost_tiers.c and
 * cost_instances.c.
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "cost_impl.h"

cost_fn *cost_new_node(const cost_kind *kind, core_error *err)
{
    cost_fn *f = budget_calloc(1, sizeof *f);
    if (!f) {
        error_oom(err);
        return NULL;
    }
    f->kind = kind;
    f->refs = 1;
    f->depth = 1;
    f->size = 1;
    f->k = range_number(0);
    f->k2 = range_number(0);
    return f;
}

void cost_retain(cost_fn *f)
{
    f->refs++;
}

/* Drops one reference to f, putting f on the list of nodes to free when it was the last. */
static void drop(cost_fn **dying, cost_fn *f)
{
    if (f && --f->refs == 0) {
        f->next_dying = *dying;
        *dying = f;
    }
}

void cost_release(cost_fn *f)
{
    cost_fn *dying = NULL; /* nodes with no reference left, linked through next_dying */
    drop(&dying, f);
    while (dying) {
        cost_fn *g = dying;
        dying = g->next_dying;
        drop(&dying, g->a);
        drop(&dying, g->b);
        size_t n = 0;
        cost_fn *const *more = g->kind->operands ? g->kind->operands(g, &n) : NULL;
        for (size_t k = 0; k < n; k++)
            drop(&dying, more[k]);
        if (g->kind->destroy)
            g->kind->destroy(g);
        budget_free(g->origin);
        budget_free(g);
    }
}

unsigned cost_depth(const cost_fn *f)
{
    return f->depth;
}

size_t cost_size(const cost_fn *f)
{
    return f->size;
}

void cost_input_add(const range *r, cost_input_set *set)
{
    if (r->id > 0 && (size_t)r->id < set->n_ids && !set->used[r->id]) {
        set->used[r->id] = true;
        if (set->ids)
            set->ids[set->n++] = (size_t)r->id;
    }
}

void cost_inputs(const cost_fn *f, cost_input_set *set)
{
    cost_input_add(&f->k, set);
    cost_input_add(&f->k2, set);
    if (f->kind->inputs)
        f->kind->inputs(f, set);
    size_t n = 0;
    cost_fn *const *more = f->kind->operands ? f->kind->operands(f, &n) : NULL;
    for (size_t k = 0; k < n; k++)
        cost_inputs(more[k], set); /* as deep as an evaluation: COST_MAX_DEPTH */
    if (f->a)
        cost_inputs(f->a, set);
    if (f->b)
        cost_inputs(f->b, set);
}

/* Sets f's depth to one more than deepest and its size to one more than those of its
 * operands (size), or fails when over COST_MAX_DEPTH or COST_MAX_SIZE. */
bool cost_node_set_depth(cost_fn *f, unsigned deepest, size_t size, core_error *err)
{
    if (deepest >= COST_MAX_DEPTH)
        return error_fail(err,
                          "%s: composition is deeper than %d levels: build a sum of many "
                          "terms with r.sum{...}, not f = f + g in a loop",
                          f->kind->name, COST_MAX_DEPTH);
    if (size >= COST_MAX_SIZE)
        return error_fail(err,
                          "%s: composition of more than %d parts, counting each use of a "
                          "shared one (f = f + f in a loop doubles them each time)",
                          f->kind->name, COST_MAX_SIZE);
    f->depth = deepest + 1;
    f->size = size + 1;
    return true;
}

void cost_set_origin(cost_fn *f, const char *origin)
{
    char *copy = origin ? budget_strdup(origin) : NULL;
    budget_free(f->origin);
    f->origin = copy;
}

const char *cost_origin(const cost_fn *f)
{
    return f->origin ? f->origin : "";
}

const char *cost_kind_name(const cost_fn *f)
{
    return f->kind->name;
}

bool cost_check_param(const char *kind, const char *field, const range *r, bool nonnegative,
                      core_error *err)
{
    if (!range_is_finite(r))
        return error_fail(err, "%s: %s must be a finite number", kind, field);
    if (nonnegative && r->lo < 0)
        return error_fail(err, "%s: %s must not be negative (got %.10g)", kind, field, r->lo);
    return true;
}

/* ---- evaluation ---------------------------------------------------------------------- */

/* Kept out of line: the evaluation recurses once a level of a tree, and a message buffer
 * inlined into each of its frames would multiply the stack it needs. */
#if defined(__GNUC__)
#define COLD __attribute__((noinline, cold))
#else
#define COLD
#endif

/* Prefixes err with f's origin unless an inner function already named itself. */
static COLD bool locate(const cost_fn *f, core_error *err)
{
    if (err->located || !f->origin)
        return false;
    char tmp[2 * sizeof err->msg];
    int n = snprintf(tmp, sizeof tmp, "%.300s: %s", f->origin, err->msg);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof err->msg ? (size_t)n : sizeof err->msg - 1;
    memcpy(err->msg, tmp, len);
    err->msg[len] = '\0';
    err->located = true;
    return false;
}

/* Evaluates one node and enforces the contract every caller relies on. */
bool cost_node_eval(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                    size_t n, double *lo, double *mid, double *hi, core_error *err)
{
    if (!f->kind->eval(f, xlo, xmid, xhi, n, lo, mid, hi, err))
        return locate(f, err);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(lo[i]) || !isfinite(mid[i]) || !isfinite(hi[i])) {
            error_fail(err, "%s: the cost at driver value %.10g is not a finite number",
                       f->kind->name, xmid[i]);
            return locate(f, err);
        }
        /* Exact interval bounds already hold this; it guards callbacks and rounding. */
        if (lo[i] > mid[i])
            lo[i] = mid[i];
        if (hi[i] < mid[i])
            hi[i] = mid[i];
    }
    return true;
}

/* Exact drivers (one array): finite and >= 0, checked in one branch-light pass. */
static bool check_exact_drivers(const double *x, size_t n, core_error *err)
{
    bool bad = false;
    for (size_t i = 0; i < n; i++)
        bad |= !(x[i] >= 0 && x[i] <= DBL_MAX); /* NaN fails both */
    if (!bad)
        return true;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]))
            return error_fail(err, "driver value %.10g is not a finite number", x[i]);
        if (x[i] < 0)
            return error_fail(err,
                              "driver value %.10g is negative: drivers count users, GB "
                              "or requests and must be >= 0",
                              x[i]);
    }
    return true;
}

bool cost_check_drivers(const double *xlo, const double *xmid, const double *xhi, size_t n,
                        core_error *err)
{
    if (xlo == xmid && xmid == xhi)
        return check_exact_drivers(xmid, n, err);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(xlo[i]) || !isfinite(xmid[i]) || !isfinite(xhi[i]))
            return error_fail(err, "driver value %.10g is not a finite number", xmid[i]);
        if (xlo[i] < 0)
            return error_fail(err,
                              "driver value %.10g is negative: drivers count users, GB "
                              "or requests and must be >= 0",
                              xlo[i]);
        if (xlo[i] > xmid[i] || xmid[i] > xhi[i])
            return error_fail(err, "driver range %.10g..%.10g does not contain its mid %.10g",
                              xlo[i], xhi[i], xmid[i]);
    }
    return true;
}

/*
 * The levels of the evaluations in progress: a Lua function in a tree may itself evaluate a
 * tree, so the C stack holds the sum of their depths, which COST_MAX_DEPTH bounds too.  (A
 * process evaluates on one thread.)
 */
static unsigned levels_in_progress;

static bool enter(const cost_fn *f, core_error *err)
{
    if (f->depth > COST_MAX_DEPTH - levels_in_progress)
        return error_fail(err,
                          "%s: evaluations nested deeper than %d levels (a cost function "
                          "that evaluates cost functions, in turn evaluated so?)",
                          f->kind->name, COST_MAX_DEPTH);
    levels_in_progress += f->depth;
    return true;
}

static bool leave(const cost_fn *f, bool ok)
{
    levels_in_progress -= f->depth;
    return ok;
}

bool cost_eval_over(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                    size_t n, double *lo, double *mid, double *hi, core_error *err)
{
    err->located = false;
    err->msg[0] = '\0';
    if (!cost_check_drivers(xlo, xmid, xhi, n, err) || !enter(f, err))
        return locate(f, err);
    return leave(f, cost_node_eval(f, xlo, xmid, xhi, n, lo, mid, hi, err));
}

bool cost_eval(const cost_fn *f, const double *x, size_t n, double *lo, double *mid, double *hi,
               core_error *err)
{
    return cost_eval_over(f, x, x, x, n, lo, mid, hi, err);
}

/* Evaluates one node in Monte Carlo lanes.  Finiteness is checked once, at the root
 * (cost_eval_samples): a NaN or an infinity reaches it through sums and products, and the
 * nodes that could hide one (max, min) check their operands themselves. */
bool cost_node_samples(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                       core_error *err)
{
    if (!f->kind->samples(f, x, s, out, err))
        return locate(f, err);
    return true;
}

bool cost_node_all_finite(const cost_fn *f, const double *x, const double *out, size_t n,
                          core_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(out[i])) {
            error_fail(err, "%s: the cost at driver value %.10g is not a finite number",
                       f->kind->name, x[i]);
            return locate(f, err);
        }
    return true;
}

/* Lanes are evaluated a block at a time, so that every node's scratch stays in cache. */
enum { SAMPLE_BLOCK = 2048 };

bool cost_eval_samples(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                       core_error *err)
{
    err->located = false;
    err->msg[0] = '\0';
    if (!cost_check_drivers(x, x, x, s->lanes, err) || !enter(f, err))
        return locate(f, err);
    if (s->lanes <= SAMPLE_BLOCK)
        return leave(f, cost_node_samples(f, x, s, out, err) &&
                            cost_node_all_finite(f, x, out, s->lanes, err));
    const double **view = budget_array(s->n_ids, sizeof *view);
    if (!view)
        return leave(f, error_fail(err, "out of memory evaluating %zu lanes", s->lanes));
    bool ok = true;
    for (size_t start = 0; ok && start < s->lanes; start += SAMPLE_BLOCK) {
        size_t n = s->lanes - start < SAMPLE_BLOCK ? s->lanes - start : SAMPLE_BLOCK;
        for (size_t id = 0; id < s->n_ids; id++)
            view[id] = s->by_id[id] ? s->by_id[id] + start : NULL;
        cost_samples block = {.lanes = n, .by_id = view, .n_ids = s->n_ids};
        ok = cost_node_samples(f, x + start, &block, out + start, err) &&
             cost_node_all_finite(f, x + start, out + start, n, err);
    }
    budget_free(view);
    return leave(f, ok);
}

bool cost_breaks_add(cost_breaks *out, double x)
{
    if (out->n >= out->limit) {
        out->truncated = true;
        return true;
    }
    if (!budget_grow_from((void **)&out->x, out->n, &out->cap, sizeof out->x[0], 64))
        return false;
    out->x[out->n++] = x;
    return true;
}

void cost_breaks_free(cost_breaks *out)
{
    budget_free(out->x);
    out->x = NULL;
    out->n = out->cap = 0;
}

bool cost_breaks_collect(const cost_fn *f, double lo, double hi, cost_breaks *out)
{
    if (f->kind->breaks)
        return f->kind->breaks(f, lo, hi, out);
    return (!f->a || cost_breaks_collect(f->a, lo, hi, out)) &&
           (!f->b || cost_breaks_collect(f->b, lo, hi, out));
}
