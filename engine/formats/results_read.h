/*
 * results_read: a run's finished CSV file read back, row by row, with each cell typed by
 * its column in the registry (tables.h): the way every other format gets the CSV's own
 * numbers.
 *
 *     static bool row(void *ctx, const results_cell *cells, size_t n) { ...; return true; }
 *     core_error e;
 *     if (!results_read(in->tables[TABLES_TOTALS], TABLES_TOTALS, row, ctx, &e)) ...
 *
 * The file is streamed (libcsv, strict): a row at a time, whatever its length.  The header
 * must be the registry's, and every row as wide; a number column's cell must be empty or
 * a plain decimal (csvin_number).  A text cell that csvout guarded against a spreadsheet's
 * formulas (a leading "'" before '=', '+', '-', '@', a tab or a CR) is given as it was
 * before it was guarded.  fn returning false stops the read (then false, err untouched
 * unless fn filled it).
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_RESULTS_READ_H
#define RECKON_RESULTS_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "tables.h"

typedef struct results_cell {
    const char *text; /* the cell's text, NUL-terminated (valid during the call only) */
    size_t len;       /* its bytes */
    bool empty;       /* "" */
    double number;    /* a number column's value when not empty; else 0 */
} results_cell;

/* cells: one per column of the registry's header, in order. */
typedef bool (*results_row_fn)(void *ctx, const results_cell *cells, size_t n);

bool results_read(const char *path, tables_id id, results_row_fn fn, void *ctx, core_error *err);

/* The rows of the CSV file at path below its header (its line breaks outside quotes, the
 * header's aside), read fast without parsing the cells; false with err when it cannot be
 * read. */
bool results_count_rows(const char *path, size_t *rows, core_error *err);

/* The index of the column called name in table id's header, or -1. */
int results_column(tables_id id, const char *name);

#endif
