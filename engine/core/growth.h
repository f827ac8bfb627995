/*
 * growth: how many users a product has in each month of a timeline.
 *
 * Usage:
 *
 *     char err[256];
 *     growth g = { .kind = GROWTH_COMPOUND, .start = 10000, .rate = 0.08 };
 *     double users[36];
 *     if (!growth_check(&g, err, sizeof err)) fprintf(stderr, "%s\n", err);
 *     else growth_fill(&g, 36, users);   // users[0] = 10000, users[12] = 25181.70...
 *
 * Conventions:
 *   - Months count from 1: month 1 is the first month of the timeline, and month m runs
 *     over 1..H for a horizon of H months.  growth_fill puts month m at users_out[m - 1].
 *   - Month 1 has `start` users (except for points, which ignore start).
 *   - Users are a monthly count, not necessarily whole: the curves are not rounded, except
 *     that a count within 1e-12 of a whole number (the rounding of pow) is that number.
 *   - The kinds, for month m:
 *       compound:  start * (1 + rate)^(m - 1)
 *       linear:    max(0, start + per_month * (m - 1))
 *       logistic:  ceiling / (1 + ((ceiling - start) / start) * exp(-rate * (m - 1)))
 *       points:    linear interpolation between the (month, users) points, held flat at
 *                  the first point's users before it and at the last point's after it.
 *   - Rates are monthly fractions (0.08 for 8% a month); rate.h turns an annual rate into
 *     a monthly one.
 *   - The formulas hold for any real month, so a caller may ask for month 6.5.
 *
 * growth_users and growth_fill assume a growth that growth_check accepted.  Even then a
 * compound curve can outgrow a double (start 1, rate 1 passes 1e308 near month 1025):
 * the users are then +inf, and a caller that writes them out checks isfinite.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_GROWTH_H
#define RECKON_GROWTH_H

#include <stdbool.h>
#include <stddef.h>

#include "cost.h"

typedef enum growth_kind {
    GROWTH_COMPOUND, /* a fixed percentage a month */
    GROWTH_LINEAR,   /* a fixed number of users a month */
    GROWTH_LOGISTIC, /* an S-curve: compound at first, levelling off at a ceiling */
    GROWTH_POINTS    /* known (month, users) points, from a forecast or history */
} growth_kind;

typedef struct growth_point {
    double month; /* >= 1, strictly increasing along the list; need not be whole */
    double users; /* >= 0 */
} growth_point;

typedef struct growth {
    growth_kind kind;
    double start;               /* users in month 1, > 0 (all kinds but points) */
    double rate;                /* compound: monthly growth, > -1; logistic: steepness k, > 0 */
    double per_month;           /* linear: users added a month; negative loses users, to 0 */
    double ceiling;             /* logistic: the level K approached, > start */
    const growth_point *points; /* points: borrowed, not copied; must outlive the growth */
    size_t n_points;            /* points: how many, >= 1 (one point is a flat line) */
} growth;

/*
 * Returns true when g describes a curve; otherwise false with a message in err that names
 * the kind and the field at fault and shows the value given ("compound growth: rate must
 * be greater than -1 (-100% a month), got -1.5").  Fields the kind does not use are not
 * looked at.  Every field used must be finite.
 */
bool growth_check(const growth *g, core_error *err);

/* Users in `month` (see the conventions above); g must pass growth_check. */
double growth_users(const growth *g, double month);

/* Users in months 1..months into users_out[0..months - 1]; g must pass growth_check. */
void growth_fill(const growth *g, size_t months, double *users_out);

/*
 * A growth of ranges: the curve a model states, each parameter an uncertain number, so that
 * a timeline has a low, a mid and a high curve and each Monte Carlo lane a curve of its own.
 *
 *     growth_ranges g = {.kind = GROWTH_COMPOUND, .conversion = -1,
 *                        .rate = {.lo = 0.04, .mid = 0.07, .hi = 0.10}};
 *     if (!growth_ranges_check(&g, err, sizeof err)) ...      // "the rate must be ..."
 *     g.start = 10000;
 *     if (!growth_ranges_check_start(&g, err, sizeof err)) ...
 *     growth lo = growth_ranges_at(&g, GROWTH_LOW);           // rate 0.04 a month
 */
typedef enum growth_end { GROWTH_LOW, GROWTH_MID, GROWTH_HIGH } growth_end;

typedef struct growth_ranges {
    growth_kind kind;
    int conversion;             /* -1: rate is a month's; else the rate_conversion (rate.h)
                                   that turns the year's rate given into a month's */
    double start;               /* users in month 1 (ignored by points) */
    range rate;                 /* compound: the rate (a month's or a year's); logistic: k */
    range per_month;            /* linear */
    range ceiling;              /* logistic */
    const growth_point *points; /* points: borrowed, as in growth */
    size_t n_points;
} growth_ranges;

/* The checks of g's parameters that need no start: a compound rate above -1 (-100%) at its
 * low end, a logistic rate and ceiling above 0.  False with a message in err (the field at
 * fault, without the kind: "the rate must be greater than -1 (-100%)"). */
bool growth_ranges_check(const growth_ranges *g, core_error *err);

/* growth_check of g at its low and at its high end, with g->start: false with its message. */
bool growth_ranges_check_start(const growth_ranges *g, core_error *err);

/* The growth with every parameter at one end of its range (a year's rate turned into a
 * month's); its points are g's, borrowed. */
growth growth_ranges_at(const growth_ranges *g, growth_end end);

/* The growth of Monte Carlo lane i: every parameter at its value in lane i of s. */
growth growth_ranges_lane(const growth_ranges *g, const cost_samples *s, size_t i);

/* Puts g's uncertain parameters in set. */
void growth_ranges_inputs(const growth_ranges *g, cost_input_set *set);

#endif
