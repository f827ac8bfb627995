/*
 * analysis: compare, crossovers, timeline, NPV, budgets, break-even and changes of a set of
 * options, into tables and plain-words findings.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "analysis.h"
#include "crossover.h"
#include "decisions_mc.h"
#include "finance.h"
#include "numfmt.h"
#include "payback.h"
#include "stats.h"

/* ---- findings -------------------------------------------------------------------------- */

bool findings_add(findings *f, const char *fmt, ...)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 16;
        char **p = budget_realloc_array(f->lines, cap, sizeof *p);
        if (!p)
            return false;
        f->lines = p, f->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *line = len >= 0 ? budget_malloc((size_t)len + 1) : NULL;
    if (!line)
        return false;
    va_start(ap, fmt);
    vsnprintf(line, (size_t)len + 1, fmt, ap);
    va_end(ap);
    f->lines[f->n++] = line;
    return true;
}

void findings_free(findings *f)
{
    for (size_t i = 0; i < f->n; i++)
        budget_free(f->lines[i]);
    budget_free(f->lines);
    memset(f, 0, sizeof *f);
}

/* ---- the analysis and its tables ---------------------------------------------------------- */

analysis *analysis_new(const char *name, const char *origin)
{
    analysis *a = budget_calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->name = budget_strdup(name);
    a->origin = budget_strdup(origin ? origin : "");
    a->growth.conversion = -1;
    if (!a->name || !a->origin) {
        analysis_free(a);
        return NULL;
    }
    return a;
}

void analysis_free(analysis *a)
{
    if (!a)
        return;
    budget_free(a->changes);
    budget_free(a->options);
    budget_free(a->users);
    budget_free(a->budgets);
    budget_free(a->cumulative_budgets);
    budget_free((growth_point *)a->growth.points); /* owned: see analysis_set_timeline */
    budget_free(a->name);
    budget_free(a->origin);
    budget_free(a);
}

/* ---- the rules of its fields ---------------------------------------------------------------- */

bool analysis_set_timeline(analysis *a, double months, const growth_ranges *g, cost_error *err)
{
    if (!(months >= 1 && months <= 1200 && months == floor(months)))
        return cost_fail(err, "analysis: timeline: months must be a whole number from 1 to 1200");
    char why[256];
    if (!growth_ranges_check(g, why, sizeof why) || !growth_ranges_check_start(g, why, sizeof why))
        return cost_fail(err, "analysis: timeline: %s", why);
    growth_point *points = NULL;
    if (g->n_points) {
        points = budget_array(g->n_points, sizeof *points);
        if (!points)
            return cost_fail(err, "out of memory");
        memcpy(points, g->points, g->n_points * sizeof *points);
    }
    budget_free((growth_point *)a->growth.points);
    a->growth = *g;
    a->growth.points = points;
    a->months = (size_t)months;
    a->has_timeline = true;
    return true;
}

bool analysis_set_discount(analysis *a, double annual, rate_conversion conv, cost_error *err)
{
    if (!(annual > -1))
        return cost_fail(err, "analysis: discount_rate must be greater than -1");
    a->discount_annual = annual;
    a->discount_monthly = rate_monthly_from_annual(annual, conv);
    return true;
}

bool analysis_set_revenue(analysis *a, range revenue, cost_error *err)
{
    if (!(revenue.lo >= 0))
        return cost_fail(err, "analysis: revenue_per_user must be >= 0");
    a->revenue_per_user = revenue;
    a->has_revenue = true;
    return true;
}

bool analysis_check(const analysis *a, cost_error *err)
{
    if ((a->n_budgets || a->n_cumulative_budgets) && !a->has_timeline)
        return cost_fail(err, "analysis \"%s\": budgets are crossed along a timeline; add "
                              "timeline = {months =, start =, growth =}", a->name);
    if (a->n_changes && !a->has_timeline)
        return cost_fail(err, "analysis \"%s\": changes are measured along a timeline; add "
                              "timeline = {months =, start =, growth =}", a->name);
    return true;
}

bool analysis_tables_new(analysis_tables *t)
{
    static const char *const compare[] = {"model", "analysis", "users", "option", "low", "mid",
                                           "high", "rank", "cheapest", "extra", "p_cheapest",
                                           NULL};
    static const char *const crossovers[] = {"model", "analysis", "kind", "option_a", "option_b",
                                              "users", "cheaper_below", "cheaper_above", "p5",
                                              "p95", "probability", NULL};
    static const char *const timeline[] = {"model", "analysis", "month", "users", "option",
                                           "low", "mid", "high", "cumulative_low", "cumulative",
                                           "cumulative_high", NULL};
    static const char *const npv[] = {"model", "analysis", "option", "months", "annual_rate",
                                      "monthly_rate", "total", "npv_low", "npv", "npv_high", NULL};
    static const char *const budgets[] = {"model", "analysis", "option", "basis", "budget",
                                          "month", "users", "earliest_month", "latest_month",
                                          "month_p5", "month_p50", "month_p95", "p_crossed",
                                          NULL};
    static const char *const breakeven[] = {"model", "analysis", "option", "revenue_per_user",
                                            "users", "users_if_revenue_low",
                                            "users_if_revenue_high", "month", NULL};
    static const char *const changes[] = {
        "model", "analysis", "change", "option", "one_off_low", "one_off", "one_off_high",
        "saving_start", "saving_end", "payback_month", "payback_fraction", "payback_earliest",
        "payback_latest", "discounted_payback_month", "roi_12", "roi_36", "npv_low", "npv",
        "npv_high", "irr_annual", "payback_p5", "payback_p50", "payback_p95", "p_payback_12",
        "p_payback", "roi_36_p5", "roi_36_p50", "roi_36_p95", "note", NULL};
    memset(t, 0, sizeof *t);
    t->compare = table_new("compare.csv", compare);
    t->crossovers = table_new("crossovers.csv", crossovers);
    t->timeline = table_new("timeline.csv", timeline);
    t->npv = table_new("npv.csv", npv);
    t->budgets = table_new("budgets.csv", budgets);
    t->breakeven = table_new("breakeven.csv", breakeven);
    t->changes = table_new("changes.csv", changes);
    if (!t->compare || !t->crossovers || !t->timeline || !t->npv || !t->budgets ||
        !t->breakeven || !t->changes) {
        analysis_tables_free(t);
        return false;
    }
    return true;
}

