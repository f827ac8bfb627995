/*
 * table: rows of cells held in memory, for the result files of an analysis (compare,
 * crossovers, timeline, budgets, changes ...).  The analysis fills tables without knowing
 * about files; the command line writes each to CSV with csvout.
 *
 *     table *t = table_new("budgets.csv", (const char *[]){"option", "budget", "month", NULL});
 *     table_text(t, "AWS ECS"); table_number(t, 500, 2); table_never(t); table_end_row(t);
 *     table_write(t, out);   // through a csvout
 *
 * A number cell keeps its value and how many decimals to write (trailing zeros trimmed;
 * TABLE_MONEY for exactly two).  A cell may also be "never" (a month or user count that is
 * not reached) or empty.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_TABLE_H
#define RECKON_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "csvout.h"

#define TABLE_MONEY (-2) /* decimals: always two, as money */

typedef struct table table;

/* A new table named name ("compare.csv") with a NULL-terminated header; NULL if out of memory. */
table *table_new(const char *name, const char *const header[]);
void table_free(table *t); /* NULL is allowed */

/* Appending cells to the current row; false (and the table marked failed) out of memory.  A
 * number that is not finite is never written: the cell is left empty and table_problem says
 * which it was, for the run to fail with. */
bool table_text(table *t, const char *text);
bool table_number(table *t, double x, int decimals);
bool table_never(table *t);
bool table_empty(table *t);
bool table_end_row(table *t);

const char *table_name(const table *t);
size_t table_rows(const table *t);
size_t table_columns(const table *t);
bool table_failed(const table *t); /* some append ran out of memory */
/* The first number that was not finite ("npv.csv: npv_low is beyond the largest number (over
 * 1.8e308) at analysis "a", option "AWS""), or NULL. */
const char *table_problem(const table *t);

/* How a cell is written. */
typedef enum table_cell_kind { TABLE_TEXT, TABLE_NUMBER, TABLE_NEVER, TABLE_EMPTY } table_cell_kind;

/* Writes the header and every row to out. */
void table_write(const table *t, csvout *out);
/* Writes only the rows: tables of one name from several runs go under one header. */
void table_write_rows(const table *t, csvout *out);

#endif
