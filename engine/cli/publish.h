/*
 * publish: a run's final set of files, made as temporary files beside their final names
 * and put in place together, or none of them (merge.c fills them, formats.c adds the
 * files made from them).  The set is the registry's tables (tables.h) and the files beside
 * them: findings.txt, run.json, results.json, reckon.xlsx, report.html.  A table with no
 * rows is not written; a file of the set that this run did not make is removed from the
 * folder as the others are put in place, so the folder holds one run's files, never a mix.
 * Only these names are ever touched.
 */
#ifndef RECKON_PUBLISH_H
#define RECKON_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>

#include "csvout.h"
#include "tables.h"

/* The files beside the tables, after them in the set. */
typedef enum publish_extra {
    PUBLISH_FINDINGS = TABLES_N, /* findings.txt */
    PUBLISH_RUN_JSON,            /* run.json */
    PUBLISH_RESULTS_JSON,        /* results.json */
    PUBLISH_XLSX,                /* reckon.xlsx */
    PUBLISH_HTML,                /* report.html */
    PUBLISH_N                    /* the size of the set */
} publish_extra;

/* The set being made: a file not (yet) made by this run is NULL. */
struct final_files {
    csvout *files[PUBLISH_N]; /* by tables_id, then publish_extra */
    bool has_rows[TABLES_N];  /* a row was written below the header */
};
typedef struct final_files final_files;

/* The name of file i of the set ("totals.csv", "report.html"). */
const char *publish_name(size_t i);

/* Opens the tables, each with its header: the Monte Carlo ones only when sampled. */
bool publish_open_tables(final_files *ff, const char *dir, bool sampled, char *err,
                         size_t err_size);
/* Opens file i (a file beside the tables) for its writer. */
bool publish_open(final_files *ff, const char *dir, size_t i, char *err, size_t err_size);
/* The table a part's section of rows belongs to, or NULL (errors.csv is the parent's own). */
csvout *publish_table_for(final_files *ff, const char *name);
/* Flushes and syncs the tables, dropping those with no rows; on failure removes all. */
bool publish_finish_tables(final_files *ff, char *err, size_t err_size);
/* Flushes and syncs file i; on failure removes all. */
bool publish_finish(final_files *ff, size_t i, char *err, size_t err_size);
/* Drops file i: it is not published (and an earlier run's of that name is removed). */
void publish_drop(final_files *ff, size_t i);
/* Puts every finished file of ff in place and removes the set's other files from dir, or
 * changes nothing; ff is emptied either way. */
bool publish_all(final_files *ff, const char *dir, char *err, size_t err_size);
/* Removes every temporary file of ff. */
void publish_abort(final_files *ff);

#endif
