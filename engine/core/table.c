/* table: rows of cells in memory, each in its column's format, written to CSV by table_write. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "table.h"

/* What a cell holds. */
typedef enum cell_kind { CELL_TEXT, CELL_NUMBER, CELL_NEVER, CELL_EMPTY } cell_kind;

typedef struct cell {
    cell_kind kind;
    char *text;    /* CELL_TEXT */
    double number; /* CELL_NUMBER, written in its column's format */
} cell;

struct table {
    char *name;                  /* the file name */
    const table_column *columns; /* the header, borrowed */
    size_t n_columns;            /* every row has this many cells */
    cell *cells;                 /* row-major: the rows ended, then the row being built */
    size_t n, cap;               /* cells used and allocated */
    size_t row;                  /* where the row being built starts: rows ended * n_columns */
    bool refused;                /* a cell of the row being built was refused */
    bool failed;                 /* an append ran out of memory or was refused */
    char *problem;               /* the first thing wrong, in words; NULL: none */
};

table *table_new(const char *name, const table_column *columns, size_t n)
{
    if (n == 0)
        return NULL;
    table *t = budget_calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->columns = columns;
    t->n_columns = n;
    t->name = budget_strdup(name);
    if (!t->name) {
        table_free(t);
        return NULL;
    }
    return t;
}

void table_free(table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        budget_free(t->cells[i].text);
    budget_free(t->cells);
    budget_free(t->name);
    budget_free(t->problem);
    budget_free(t);
}

