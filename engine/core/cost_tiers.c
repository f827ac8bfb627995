/*
 * Tiers: lists of plans or brackets with cumulative, inclusive upper bounds.
 *
 *   step       the flat cost of the first plan whose upto is >= the driver value;
 *   graduated  each unit priced at its own bracket's rate, after a free allowance;
 *   volume     every unit priced at the rate of the bracket the total falls in, plus
 *              that bracket's flat fee.
 *
 * Only the last tier may be open-ended.  A driver value beyond the last bounded tier
 * with no open one is an error that names the value.
 */
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "budget.h"
#include "cost_impl.h"

enum { LO, MID, HI };

static double pick(const range *r, int end)
{
    return end == LO ? r->lo : end == MID ? r->mid : r->hi;
}

static const char *tier_word(const char *kind)
{
    return strcmp(kind, "step") == 0 ? "plan" : "bracket";
}

/* Checks a list of tiers: bounds increase, only the last may be open, n > 0. */
static bool check_tiers(const char *kind, const cost_tier *tiers, size_t n, core_error *err)
{
    const char *word = tier_word(kind);
    if (n == 0)
        return error_fail(err, "%s: needs at least one %s", kind, word);
    for (size_t i = 0; i < n; i++) {
        if (tiers[i].open) {
            if (i + 1 < n)
                return error_fail(err,
                                  "%s: %s %zu has no upto, but only the last %s may be "
                                  "open-ended",
                                  kind, word, i + 1, word);
            continue;
        }
        if (!isfinite(tiers[i].upto) || tiers[i].upto < 0)
            return error_fail(err, "%s: %s %zu: upto must be a finite number >= 0", kind, word,
                              i + 1);
        if (i > 0 && tiers[i].upto <= tiers[i - 1].upto)
            return error_fail(err,
                              "%s: %s %zu: upto (%.10g) must be greater than the previous "
                              "%s's upto (%.10g)",
                              kind, word, i + 1, tiers[i].upto, word, tiers[i - 1].upto);
    }
    return true;
}

/* The tiers with the number of them, as stored in a node's data. */
typedef struct tier_list {
    size_t n;
    double *below; /* graduated: the cost of all units below tier j, every rate at mid */
    cost_tier tiers[];
} tier_list;

static tier_list *tier_list_copy(const cost_tier *tiers, size_t n, core_error *err)
{
    size_t each = sizeof tiers[0] + sizeof(double); /* a tier and its below */
    tier_list *t = n <= (SIZE_MAX - sizeof *t) / each ? budget_malloc(sizeof *t + n * each) : NULL;
    if (!t) {
        error_oom(err);
        return NULL;
    }
    t->n = n;
    memcpy(t->tiers, tiers, n * sizeof tiers[0]);
    t->below = (double *)(t->tiers + n);
    double sum = 0, bound = 0;
    for (size_t j = 0; j < n; j++) {
        t->below[j] = sum;
        if (!tiers[j].open) {
            sum += tiers[j].rate.mid * (tiers[j].upto - bound);
            bound = tiers[j].upto;
        }
    }
    return t;
}

static void destroy_tiers(cost_fn *f)
{
    budget_free(f->data);
}

/* Index of x's tier, or an error naming x when it is beyond every tier. */
static bool find_tier(const char *kind, const tier_list *t, double x, size_t *index,
                      core_error *err)
{
    *index = cost_tier_index(t->tiers, t->n, x);
    if (*index < t->n)
        return true;
    return error_fail(err,
                      "%s: driver value %.10g is beyond the last %s (upto %.10g) and no %s "
                      "is open-ended; add a last %s without upto",
                      kind, x, tier_word(kind), t->tiers[t->n - 1].upto, tier_word(kind),
                      tier_word(kind));
}

static cost_fn *tier_node(const cost_kind *kind, const cost_tier *tiers, size_t n, core_error *err)
{
    if (!check_tiers(kind->name, tiers, n, err))
        return NULL;
    tier_list *t = tier_list_copy(tiers, n, err);
    cost_fn *f = t ? cost_new_node(kind, err) : NULL;
    if (!f) {
        budget_free(t);
        return NULL;
    }
    f->data = t;
    return f;
}

/* The bounds in lo..hi; a graduated list's bounds sit past its free allowance (at mid). */
static bool breaks_tiers(const cost_fn *f, double lo, double hi, cost_breaks *out)
{
    const tier_list *t = f->data;
    double shift = f->k.mid; /* the free allowance; 0 for step and volume */
    bool ok = shift < lo || shift > hi || cost_breaks_add(out, shift);
    for (size_t i = 0; ok && i < t->n; i++) {
        double x = t->tiers[i].upto + shift;
        if (!t->tiers[i].open && x >= lo && x <= hi)
            ok = cost_breaks_add(out, x);
    }
    return ok;
}

