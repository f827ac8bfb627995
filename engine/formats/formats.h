/*
 * formats: the files a run writes beside its CSVs, each made from the run's finished CSV
 * files (read back through results_read.h) and its facts, so that every number in them is
 * the CSV's number:
 *
 *     run.json      what ran (format_run_json)
 *     results.json  every table, the findings, the warnings and errors (format_json)
 *     reckon.xlsx   every table a sheet, a first sheet in words, a chart sheet per analysis
 *                   (format_xlsx)
 *     report.html   one offline file: findings, charts, key tables (format_html)
 *
 * A writer writes the whole file to `out` (a temporary file the caller publishes with the
 * CSVs, or removes); false with a message in err when it cannot, and then the run replaces
 * no file.  A writer never writes the time, the host or anything else that changes between
 * two identical runs: same input, same bytes.
 *
 * This layer knows nothing of Lua; it calls the core and its libraries only.
 */
#ifndef RECKON_FORMATS_H
#define RECKON_FORMATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "tables.h"

/* One model of the run. */
typedef struct format_model {
    const char *path;   /* as the CSVs' model column names it (relative to the run root) */
    const char *file;   /* its path as given or found (models/aws.lua) */
    const char *sha256; /* its bytes' SHA-256, 64 lowercase hex digits */
    bool ok;            /* it succeeded (else errors.csv says why) */
} format_model;

/* What ran. */
typedef struct run_facts {
    const char *version;     /* reckon's, "0.1.0" */
    const char *const *args; /* reckon run's arguments as given (after "run") */
    size_t n_args;
    uint64_t seed;              /* --seed (the default when not given) */
    size_t samples;             /* --samples, 0 without Monte Carlo */
    const format_model *models; /* in run order */
    size_t n_models;
    size_t n_failed;
    const char *findings; /* findings.txt's text: the summary in words, UTF-8, "\n" lines */
} run_facts;

/* What a writer reads. */
typedef struct format_input {
    const char *tables[TABLES_N]; /* each table's finished CSV file, NULL when the run wrote
                                     none (no rows) */
    const run_facts *facts;
    const char *work; /* a private folder for scratch files, removed after the run */
} format_input;

typedef bool (*format_writer)(const format_input *in, FILE *out, core_error *err);

/* run.json's object, also results.json's "run" (format_run.c); NULL out of memory or on text
 * that is not UTF-8. */
struct json_t *format_run_object(const run_facts *f);

bool format_run_json(const format_input *in, FILE *out, core_error *err);
bool format_json(const format_input *in, FILE *out, core_error *err);
bool format_xlsx(const format_input *in, FILE *out, core_error *err);
bool format_html(const format_input *in, FILE *out, core_error *err);

#endif
