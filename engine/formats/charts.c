/* charts: a run's charts read from its finished tables (charts.h). */
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "numfmt.h"
#include "results_read.h"

/* Every array here grows by doubling when its count reaches a power of two, so that no
 * capacity is kept beside the counts of charts.h: room for element n of size bytes. */
static bool room(void *array, size_t n, size_t size)
{
    void **p = array;
    if (n != 0 && (n & (n - 1)) != 0)
        return true;
    size_t cap = n ? 2 * n : 1;
    if (cap > SIZE_MAX / size)
        return false;
    void *grown = realloc(*p, cap * size);
    if (!grown)
        return false;
    *p = grown;
    return true;
}

static char *dup_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* What the row functions share. */
typedef struct reading {
    chart_book *book;
    core_error *err;
    tables_id id;
    int col[12]; /* the columns the reading uses, by results_column */
} reading;

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The group of (model, analysis); analysis NULL: the model's Monte Carlo group.  NULL out
 * of memory, or when make is false and there is none. */
static chart_group *group_of(chart_book *b, const char *model, const char *analysis, bool make)
{
    for (size_t i = b->n_groups; i-- > 0;)
        if (same(b->groups[i].model, model) && same(b->groups[i].analysis, analysis))
            return &b->groups[i];
    if (!make || !room(&b->groups, b->n_groups, sizeof *b->groups))
        return NULL;
    chart_group *g = &b->groups[b->n_groups];
    *g = (chart_group){.model = dup_text(model), .analysis = analysis ? dup_text(analysis) : NULL};
    size_t len = strlen(model) + (analysis ? strlen(analysis) : 11) + 4;
    g->title = malloc(len);
    if (g->title)
        snprintf(g->title, len, "%s (%s)", analysis ? analysis : "Uncertainty", model);
    b->n_groups++; /* counted at once, so that charts_free frees what is made */
    if (!g->model || !g->title || (analysis && !g->analysis))
        return NULL;
    return g;
}

/* The titles of each kind: the chart's, its x axis's and its y axis's. */
static const char *const titles[][3] = {
    [CHART_COST_USERS] = {"Monthly cost against users", "users", "$ a month"},
    [CHART_TIMELINE] = {"Monthly cost over the timeline", "month", "$ a month"},
    [CHART_CUMULATIVE] = {"Cumulative cost over the timeline", "month", "$ in total"},
    [CHART_PAYBACK] = {"Payback of %s", "month", "cumulative saving, $"},
    [CHART_BAND] = {"Total a month of %s: p5, p50, p95", "users", "$ a month"},
    [CHART_TORNADO] = {"What moves %s's total most", "total, $ a month", "input"}};

/* The chart of kind in g whose title names what (a change, an option; NULL for the kinds
 * without one); made when make.  NULL out of memory or when there is none. */
static chart *chart_of(chart_group *g, chart_kind kind, const char *what, bool make)
{
    size_t len = strlen(titles[kind][0]) + (what ? strlen(what) : 0) + 1;
    char *title = malloc(len);
    if (!title)
        return NULL;
    snprintf(title, len, titles[kind][0], what ? what : "");
    for (size_t i = 0; i < g->n_charts; i++)
        if (g->charts[i].kind == kind && strcmp(g->charts[i].title, title) == 0) {
            free(title);
            return &g->charts[i];
        }
    if (!make || !room(&g->charts, g->n_charts, sizeof *g->charts)) {
        free(title);
        return NULL;
    }
    chart *c = &g->charts[g->n_charts++];
    *c = (chart){.kind = kind,
                 .title = title,
                 .x_title = dup_text(titles[kind][1]),
                 .y_title = dup_text(titles[kind][2]),
                 .log_x = kind == CHART_COST_USERS};
    return c->x_title && c->y_title ? c : NULL;
}

