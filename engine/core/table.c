/* table: rows of cells in memory, written to CSV by table_write. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "table.h"

typedef struct cell {
    table_cell_kind kind;
    char *text;    /* TABLE_TEXT */
    double number; /* TABLE_NUMBER */
    int decimals;  /* TABLE_NUMBER: places, or TABLE_MONEY */
} cell;

struct table {
    char *name;        /* the file name */
    char **header;     /* column names */
    size_t columns;    /* header length; every row has this many cells */
    cell *cells;       /* row-major, rows * columns, then the row being built */
    size_t n, cap;     /* cells used and allocated */
    bool failed;       /* an append ran out of memory */
    char *problem;     /* the first number that was not finite, in words; NULL: none */
};

table *table_new(const char *name, const char *const header[])
{
    table *t = budget_calloc(1, sizeof *t);
    if (!t)
        return NULL;
    while (header[t->columns])
        t->columns++;
    t->name = budget_strdup(name);
    t->header = budget_calloc(t->columns, sizeof *t->header);
    bool ok = t->name && t->header;
    for (size_t i = 0; ok && i < t->columns; i++)
        ok = (t->header[i] = budget_strdup(header[i])) != NULL;
    if (!ok) {
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
    for (size_t i = 0; t->header && i < t->columns; i++)
        budget_free(t->header[i]);
    budget_free(t->header);
    budget_free(t->cells);
    budget_free(t->name);
    budget_free(t->problem);
    budget_free(t);
}

static bool append(table *t, cell c)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        cell *p = budget_realloc_array(t->cells, cap, sizeof *p);
        if (!p) {
            budget_free(c.text);
            t->failed = true;
            return false;
        }
        t->cells = p, t->cap = cap;
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
    return append(t, (cell){.kind = TABLE_TEXT, .text = copy});
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
static void note_problem(table *t, double x)
{
    size_t row = t->n - t->n % t->columns, column = t->n % t->columns;
    char text[1024];
    int len = snprintf(text, sizeof text, "%s: %s is %s", t->name, t->header[column],
                       isnan(x) ? "not a number" : "beyond the largest number (over 1.8e308)");
    const char *sep = " at ";
    for (size_t i = row; i < t->n && len > 0 && (size_t)len < sizeof text; i++) {
        const cell *c = &t->cells[i];
        const char *name = t->header[i - row];
        if (strcmp(name, "model") == 0 || (c->kind == TABLE_NUMBER && !locates(name)) ||
            (c->kind != TABLE_TEXT && c->kind != TABLE_NUMBER))
            continue;
        if (c->kind == TABLE_TEXT)
            len += snprintf(text + len, sizeof text - (size_t)len, "%s%s \"%.200s\"", sep, name,
                            c->text);
        else
            len += snprintf(text + len, sizeof text - (size_t)len, "%s%s %.10g", sep, name,
                            c->number);
        sep = ", ";
    }
    t->problem = budget_strdup(text);
    if (!t->problem)
        t->failed = true;
}

bool table_number(table *t, double x, int decimals)
{
    if (!isfinite(x)) { /* never an empty or a "nan" cell: the run fails, naming this one */
        if (!t->problem && !t->failed)
            note_problem(t, x);
        return append(t, (cell){.kind = TABLE_EMPTY});
    }
    return append(t, (cell){.kind = TABLE_NUMBER, .number = x, .decimals = decimals});
}

bool table_never(table *t)
{
    return append(t, (cell){.kind = TABLE_NEVER});
}

bool table_empty(table *t)
{
    return append(t, (cell){.kind = TABLE_EMPTY});
}

/* Pads a short row with empty cells; a row never holds more cells than the header. */
bool table_end_row(table *t)
{
    if (t->columns == 0)
        return true;
    size_t used = t->n % t->columns;
    bool ok = true;
    for (size_t i = used; used != 0 && i < t->columns && ok; i++)
        ok = table_empty(t);
    return ok;
}

const char *table_name(const table *t)
{
    return t->name;
}

size_t table_rows(const table *t)
{
    return t->n / t->columns;
}

size_t table_columns(const table *t)
{
    return t->columns;
}

bool table_failed(const table *t)
{
    return t->failed;
}

const char *table_problem(const table *t)
{
    return t->problem;
}

void table_write(const table *t, csvout *out)
{
    for (size_t i = 0; i < t->columns; i++)
        csvout_text(out, t->header[i]);
    csvout_end_row(out);
    table_write_rows(t, out);
}

void table_write_rows(const table *t, csvout *out)
{
    for (size_t i = 0; i + t->columns <= t->n; i += t->columns) {
        for (size_t j = 0; j < t->columns; j++) {
            const cell *c = &t->cells[i + j];
            switch (c->kind) {
            case TABLE_TEXT: csvout_text(out, c->text); break;
            case TABLE_NUMBER:
                if (c->decimals == TABLE_MONEY)
                    csvout_money(out, c->number);
                else
                    csvout_number(out, c->number, c->decimals);
                break;
            case TABLE_NEVER: csvout_text(out, "never"); break;
            case TABLE_EMPTY: csvout_text(out, ""); break;
            }
        }
        csvout_end_row(out);
    }
}
