/*
 * format_xlsx_charts: each chart of the book a chart sheet of its own (libxlsxwriter puts
 * one chart on a chart sheet), and each group's numbers on a data sheet its charts point
 * at.  The data sheet: row 1 names the model and the analysis; then a block per chart,
 * one under another (constant memory writes rows in order), each:
 *
 *     title
 *     x title | series 1 | series 2 | ... |   | level | x title | y title
 *     x       | y        | y        | ... |   | $500 a month | first x | 500
 *     ...                                     | $500 a month | last x  | 500
 *
 * The x column is every x of the chart's series, ascending, once (a series without a point
 * at an x has an empty cell there, and the chart connects over it); a tornado's is its
 * inputs, by rank, and its series' cells are their totals.  A level is a series of two
 * points from the first x to the last; a cost chart's crossovers are its levels, each a
 * one-point series at (users, the cost there of the first option it names).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format_xlsx_impl.h"

/* The first row of the first block: row 1 names the group, row 2 is empty. */
#define FIRST_ROW 2

/* A chart's block as it is laid out on the data sheet. */
typedef struct block {
    const chart *c;
    double *xs;     /* the x column, ascending (not for a tornado) */
    size_t n_x;     /* its rows (a tornado's: its inputs) */
    double *cells;  /* n_x rows of n_series: each series's y, NAN where it has none */
    double *mark_y; /* a cost chart's crossovers' y, a level each */
    lxw_row_t top;  /* its title's row */
    lxw_col_t lcol; /* the level columns' first */
} block;

static int ascending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static bool is_tornado(const chart *c)
{
    return c->kind == CHART_TORNADO;
}

static bool is_marks(const chart *c)
{
    return c->kind == CHART_COST_USERS;
}

/* b->xs: every series's x once, ascending. */
static bool x_column(block *b)
{
    size_t n = 0;
    for (size_t j = 0; j < b->c->n_series; j++)
        n += b->c->series[j].n;
    if (!(b->xs = malloc((n ? n : 1) * sizeof *b->xs)))
        return false;
    n = 0;
    for (size_t j = 0; j < b->c->n_series; j++)
        for (size_t p = 0; p < b->c->series[j].n; p++)
            b->xs[n++] = b->c->series[j].x[p];
    qsort(b->xs, n, sizeof *b->xs, ascending);
    b->n_x = 0;
    for (size_t i = 0; i < n; i++)
        if (b->n_x == 0 || b->xs[b->n_x - 1] != b->xs[i])
            b->xs[b->n_x++] = b->xs[i];
    return true;
}

/* The y of series s at x, along its straight lines (in log x on a log chart). */
static double along(const chart_series *s, double x, bool log_x)
{
    size_t k = 1;
    if (s->n == 0)
        return NAN;
    if (s->n == 1 || x <= s->x[0])
        return s->y[0];
    while (k < s->n - 1 && s->x[k] < x)
        k++;
    double x0 = s->x[k - 1], x1 = s->x[k];
    if (x >= x1 || x1 == x0)
        return s->y[k];
    double t = log_x && x0 > 0 ? log(x / x0) / log(x1 / x0) : (x - x0) / (x1 - x0);
    return s->y[k - 1] + t * (s->y[k] - s->y[k - 1]);
}

/* The series a crossover's label names first ("A = B"), else the first series. */
static const chart_series *named_first(const chart *c, const char *label)
{
    for (size_t j = 0; j < c->n_series; j++) {
        size_t n = strlen(c->series[j].name);
        if (strncmp(label, c->series[j].name, n) == 0 && strncmp(label + n, " = ", 3) == 0)
            return &c->series[j];
    }
    return &c->series[0];
}

