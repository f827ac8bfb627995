/*
 * points: a cost curve through known (driver, cost) points.
 *
 * Between points it interpolates linearly, or log-log (a straight line between the logs,
 * i.e. a power law on each segment).  Beyond the first or the last point it extends the
 * end segment ("linear"), holds the end value ("clamp") or fails ("error"), with a policy
 * of its own for each side.  A line extended below zero stops at zero.
 *
 * A point's cost may be a range.  Every cost is a weighted sum of two points' costs (of
 * their logs under log-log), so the least cost takes each point at its low end where its
 * weight is positive and at its high end where it is negative (as when a segment is
 * extended past its right end), and the greatest cost the other way round.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "budget.h"
#include "cost_impl.h"

enum { LO, MID, HI };

typedef struct points {
    size_t n;               /* number of points, >= 2 */
    cost_interp interp;     /* how points are joined */
    cost_extrapolate below; /* what happens left of the first point */
    cost_extrapolate above; /* what happens right of the last point */
    double *x;              /* driver values, strictly increasing (logs under log-log) */
    double *y[3];           /* costs at LO, MID, HI (logs under log-log) */
    double first, last;     /* the span of the points, as given */
    range *costs;           /* the costs as given, for Monte Carlo lanes */
} points;

static void destroy_points(cost_fn *f)
{
    points *p = f->data;
    if (!p)
        return;
    budget_free(p->x);
    budget_free(p->costs);
    budget_free(p);
}

/* Segment j (points j and j+1) and the weight t of point j+1 for driver value x. */
static bool segment_of(const points *p, double x, size_t *j, double *t, core_error *err)
{
    if (x < p->first || x > p->last) {
        cost_extrapolate policy = x < p->first ? p->below : p->above;
        if (policy == COST_EXTRAPOLATE_ERROR)
            return error_fail(err,
                              "points: driver value %.10g is %s the points' span "
                              "%.10g..%.10g and extrapolate is \"error\" there",
                              x, x < p->first ? "below" : "above", p->first, p->last);
        if (policy == COST_EXTRAPOLATE_CLAMP) {
            *j = x < p->first ? 0 : p->n - 2;
            *t = x < p->first ? 0 : 1;
            return true;
        }
    }
    double u = x;
    if (p->interp == COST_INTERP_LOGLOG)
        u = log(x > 0 ? x : DBL_MIN); /* x = 0 lies infinitely far left in log space */
    size_t a = 0, b = p->n - 2;       /* the last segment whose left point is <= u */
    while (a < b) {
        size_t m = a + (b - a + 1) / 2;
        if (p->x[m] <= u)
            a = m;
        else
            b = m - 1;
    }
    *j = a;
    *t = (u - p->x[a]) / (p->x[a + 1] - p->x[a]);
    return true;
}

/* (1 - t) y0 + t y1: one formula for the points and for every Monte Carlo lane, so that a
 * lane lies between the low and the high however far out t is.  (A flat segment is off by
 * rounding here; the decisions compare within tolerance.h's rounding, so it crosses no
 * fixed cost of the same amount.) */
static double interpolate(double t, double y0, double y1)
{
    return (1 - t) * y0 + t * y1;
}

/* The cost at x with each point's cost chosen for `end` by the sign of its weight. */
static bool value_at(const points *p, double x, int end, double *out, core_error *err)
{
    size_t j = 0;
    double t = 0;
    if (!segment_of(p, x, &j, &t, err))
        return false;
    double w0 = 1 - t, w1 = t;
    int e0 = end, e1 = end;
    if (end != MID) {
        int other = end == LO ? HI : LO;
        e0 = w0 >= 0 ? end : other;
        e1 = w1 >= 0 ? end : other;
    }
    double v = interpolate(t, p->y[e0][j], p->y[e1][j + 1]);
    if (p->interp == COST_INTERP_LOGLOG)
        v = exp(v);
    *out = fmax(0, v); /* a falling line extended far enough would go below zero: a cost cannot */
    return true;
}

static bool eval_points(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                        size_t n, double *lo, double *mid, double *hi, core_error *err)
{
    const points *p = f->data;
    for (size_t i = 0; i < n; i++) {
        double a, b;
        if (!value_at(p, xmid[i], MID, &mid[i], err) || !value_at(p, xlo[i], LO, &lo[i], err) ||
            !value_at(p, xlo[i], HI, &hi[i], err) || !value_at(p, xhi[i], LO, &a, err) ||
            !value_at(p, xhi[i], HI, &b, err))
            return false;
        lo[i] = fmin(lo[i], a), hi[i] = fmax(hi[i], b);
        if (xlo[i] == xhi[i])
            continue;
        /* Each piece is monotone, so the extremes over a span lie at its ends or knots. */
        for (size_t k = 0; k < p->n; k++) {
            double knot = p->interp == COST_INTERP_LOGLOG ? exp(p->x[k]) : p->x[k];
            if (knot <= xlo[i] || knot >= xhi[i])
                continue;
            if (!value_at(p, knot, LO, &a, err) || !value_at(p, knot, HI, &b, err))
                return false;
            lo[i] = fmin(lo[i], a), hi[i] = fmax(hi[i], b);
        }
    }
    return true;
}

