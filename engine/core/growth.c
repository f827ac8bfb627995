/*
 * growth: users along a timeline, by formula or through points.  See growth.h for the
 * conventions.
 *
 * The curves are evaluated month by month from their closed forms rather than by
 * multiplying up from month 1, so that month 120 carries one rounding, not 119 of them,
 * and any single month can be asked for on its own.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "growth.h"
#include "tolerance.h"
#include "rate.h"

/* The one rule for each rate, used for a single growth and for a growth of ranges. */
static bool compound_rate_ok(double rate)
{
    return isfinite(rate) && rate > -1;
}

static bool logistic_positive(double x)
{
    return isfinite(x) && x > 0;
}

static const char *kind_name(growth_kind kind)
{
    switch (kind) {
    case GROWTH_COMPOUND:
        return "compound";
    case GROWTH_LINEAR:
        return "linear";
    case GROWTH_LOGISTIC:
        return "logistic";
    case GROWTH_POINTS:
        return "points";
    }
    return "unknown";
}

/* start is the users in month 1 for every kind but points: a finite count above 0. */
static bool check_start(const growth *g, core_error *err)
{
    if (!isfinite(g->start) || g->start <= 0)
        return error_fail(
            err, "%s growth: start (users in month 1) must be a number greater than 0, got %g",
            kind_name(g->kind), g->start);
    return true;
}

static bool check_points(const growth *g, core_error *err)
{
    if (g->n_points == 0 || !g->points)
        return error_fail(err, "points growth: points needs at least one (month, users) point");
    for (size_t i = 0; i < g->n_points; i++) {
        const growth_point *p = &g->points[i];
        /* Positions count from 1 in messages, as a model's author counts them. */
        if (!isfinite(p->month) || p->month < 1)
            return error_fail(
                err,
                "points growth: point %zu: month must be a number >= 1 (month 1 is the "
                "first month of the timeline), got %g",
                i + 1, p->month);
        if (i > 0 && !(p->month > g->points[i - 1].month))
            return error_fail(
                err,
                "points growth: point %zu: months must increase strictly, but month %g "
                "follows month %g",
                i + 1, p->month, g->points[i - 1].month);
        if (!isfinite(p->users) || p->users < 0)
            return error_fail(
                err, "points growth: point %zu (month %g): users must be a number >= 0, got %g",
                i + 1, p->month, p->users);
    }
    return true;
}

bool growth_check(const growth *g, core_error *err)
{
    switch (g->kind) {
    case GROWTH_COMPOUND:
        if (!check_start(g, err))
            return false;
        if (!compound_rate_ok(g->rate))
            return error_fail(
                err,
                "compound growth: rate (monthly growth as a fraction, 0.08 for 8%%) must "
                "be a number greater than -1 (-100%% a month), got %g",
                g->rate);
        return true;
    case GROWTH_LINEAR:
        if (!check_start(g, err))
            return false;
        if (!isfinite(g->per_month))
            return error_fail(err,
                              "linear growth: per_month (users added a month) must be a finite "
                              "number, got %g",
                              g->per_month);
        return true;
    case GROWTH_LOGISTIC:
        if (!check_start(g, err))
            return false;
        if (!logistic_positive(g->rate))
            return error_fail(
                err,
                "logistic growth: rate (monthly steepness k) must be a number greater "
                "than 0, got %g",
                g->rate);
        if (!isfinite(g->ceiling) || g->ceiling <= g->start)
            return error_fail(err,
                              "logistic growth: ceiling (the users approached) must be a number "
                              "greater than start (%g), got %g",
                              g->start, g->ceiling);
        return true;
    case GROWTH_POINTS:
        return check_points(g, err);
    }
    return error_fail(err, "growth: unknown kind %d", (int)g->kind);
}

/*
 * Linear interpolation through the points, flat outside them.  The segment is found by
 * bisection: the last point whose month is <= month.  A month that falls on a point gets
 * that point's users exactly (t = 0).
 */