/* Keeps the first problem, in words; false, for the caller to return. */
static bool fail(table *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static bool fail(table *t, const char *fmt, ...)
{
    t->failed = true;
    if (t->problem)
        return false;
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    t->problem = budget_strdup(text);
    return false;
}

/* The column the next cell goes to, or NULL past the header's width (end_row refuses it). */
static const table_column *next_column(const table *t)
{
    size_t at = t->n - t->row;
    return at < t->n_columns ? &t->columns[at] : NULL;
}

static const char *const kind_names[] = {
    [TABLE_KIND_TEXT] = "text",   [TABLE_KIND_MONEY] = "money",   [TABLE_KIND_COUNT] = "a count",
    [TABLE_KIND_RATE] = "a rate", [TABLE_KIND_MONTH] = "a month", [TABLE_KIND_FLAG] = "a flag"};

/* Whether the next cell, of kind k, fits its column; false (the table failed) when not. */
static bool fits(table *t, cell_kind k)
{
    const table_column *c = next_column(t);
    if (c && c->kind == TABLE_KIND_FLAG)
        return fail(t, "internal error: %s: column %s is a flag, filled at the row's end", t->name,
                    c->name);
    if (!c || k == CELL_EMPTY)
        return true;
    bool text = c->kind == TABLE_KIND_TEXT;
    bool ok = k == CELL_TEXT     ? text
              : k == CELL_NUMBER ? !text
                                 : c->kind == TABLE_KIND_COUNT || c->kind == TABLE_KIND_MONTH;
    static const char *const cell_names[] = {
        [CELL_TEXT] = "text", [CELL_NUMBER] = "a number", [CELL_NEVER] = "\"never\""};
    return ok || fail(t, "internal error: %s: column %s holds %s, not %s", t->name, c->name,
                      kind_names[c->kind], cell_names[k]);
}

static bool append(table *t, cell c)
{
    if (!fits(t, c.kind)) {
        budget_free(c.text);
        t->refused = true; /* the row, a cell short, goes too */
        return false;
    }
    if (!budget_grow_from((void **)&t->cells, t->n, &t->cap, sizeof *t->cells, 256)) {
        budget_free(c.text);
        t->failed = true;
        return false;
    }
    t->cells[t->n++] = c;
    return true;
}

bool table_text(table *t, const char *text)
{
    char *copy = budget_strdup(text ? text : "");
    if (!copy) {
        t->failed = true;
        return false;
    }
    return append(t, (cell){.kind = CELL_TEXT, .text = copy});
}

/* Whether a number column says where a row is (rather than what was found there). */
static bool locates(const char *column)
{
    static const char *const where[] = {"users", "month", "months", "budget", NULL};
    for (size_t i = 0; where[i]; i++)
        if (strcmp(column, where[i]) == 0)
            return true;
    return false;
}

/* Says which cell of the current row is not finite: its column, and the row's cells before
 * it that place it (the option, the item, the user count, the month; not the model). */
static void note_problem(table *t, const table_column *column, double x)
{
    char text[1024];
    int len = snprintf(text, sizeof text, "%s: %s is %s", t->name, column->name,
                       isnan(x) ? "not a number" : "beyond the largest number (over 1.8e308)");
    const char *sep = " at ";
    for (size_t i = t->row; i < t->n && len > 0 && (size_t)len < sizeof text; i++) {
        const cell *c = &t->cells[i];
        const char *name = t->columns[i - t->row].name;
        if (strcmp(name, "model") == 0 || (c->kind == CELL_NUMBER && !locates(name)) ||
            (c->kind != CELL_TEXT && c->kind != CELL_NUMBER))
            continue;
        if (c->kind == CELL_TEXT)
            len += snprintf(text + len, sizeof text - (size_t)len, "%s%s \"%.200s\"", sep, name,
                            c->text);
        else
            len +=
                snprintf(text + len, sizeof text - (size_t)len, "%s%s %.10g", sep, name, c->number);
        sep = ", ";
    }
    t->problem = budget_strdup(text);
    if (!t->problem)
        t->failed = true;
}

bool table_number(table *t, double x)
{
    if (!isfinite(x)) { /* never an empty or a "nan" cell: the run fails, naming this one */
        const table_column *c = next_column(t);
        if (c && !t->problem && !t->failed)
            note_problem(t, c, x);
        return fits(t, CELL_NUMBER) && append(t, (cell){.kind = CELL_EMPTY});
    }
    return append(t, (cell){.kind = CELL_NUMBER, .number = x});
}

bool table_never(table *t)
{
    return append(t, (cell){.kind = CELL_NEVER});
}

bool table_empty(table *t)
{
    return append(t, (cell){.kind = CELL_EMPTY});
}

/* The index of the column called name, or n_columns. */
static size_t column_named(const table *t, const char *name)
{
    size_t j = 0;
    while (j < t->n_columns && strcmp(t->columns[j].name, name) != 0)
        j++;
    return j;
}

/* Appends the row's flags (the columns from the first flag on): 1 where the column each
 * reports holds a number, 0 where it is never, empty where it is empty. */
static bool fill_flags(table *t)
{
    for (const table_column *c = next_column(t); c && c->kind == TABLE_KIND_FLAG;
         c = next_column(t)) {
        size_t j = column_named(t, c->reports);
        if (j >= t->n - t->row) /* it reports no column before it: a registry's bug */
            return fail(t, "internal error: %s: flag %s reports no column before it", t->name,
                        c->name);
        cell_kind k = t->cells[t->row + j].kind;
        cell flag = {.kind = k == CELL_NUMBER || k == CELL_NEVER ? CELL_NUMBER : CELL_EMPTY,
                     .number = k == CELL_NUMBER};
        if (!budget_grow_from((void **)&t->cells, t->n, &t->cap, sizeof *t->cells, 256)) {
            t->failed = true;
            return false;
        }
        t->cells[t->n++] = flag;
    }
    return true;
}

bool table_end_row(table *t)
{
    const table_column *next = next_column(t);
    if (!t->refused && next && next->kind == TABLE_KIND_FLAG && !fill_flags(t))
        t->refused = true;
    size_t used = t->n - t->row;
    if (used == t->n_columns && !t->refused) {
        t->row = t->n;
        return true;
    }
    for (size_t i = t->row; i < t->n; i++) /* dropped: the table holds only whole rows */
        budget_free(t->cells[i].text);
    t->n = t->row;
    if (t->refused) { /* fits said which cell */
        t->refused = false;
        return false;
    }
    return fail(t, "internal error: %s: a row of %zu cells, but its header has %zu", t->name, used,
                t->n_columns);
}

const char *table_name(const table *t)
{
    return t->name;
}

size_t table_rows(const table *t)
{
    return t->row / t->n_columns;
}

size_t table_columns(const table *t)
{
    return t->n_columns;
}

bool table_failed(const table *t)
{
    return t->failed;
}

const char *table_problem(const table *t)
{
    return t->problem;
}

void table_write_header(const table_column *columns, size_t n, csvout *out)
{
    for (size_t i = 0; i < n; i++)
        csvout_text(out, columns[i].name);
    csvout_end_row(out);
}

void table_write(const table *t, csvout *out)
{
    table_write_header(t->columns, t->n_columns, out);
    table_write_rows(t, out);
}

static void write_cell(const table_column *column, const cell *c, csvout *out)
{
    switch (c->kind) {
    case CELL_TEXT:
        csvout_text(out, c->text);
        break;
    case CELL_NUMBER:
        if (column->kind == TABLE_KIND_MONEY)
            csvout_money(out, c->number);
        else
            csvout_fixed(out, c->number, column->places);
        break;
    case CELL_NEVER: /* a number column holds no word: its flag says "never" */
    case CELL_EMPTY:
        csvout_text(out, "");
        break;
    }
}

void table_write_rows(const table *t, csvout *out)
{
    for (size_t i = 0; i < t->row; i += t->n_columns) {
        for (size_t j = 0; j < t->n_columns; j++)
            write_cell(&t->columns[j], &t->cells[i + j], out);
        csvout_end_row(out);
    }
}