/* Lays out b's cells. */
static bool block_make(block *b, const chart *c)
{
    *b = (block){.c = c};
    bool tornado = is_tornado(c);
    if (tornado)
        b->n_x = c->series[0].n;
    else if (!x_column(b))
        return false;
    size_t cells = b->n_x * c->n_series;
    b->cells = malloc((cells ? cells : 1) * sizeof *b->cells);
    b->mark_y = malloc((c->n_levels ? c->n_levels : 1) * sizeof *b->mark_y);
    if (!b->cells || !b->mark_y)
        return false;
    for (size_t i = 0; i < cells; i++)
        b->cells[i] = NAN;
    for (size_t j = 0; j < c->n_series; j++)
        for (size_t p = 0; p < c->series[j].n; p++) {
            const chart_series *s = &c->series[j];
            size_t r = p;
            if (!tornado)
                r = (size_t)((double *)bsearch(&s->x[p], b->xs, b->n_x, sizeof *b->xs, ascending) -
                             b->xs);
            if (r < b->n_x)
                b->cells[r * c->n_series + j] = tornado ? s->x[p] : s->y[p];
        }
    for (size_t i = 0; is_marks(c) && i < c->n_levels; i++)
        b->mark_y[i] = along(named_first(c, c->levels[i].label), c->levels[i].value, c->log_x);
    return true;
}

static void block_free(block *b)
{
    free(b->xs), free(b->cells), free(b->mark_y);
}

/* The rows of b's levels (two a level, one a crossover). */
static size_t level_rows(const block *b)
{
    return b->c->n_levels * (is_marks(b->c) ? 1 : 2);
}

static size_t data_rows(const block *b)
{
    size_t l = level_rows(b);
    return b->n_x > l ? b->n_x : l;
}

/* A number (NAN: left empty), with no decimals when it has none. */
static bool number(xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v)
{
    if (isnan(v))
        return true;
    lxw_format *f = v == floor(v) ? x->fixed[0] : x->fixed[2];
    lxw_error e = worksheet_write_number(ws, r, c, v, f);
    return e == LXW_NO_ERROR || xlsx_fail(x, e, ws->name);
}

static bool header_rows(xlsx *x, lxw_worksheet *ws, const block *b)
{
    const chart *c = b->c;
    bool ok = xlsx_text(x, ws, b->top, 0, c->title, x->bold) &&
              xlsx_text(x, ws, b->top + 1, 0, is_tornado(c) ? c->y_title : c->x_title, x->bold);
    for (size_t j = 0; ok && j < c->n_series; j++)
        ok = xlsx_text(x, ws, b->top + 1, (lxw_col_t)(1 + j), c->series[j].name, x->bold);
    if (ok && c->n_levels)
        ok = xlsx_text(x, ws, b->top + 1, b->lcol, is_marks(c) ? "crossover" : "level", x->bold) &&
             xlsx_text(x, ws, b->top + 1, b->lcol + 1, c->x_title, x->bold) &&
             xlsx_text(x, ws, b->top + 1, b->lcol + 2, c->y_title, x->bold);
    return ok;
}

/* Data row i of b: its x and the series's y, and the level's cells of that row. */
static bool data_row(xlsx *x, lxw_worksheet *ws, const block *b, size_t i)
{
    const chart *c = b->c;
    lxw_row_t r = b->top + 2 + (lxw_row_t)i;
    bool ok = true;
    if (i < b->n_x) {
        ok = is_tornado(c) ? xlsx_text(x, ws, r, 0, c->series[0].labels[i], NULL)
                           : number(x, ws, r, 0, b->xs[i]);
        for (size_t j = 0; ok && j < c->n_series; j++)
            ok = number(x, ws, r, (lxw_col_t)(1 + j), b->cells[i * c->n_series + j]);
    }
    if (!ok || i >= level_rows(b))
        return ok;
    size_t l = is_marks(c) ? i : i / 2;
    double at = is_marks(c) ? c->levels[l].value : b->xs[i % 2 ? b->n_x - 1 : 0];
    double y = is_marks(c) ? b->mark_y[l] : c->levels[l].value;
    return xlsx_text(x, ws, r, b->lcol, c->levels[l].label, NULL) &&
           number(x, ws, r, b->lcol + 1, at) && number(x, ws, r, b->lcol + 2, y);
}

