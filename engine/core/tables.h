/*
 * tables: the registry of a run's result files, the one home of their names, their columns
 * and how each column is written.  Every writer makes its table here, the merge opens the
 * final files by it and writes their headers from it.  The files and columns are the
 * product (PRODUCT.md): rename or drop none.
 *
 *     table *t = tables_new(TABLES_COMPARE);          // "compare.csv", its 11 columns
 *     tables_id k = tables_named("npv.csv");          // TABLES_NPV
 *     table_write_header(tables_spec_of(k)->columns, tables_spec_of(k)->n_columns, out);
 *
 * The files whose rows are too many to hold (items.csv, totals.csv: a row an item and user
 * count) are written row by row instead, straight to a csvout, through the same columns:
 *
 *     tables_rows r;
 *     tables_rows_open(&r, TABLES_TOTALS, out);
 *     tables_rows_text(&r, "models/aws.lua"); ... tables_rows_number(&r, 1850.5); ...
 *     tables_rows_end(&r);
 *     if (tables_rows_problem(&r)) ...   // a cell or a row that did not fit
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_TABLES_H
#define RECKON_TABLES_H

#include "table.h"

/* The result files, in the order a run publishes them. */
typedef enum tables_id {
    TABLES_ITEMS,
    TABLES_TOTALS,
    TABLES_COMPARE,
    TABLES_CROSSOVERS,
    TABLES_TIMELINE,
    TABLES_NPV,
    TABLES_BUDGETS,
    TABLES_BREAKEVEN,
    TABLES_CHANGES,
    TABLES_PAYBACK,
    TABLES_DISTRIBUTION,
    TABLES_SENSITIVITY,
    TABLES_WARNINGS,
    TABLES_ERRORS,
    TABLES_N /* how many there are; also "none" */
} tables_id;

/* One result file. */
typedef struct tables_spec {
    const char *file;            /* "compare.csv" */
    const table_column *columns; /* its header, in order */
    size_t n_columns;
} tables_spec;

/* The file id (id < TABLES_N). */
const tables_spec *tables_spec_of(tables_id id);
/* The file called file, or TABLES_N when there is none. */
tables_id tables_named(const char *file);
/* A new empty table of file id; NULL if out of memory. */
table *tables_new(tables_id id);

/* Rows of one file written as they are made: each cell in its column's format, as
 * table_write writes a table's (text as it is; money to two places; a count or rate to exactly
 * its column's places).  A cell that does not fit its column (text in a number's, a number in
 * text's, one past the last column) is not written, nor is the end of a row that is not the
 * header's width; the first refusal is kept (tables_rows_problem), and the rows are then
 * not whole: the caller keeps none of them.  The columns are looked up once, at open. */
typedef struct tables_rows {
    csvout *out;                 /* where the rows go (the caller's) */
    const table_column *columns; /* the file's, from the registry */
    size_t n_columns;
    size_t at;         /* the column of the row's next cell */
    const char *file;  /* for the problem's text */
    char problem[160]; /* the first refusal; "" while there is none */
} tables_rows;

void tables_rows_open(tables_rows *r, tables_id id, csvout *out);
/* Keeps the refusal of what ("a number", "a text"; NULL: the row's end) at r->at, unless
 * one is kept already.  For the inline functions below. */
void tables_rows_refuse(tables_rows *r, const char *what);

/* The row path is inline: a million-row sweep makes a hundred million cells, and a cell
 * costs a compare and csvout's call, as when it was written to csvout directly. */
static inline void tables_rows_text(tables_rows *r, const char *text)
{
    if (r->at < r->n_columns && r->columns[r->at].kind == TABLE_KIND_TEXT)
        csvout_text(r->out, text);
    else
        tables_rows_refuse(r, "a text");
    r->at++;
}

static inline void tables_rows_number(tables_rows *r, double x)
{
    const table_column *c = r->at < r->n_columns ? &r->columns[r->at] : NULL;
    if (!c || c->kind == TABLE_KIND_TEXT)
        tables_rows_refuse(r, "a number");
    else if (c->kind == TABLE_KIND_MONEY)
        csvout_money(r->out, x);
    else
        csvout_fixed(r->out, x, c->places);
    r->at++;
}

/* Ends the row (refused when it is not the header's width). */
static inline void tables_rows_end(tables_rows *r)
{
    if (r->at == r->n_columns)
        csvout_end_row(r->out);
    else
        tables_rows_refuse(r, NULL);
    r->at = 0;
}
/* The first cell or row refused ("items.csv: a number in column 4 (item), a text
 * column"), or NULL when there was none. */
const char *tables_rows_problem(const tables_rows *r);

#endif