/* The series of c called name, made when there is none; NULL out of memory. */
static chart_series *series_of(chart *c, const char *name)
{
    for (size_t i = c->n_series; i-- > 0;)
        if (strcmp(c->series[i].name, name) == 0)
            return &c->series[i];
    if (!room(&c->series, c->n_series, sizeof *c->series))
        return NULL;
    chart_series *s = &c->series[c->n_series++];
    *s = (chart_series){.name = dup_text(name)};
    return s->name ? s : NULL;
}

/* Appends (x, y) to s, with its label when label is not NULL. */
static bool point(chart_series *s, double x, double y, const char *label)
{
    if (!room(&s->x, s->n, sizeof *s->x) || !room(&s->y, s->n, sizeof *s->y))
        return false;
    if (label) {
        if (!room(&s->labels, s->n, sizeof *s->labels))
            return false;
        if (!(s->labels[s->n] = dup_text(label)))
            return false;
    }
    s->x[s->n] = x, s->y[s->n] = y;
    s->n++;
    return true;
}

/* Adds a level to c unless one of that value is there already. */
static bool level(chart *c, double value, const char *label)
{
    for (size_t i = 0; i < c->n_levels; i++)
        if (c->levels[i].value == value)
            return true;
    if (!room(&c->levels, c->n_levels, sizeof *c->levels))
        return false;
    char *l = dup_text(label);
    if (!l)
        return false;
    c->levels[c->n_levels++] = (chart_level){value, l};
    return true;
}

/* Dollars for a label: "$1,000", "$12.50". */
static void dollars(double x, char *buf)
{
    buf[0] = '$';
    numfmt_grouped(x, x == numfmt_round(x, 0) ? 0 : 2, buf + 1);
}

/* A point of the row: series `name` of the chart (kind, what) of group (model, analysis). */
static bool add_point(reading *r, const results_cell *c, chart_kind kind, const char *what,
                      const char *name, int x, int y)
{
    if (c[x].empty || c[y].empty)
        return true;
    const char *analysis = kind == CHART_BAND || kind == CHART_TORNADO ? NULL : c[1].text;
    chart_group *g = group_of(r->book, c[0].text, analysis, true);
    chart *ch = g ? chart_of(g, kind, what, true) : NULL;
    chart_series *s = ch ? series_of(ch, name) : NULL;
    if (!s || !point(s, c[x].number, c[y].number, NULL))
        return error_oom(r->err);
    return true;
}

static bool compare_row(void *ctx, const results_cell *c, size_t n)
{
    (void)n;
    reading *r = ctx;
    return add_point(r, c, CHART_COST_USERS, NULL, c[r->col[0]].text, r->col[1], r->col[2]);
}

static bool timeline_row(void *ctx, const results_cell *c, size_t n)
{
    (void)n;
    reading *r = ctx;
    const char *option = c[r->col[0]].text;
    return add_point(r, c, CHART_TIMELINE, NULL, option, r->col[1], r->col[2]) &&
           add_point(r, c, CHART_CUMULATIVE, NULL, option, r->col[1], r->col[3]);
}

static bool payback_row(void *ctx, const results_cell *c, size_t n)
{
    (void)n;
    reading *r = ctx;
    const results_cell *one_off = &c[r->col[4]];
    if (!add_point(r, c, CHART_PAYBACK, c[r->col[3]].text, c[r->col[0]].text, r->col[1], r->col[2]))
        return false;
    chart_group *g = group_of(r->book, c[0].text, c[1].text, false);
    chart *ch = g ? chart_of(g, CHART_PAYBACK, c[r->col[3]].text, false) : NULL;
    if (!ch || one_off->empty)
        return true;
    char money[NUMFMT_GROUPED_MAX + 1], label[NUMFMT_GROUPED_MAX + 16];
    dollars(one_off->number, money);
    snprintf(label, sizeof label, "one-off %s", money);
    return level(ch, one_off->number, label) || error_oom(r->err);
}