static double points_users(const growth_point *p, size_t n, double month)
{
    if (month <= p[0].month)
        return p[0].users;
    if (month >= p[n - 1].month)
        return p[n - 1].users;
    size_t lo = 0, hi = n - 1; /* p[lo].month <= month < p[hi].month */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (p[mid].month <= month)
            lo = mid;
        else
            hi = mid;
    }
    double t = (month - p[lo].month) / (p[hi].month - p[lo].month);
    return p[lo].users + (p[hi].users - p[lo].users) * t;
}

/* A user count within rounding of a whole number is that number (tolerance.h): 1000 * 1.1^3
 * is 1331.0000000000005 in doubles, and a plan "up to 1331" must take it, as a
 * spreadsheet's comparison (to 15 digits) does; a count that is truly fractional (1464.1)
 * is left as it is. */
static double whole_if_near(double users)
{
    double whole = nearbyint(users);
    return tolerance_equal(users, whole) ? whole : users;
}

static double users_at(const growth *g, double month);

double growth_users(const growth *g, double month)
{
    return whole_if_near(users_at(g, month));
}

/* growth_users before whole_if_near. */
static double users_at(const growth *g, double month)
{
    if (isnan(month))
        return NAN;
    double elapsed = month - 1; /* months since month 1 */
    switch (g->kind) {
    case GROWTH_COMPOUND:
        return g->start * pow(1 + g->rate, elapsed);
    case GROWTH_LINEAR: {
        double users = g->start + g->per_month * elapsed;
        return users > 0 ? users : 0; /* a shrinking product runs out of users, not below */
    }
    case GROWTH_LOGISTIC: {
        /* K / (1 + a e^(-k t)) with a = (K - start) / start, so that t = 0 gives start. */
        double a = (g->ceiling - g->start) / g->start;
        return g->ceiling / (1 + a * exp(-g->rate * elapsed));
    }
    case GROWTH_POINTS:
        return points_users(g->points, g->n_points, month);
    }
    return NAN;
}

void growth_fill(const growth *g, size_t months, double *users_out)
{
    for (size_t i = 0; i < months; i++)
        users_out[i] = growth_users(g, (double)(i + 1));
}

/* ---- a growth of ranges ---------------------------------------------------------------- */

bool growth_ranges_check(const growth_ranges *g, core_error *err)
{
    if (g->kind == GROWTH_COMPOUND && !compound_rate_ok(g->rate.lo))
        return error_fail(err, "the rate must be greater than -1 (-100%%)");
    if (g->kind == GROWTH_LOGISTIC &&
        !(logistic_positive(g->rate.lo) && logistic_positive(g->ceiling.lo)))
        return error_fail(err, "rate and ceiling must be greater than 0");
    return true;
}

bool growth_ranges_check_start(const growth_ranges *g, core_error *err)
{
    growth lo = growth_ranges_at(g, GROWTH_LOW), hi = growth_ranges_at(g, GROWTH_HIGH);
    return growth_check(&lo, err) && growth_check(&hi, err);
}

static double at_end(const range *r, growth_end end)
{
    return end == GROWTH_LOW ? r->lo : end == GROWTH_MID ? r->mid : r->hi;
}

/* The growth of g with its three parameters given; a year's rate becomes a month's. */
static growth with_values(const growth_ranges *g, double rate, double per_month, double ceiling)
{
    if (g->conversion >= 0)
        rate = rate_monthly_from_annual(rate, (rate_conversion)g->conversion);
    return (growth){.kind = g->kind,
                    .start = g->start,
                    .rate = rate,
                    .per_month = per_month,
                    .ceiling = ceiling,
                    .points = g->points,
                    .n_points = g->n_points};
}

growth growth_ranges_at(const growth_ranges *g, growth_end end)
{
    return with_values(g, at_end(&g->rate, end), at_end(&g->per_month, end),
                       at_end(&g->ceiling, end));
}

growth growth_ranges_lane(const growth_ranges *g, const cost_samples *s, size_t i)
{
    return with_values(g, cost_sample(&g->rate, s, i), cost_sample(&g->per_month, s, i),
                       cost_sample(&g->ceiling, s, i));
}

void growth_ranges_inputs(const growth_ranges *g, cost_input_set *set)
{
    cost_input_add(&g->rate, set);
    cost_input_add(&g->per_month, set);
    cost_input_add(&g->ceiling, set);
}
