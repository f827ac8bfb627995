/*
 * The simple primitives: fixed (a flat amount), linear (base + rate * x) and
 * power (coef * x ^ exp).  Each is monotone in its driver and its parameters.
 */
#include <math.h>

#include "cost_impl.h"

/* fixed: k = the amount. */
static bool eval_fixed(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                       size_t n, double *lo, double *mid, double *hi, core_error *err)
{
    (void)xlo, (void)xmid, (void)xhi, (void)err;
    for (size_t i = 0; i < n; i++)
        lo[i] = f->k.lo, mid[i] = f->k.mid, hi[i] = f->k.hi;
    return true;
}

static bool samples_fixed(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                          core_error *err)
{
    (void)x, (void)err;
    for (size_t i = 0; i < s->lanes; i++)
        out[i] = cost_sample(&f->k, s, i);
    return true;
}

static const cost_kind kind_fixed = {
    .name = "fixed", .shape = COST_SHAPE_FIXED, .eval = eval_fixed, .samples = samples_fixed};

cost_fn *cost_fixed(range amount, core_error *err)
{
    if (!cost_check_param("fixed", "the amount", &amount, true, err))
        return NULL;
    cost_fn *f = cost_new_node(&kind_fixed, err);
    if (f)
        f->k = amount;
    return f;
}

/* linear: k = base, k2 = rate; both >= 0 and so is x, so the ends give the extremes. */
static bool eval_linear(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                        size_t n, double *lo, double *mid, double *hi, core_error *err)
{
    (void)err;
    const range base = f->k, rate = f->k2;
    for (size_t i = 0; i < n; i++) {
        lo[i] = base.lo + rate.lo * xlo[i];
        mid[i] = base.mid + rate.mid * xmid[i];
        hi[i] = base.hi + rate.hi * xhi[i];
    }
    return true;
}

static bool samples_linear(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                           core_error *err)
{
    (void)err;
    if (!cost_sampled(&f->k, s) && !cost_sampled(&f->k2, s)) { /* the sweep's fast path */
        const double base = f->k.mid, rate = f->k2.mid;
        for (size_t i = 0; i < s->lanes; i++)
            out[i] = base + rate * x[i];
        return true;
    }
    for (size_t i = 0; i < s->lanes; i++)
        out[i] = cost_sample(&f->k, s, i) + cost_sample(&f->k2, s, i) * x[i];
    return true;
}

static const cost_kind kind_linear = {
    .name = "linear", .shape = COST_SHAPE_LINEAR, .eval = eval_linear, .samples = samples_linear};

cost_fn *cost_linear(range base, range rate, core_error *err)
{
    if (!cost_check_param("linear", "base", &base, true, err) ||
        !cost_check_param("linear", "rate", &rate, true, err))
        return NULL;
    cost_fn *f = cost_new_node(&kind_linear, err);
    if (f)
        f->k = base, f->k2 = rate;
    return f;
}

/*
 * power: k = coef, k2 = exp.  x ^ e is monotone in x (e >= 0) and in e (up for x > 1,
 * down for x < 1), so its extremes over a box lie at the box's corners.
 */
static bool eval_power(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                       size_t n, double *lo, double *mid, double *hi, core_error *err)
{
    (void)err;
    const range coef = f->k, e = f->k2;
    for (size_t i = 0; i < n; i++) {
        mid[i] = coef.mid * pow(xmid[i], e.mid);
        if (xlo[i] == xhi[i] && e.lo == e.hi) {
            double p = pow(xmid[i], e.mid);
            lo[i] = coef.lo * p, hi[i] = coef.hi * p;
            continue;
        }
        double c[4] = {pow(xlo[i], e.lo), pow(xlo[i], e.hi), pow(xhi[i], e.lo), pow(xhi[i], e.hi)};
        lo[i] = coef.lo * fmin(fmin(c[0], c[1]), fmin(c[2], c[3]));
        hi[i] = coef.hi * fmax(fmax(c[0], c[1]), fmax(c[2], c[3]));
    }
    return true;
}

static bool samples_power(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                          core_error *err)
{
    (void)err;
    if (!cost_sampled(&f->k2, s)) { /* one exponent: x^e once for each new x */
        const double e = f->k2.mid;
        double last_x = NAN, last_pow = 0;
        for (size_t i = 0; i < s->lanes; i++) {
            if (x[i] != last_x)
                last_x = x[i], last_pow = pow(x[i], e);
            out[i] = cost_sample(&f->k, s, i) * last_pow;
        }
        return true;
    }
    for (size_t i = 0; i < s->lanes; i++)
        out[i] = cost_sample(&f->k, s, i) * pow(x[i], cost_sample(&f->k2, s, i));
    return true;
}

static const cost_kind kind_power = {
    .name = "power", .shape = COST_SHAPE_POWER, .eval = eval_power, .samples = samples_power};

cost_fn *cost_power(range coef, range exponent, core_error *err)
{
    if (!cost_check_param("power", "coef", &coef, true, err) ||
        !cost_check_param("power", "exp", &exponent, true, err))
        return NULL;
    cost_fn *f = cost_new_node(&kind_power, err);
    if (f)
        f->k = coef, f->k2 = exponent;
    return f;
}