void analysis_tables_free(analysis_tables *t)
{
    table_free(t->compare);
    table_free(t->crossovers);
    table_free(t->timeline);
    table_free(t->npv);
    table_free(t->budgets);
    table_free(t->breakeven);
    table_free(t->changes);
    memset(t, 0, sizeof *t);
}

/* ---- shared state of one run --------------------------------------------------------------- */

/* What one run computes once and every part reads. */
typedef struct run {
    const analysis *a;
    const char *model;
    analysis_tables *t;
    findings *out;
    cost_error *err;
    cost_fn **totals;      /* each option's total, one reference each */
    size_t horizon;        /* months of the arrays below: max(months, 36); costs fill only
                              the months asked for, changes' ROI over 36 months the rest */
    double *users_lo;      /* users along the timeline, horizon long */
    double *users_mid;
    double *users_hi;
    double *cost;          /* n_options * horizon * 3: lo, mid, hi per option and month */
    const mc_draws *draws; /* a Monte Carlo run's samples, or NULL */
    lanes ln;              /* with draws: the lanes decisions are computed over */
    double *sweep;         /* with draws: option o at users u in lane i:
                              [(o * n_users + u) * ln.n + i] */
    double *lane_cost;     /* with draws and a timeline: option o in month m, lane i:
                              [(o * months + m) * ln.n + i] */
} run;

static double *cost_at(const run *r, size_t option, int end)
{
    return r->cost + (option * 3 + (size_t)end) * r->horizon;
}

enum { LO, MID, HI };

/* Writes the two columns every row starts with. */
static void row_start(const run *r, table *t)
{
    table_text(t, r->model);
    table_text(t, r->a->name);
}

/* Room for any number written for a person: every digit of a double, commas, sign, '$'. */
#define PEOPLE_MAX (2 * NUMFMT_MAX)