static bool block_write(xlsx *x, lxw_worksheet *ws, const block *b)
{
    if (!header_rows(x, ws, b))
        return false;
    for (size_t i = 0; i < data_rows(b); i++)
        if (!data_row(x, ws, b, i))
            return false;
    return true;
}

/* A series over rows first..last of columns cx (x or categories) and cy, named by the
 * cell (name_row, name_col). */
static lxw_chart_series *series_add(lxw_chart *ch, const char *data, lxw_row_t first,
                                    lxw_row_t last, lxw_col_t cx, lxw_col_t cy, lxw_row_t name_row,
                                    lxw_col_t name_col)
{
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    if (!s)
        return NULL;
    chart_series_set_categories(s, data, first, cx, last, cx);
    chart_series_set_values(s, data, first, cy, last, cy);
    chart_series_set_name_range(s, data, name_row, name_col);
    return s;
}

/* The levels: dashed lines, or a cost chart's crossovers: a marker each, no line. */
static bool levels_add(lxw_chart *ch, const char *data, const block *b)
{
    lxw_chart_line dashed = {.dash_type = LXW_CHART_LINE_DASH_DASH, .width = 1.5};
    lxw_chart_line none = {.none = LXW_TRUE};
    bool marks = is_marks(b->c);
    for (size_t l = 0; l < b->c->n_levels; l++) {
        lxw_row_t first = b->top + 2 + (lxw_row_t)(marks ? l : 2 * l);
        lxw_row_t last = marks ? first : first + 1;
        lxw_chart_series *s =
            series_add(ch, data, first, last, b->lcol + 1, b->lcol + 2, first, b->lcol);
        if (!s)
            return false;
        chart_series_set_line(s, marks ? &none : &dashed);
        chart_series_set_marker_type(s, marks ? LXW_CHART_MARKER_DIAMOND : LXW_CHART_MARKER_NONE);
        if (marks)
            chart_series_set_marker_size(s, 9);
    }
    return true;
}

/* b's chart, its series pointing at b's cells on the sheet called data. */
static lxw_chart *chart_make(xlsx *x, const chart_group *g, const char *data, const block *b)
{
    const chart *c = b->c;
    bool tornado = is_tornado(c);
    lxw_chart *ch = workbook_add_chart(x->wb, tornado ? LXW_CHART_BAR : LXW_CHART_SCATTER_STRAIGHT);
    if (!ch)
        return NULL;
    size_t len = strlen(c->title) + strlen(g->title) + 3;
    char *title = malloc(len);
    if (!title)
        return NULL;
    snprintf(title, len, "%s: %s", c->title, g->title);
    chart_title_set_name(ch, title); /* copied */
    free(title);
    lxw_row_t first = b->top + 2, last = first + (lxw_row_t)b->n_x - 1;
    for (size_t j = 0; j < c->n_series; j++) {
        lxw_col_t col = (lxw_col_t)(1 + j);
        if (!series_add(ch, data, first, last, 0, col, b->top + 1, col))
            return NULL;
    }
    if (!levels_add(ch, data, b))
        return NULL;
    /* A bar chart's x axis is its categories' (the inputs, down the side, rank 1 on top). */
    chart_axis_set_name(ch->x_axis, tornado ? c->y_title : c->x_title);
    chart_axis_set_name(ch->y_axis, tornado ? c->x_title : c->y_title);
    if (tornado)
        chart_axis_set_reverse(ch->x_axis);
    if (c->log_x)
        chart_axis_set_log_base(ch->x_axis, 10);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_CONNECTED);
    return ch;
}

/* The sheet names' base of g: its analysis, or its model (without .lua) and
 * " uncertainty". */
static void group_base(const chart_group *g, char *out, size_t size)
{
    size_t n = strlen(g->model);
    if (n > 4 && strcmp(g->model + n - 4, ".lua") == 0)
        n -= 4;
    if (g->analysis)
        snprintf(out, size, "%s", g->analysis);
    else
        snprintf(out, size, "%.*s uncertainty", (int)n, g->model);
}

