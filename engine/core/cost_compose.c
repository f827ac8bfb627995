/*
 * cost_compose: the composition nodes of cost functions: f + g, f - g, max and min of two,
 * the n-ary total of r.sum, a scale (k * f, and the affine scale a change applies), f:of(g)
 * and a host's callback (a Lua function).  cost.c holds the tree they are nodes of.
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

/* ---- composition --------------------------------------------------------------------- */

/* Three scratch arrays of n doubles in one allocation. */
typedef struct scratch {
    double *lo, *mid, *hi;
} scratch;

static bool scratch_alloc(scratch *s, size_t n, core_error *err)
{
    double *p = budget_array(budget_mul(3, n), sizeof *p);
    if (!p)
        return error_fail(err, "out of memory evaluating %zu driver values", n);
    s->lo = p;
    s->mid = p + n;
    s->hi = p + 2 * n;
    return true;
}

static void scratch_free(scratch *s)
{
    budget_free(s->lo);
}

typedef enum combine_op { OP_SUM, OP_DIFFERENCE, OP_MAX, OP_MIN } combine_op;

/* Combines the intervals of a (in lo, mid, hi) and b (in s) in place into lo, mid, hi. */
static void combine(combine_op op, const scratch *s, size_t n, double *lo, double *mid, double *hi)
{
    for (size_t i = 0; i < n; i++) {
        switch (op) {
        case OP_SUM:
            lo[i] += s->lo[i], mid[i] += s->mid[i], hi[i] += s->hi[i];
            break;
        case OP_DIFFERENCE: /* the least a - b takes b at its greatest */
            lo[i] -= s->hi[i], mid[i] -= s->mid[i], hi[i] -= s->lo[i];
            break;
        case OP_MAX:
            lo[i] = fmax(lo[i], s->lo[i]), mid[i] = fmax(mid[i], s->mid[i]),
            hi[i] = fmax(hi[i], s->hi[i]);
            break;
        case OP_MIN:
            lo[i] = fmin(lo[i], s->lo[i]), mid[i] = fmin(mid[i], s->mid[i]),
            hi[i] = fmin(hi[i], s->hi[i]);
            break;
        }
    }
}

static bool eval_binary(combine_op op, const cost_fn *f, const double *xlo, const double *xmid,
                        const double *xhi, size_t n, double *lo, double *mid, double *hi,
                        core_error *err)
{
    scratch s = {0};
    if (!cost_node_eval(f->a, xlo, xmid, xhi, n, lo, mid, hi, err) || !scratch_alloc(&s, n, err))
        return false;
    bool ok = cost_node_eval(f->b, xlo, xmid, xhi, n, s.lo, s.mid, s.hi, err);
    if (ok)
        combine(op, &s, n, lo, mid, hi);
    scratch_free(&s);
    return ok;
}

#define BINARY_EVAL(fname, op)                                                                     \
    static bool fname(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,  \
                      size_t n, double *lo, double *mid, double *hi, core_error *err)              \
    {                                                                                              \
        return eval_binary(op, f, xlo, xmid, xhi, n, lo, mid, hi, err);                            \
    }
BINARY_EVAL(eval_sum, OP_SUM)
BINARY_EVAL(eval_difference, OP_DIFFERENCE)
BINARY_EVAL(eval_max, OP_MAX)
BINARY_EVAL(eval_min, OP_MIN)

/* Both operands in every lane, combined into out. */
static bool samples_binary(combine_op op, const cost_fn *f, const double *x, const cost_samples *s,
                           double *out, core_error *err)
{
    size_t n = s->lanes;
    double *b = budget_array(n, sizeof *b);
    if (!b)
        return error_fail(err, "out of memory evaluating %zu lanes", n);
    bool ok = cost_node_samples(f->a, x, s, out, err) && cost_node_samples(f->b, x, s, b, err);
    if (ok && (op == OP_MAX || op == OP_MIN)) /* fmax and fmin would hide a NaN */
        ok = cost_node_all_finite(f->a, x, out, n, err) && cost_node_all_finite(f->b, x, b, n, err);
    for (size_t i = 0; ok && i < n; i++) {
        switch (op) {
        case OP_SUM:
            out[i] += b[i];
            break;
        case OP_DIFFERENCE:
            out[i] -= b[i];
            break;
        case OP_MAX:
            out[i] = fmax(out[i], b[i]);
            break;
        case OP_MIN:
            out[i] = fmin(out[i], b[i]);
            break;
        }
    }
    budget_free(b);
    return ok;
}