/* ---- step ---------------------------------------------------------------------------- */

static bool eval_step(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                      size_t n, double *lo, double *mid, double *hi, core_error *err)
{
    const tier_list *t = f->data;
    for (size_t i = 0; i < n; i++) {
        size_t a, m, b;
        if (!find_tier("step", t, xlo[i], &a, err) || !find_tier("step", t, xmid[i], &m, err) ||
            !find_tier("step", t, xhi[i], &b, err))
            return false;
        mid[i] = t->tiers[m].cost.mid;
        lo[i] = t->tiers[a].cost.lo, hi[i] = t->tiers[a].cost.hi;
        for (size_t j = a + 1; j <= b; j++) { /* every plan the driver's span reaches */
            lo[i] = fmin(lo[i], t->tiers[j].cost.lo);
            hi[i] = fmax(hi[i], t->tiers[j].cost.hi);
        }
    }
    return true;
}

static bool samples_step(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                         core_error *err)
{
    const tier_list *t = f->data;
    for (size_t i = 0; i < s->lanes; i++) {
        size_t k = cost_tier_index(t->tiers, t->n, x[i]);
        if (k == t->n)
            return find_tier("step", t, x[i], &k, err); /* names the value */
        out[i] = cost_sample(&t->tiers[k].cost, s, i);
    }
    return true;
}

static void inputs_tiers(const cost_fn *f, cost_input_set *set)
{
    const tier_list *t = f->data;
    for (size_t k = 0; k < t->n; k++) {
        cost_input_add(&t->tiers[k].cost, set);
        cost_input_add(&t->tiers[k].rate, set);
        cost_input_add(&t->tiers[k].fee, set);
    }
}

static const cost_kind kind_step = {.name = "step",
                                    .eval = eval_step,
                                    .destroy = destroy_tiers,
                                    .breaks = breaks_tiers,
                                    .samples = samples_step,
                                    .inputs = inputs_tiers};

cost_fn *cost_step(const cost_tier *plans, size_t n, core_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (!cost_check_param("step", "a plan's cost", &plans[i].cost, true, err))
            return NULL;
    return tier_node(&kind_step, plans, n, err);
}

/* ---- graduated ----------------------------------------------------------------------- */

/* Cost of driver value x less `free_units`, with every rate at `end`. */
static bool graduated_at(const tier_list *t, double x, double free_units, int end, double *out,
                         core_error *err)
{
    double units = fmax(0, x - free_units);
    size_t last = cost_tier_index(t->tiers, t->n, units);
    if (last == t->n && free_units == 0)
        return find_tier("graduated", t, x, &last, err);
    if (last == t->n)
        return error_fail(err,
                          "graduated: driver value %.10g (%.10g after the free allowance of "
                          "%.10g) is beyond the last bracket (upto %.10g) and no bracket is "
                          "open-ended; add a last bracket without upto",
                          x, units, free_units, t->tiers[t->n - 1].upto);
    double sum = 0, below = 0; /* below: the units of all earlier brackets */
    for (size_t j = 0; j <= last && units > below; j++) {
        double top = t->tiers[j].open ? units : fmin(units, t->tiers[j].upto);
        sum += pick(&t->tiers[j].rate, end) * (top - below);
        below = top;
    }
    *out = sum;
    return true;
}

/* k = the free allowance: a larger allowance lowers the cost. */
static bool eval_graduated(const cost_fn *f, const double *xlo, const double *xmid,
                           const double *xhi, size_t n, double *lo, double *mid, double *hi,
                           core_error *err)
{
    const tier_list *t = f->data;
    const range free_units = f->k;
    for (size_t i = 0; i < n; i++) {
        if (!graduated_at(t, xlo[i], free_units.hi, LO, &lo[i], err) ||
            !graduated_at(t, xmid[i], free_units.mid, MID, &mid[i], err) ||
            !graduated_at(t, xhi[i], free_units.lo, HI, &hi[i], err))
            return false;
    }
    return true;
}

/* graduated_at with each rate and the allowance at its value in lane i. */
static bool graduated_lane(const tier_list *t, double x, const range *free_units,
                           const cost_samples *s, size_t i, double *out, core_error *err)
{
    double allowance = cost_sample(free_units, s, i);
    double units = fmax(0, x - allowance);
    size_t last = cost_tier_index(t->tiers, t->n, units);
    if (last == t->n)
        return graduated_at(t, x, allowance, MID, out, err); /* it names the value */
    double sum = 0, below = 0;
    for (size_t j = 0; j <= last && units > below; j++) {
        double top = t->tiers[j].open ? units : fmin(units, t->tiers[j].upto);
        sum += cost_sample(&t->tiers[j].rate, s, i) * (top - below);
        below = top;
    }
    *out = sum;
    return true;
}