static bool breaks_points(const cost_fn *f, double lo, double hi, cost_breaks *out)
{
    const points *p = f->data;
    bool ok = true;
    for (size_t k = 0; ok && k < p->n; k++) {
        double x = p->interp == COST_INTERP_LOGLOG ? exp(p->x[k]) : p->x[k];
        if (x >= lo && x <= hi)
            ok = cost_breaks_add(out, x);
    }
    return ok;
}

/* A point's cost in lane i, as stored (its log under log-log). */
static double lane_y(const points *p, size_t k, const cost_samples *s, size_t i)
{
    if (!cost_sampled(&p->costs[k], s))
        return p->y[MID][k];
    double y = cost_sample(&p->costs[k], s, i);
    return p->interp == COST_INTERP_LOGLOG ? log(y) : y;
}

static bool samples_points(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                           core_error *err)
{
    const points *p = f->data;
    for (size_t i = 0; i < s->lanes; i++) {
        size_t j = 0;
        double t = 0;
        if (!segment_of(p, x[i], &j, &t, err))
            return false;
        double v = interpolate(t, lane_y(p, j, s, i), lane_y(p, j + 1, s, i));
        if (p->interp == COST_INTERP_LOGLOG)
            v = exp(v);
        out[i] = v > 0 ? v : 0;
    }
    return true;
}

static void inputs_points(const cost_fn *f, cost_input_set *set)
{
    const points *p = f->data;
    for (size_t k = 0; k < p->n; k++)
        cost_input_add(&p->costs[k], set);
}

static const cost_kind kind_points = {.name = "points",
                                      .eval = eval_points,
                                      .destroy = destroy_points,
                                      .breaks = breaks_points,
                                      .samples = samples_points,
                                      .inputs = inputs_points};

static bool check_points(const cost_point *pts, size_t n, cost_interp interp, core_error *err)
{
    bool loglog = interp == COST_INTERP_LOGLOG;
    if (n < 2)
        return error_fail(err, "points: needs at least two points (got %zu)", n);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(pts[i].x) || pts[i].x < 0 || (loglog && pts[i].x <= 0))
            return error_fail(err,
                              "points: point %zu: the driver value must be a finite number "
                              "%s",
                              i + 1, loglog ? "> 0 (loglog takes logs)" : ">= 0");
        if (i > 0 && pts[i].x <= pts[i - 1].x)
            return error_fail(err,
                              "points: point %zu: the driver value (%.10g) must be greater "
                              "than the previous point's (%.10g)",
                              i + 1, pts[i].x, pts[i - 1].x);
        if (i > 0 && loglog && log(pts[i].x) <= log(pts[i - 1].x)) /* a segment of no width */
            return error_fail(err,
                              "points: point %zu: the driver value (%.17g) is too close to the "
                              "previous point's (%.17g) for interp = \"loglog\": their logs are "
                              "the same number; move them apart or use interp = \"linear\"",
                              i + 1, pts[i].x, pts[i - 1].x);
        if (!cost_check_param("points", "a point's cost", &pts[i].cost, true, err))
            return false;
        if (loglog && pts[i].cost.lo <= 0)
            return error_fail(err,
                              "points: point %zu: a cost must be > 0 with interp = "
                              "\"loglog\" (it takes logs); use interp = \"linear\"",
                              i + 1);
    }
    return true;
}

cost_fn *cost_points(const cost_point *pts, size_t n, cost_interp interp, cost_extrapolate below,
                     cost_extrapolate above, core_error *err)
{
    if (!check_points(pts, n, interp, err))
        return NULL;
    points *p = budget_calloc(1, sizeof *p);
    double *buf = budget_array(budget_mul(4, n), sizeof *buf);
    range *costs = budget_array(n, sizeof *costs);
    cost_fn *f = p && buf && costs ? cost_new_node(&kind_points, err) : NULL;
    if (!f) {
        budget_free(p);
        budget_free(buf);
        budget_free(costs);
        error_oom(err);
        return NULL;
    }
    bool loglog = interp == COST_INTERP_LOGLOG;
    *p = (points){.n = n,
                  .interp = interp,
                  .below = below,
                  .above = above,
                  .x = buf,
                  .y = {buf + n, buf + 2 * n, buf + 3 * n},
                  .first = pts[0].x,
                  .last = pts[n - 1].x,
                  .costs = costs};
    for (size_t i = 0; i < n; i++) {
        const range *c = &pts[i].cost;
        p->x[i] = loglog ? log(pts[i].x) : pts[i].x;
        p->y[LO][i] = loglog ? log(c->lo) : c->lo;
        p->y[MID][i] = loglog ? log(c->mid) : c->mid;
        p->y[HI][i] = loglog ? log(c->hi) : c->hi;
        costs[i] = *c;
    }
    f->data = p;
    return f;
}
