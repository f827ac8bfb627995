/*
 * table: rows of cells held in memory, for the result files of an analysis (compare,
 * crossovers, timeline, budgets, changes ...).  The analysis fills tables without knowing
 * about files; the command line writes each to CSV with csvout.  The tables of a run and
 * their columns are registered in tables.h; a table is made from its columns:
 *
 *     static const table_column cols[] = {{"option", TABLE_KIND_TEXT, 0},
 *                                         {"budget", TABLE_KIND_MONEY, 0},
 *                                         {"month", TABLE_KIND_MONTH, 0}};
 *     table *t = table_new("budgets.csv", cols, 3);
 *     table_text(t, "AWS ECS"); table_number(t, 500); table_never(t); table_end_row(t);
 *     table_write(t, out);   // through a csvout
 *
 * A column says how its cells are written: text; money, to exactly two places; a count, a
 * rate or a month, to exactly the column's places.  A cell may also be empty, or "never" in
 * a count or month column (a month or user count that is not reached), which is written
 * empty too: a number column holds numbers or nothing, never a word, so that a spreadsheet
 * reads the whole column as numbers.  What "never" says is kept in a flag column instead:
 * a column of kind TABLE_KIND_FLAG that reports another (by name) holds 1 where that
 * column has a number, 0 where it is never, and is empty where it is empty.  Flags come
 * after every other column and are filled by table_end_row: a row's cells are the others'.
 * A cell that does not fit its column, or a row that is not the header's width, is
 * refused: the table is failed and table_problem says which.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_TABLE_H
#define RECKON_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "csvout.h"

/* What a column holds, and so how its cells are written and which cells it takes. */
typedef enum table_kind {
    TABLE_KIND_TEXT,  /* words (a model, an option, a note): table_text */
    TABLE_KIND_MONEY, /* dollars, always two places: table_number */
    TABLE_KIND_COUNT, /* users, a rank, a number of months: table_number or table_never */
    TABLE_KIND_RATE,  /* a probability, a rate, a ratio, an amount a unit: table_number */
    TABLE_KIND_MONTH, /* a month of a timeline: table_number or table_never */
    TABLE_KIND_FLAG   /* 1, 0 or empty: whether the column it reports is reached (filled
                         by table_end_row) */
} table_kind;

/* One column of a table's header. */
typedef struct table_column {
    const char *name;    /* the header's cell: "npv_low" */
    table_kind kind;     /* what it holds */
    int places;          /* count, rate, month: the decimals written, always that many; text,
                            money and flag: 0 */
    const char *reports; /* a flag: the name of the column whose "never" it says; else NULL */
} table_column;

typedef struct table table;

/* A new table named name ("compare.csv") with n columns, which are borrowed: they outlive the
 * table (the registry's are static).  NULL if out of memory. */
table *table_new(const char *name, const table_column *columns, size_t n);
void table_free(table *t); /* NULL is allowed */

/* Appending cells to the current row, each in its column's format; false (and the table
 * marked failed) out of memory or when the cell does not fit the column.  A number that is
 * not finite is never written: the cell is left empty and table_problem says which it was,
 * for the run to fail with. */
bool table_text(table *t, const char *text);
bool table_number(table *t, double x);
bool table_never(table *t);
bool table_empty(table *t);
/* Ends the row; a row that is not the header's width is refused (dropped, the table failed,
 * table_problem naming the table and both widths). */
bool table_end_row(table *t);

const char *table_name(const table *t);
size_t table_rows(const table *t); /* the rows ended */
size_t table_columns(const table *t);
bool table_failed(const table *t); /* some append ran out of memory, or was refused */
/* The first thing wrong: a number that was not finite ("npv.csv: npv_low is beyond the
 * largest number (over 1.8e308) at analysis "a", option "AWS""), or a cell or row refused;
 * NULL when there is none. */
const char *table_problem(const table *t);

/* Writes the header to out. */
void table_write_header(const table_column *columns, size_t n, csvout *out);
/* Writes the header and every row to out. */
void table_write(const table *t, csvout *out);
/* Writes only the rows: tables of one name from several runs go under one header. */
void table_write_rows(const table *t, csvout *out);

#endif