/* A budget of an analysis that has a timeline: a level of its monthly or cumulative chart. */
static bool budget_row(void *ctx, const results_cell *c, size_t n)
{
    (void)n;
    reading *r = ctx;
    const results_cell *basis = &c[r->col[0]], *budget = &c[r->col[1]];
    bool monthly = strcmp(basis->text, "monthly") == 0;
    chart_group *g = group_of(r->book, c[0].text, c[1].text, false);
    chart *ch = g ? chart_of(g, monthly ? CHART_TIMELINE : CHART_CUMULATIVE, NULL, false) : NULL;
    if (!ch || budget->empty)
        return true;
    char money[NUMFMT_GROUPED_MAX + 1], label[NUMFMT_GROUPED_MAX + 16];
    dollars(budget->number, money);
    snprintf(label, sizeof label, "%s %s", money, monthly ? "a month" : "in total");
    return level(ch, budget->number, label) || error_oom(r->err);
}

/* A crossing of two options: a mark on the analysis's cost chart. */
static bool crossover_row(void *ctx, const results_cell *c, size_t n)
{
    (void)n;
    reading *r = ctx;
    const results_cell *users = &c[r->col[3]];
    if (strcmp(c[r->col[0]].text, "pair") != 0 || users->empty)
        return true;
    chart_group *g = group_of(r->book, c[0].text, c[1].text, false);
    chart *ch = g ? chart_of(g, CHART_COST_USERS, NULL, false) : NULL;
    if (!ch)
        return true;
    size_t len = c[r->col[1]].len + c[r->col[2]].len + 4;
    char *label = malloc(len);
    if (!label)
        return error_oom(r->err);
    snprintf(label, len, "%s = %s", c[r->col[1]].text, c[r->col[2]].text);
    bool ok = level(ch, users->number, label);
    free(label);
    return ok || error_oom(r->err);
}

/* A Monte Carlo total (item empty): the option's band. */
static bool distribution_row(void *ctx, const results_cell *c, size_t n)
{
    (void)n;
    reading *r = ctx;
    if (!c[r->col[1]].empty)
        return true;
    const char *option = c[r->col[0]].text;
    return add_point(r, c, CHART_BAND, option, "p5", r->col[2], r->col[3]) &&
           add_point(r, c, CHART_BAND, option, "p50", r->col[2], r->col[4]) &&
           add_point(r, c, CHART_BAND, option, "p95", r->col[2], r->col[5]);
}

/* Empties c's series: a tornado's rows at a larger user count replace those before. */
static void series_empty(chart *c)
{
    for (size_t i = 0; i < c->n_series; i++) {
        chart_series *s = &c->series[i];
        for (size_t k = 0; s->labels && k < s->n; k++)
            free(s->labels[k]);
        free(s->name), free(s->x), free(s->y), free(s->labels);
    }
    free(c->series);
    c->series = NULL, c->n_series = 0;
}

/* The tornado's users so far: the first point's x is the rank, so the users are kept in
 * the chart's one level (value = users), taken away at the end (tornado_finish). */
static bool sensitivity_row(void *ctx, const results_cell *c, size_t n)
{
    (void)n;
    reading *r = ctx;
    const results_cell *users = &c[r->col[1]], *rank = &c[r->col[2]];
    if (users->empty || rank->empty)
        return true;
    chart_group *g = group_of(r->book, c[0].text, NULL, true);
    chart *ch = g ? chart_of(g, CHART_TORNADO, c[r->col[0]].text, true) : NULL;
    if (!ch || (!ch->levels && !level(ch, users->number, "users")))
        return error_oom(r->err);
    if (users->number < ch->levels[0].value)
        return true;
    if (users->number > ch->levels[0].value)
        series_empty(ch), ch->levels[0].value = users->number;
    const char *names[2] = {"total at low", "total at high"};
    for (int k = 0; k < 2; k++) {
        const results_cell *total = &c[r->col[4 + k]];
        chart_series *s = series_of(ch, names[k]);
        if (!s || !point(s, total->empty ? 0 : total->number, rank->number, c[r->col[3]].text))
            return error_oom(r->err);
    }
    return true;
}