#define BINARY_SAMPLES(fname, op)                                                                  \
    static bool fname(const cost_fn *f, const double *x, const cost_samples *s, double *out,       \
                      core_error *err)                                                             \
    {                                                                                              \
        return samples_binary(op, f, x, s, out, err);                                              \
    }
BINARY_SAMPLES(samples_sum, OP_SUM)
BINARY_SAMPLES(samples_difference, OP_DIFFERENCE)
BINARY_SAMPLES(samples_max, OP_MAX)
BINARY_SAMPLES(samples_min, OP_MIN)

static const cost_kind kind_sum = {.name = "sum", .eval = eval_sum, .samples = samples_sum};
static const cost_kind kind_difference = {
    .name = "difference", .eval = eval_difference, .samples = samples_difference};
static const cost_kind kind_max = {.name = "max", .eval = eval_max, .samples = samples_max};
static const cost_kind kind_min = {.name = "min", .eval = eval_min, .samples = samples_min};

static cost_fn *binary_node(const cost_kind *kind, cost_fn *a, cost_fn *b, core_error *err)
{
    cost_fn *f = cost_new_node(kind, err);
    if (!f)
        return NULL;
    if (!cost_node_set_depth(f, a->depth > b->depth ? a->depth : b->depth, a->size + b->size,
                             err)) {
        cost_release(f);
        return NULL;
    }
    cost_retain(a);
    cost_retain(b);
    f->a = a;
    f->b = b;
    return f;
}

cost_fn *cost_sum(cost_fn *a, cost_fn *b, core_error *err)
{
    return binary_node(&kind_sum, a, b, err);
}

cost_fn *cost_difference(cost_fn *a, cost_fn *b, core_error *err)
{
    return binary_node(&kind_difference, a, b, err);
}

cost_fn *cost_max(cost_fn *a, cost_fn *b, core_error *err)
{
    return binary_node(&kind_max, a, b, err);
}

cost_fn *cost_min(cost_fn *a, cost_fn *b, core_error *err)
{
    return binary_node(&kind_min, a, b, err);
}

/* ---- totals: the sum of a list of functions (an option's items) ------------------------- */

typedef struct term_list {
    size_t n;
    cost_fn *terms[];
} term_list;

static bool eval_total(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                       size_t n, double *lo, double *mid, double *hi, core_error *err)
{
    const term_list *t = f->data;
    scratch s = {0};
    for (size_t i = 0; i < n; i++)
        lo[i] = mid[i] = hi[i] = 0;
    bool ok = t->n == 0 || scratch_alloc(&s, n, err);
    for (size_t k = 0; ok && k < t->n; k++) {
        ok = cost_node_eval(t->terms[k], xlo, xmid, xhi, n, s.lo, s.mid, s.hi, err);
        if (ok)
            combine(OP_SUM, &s, n, lo, mid, hi);
    }
    scratch_free(&s);
    return ok;
}

/*
 * Power terms with the same exact exponent share one x^e a lane: coef1 x^e + coef2 x^e.
 * Adds every power term of t from index k on with exponent e (marking them done) into out,
 * given x^e in p.
 */
static void add_powers(const term_list *t, size_t k, double e, const double *p,
                       const cost_samples *s, bool *done, double *out)
{
    for (size_t j = k; j < t->n; j++) {
        double ej;
        if (done[j] || !cost_power_exact(t->terms[j], &ej) || ej != e)
            continue;
        done[j] = true;
        const range *coef = &t->terms[j]->k;
        for (size_t i = 0; i < s->lanes; i++)
            out[i] += cost_sample(coef, s, i) * p[i];
    }
}