/* "12,345" for a person; buf holds PEOPLE_MAX bytes. */
static const char *people(double x, char *buf)
{
    char plain[NUMFMT_MAX];
    numfmt_fixed(x, 0, plain);
    size_t len = strlen(plain), o = 0, lead = plain[0] == '-';
    for (size_t i = 0; i < len; i++) {
        if (i > lead && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = plain[i];
    }
    buf[o] = '\0';
    return buf;
}

/* ---- compare and crossovers ------------------------------------------------------------------ */

/* With draws: every option's total in every lane at every user count of the sweep. */
static bool fill_sweep(run *r)
{
    const analysis *a = r->a;
    size_t lanes = r->ln.n;
    r->sweep = budget_array(budget_mul(budget_mul(a->n_options, a->n_users), lanes),
                            sizeof *r->sweep);
    if (!r->sweep)
        return cost_fail(r->err, "out of memory for %zu lanes", lanes);
    for (size_t o = 0; o < a->n_options; o++)
        for (size_t u = 0; u < a->n_users; u++)
            if (!lanes_at(&r->ln, r->totals[o], a->users[u],
                          r->sweep + (o * a->n_users + u) * lanes, r->err))
                return false;
    return true;
}

/* The share of lanes in which option o is the cheapest at sweep point u (ties to the first). */
static double p_cheapest(const run *r, size_t o, size_t u)
{
    size_t lanes = r->ln.n, n = r->a->n_users, wins = 0;
    for (size_t i = 0; i < lanes; i++) {
        size_t best = 0;
        for (size_t p = 1; p < r->a->n_options; p++)
            if (r->sweep[(p * n + u) * lanes + i] < r->sweep[(best * n + u) * lanes + i])
                best = p;
        wins += best == o;
    }
    return lanes ? (double)wins / (double)lanes : 0;
}

static bool run_compare(run *r)
{
    const analysis *a = r->a;
    size_t n = a->n_users, k = a->n_options;
    if (r->draws && !fill_sweep(r))
        return false;
    double *v = budget_array(budget_mul(budget_mul(3, n), k), sizeof *v);
    if (!v)
        return cost_fail(r->err, "out of memory");
    bool ok = true;
    for (size_t o = 0; ok && o < k; o++)
        ok = cost_eval(r->totals[o], a->users, n, v + 3 * o * n, v + (3 * o + 1) * n,
                       v + (3 * o + 2) * n, r->err);
    for (size_t u = 0; ok && u < n; u++) {
        size_t cheapest = 0;
        for (size_t o = 1; o < k; o++)
            if (v[(3 * o + 1) * n + u] < v[(3 * cheapest + 1) * n + u])
                cheapest = o;
        double best = v[(3 * cheapest + 1) * n + u];
        for (size_t o = 0; o < k; o++) {
            double mid = v[(3 * o + 1) * n + u];
            size_t rank = 1;
            for (size_t p = 0; p < k; p++)
                rank += v[(3 * p + 1) * n + u] < mid || (v[(3 * p + 1) * n + u] == mid && p < o);
            row_start(r, r->t->compare);
            table_number(r->t->compare, a->users[u], 0);
            table_text(r->t->compare, a->options[o]->name);
            table_number(r->t->compare, v[3 * o * n + u], TABLE_MONEY);
            table_number(r->t->compare, mid, TABLE_MONEY);
            table_number(r->t->compare, v[(3 * o + 2) * n + u], TABLE_MONEY);
            table_number(r->t->compare, (double)rank, 0);
            table_text(r->t->compare, a->options[cheapest]->name);
            table_number(r->t->compare, mid - best, TABLE_MONEY);
            if (r->draws)
                table_number(r->t->compare, p_cheapest(r, o, u), 4);
            table_end_row(r->t->compare);
        }
    }
    budget_free(v);
    return ok;
}

/* Index of the option with the least mid total at x. */
static bool cheapest_at(const run *r, double x, size_t *index)
{
    double best = 0;
    *index = 0; /* the first option, also when there is only one */
    for (size_t o = 0; o < r->a->n_options; o++) {
        double lo, mid, hi;
        if (!cost_eval(r->totals[o], &x, 1, &lo, &mid, &hi, r->err))
            return false;
        if (o == 0 || mid < best)
            best = mid, *index = o;
    }
    return true;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void crossover_row(run *r, const char *kind, const char *a, const char *b, double x,
                          const char *below, const char *above)
{
    table *t = r->t->crossovers;
    row_start(r, t);
    table_text(t, kind);
    table_text(t, a);
    table_text(t, b);
    table_number(t, x, 2);
    table_text(t, below);
    table_text(t, above);
    table_end_row(t);
}

/* Where the cheapest option changes, from the pairs' crossovers xs; and the finding.  The
 * cheapest is taken in the middle of each stretch between crossovers, where no two totals
 * tie, so that a change is seen even where totals meet exactly at the crossover. */
static bool cheapest_changes(run *r, double *xs, size_t n)
{
    const analysis *a = r->a;
    double lo = a->users[0], hi = a->users[a->n_users - 1];
    if (n > 0) /* qsort wants a real array even for none */
        qsort(xs, n, sizeof *xs, compare_doubles);
    size_t current, next, i = 0;
    while (i < n && xs[i] <= lo)
        i++;
    double first_end = i < n && xs[i] < hi ? xs[i] : hi;
    if (!cheapest_at(r, lo + (first_end - lo) / 2, &current))
        return false;
    char line[4096], num[PEOPLE_MAX];
    int len = snprintf(line, sizeof line, "Cheapest from %s users: %s", people(lo, num),
                       a->options[current]->name);
    for (; i < n && xs[i] < hi; i++) {
        double end = i + 1 < n && xs[i + 1] < hi ? xs[i + 1] : hi;
        if (end <= xs[i] || !cheapest_at(r, xs[i] + (end - xs[i]) / 2, &next))
            continue;
        if (next == current)
            continue;
        crossover_row(r, "cheapest", a->options[current]->name, a->options[next]->name, xs[i],
                      a->options[current]->name, a->options[next]->name);
        if (len > 0 && (size_t)len < sizeof line)
            len += snprintf(line + len, sizeof line - (size_t)len, " up to %s users, then %s",
                            people(xs[i], num), a->options[next]->name);
        current = next;
    }
    if (len > 0 && (size_t)len < sizeof line)
        snprintf(line + len, sizeof line - (size_t)len, " up to %s users.", people(hi, num));
    return findings_add(r->out, "%s", line) || cost_fail(r->err, "out of memory");
}

/* Under uncertainty: in each lane, the first user count of the sweep's span where options
 * i and j cross, read off the sweep (linear between its points); a row with its p5, p50
 * (as users) and p95 among the lanes where they cross, and the share of lanes that do. */
static bool uncertain_crossover(run *r, size_t i, size_t j)
{
    const analysis *a = r->a;
    size_t lanes = r->ln.n, n = a->n_users, crossed = 0;
    double *at = budget_array(lanes, sizeof *at);
    if (!at)
        return cost_fail(r->err, "out of memory");
    for (size_t l = 0; l < lanes; l++) {
        double prev = 0;
        for (size_t u = 0; u < n; u++) {
            double d = r->sweep[(i * n + u) * lanes + l] - r->sweep[(j * n + u) * lanes + l];
            if (u > 0 && ((prev < 0 && d >= 0) || (prev > 0 && d <= 0))) {
                double t = prev / (prev - d); /* where the straight line crosses 0 */
                at[crossed++] = a->users[u - 1] + t * (a->users[u] - a->users[u - 1]);
                break;
            }
            prev = d;
        }
    }
    if (crossed > 0) {
        const double *p = stats_spread; /* p5, p50, p95 */
        double q[3];
        bool ok = stats_percentiles(at, crossed, p, 3, q);
        table *t = r->t->crossovers;
        if (ok) {
            row_start(r, t);
            table_text(t, "pair_uncertain");
            table_text(t, a->options[i]->name);
            table_text(t, a->options[j]->name);
            table_number(t, q[1], 2);
            table_empty(t);
            table_empty(t);
            table_number(t, q[0], 2);
            table_number(t, q[2], 2);
            table_number(t, (double)crossed / (double)lanes, 4);
            table_end_row(t);
        }
        if (!ok) {
            budget_free(at);
            return cost_fail(r->err, "out of memory");
        }
    }
    budget_free(at);
    return true;
}

static bool run_crossovers(run *r)
{
    const analysis *a = r->a;
    double lo = a->users[0], hi = a->users[a->n_users - 1];
    double *all = NULL;
    size_t n_all = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < a->n_options; i++)
        for (size_t j = i + 1; ok && j < a->n_options; j++) {
            crossover *c;
            size_t n;
            ok = crossover_find(r->totals[i], r->totals[j], lo, hi, &c, &n, r->err);
            double *grown = ok ? budget_realloc_array(all, n_all + n + 1, sizeof *all) : NULL;
            if (ok && !grown)
                ok = cost_fail(r->err, "out of memory");
            if (grown)
                all = grown;
            for (size_t k = 0; ok && k < n; k++) {
                const char *fi = a->options[i]->name, *gj = a->options[j]->name;
                crossover_row(r, "pair", fi, gj, c[k].x, c[k].f_cheaper_below ? fi : gj,
                              c[k].f_cheaper_below ? gj : fi);
                all[n_all++] = c[k].x;
            }
            budget_free(c);
        }
    ok = ok && cheapest_changes(r, all, n_all);
    budget_free(all);
    for (size_t i = 0; ok && r->draws && i < a->n_options; i++)
        for (size_t j = i + 1; ok && j < a->n_options; j++)
            ok = uncertain_crossover(r, i, j);
    return ok;
}

/* ---- the timeline ------------------------------------------------------------------------------ */

static bool fill_timeline(run *r)
{
    const analysis *a = r->a;
    size_t h = r->horizon, k = a->n_options;
    r->users_lo = budget_array(budget_mul(3, h), sizeof(double));
    r->cost = budget_array(budget_mul(budget_mul(3, h), k), sizeof(double));
    if (!r->users_lo || !r->cost)
        return cost_fail(r->err, "out of memory");
    r->users_mid = r->users_lo + h;
    r->users_hi = r->users_lo + 2 * h;
    const growth g_lo = growth_ranges_at(&a->growth, GROWTH_LOW);
    const growth g_mid = growth_ranges_at(&a->growth, GROWTH_MID);
    const growth g_hi = growth_ranges_at(&a->growth, GROWTH_HIGH);
    growth_fill(&g_lo, h, r->users_lo);
    growth_fill(&g_mid, h, r->users_mid);
    growth_fill(&g_hi, h, r->users_hi);
    for (size_t m = 0; m < h; m++) { /* a growth range may lower users at its high end */
        double x = r->users_lo[m], y = r->users_hi[m];
        r->users_lo[m] = fmin(fmin(x, y), r->users_mid[m]);
        r->users_hi[m] = fmax(fmax(x, y), r->users_mid[m]);
    }
    for (size_t o = 0; o < k; o++) /* the horizon asked for; changes may look further */
        if (!cost_eval_over(r->totals[o], r->users_lo, r->users_mid, r->users_hi, a->months,
                            cost_at(r, o, LO), cost_at(r, o, MID), cost_at(r, o, HI), r->err))
            return false;
    if (!r->draws)
        return true;
    size_t lanes = r->ln.n;
    r->lane_cost = budget_array(budget_mul(budget_mul(k, a->months), lanes), sizeof *r->lane_cost);
    if (!r->lane_cost)
        return cost_fail(r->err, "out of memory for %zu lanes over %zu months", lanes, a->months);
    for (size_t o = 0; o < k; o++)
        if (!lanes_along(&r->ln, r->totals[o], a->months,
                         r->lane_cost + o * a->months * lanes, r->err))
            return false;
    return true;
}

static double npv_of(const run *r, const double *values, size_t n)
{
    double out;
    fin_error ferr;
    return fin_npv(r->a->discount_monthly, values, n, &out, &ferr) ? out : NAN;
}

static void run_timeline(run *r)
{
    const analysis *a = r->a;
    for (size_t o = 0; o < a->n_options; o++) {
        double cum[3] = {0, 0, 0};
        const double *lo = cost_at(r, o, LO), *mid = cost_at(r, o, MID), *hi = cost_at(r, o, HI);
        for (size_t m = 0; m < a->months; m++) {
            cum[0] += lo[m], cum[1] += mid[m], cum[2] += hi[m];
            table *t = r->t->timeline;
            row_start(r, t);
            table_number(t, (double)(m + 1), 0);
            table_number(t, r->users_mid[m], 0);
            table_text(t, a->options[o]->name);
            table_number(t, lo[m], TABLE_MONEY);
            table_number(t, mid[m], TABLE_MONEY);
            table_number(t, hi[m], TABLE_MONEY);
            for (int e = 0; e < 3; e++)
                table_number(t, cum[e], TABLE_MONEY);
            table_end_row(t);
        }
        table *t = r->t->npv;
        row_start(r, t);
        table_text(t, a->options[o]->name);
        table_number(t, (double)a->months, 0);
        table_number(t, a->discount_annual, 6);
        table_number(t, a->discount_monthly, 9);
        table_number(t, cum[1], TABLE_MONEY);
        table_number(t, npv_of(r, lo, a->months), TABLE_MONEY);
        table_number(t, npv_of(r, mid, a->months), TABLE_MONEY);
        table_number(t, npv_of(r, hi, a->months), TABLE_MONEY);
        table_end_row(t);
    }
}

/* The first month (1-based) whose value exceeds limit, or 0. */
static size_t first_above(const double *values, size_t n, double limit, bool cumulative)
{
    double sum = 0;
    for (size_t m = 0; m < n; m++) {
        sum = cumulative ? sum + values[m] : values[m];
        if (sum > limit)
            return m + 1;
    }
    return 0;
}

static void month_cell(table *t, size_t month)
{
    if (month)
        table_number(t, (double)month, 0);
    else
        table_never(t);
}

/* "$1,000" for a person (cents only when there are some); buf holds PEOPLE_MAX bytes. */
static const char *dollars(double x, char *buf)
{
    char whole[PEOPLE_MAX];
    people(floor(x), whole);
    double cents = numfmt_round(x - floor(x), 2);
    if (cents > 0 && cents < 1)
        snprintf(buf, PEOPLE_MAX, "$%.*s.%02d", PEOPLE_MAX - 8, whole, (int)lround(cents * 100));
    else
        snprintf(buf, PEOPLE_MAX, "$%.*s", PEOPLE_MAX - 8, people(numfmt_round(x, 0), whole));
    return buf;
}

/* One budget's row, and its part of the option's sentence. */
/* A month that may be "never": above `after` it is never. */
static void spread_cell(table *t, double month, double after)
{
    if (month > after)
        table_never(t);
    else
        table_number(t, month, 1);
}

/* The budget's month in every lane: p5, p50, p95 and the chance it is crossed at all. */
static void budget_spread(run *r, size_t o, double limit, bool cumulative, table *t)
{
    size_t lanes = r->ln.n, months = r->a->months;
    double *when = budget_array(lanes, sizeof *when);
    double *column = budget_array(months, sizeof *column);
    month_spread sp;
    bool ok = when && column;
    for (size_t i = 0; ok && i < lanes; i++) {
        for (size_t m = 0; m < months; m++)
            column[m] = r->lane_cost[(o * months + m) * lanes + i];
        size_t month = first_above(column, months, limit, cumulative);
        when[i] = month ? (double)month : (double)months + 1; /* never */
    }
    ok = ok && month_spread_of(when, lanes, (double)months, &sp);
    if (ok) {
        spread_cell(t, sp.p5, (double)months);
        spread_cell(t, sp.p50, (double)months);
        spread_cell(t, sp.p95, (double)months);
        table_number(t, sp.probability, 4);
    }
    budget_free(when), budget_free(column);
}

static void budget_row(run *r, size_t o, double limit, bool cumulative, char *line, size_t size)
{
    const analysis *a = r->a;
    size_t month = first_above(cost_at(r, o, MID), a->months, limit, cumulative);
    size_t earliest = first_above(cost_at(r, o, HI), a->months, limit, cumulative);
    size_t latest = first_above(cost_at(r, o, LO), a->months, limit, cumulative);
    table *t = r->t->budgets;
    row_start(r, t);
    table_text(t, a->options[o]->name);
    table_text(t, cumulative ? "cumulative" : "monthly");
    table_number(t, limit, TABLE_MONEY);
    month_cell(t, month);
    if (month)
        table_number(t, r->users_mid[month - 1], 0);
    else
        table_never(t);
    month_cell(t, earliest);
    month_cell(t, latest);
    if (r->draws)
        budget_spread(r, o, limit, cumulative, t);
    table_end_row(t);
    char num[PEOPLE_MAX], money[PEOPLE_MAX];
    size_t len = strlen(line);
    if (month)
        snprintf(line + len, size - len, "%sover %s from month %zu (%s users)", len ? ", " : "",
                 dollars(limit, money), month, people(r->users_mid[month - 1], num));
    else
        snprintf(line + len, size - len, "%snever over %s within %zu months", len ? ", " : "",
                 dollars(limit, money), a->months);
}

/* The rows of one option's budgets, and a sentence: "AWS ECS a month: over $100 from month
 * 1 (10,000 users), over $500 from month 3 (...), never over $1,000 within 36 months." */
static bool budget_rows(run *r, size_t o, const double *limits, size_t n, bool cumulative)
{
    char line[2048] = "";
    for (size_t b = 0; b < n; b++)
        budget_row(r, o, limits[b], cumulative, line, sizeof line);
    if (n == 0)
        return true;
    return findings_add(r->out, "%s %s: %s.", r->a->options[o]->name,
                        cumulative ? "spent to date" : "a month", line) ||
           cost_fail(r->err, "out of memory");
}

static bool run_budgets(run *r)
{
    for (size_t o = 0; o < r->a->n_options; o++)
        if (!budget_rows(r, o, r->a->budgets, r->a->n_budgets, false) ||
            !budget_rows(r, o, r->a->cumulative_budgets, r->a->n_cumulative_budgets, true))
            return false;
    return true;
}

/* ---- revenue break-even ------------------------------------------------------------------------- */

/* The least whole user count in the sweep's span from which revenue covers the total up to
 * the top of the span, or -1 when it does not cover it there. */
static bool breakeven_users(run *r, size_t o, double revenue, double *users)
{
    const analysis *a = r->a;
    double lo = a->users[0], hi = a->users[a->n_users - 1], c_lo, c_mid, c_hi;
    *users = -1;
    if (!cost_eval(r->totals[o], &hi, 1, &c_lo, &c_mid, &c_hi, r->err))
        return false;
    if (!isfinite(revenue * hi)) /* else the income's own cost function would be blamed */
        return cost_fail(r->err, "revenue_per_user of %g a user a month makes the revenue of %g "
                                 "users larger than the largest number", revenue, hi);
    if (revenue * hi < c_mid) /* not covered at the top of the span: never for good */
        return true;
    cost_fn *income = cost_linear(range_number(0), range_number(revenue), r->err);
    crossover *c = NULL;
    size_t n = 0;
    bool ok = income && crossover_find(income, r->totals[o], lo, hi, &c, &n, r->err);
    /* Covered at hi, so the last crossing (if any) is where revenue starts to cover for
     * good; the first whole user count past it.  With none, it covers the whole span. */
    if (ok)
        *users = n > 0 ? floor(c[n - 1].x) + 1 : lo;
    budget_free(c);
    cost_release(income);
    return ok;
}

static void users_cell(table *t, double users)
{
    if (users >= 0)
        table_number(t, users, 0);
    else
        table_never(t);
}

static bool run_breakeven(run *r)
{
    const analysis *a = r->a;
    const range rev = a->revenue_per_user;
    for (size_t o = 0; o < a->n_options; o++) {
        double u_mid, u_low_rev, u_high_rev;
        if (!breakeven_users(r, o, rev.mid, &u_mid) || !breakeven_users(r, o, rev.lo, &u_low_rev) ||
            !breakeven_users(r, o, rev.hi, &u_high_rev))
            return false;
        size_t month = 0;
        for (size_t m = 0; r->cost && m < a->months && !month; m++)
            if (rev.mid * r->users_mid[m] >= cost_at(r, o, MID)[m])
                month = m + 1;
        table *t = r->t->breakeven;
        row_start(r, t);
        table_text(t, a->options[o]->name);
        table_number(t, rev.mid, 6);
        users_cell(t, u_mid);
        users_cell(t, u_low_rev);
        users_cell(t, u_high_rev);
        if (r->cost)
            month_cell(t, month);
        else
            table_empty(t);
        table_end_row(t);
        char num[PEOPLE_MAX], per[NUMFMT_MAX];
        numfmt_trim(rev.mid, 4, per);
        bool ok = u_mid >= 0
                      ? findings_add(r->out, "%s: revenue of $%s a user covers its cost from %s users.",
                                     a->options[o]->name, per, people(u_mid, num))
                      : findings_add(r->out, "%s: revenue of $%s a user never covers its cost "
                                             "up to %s users.", a->options[o]->name, per,
                                     people(a->users[a->n_users - 1], num));
        if (!ok)
            return cost_fail(r->err, "out of memory");
    }
    return true;
}

/* ---- changes --------------------------------------------------------------------------------------- */

/* The payback month, with its fraction, of one_off against saving; -1 when never.  A change
 * that costs nothing up front pays back at once, in month 0. */
static long payback_month(double one_off, const double *saving, size_t months, double rate,
                          double *fraction)
{
    size_t month;
    double frac;
    if (!payback_find(one_off, saving, months, rate, &month, &frac))
        return -1;
    if (fraction)
        *fraction = frac;
    return (long)month;
}

static void payback_cell(table *t, long month)
{
    if (month >= 0)
        table_number(t, (double)month, 0);
    else
        table_never(t);
}

/* IRR of [-one_off, saving...] a month, as a yearly rate: *have false when there is none
 * (flows that never change sign, or no rate up to fin_irr's 100000000% a month).  One that
 * exists is returned as it comes out, even if it overflows: the table refuses it, naming the
 * change and the option.  False only out of memory. */
static bool annual_irr(double one_off, const double *saving, size_t months, bool *have,
                       double *annual)
{
    double *flows = budget_array(months + 1, sizeof *flows), irr;
    *have = false;
    if (!flows)
        return false;
    flows[0] = -one_off;
    memcpy(flows + 1, saving, months * sizeof *saving);
    fin_error ferr;
    bool ok = fin_irr(flows, months + 1, 0.01, &irr, &ferr);
    budget_free(flows);
    if (ok)
        *annual = pow(1 + irr, 12) - 1;
    *have = ok;
    return true;
}

/* A figure that may not exist (have false): an empty cell; one that exists goes through
 * table_number, which refuses it when it is not finite.  Never an overflow made empty. */
static void figure_cell(table *t, bool have, double x, int decimals)
{
    if (have)
        table_number(t, x, decimals);
    else
        table_empty(t);
}

/* A change on one option in every lane: payback month, ROI over 36 months. */
typedef struct change_spread {
    bool have;              /* computed (a Monte Carlo run) */
    month_spread payback;   /* month; above the horizon: never */
    double p_payback_12;    /* the chance it pays back within 12 months */
    bool have_roi36;        /* some lane has an ROI over 36 months */
    double roi36[3];        /* p5, p50, p95 */
} change_spread;

static bool change_lanes(run *r, const change *c, const cost_fn *saving, size_t known,
                         change_spread *out)
{
    size_t lanes = r->ln.n, months = r->a->months;
    double *s = budget_array(budget_mul(known, lanes), sizeof *s);
    double *cost = budget_array(lanes, sizeof *cost);
    double *one = budget_array(known, sizeof *one), *when = budget_array(lanes, sizeof *when);
    double *roi = budget_array(lanes, sizeof *roi);
    bool ok = s && cost && one && when && roi;
    if (!ok)
        cost_fail(r->err, "out of memory for %zu lanes", lanes);
    ok = ok && lanes_along(&r->ln, saving, known, s, r->err);
    ok = ok && (c->one_off_fn ? lanes_at(&r->ln, c->one_off_fn, 0, cost, r->err) : true);
    size_t within12 = 0, n_roi = 0;
    double overflow = 0; /* a lane's ROI that is not finite, which the table refuses */
    for (size_t i = 0; ok && i < lanes; i++) {
        for (size_t m = 0; m < known; m++)
            one[m] = s[m * lanes + i];
        double paid_off = c->one_off_fn ? cost[i] : c->one_off.mid, fraction, value;
        size_t month;
        bool paid = payback_find(paid_off, one, months, 0, &month, &fraction);
        when[i] = paid ? (double)month : (double)months + 1;
        within12 += paid && month <= 12;
        if (known >= 36 && payback_roi(paid_off, one, 36, &value)) {
            roi[n_roi++] = value;
            if (!isfinite(value))
                overflow = value;
        }
    }
    ok = ok && month_spread_of(when, lanes, (double)months, &out->payback);
    const double *p = stats_spread; /* p5, p50, p95 */
    out->have_roi36 = n_roi > 0;
    if (ok && n_roi > 0)
        ok = stats_percentiles(roi, n_roi, p, 3, out->roi36) || cost_fail(r->err, "out of memory");
    for (int k = 0; ok && overflow != 0 && k < 3; k++) /* inf, not the NaN of inf - inf */
        out->roi36[k] = overflow;
    out->p_payback_12 = lanes ? (double)within12 / (double)lanes : 0;
    out->have = ok;
    budget_free(s), budget_free(cost), budget_free(one), budget_free(when), budget_free(roi);
    return ok;
}

static void change_spread_cells(table *t, const change_spread *sp, size_t months)
{
    if (!sp->have)
        return;
    spread_cell(t, sp->payback.p5, (double)months);
    spread_cell(t, sp->payback.p50, (double)months);
    spread_cell(t, sp->payback.p95, (double)months);
    table_number(t, sp->p_payback_12, 4);
    table_number(t, sp->payback.probability, 4);
    for (int k = 0; k < 3; k++)
        figure_cell(t, sp->have_roi36, sp->roi36[k], 4);
}

/* The rows of change c on option o; the savings arrays hold `known` months (>= months). */
static bool change_rows(run *r, const change *c, size_t o, const double *s_lo,
                        const double *s_mid, const double *s_hi, size_t known,
                        const change_spread *sp)
{
    const analysis *a = r->a;
    size_t months = a->months;
    const range cost = c->one_off;
    double fraction = 0;
    long month = payback_month(cost.mid, s_mid, months, 0, &fraction);
    long earliest = payback_month(cost.lo, s_hi, months, 0, NULL);
    long latest = payback_month(cost.hi, s_lo, months, 0, NULL);
    long discounted = payback_month(cost.mid, s_mid, months, a->discount_monthly, NULL);
    double roi12 = 0, roi36 = 0, irr = 0; /* none when the change costs nothing up front, or
                                             when the months are not known */
    bool have12 = known >= 12 && payback_roi(cost.mid, s_mid, 12, &roi12);
    bool have36 = known >= 36 && payback_roi(cost.mid, s_mid, 36, &roi36);
    bool have_irr;
    if (!annual_irr(cost.mid, s_mid, months, &have_irr, &irr))
        return cost_fail(r->err, "out of memory");
    double rate = a->discount_monthly;
    table *t = r->t->changes;
    row_start(r, t);
    table_text(t, c->name);
    table_text(t, a->options[o]->name);
    table_number(t, cost.lo, TABLE_MONEY);
    table_number(t, cost.mid, TABLE_MONEY);
    table_number(t, cost.hi, TABLE_MONEY);
    table_number(t, s_mid[0], TABLE_MONEY);
    table_number(t, s_mid[months - 1], TABLE_MONEY);
    payback_cell(t, month);
    if (month >= 0)
        table_number(t, fraction, 2);
    else
        table_never(t);
    payback_cell(t, earliest);
    payback_cell(t, latest);
    payback_cell(t, discounted);
    figure_cell(t, have12, roi12, 4);
    figure_cell(t, have36, roi36, 4);
    table_number(t, payback_npv(cost.hi, s_lo, months, rate), TABLE_MONEY);
    table_number(t, payback_npv(cost.mid, s_mid, months, rate), TABLE_MONEY);
    table_number(t, payback_npv(cost.lo, s_hi, months, rate), TABLE_MONEY);
    figure_cell(t, have_irr, irr, 4);
    if (sp->have)
        change_spread_cells(t, sp, months);
    else
        for (int k = 0; k < 8; k++)
            table_empty(t);
    table_text(t, c->note);
    table_end_row(t);
    char one_off[PEOPLE_MAX], roi[NUMFMT_MAX], last[32];
    dollars(cost.mid, one_off);
    numfmt_trim(roi36, 2, roi);
    if (latest >= 0)
        snprintf(last, sizeof last, "month %ld", latest);
    else
        snprintf(last, sizeof last, "never");
    bool ok = month >= 0 ? findings_add(r->out, "%s on %s: %s once pays back in month %ld (at "
                                                "best month %ld, at worst %s); ROI over 36 "
                                                "months %s.",
                                        c->name, a->options[o]->name, one_off, month,
                                        earliest >= 0 ? earliest : month, last,
                                        have36 ? roi : "n/a")
                    : findings_add(r->out, "%s on %s: %s once does not pay back within %zu "
                                           "months.", c->name, a->options[o]->name, one_off,
                                   months);
    if (ok && sp->have)
        ok = findings_add(r->out, "  Under uncertainty it pays back within 12 months with "
                                  "probability %.2f, within %zu months with probability %.2f.",
                          sp->p_payback_12, months, sp->payback.probability);
    return ok || cost_fail(r->err, "out of memory");
}

/* A scale or remove target that matches no item of any option is a typo, not a saving of 0.
 * One hashed look a name: the options' names, and the item names and categories of those
 * the change applies to. */
static bool check_targets(const run *r, const change *c)
{
    const analysis *a = r->a;
    names options = {0}, known = {0};
    bool ok = true;
    for (size_t o = 0; ok && o < a->n_options; o++) {
        ok = names_add(&options, a->options[o]->name, o, NULL) >= 0;
        for (size_t i = 0; ok && change_applies(c, a->options[o]) && i < a->options[o]->n_items;
             i++) {
            const item *it = &a->options[o]->items[i];
            ok = names_add(&known, it->name, 0, NULL) >= 0 &&
                 names_add(&known, it->category, 0, NULL) >= 0;
        }
    }
    if (!ok)
        cost_fail(r->err, "out of memory");
    for (size_t k = 0; ok && k < c->n_only; k++)
        if (names_find(&options, c->only[k]) == NAMES_NONE)
            ok = cost_fail(r->err, "%s: change \"%s\": options names \"%s\", which is not an "
                                   "option of this analysis", c->origin, c->name, c->only[k]);
    for (size_t t = 0; ok && t < c->n_scales + c->n_removes; t++) {
        const char *target = t < c->n_scales ? c->scales[t].target : c->removes[t - c->n_scales];
        if (names_find(&known, target) == NAMES_NONE)
            ok = cost_fail(r->err, "%s: change \"%s\": \"%s\" matches no item name or category "
                                   "of the options it applies to", c->origin, c->name, target);
    }
    names_free(&options);
    names_free(&known);
    return ok;
}

static bool run_change(run *r, const change *c)
{
    const analysis *a = r->a;
    size_t h = r->horizon;
    if (!check_targets(r, c))
        return false;
    double *s = budget_array(budget_mul(3, h), sizeof *s);
    if (!s)
        return cost_fail(r->err, "out of memory");
    bool ok = true;
    for (size_t o = 0; ok && o < a->n_options; o++) {
        if (!change_applies(c, a->options[o]))
            continue;
        cost_fn *saving;
        bool touched;
        ok = change_saving(c, a->options[o], &saving, &touched, r->err);
        if (ok && touched) { /* a change written for several options need not touch each */
            /* Past the horizon asked for (for ROI over 36 months) an option may not be
             * defined (a plan list that ends): then only the months asked for count. */
            size_t known = h;
            if (!cost_eval_over(saving, r->users_lo, r->users_mid, r->users_hi, h, s, s + h,
                                s + 2 * h, r->err))
                known = a->months;
            ok = known == h || cost_eval_over(saving, r->users_lo, r->users_mid, r->users_hi,
                                              known, s, s + h, s + 2 * h, r->err);
            change_spread sp = {0};
            if (ok && r->draws)
                ok = change_lanes(r, c, saving, known, &sp);
            ok = ok && change_rows(r, c, o, s, s + h, s + 2 * h, known, &sp);
        }
        cost_release(saving);
    }
    budget_free(s);
    return ok;
}

/* ---- run ------------------------------------------------------------------------------------------- */

static void free_run(run *r)
{
    for (size_t o = 0; r->totals && o < r->a->n_options; o++)
        cost_release(r->totals[o]);
    budget_free(r->totals);
    budget_free(r->users_lo);
    budget_free(r->cost);
    budget_free(r->sweep);
    budget_free(r->lane_cost);
    lanes_free(&r->ln);
}

void analysis_inputs(const analysis *a, cost_input_set *set)
{
    for (size_t o = 0; o < a->n_options; o++)
        option_inputs(a->options[o], set);
    growth_ranges_inputs(&a->growth, set);
    cost_input_add(&a->revenue_per_user, set);
    for (size_t k = 0; k < a->n_changes; k++) {
        const change *c = a->changes[k];
        cost_input_add(&c->one_off, set);
        if (c->one_off_fn)
            cost_inputs(c->one_off_fn, set);
        for (size_t s = 0; s < c->n_scales; s++)
            cost_input_add(&c->scales[s].factor, set);
        if (c->adds)
            option_inputs(c->adds, set);
        if (c->replace)
            option_inputs(c->replace, set);
    }
}

bool analysis_option_named_twice(const analysis *a, const option **twice)
{
    return option_named_twice(a->options, a->n_options, twice);
}

/* A listing of a change: the change, and its place in the list. */
typedef struct listing {
    const change *c;
    size_t at;
} listing;

/* By change, then by place. */
static int compare_listings(const void *pa, const void *pb)
{
    const listing *x = pa, *y = pb;
    uintptr_t cx = (uintptr_t)x->c, cy = (uintptr_t)y->c;
    if (cx != cy)
        return (cx > cy) - (cx < cy);
    return (x->at > y->at) - (x->at < y->at);
}

bool analysis_change_listed_twice(const analysis *a, const change **twice)
{
    *twice = NULL;
    if (a->n_changes < 2)
        return true;
    listing *sorted = budget_array(a->n_changes, sizeof *sorted);
    if (!sorted)
        return false;
    for (size_t k = 0; k < a->n_changes; k++)
        sorted[k] = (listing){a->changes[k], k};
    qsort(sorted, a->n_changes, sizeof *sorted, compare_listings);
    /* of the changes listed twice, the one whose second listing comes first */
    size_t first_second = a->n_changes;
    for (size_t i = 1; i < a->n_changes; i++)
        if (sorted[i].c == sorted[i - 1].c && (i < 2 || sorted[i - 2].c != sorted[i].c) &&
            sorted[i].at < first_second)
            first_second = sorted[i].at, *twice = sorted[i].c;
    budget_free(sorted);
    return true;
}

bool analysis_run(const analysis *a, const char *model, const mc_draws *draws,
                  analysis_tables *t, findings *out, cost_error *err)
{
    run r = {.a = a, .model = model, .t = t, .out = out, .err = err, .draws = draws};
    if (a->n_options > ANALYSIS_MAX_OPTIONS)
        return cost_fail(err, "compares %zu options; at most %d (every pair is searched for "
                              "where their totals cross): split it into analyses of fewer",
                         a->n_options, ANALYSIS_MAX_OPTIONS);
    r.horizon = a->months > 36 ? a->months : 36;
    if (draws && !lanes_make(a, draws, r.horizon, &r.ln, err))
        return false;
    r.totals = budget_calloc(a->n_options ? a->n_options : 1, sizeof *r.totals);
    bool ok = r.totals != NULL;
    for (size_t o = 0; ok && o < a->n_options; o++)
        ok = (r.totals[o] = option_total(a->options[o], err)) != NULL;
    ok = ok && run_compare(&r) && run_crossovers(&r);
    if (ok && a->has_timeline) {
        ok = fill_timeline(&r);
        if (ok) {
            run_timeline(&r);
            ok = run_budgets(&r);
        }
        for (size_t i = 0; ok && i < a->n_changes; i++)
            ok = run_change(&r, a->changes[i]);
    }
    if (ok && a->has_revenue)
        ok = run_breakeven(&r);
    const table *written[] = {t->compare, t->crossovers, t->timeline, t->npv, t->budgets,
                              t->breakeven, t->changes};
    for (size_t i = 0; ok && i < sizeof written / sizeof written[0]; i++)
        if (table_problem(written[i])) /* a figure that is not finite fails the model */
            ok = cost_fail(err, "%s", table_problem(written[i]));
    free_run(&r);
    if (!ok && err->msg[0] == '\0')
        cost_fail(err, "out of memory");
    return ok;
}