/* A band's users on a log scale when they span more than 10x; a tornado's title says its
 * users (kept in its one level while reading, sensitivity_row), and it has no level. */
static bool finish(chart *c)
{
    if (c->kind == CHART_BAND && c->n_series && c->series[0].n) {
        double lo = c->series[0].x[0], hi = lo;
        for (size_t i = 1; i < c->series[0].n; i++) {
            lo = c->series[0].x[i] < lo ? c->series[0].x[i] : lo;
            hi = c->series[0].x[i] > hi ? c->series[0].x[i] : hi;
        }
        c->log_x = lo > 0 && hi > 10 * lo;
    }
    if (c->kind != CHART_TORNADO || !c->levels)
        return true;
    char users[NUMFMT_GROUPED_MAX];
    numfmt_grouped(c->levels[0].value, 0, users);
    size_t len = strlen(c->title) + strlen(users) + 16;
    char *title = malloc(len);
    if (!title)
        return false;
    snprintf(title, len, "%s at %s users", c->title, users);
    free(c->title), free(c->levels[0].label), free(c->levels);
    c->title = title, c->levels = NULL, c->n_levels = 0;
    return true;
}

/* One table's rows through fn, with the columns named in cols (NULL-ended); a table the run
 * did not write has no rows. */
static bool read_table(const format_input *in, reading *r, tables_id id, results_row_fn fn,
                       const char *const *cols)
{
    if (!in->tables[id])
        return true;
    r->id = id;
    for (int i = 0; cols[i]; i++)
        if ((r->col[i] = results_column(id, cols[i])) < 0)
            return error_fail(r->err, "charts: %s has no column %s", tables_spec_of(id)->file,
                              cols[i]);
    return results_read(in->tables[id], id, fn, r, r->err);
}

bool charts_read(const format_input *in, chart_book *book, core_error *err)
{
    *book = (chart_book){0};
    reading r = {.book = book, .err = err};
    bool ok =
        read_table(in, &r, TABLES_COMPARE, compare_row,
                   (const char *const[]){"option", "users", "mid", NULL}) &&
        read_table(in, &r, TABLES_CROSSOVERS, crossover_row,
                   (const char *const[]){"kind", "option_a", "option_b", "users", NULL}) &&
        read_table(in, &r, TABLES_TIMELINE, timeline_row,
                   (const char *const[]){"option", "month", "mid", "cumulative", NULL}) &&
        read_table(in, &r, TABLES_BUDGETS, budget_row,
                   (const char *const[]){"basis", "budget", NULL}) &&
        read_table(in, &r, TABLES_PAYBACK, payback_row,
                   (const char *const[]){"option", "month", "cumulative_saving", "change",
                                         "one_off", NULL}) &&
        read_table(in, &r, TABLES_DISTRIBUTION, distribution_row,
                   (const char *const[]){"option", "item", "users", "p5", "p50", "p95", NULL}) &&
        read_table(in, &r, TABLES_SENSITIVITY, sensitivity_row,
                   (const char *const[]){"option", "users", "rank", "input", "total_at_low",
                                         "total_at_high", NULL});
    for (size_t g = 0; ok && g < book->n_groups; g++)
        for (size_t i = 0; ok && i < book->groups[g].n_charts; i++)
            ok = finish(&book->groups[g].charts[i]) || error_oom(err);
    if (!ok)
        charts_free(book);
    return ok;
}

static void chart_free(chart *c)
{
    series_empty(c);
    for (size_t i = 0; i < c->n_levels; i++)
        free(c->levels[i].label);
    free(c->levels), free(c->title), free(c->x_title), free(c->y_title);
}

void charts_free(chart_book *book)
{
    for (size_t g = 0; g < book->n_groups; g++) {
        chart_group *gr = &book->groups[g];
        for (size_t i = 0; i < gr->n_charts; i++)
            chart_free(&gr->charts[i]);
        free(gr->charts), free(gr->model), free(gr->analysis), free(gr->title);
    }
    free(book->groups);
    *book = (chart_book){0};
}
