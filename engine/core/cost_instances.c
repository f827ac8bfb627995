/*
 * instances: an autoscaled service.  ceil(load / capacity) replicas, kept within
 * min..max, each at a monthly price.  More capacity a replica lowers the cost.
 */
#include <math.h>
#include <stdlib.h>

#include "budget.h"
#include "cost_impl.h"

typedef struct bounds {
    double min; /* fewest replicas, a whole number >= 0 */
    double max; /* most replicas, or -1 for no maximum */
} bounds;

/*
 * Replicas for a load.  A quotient within a relative 1e-9 (at most 1e-6 of a replica)
 * above a whole number counts as that number, so that 1000.0000000001 GB on 500 GB
 * replicas needs 2, not 3.
 */
static double replicas(const bounds *b, double load, double capacity)
{
    double q = load / capacity;
    double count = ceil(q);
    double tolerance = fmin(1e-9 * fmax(1, q), 1e-6);
    if (count - q > 1 - tolerance)
        count -= 1;
    if (count < b->min)
        count = b->min;
    if (b->max >= 0 && count > b->max)
        count = b->max;
    return count;
}

/* k = capacity a replica, k2 = price a replica. */
static bool eval_instances(const cost_fn *f, const double *xlo, const double *xmid,
                           const double *xhi, size_t n, double *lo, double *mid, double *hi,
                           core_error *err)
{
    (void)err;
    const bounds *b = f->data;
    const range cap = f->k, price = f->k2;
    for (size_t i = 0; i < n; i++) {
        lo[i] = replicas(b, xlo[i], cap.hi) * price.lo;
        mid[i] = replicas(b, xmid[i], cap.mid) * price.mid;
        hi[i] = replicas(b, xhi[i], cap.lo) * price.hi;
    }
    return true;
}

/* Every load at which one more replica starts (capacity at mid), within lo..hi. */
static bool breaks_instances(const cost_fn *f, double lo, double hi, cost_breaks *out)
{
    double cap = f->k.mid;
    double first = fmax(1, floor(lo / cap)), last = floor(hi / cap);
    if (last < first) /* no replica starts in lo..hi */
        return true;
    if (!(last - first < (double)out->limit)) { /* too many to list (or not countable) */
        out->truncated = true;
        return true;
    }
    bool ok = true;
    size_t count = (size_t)(last - first) + 1; /* counted apart from k: past 2^53, k + 1 == k */
    for (size_t i = 0; ok && i < count && !out->truncated; i++) {
        double k = first + (double)i;
        if (k * cap >= lo && k * cap <= hi)
            ok = cost_breaks_add(out, k * cap);
    }
    return ok;
}

static void destroy_instances(cost_fn *f)
{
    budget_free(f->data);
}

static bool samples_instances(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                              core_error *err)
{
    (void)err;
    const bounds *b = f->data;
    for (size_t i = 0; i < s->lanes; i++)
        out[i] = replicas(b, x[i], cost_sample(&f->k, s, i)) * cost_sample(&f->k2, s, i);
    return true;
}

static const cost_kind kind_instances = {.name = "instances",
                                         .eval = eval_instances,
                                         .destroy = destroy_instances,
                                         .breaks = breaks_instances,
                                         .samples = samples_instances};

static bool is_count(double x)
{
    return isfinite(x) && x >= 0 && x == floor(x);
}

cost_fn *cost_instances(range capacity, range price, double min_count, double max_count,
                        core_error *err)
{
    if (!cost_check_param("instances", "capacity", &capacity, true, err) ||
        !cost_check_param("instances", "price", &price, true, err))
        return NULL;
    if (capacity.lo <= 0) {
        error_fail(err,
                   "instances: capacity must be greater than 0 (got %.10g): it is the load "
                   "one replica serves",
                   capacity.lo);
        return NULL;
    }
    if (!is_count(min_count)) {
        error_fail(err, "instances: min must be a whole number >= 0 (got %.10g)", min_count);
        return NULL;
    }
    if (!(max_count < 0) && (!is_count(max_count) || max_count < min_count)) { /* NaN too */
        error_fail(err, "instances: max must be a whole number >= min (got max %.10g, min %.10g)",
                   max_count, min_count);
        return NULL;
    }
    bounds *b = budget_malloc(sizeof *b);
    cost_fn *f = b ? cost_new_node(&kind_instances, err) : NULL;
    if (!f) {
        error_oom(err);
        budget_free(b);
        return NULL;
    }
    *b = (bounds){.min = min_count, .max = max_count};
    f->data = b;
    f->k = capacity, f->k2 = price;
    return f;
}