/* Whether any rate or the allowance takes values of its own in the lanes. */
static bool graduated_sampled(const cost_fn *f, const cost_samples *s)
{
    const tier_list *t = f->data;
    if (cost_sampled(&f->k, s))
        return true;
    for (size_t j = 0; j < t->n; j++)
        if (cost_sampled(&t->tiers[j].rate, s))
            return true;
    return false;
}

static bool samples_graduated(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                              core_error *err)
{
    const tier_list *t = f->data;
    if (!graduated_sampled(f, s)) { /* the sweep's fast path: the cost below each bound */
        const double allowance = f->k.mid;
        for (size_t i = 0; i < s->lanes; i++) {
            double units = x[i] > allowance ? x[i] - allowance : 0;
            size_t j = cost_tier_index(t->tiers, t->n, units);
            if (j == t->n)
                return graduated_at(t, x[i], allowance, MID, &out[i], err); /* names it */
            double from = j > 0 ? t->tiers[j - 1].upto : 0;
            out[i] = t->below[j] + t->tiers[j].rate.mid * (units - from);
        }
        return true;
    }
    for (size_t i = 0; i < s->lanes; i++)
        if (!graduated_lane(t, x[i], &f->k, s, i, &out[i], err))
            return false;
    return true;
}

static const cost_kind kind_graduated = {.name = "graduated",
                                         .eval = eval_graduated,
                                         .destroy = destroy_tiers,
                                         .breaks = breaks_tiers,
                                         .samples = samples_graduated,
                                         .inputs = inputs_tiers};

cost_fn *cost_graduated(const cost_tier *brackets, size_t n, range free_units, core_error *err)
{
    if (!cost_check_param("graduated", "free", &free_units, true, err))
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!cost_check_param("graduated", "a bracket's rate", &brackets[i].rate, true, err))
            return NULL;
    cost_fn *f = tier_node(&kind_graduated, brackets, n, err);
    if (f)
        f->k = free_units;
    return f;
}

/* ---- volume -------------------------------------------------------------------------- */

static double volume_in(const cost_tier *tier, double x, int end)
{
    return pick(&tier->rate, end) * x + pick(&tier->fee, end);
}

/*
 * The cost is linear within a bracket and jumps at each bound, so over a span of driver
 * values its extremes lie at the span's ends or on either side of a bound inside it.
 */
static bool eval_volume(const cost_fn *f, const double *xlo, const double *xmid, const double *xhi,
                        size_t n, double *lo, double *mid, double *hi, core_error *err)
{
    const tier_list *t = f->data;
    for (size_t i = 0; i < n; i++) {
        size_t a, m, b;
        if (!find_tier("volume", t, xlo[i], &a, err) || !find_tier("volume", t, xmid[i], &m, err) ||
            !find_tier("volume", t, xhi[i], &b, err))
            return false;
        mid[i] = volume_in(&t->tiers[m], xmid[i], MID);
        lo[i] = fmin(volume_in(&t->tiers[a], xlo[i], LO), volume_in(&t->tiers[b], xhi[i], LO));
        hi[i] = fmax(volume_in(&t->tiers[a], xlo[i], HI), volume_in(&t->tiers[b], xhi[i], HI));
        for (size_t j = a; j < b; j++) { /* bound j lies in xlo..xhi */
            double u = t->tiers[j].upto;
            const cost_tier *below = &t->tiers[j], *above = &t->tiers[j + 1];
            lo[i] = fmin(lo[i], fmin(volume_in(below, u, LO), volume_in(above, u, LO)));
            hi[i] = fmax(hi[i], fmax(volume_in(below, u, HI), volume_in(above, u, HI)));
        }
    }
    return true;
}

static bool samples_volume(const cost_fn *f, const double *x, const cost_samples *s, double *out,
                           core_error *err)
{
    const tier_list *t = f->data;
    for (size_t i = 0; i < s->lanes; i++) {
        size_t k;
        if (!find_tier("volume", t, x[i], &k, err))
            return false;
        out[i] = cost_sample(&t->tiers[k].rate, s, i) * x[i] + cost_sample(&t->tiers[k].fee, s, i);
    }
    return true;
}

static const cost_kind kind_volume = {.name = "volume",
                                      .eval = eval_volume,
                                      .destroy = destroy_tiers,
                                      .breaks = breaks_tiers,
                                      .samples = samples_volume,
                                      .inputs = inputs_tiers};

cost_fn *cost_volume(const cost_tier *brackets, size_t n, core_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (!cost_check_param("volume", "a bracket's rate", &brackets[i].rate, true, err) ||
            !cost_check_param("volume", "a bracket's fee", &brackets[i].fee, true, err))
            return NULL;
    return tier_node(&kind_volume, brackets, n, err);
}
