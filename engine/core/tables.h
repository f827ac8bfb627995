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
 * This file knows nothing of Lua.
 */
#ifndef RECKON_TABLES_H
#define RECKON_TABLES_H

#include "table.h"

/* The result files, in the order a run publishes them. */
typedef enum tables_id {
    TABLES_ITEMS, TABLES_TOTALS, TABLES_COMPARE, TABLES_CROSSOVERS, TABLES_TIMELINE,
    TABLES_NPV, TABLES_BUDGETS, TABLES_BREAKEVEN, TABLES_CHANGES, TABLES_DISTRIBUTION,
    TABLES_SENSITIVITY, TABLES_ERRORS,
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

#endif