static bool samples_total(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                          core_error *err)
{
    const term_list *t = f->data;
    size_t n = s->lanes;
    double *term = budget_array(n, sizeof *term);
    bool *done = budget_calloc(t->n + 1, sizeof *done);
    if (!term || !done) {
        budget_free(term), budget_free(done);
        return error_fail(err, "out of memory evaluating %zu lanes", n);
    }
    /* Exact fixed and linear terms fold into one line: base + rate x. */
    double base = 0, rate = 0;
    for (size_t k = 0; k < t->n; k++) {
        double b, r;
        if (cost_fixed_exact(t->terms[k], &b))
            base += b, done[k] = true;
        else if (cost_linear_exact(t->terms[k], &b, &r))
            base += b, rate += r, done[k] = true;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = base + rate * x[i];
    bool ok = true;
    for (size_t k = 0; ok && k < t->n; k++) {
        double e;
        if (done[k])
            continue;
        if (cost_power_exact(t->terms[k], &e)) {
            for (size_t i = 0; i < n; i++)
                term[i] = pow(x[i], e);
            add_powers(t, k, e, term, s, done, out);
            continue;
        }
        ok = cost_node_samples(t->terms[k], x, s, term, err);
        for (size_t i = 0; ok && i < n; i++)
            out[i] += term[i];
    }
    budget_free(term), budget_free(done);
    return ok;
}

static bool breaks_total(const cost_fn *f, double lo, double hi, cost_breaks *out)
{
    const term_list *t = f->data;
    bool ok = true;
    for (size_t k = 0; ok && k < t->n; k++)
        ok = cost_breaks_collect(t->terms[k], lo, hi, out);
    return ok;
}

static cost_fn *const *operands_total(const cost_fn *f, size_t *n)
{
    const term_list *t = f->data;
    *n = t ? t->n : 0;
    return t ? t->terms : NULL;
}

cost_fn *const *cost_total_terms(const cost_fn *f, size_t *n)
{
    *n = 0;
    return f->kind->operands == operands_total ? operands_total(f, n) : NULL;
}

static void destroy_total(cost_fn *f) /* the terms are released by cost_release */
{
    budget_free(f->data);
}

static const cost_kind kind_total = {.name = "total",
                                     .eval = eval_total,
                                     .destroy = destroy_total,
                                     .breaks = breaks_total,
                                     .samples = samples_total,
                                     .operands = operands_total};

cost_fn *cost_total(cost_fn *const *terms, size_t n, core_error *err)
{
    unsigned deepest = 0;
    size_t size = 0; /* saturates at COST_MAX_SIZE, so never wraps */
    for (size_t k = 0; k < n; k++) {
        deepest = terms[k]->depth > deepest ? terms[k]->depth : deepest;
        size = size + terms[k]->size < COST_MAX_SIZE ? size + terms[k]->size : COST_MAX_SIZE;
    }
    term_list *t = n <= (SIZE_MAX - sizeof *t) / sizeof t->terms[0]
                       ? budget_malloc(sizeof *t + n * sizeof t->terms[0])
                       : NULL;
    cost_fn *f = t ? cost_new_node(&kind_total, err) : NULL;
    if (!f) {
        budget_free(t);
        error_oom(err);
        return NULL;
    }
    if (!cost_node_set_depth(f, deepest, size, err)) {
        budget_free(t);
        cost_release(f);
        return NULL;
    }
    t->n = n;
    for (size_t k = 0; k < n; k++) {
        cost_retain(terms[k]);
        t->terms[k] = terms[k];
    }
    f->data = t;
    return f;
}

/*
 * Scaling by factor = offset + slope x k (k2.lo = offset, k2.hi = slope; 0 and 1 for a plain
 * factor).  1 - k scales by what a change saves while k keeps its identity, so that a Monte
 * Carlo lane takes 1 - (k's sample).  The factor is >= 0 over k's span.
 */
static range scale_factor(const cost_fn *f)
{
    double offset = f->k2.lo, slope = f->k2.hi;
    double a = offset + slope * f->k.lo, b = offset + slope * f->k.hi;
    return (range){.lo = fmin(a, b), .mid = offset + slope * f->k.mid, .hi = fmax(a, b)};
}

/* Scaling: the interval product of the cost and the factor. */
static bool eval_scale(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                       size_t n, double *lo, double *mid, double *hi, core_error *err)
{
    if (!cost_node_eval(f->a, xlo, xmid, xhi, n, lo, mid, hi, err))
        return false;
    const range k = scale_factor(f);
    for (size_t i = 0; i < n; i++) {
        double a = lo[i] * k.lo, b = lo[i] * k.hi, c = hi[i] * k.lo, d = hi[i] * k.hi;
        lo[i] = fmin(fmin(a, b), fmin(c, d));
        hi[i] = fmax(fmax(a, b), fmax(c, d));
        mid[i] *= k.mid;
    }
    return true;
}

static bool samples_scale(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                          core_error *err)
{
    if (!cost_node_samples(f->a, x, s, out, err))
        return false;
    const double offset = f->k2.lo, slope = f->k2.hi;
    for (size_t i = 0; i < s->lanes; i++)
        out[i] *= offset + slope * cost_sample(&f->k, s, i);
    return true;
}

static const cost_kind kind_scale = {.name = "scale", .eval = eval_scale, .samples = samples_scale};

bool cost_linear_parts(const cost_fn *f, const cost_fn **a, double *wa, const cost_fn **b,
                       double *wb)
{
    *a = f->a, *b = f->b, *wa = 1, *wb = 1;
    if (f->kind == &kind_sum)
        return true;
    if (f->kind == &kind_difference)
        return *wb = -1, true;
    if (f->kind == &kind_scale && f->k.id == 0 && f->k.lo == f->k.hi) {
        *b = NULL, *wb = 0;
        *wa = scale_factor(f).mid;
        return true;
    }
    return false;
}

bool cost_extreme_parts(const cost_fn *f, const cost_fn **a, const cost_fn **b, bool *is_max)
{
    *a = f->a, *b = f->b, *is_max = f->kind == &kind_max;
    return f->kind == &kind_max || f->kind == &kind_min;
}

cost_fn *cost_scale_affine(cost_fn *f, range k, double offset, double slope, core_error *err)
{
    if (!range_is_finite(&k) || !isfinite(offset) || !isfinite(slope))
        return error_fail(err, "scale: the factor must be a finite number"), NULL;
    double least = fmin(offset + slope * k.lo, offset + slope * k.hi);
    if (least < 0)
        return error_fail(err, "scale: the factor must not be negative (got %.10g)", least), NULL;
    cost_fn *s = cost_new_node(&kind_scale, err);
    if (!s)
        return NULL;
    if (!cost_node_set_depth(s, f->depth, f->size, err)) {
        cost_release(s);
        return NULL;
    }
    cost_retain(f);
    s->a = f;
    s->k = k;
    s->k2 = (range){.lo = offset, .mid = offset, .hi = slope};
    return s;
}

cost_fn *cost_scale(cost_fn *f, range factor, core_error *err)
{
    return cost_scale_affine(f, factor, 0, 1, err);
}

/* Driver derivation: a = the cost function, b = what derives its driver from ours. */
static bool eval_of(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                    size_t n, double *lo, double *mid, double *hi, core_error *err)
{
    scratch d = {0};
    if (!scratch_alloc(&d, n, err))
        return false;
    bool ok = cost_node_eval(f->b, xlo, xmid, xhi, n, d.lo, d.mid, d.hi, err) &&
              cost_check_drivers(d.lo, d.mid, d.hi, n, err) &&
              cost_node_eval(f->a, d.lo, d.mid, d.hi, n, lo, mid, hi, err);
    scratch_free(&d);
    return ok;
}

static bool breaks_of(const cost_fn *f, double lo, double hi, cost_breaks *out);
static bool breaks_none(const cost_fn *f, double lo, double hi, cost_breaks *out);

static bool samples_of(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                       core_error *err)
{
    size_t n = s->lanes;
    double *d = budget_array(n, sizeof *d);
    if (!d)
        return error_fail(err, "out of memory evaluating %zu lanes", n);
    bool ok = cost_node_samples(f->b, x, s, d, err) && cost_check_drivers(d, d, d, n, err) &&
              cost_node_samples(f->a, d, s, out, err);
    budget_free(d);
    return ok;
}

static const cost_kind kind_of = {
    .name = "of", .eval = eval_of, .breaks = breaks_of, .samples = samples_of};

cost_fn *cost_of(cost_fn *f, cost_fn *derive, core_error *err)
{
    return binary_node(&kind_of, f, derive, err);
}

/* ---- callbacks ----------------------------------------------------------------------- */

typedef struct callback {
    cost_callback_fn call;
    void *ctx;
    void (*free_ctx)(void *ctx);
} callback;

static bool call_once(const callback *cb, double x, range *out, core_error *err)
{
    if (!cb->call(cb->ctx, x, out, err))
        return false;
    if (!range_is_finite(out))
        return error_fail(err,
                          "function: returned a value that is not a finite number at "
                          "driver value %.10g",
                          x);
    return true;
}

static bool eval_callback(const cost_fn *f, const double *xlo, const double *xmid,
                          const double *xhi, size_t n, double *lo, double *mid, double *hi,
                          core_error *err)
{
    const callback *cb = f->data;
    for (size_t i = 0; i < n; i++) {
        range at;
        if (!call_once(cb, xmid[i], &at, err))
            return false;
        lo[i] = at.lo, mid[i] = at.mid, hi[i] = at.hi;
        const double ends[2] = {xlo[i], xhi[i]};
        for (int e = 0; e < 2; e++) {
            if (ends[e] == xmid[i])
                continue;
            if (!call_once(cb, ends[e], &at, err))
                return false;
            lo[i] = fmin(lo[i], at.lo);
            hi[i] = fmax(hi[i], at.hi);
        }
    }
    return true;
}

static void destroy_callback(cost_fn *f)
{
    callback *cb = f->data;
    if (cb && cb->free_ctx)
        cb->free_ctx(cb->ctx);
    budget_free(cb);
}

/* A Lua function is called once a lane; a range it returns counts at its mid. */
static bool samples_callback(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                             core_error *err)
{
    const callback *cb = f->data;
    for (size_t i = 0; i < s->lanes; i++) {
        range at;
        if (!call_once(cb, x[i], &at, err))
            return false;
        out[i] = at.mid;
    }
    return true;
}

static const cost_kind kind_callback = {.name = "function",
                                        .eval = eval_callback,
                                        .destroy = destroy_callback,
                                        .breaks = breaks_none,
                                        .samples = samples_callback};

cost_fn *cost_callback(cost_callback_fn call, void *ctx, void (*free_ctx)(void *ctx),
                       core_error *err)
{
    callback *cb = budget_malloc(sizeof *cb);
    cost_fn *f = cb ? cost_new_node(&kind_callback, err) : NULL;
    if (!f) {
        error_oom(err);
        budget_free(cb);
        if (free_ctx)
            free_ctx(ctx);
        return NULL;
    }
    cb->call = call;
    cb->ctx = ctx;
    cb->free_ctx = free_ctx;
    f->data = cb;
    return f;
}

/* ---- breaks ---------------------------------------------------------------------------- */

/* A Lua function: nothing is known of its shape. */
static bool breaks_none(const cost_fn *f, double lo, double hi, cost_breaks *out)
{
    (void)f, (void)lo, (void)hi, (void)out;
    return true;
}

/* f:of(g) with g = base + rate * x: f's breaks d map back to x = (d - base) / rate. */
static bool breaks_of(const cost_fn *f, double lo, double hi, cost_breaks *out)
{
    double base, rate;
    if (!cost_linear_exact(f->b, &base, &rate) || rate <= 0)
        return cost_breaks_collect(f->b, lo, hi, out);
    cost_breaks inner = {.limit = out->limit};
    bool ok = cost_breaks_collect(f->a, base + rate * lo, base + rate * hi, &inner);
    for (size_t i = 0; ok && i < inner.n; i++)
        ok = cost_breaks_add(out, (inner.x[i] - base) / rate);
    out->truncated |= inner.truncated;
    cost_breaks_free(&inner);
    return ok;
}