static const char *const kind_names[] = {
    [CHART_COST_USERS] = "cost", [CHART_TIMELINE] = "timeline", [CHART_CUMULATIVE] = "cumulative",
    [CHART_PAYBACK] = "payback", [CHART_BAND] = "band",         [CHART_TORNADO] = "tornado"};

/* The data sheet's first row: the group's model and analysis. */
static bool group_row(xlsx *x, lxw_worksheet *ws, const chart_group *g)
{
    return xlsx_text(x, ws, 0, 0, "model", x->bold) && xlsx_text(x, ws, 0, 1, g->model, NULL) &&
           xlsx_text(x, ws, 0, 2, "analysis", x->bold) &&
           (!g->analysis || xlsx_text(x, ws, 0, 3, g->analysis, NULL));
}

/* The blocks of g laid out one under another from FIRST_ROW; a chart that would pass the
 * sheet's last row is left out (n_x 0) with a note. */
static bool blocks_make(xlsx *x, const chart_group *g, block *blocks)
{
    lxw_row_t top = FIRST_ROW;
    for (size_t i = 0; i < g->n_charts; i++) {
        block *b = &blocks[i];
        if (!block_make(b, &g->charts[i]))
            return error_oom(x->err);
        b->top = top;
        b->lcol = (lxw_col_t)(g->charts[i].n_series + 2);
        if ((size_t)top + 3 + data_rows(b) > XLSX_ROWS) {
            b->n_x = 0;
            if (!xlsx_note(x,
                           "The chart %s of %s is left out: its points are more than a sheet "
                           "holds; the CSV holds all of them.",
                           g->charts[i].title, g->title))
                return false;
            continue;
        }
        top += (lxw_row_t)(3 + data_rows(b));
    }
    return true;
}

/* g's chart sheets, then its data sheet. */
static bool group_write(xlsx *x, const chart_group *g, block *blocks)
{
    char base[256], name[300];
    group_base(g, base, sizeof base);
    snprintf(name, sizeof name, "%s data", base);
    const char *data = xlsx_sheet_name(x, name);
    if (!data || !blocks_make(x, g, blocks))
        return false;
    for (size_t i = 0; i < g->n_charts; i++) {
        if (blocks[i].n_x == 0)
            continue;
        snprintf(name, sizeof name, "%s %s", base, kind_names[g->charts[i].kind]);
        const char *sheet = xlsx_sheet_name(x, name);
        lxw_chartsheet *cs = sheet ? workbook_add_chartsheet(x->wb, sheet) : NULL;
        lxw_chart *ch = cs ? chart_make(x, g, data, &blocks[i]) : NULL;
        lxw_error e = ch ? chartsheet_set_chart(cs, ch) : LXW_ERROR_MEMORY_MALLOC_FAILED;
        if (e != LXW_NO_ERROR)
            return sheet ? xlsx_fail(x, e, sheet) : false;
    }
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, data);
    if (!ws)
        return error_fail(x->err, "reckon.xlsx: cannot add the sheet %s", data);
    bool ok = group_row(x, ws, g) && worksheet_set_column(ws, 0, 0, 24, NULL) == LXW_NO_ERROR;
    for (size_t i = 0; ok && i < g->n_charts; i++)
        ok = blocks[i].n_x == 0 || block_write(x, ws, &blocks[i]);
    return ok;
}

bool xlsx_charts(xlsx *x, const chart_book *book)
{
    bool ok = true;
    for (size_t g = 0; ok && g < book->n_groups; g++) {
        const chart_group *gr = &book->groups[g];
        block *blocks = calloc(gr->n_charts ? gr->n_charts : 1, sizeof *blocks);
        ok = blocks ? group_write(x, gr, blocks) : error_oom(x->err);
        for (size_t i = 0; blocks && i < gr->n_charts; i++)
            block_free(&blocks[i]);
        free(blocks);
    }
    return ok;
}
