/*
 * csvout: one CSV file written atomically, RFC 4180, through libcsv.
 *
 *     char err[256];
 *     csvout *out = csvout_open("out", "totals.csv", err, sizeof err);
 *     csvout_text(out, "model"); csvout_text(out, "low"); csvout_end_row(out);
 *     csvout_text(out, "models/aws.lua"); csvout_money(out, 1850); csvout_end_row(out);
 *     if (!csvout_commit(out, err, sizeof err)) fprintf(stderr, "%s\n", err);
 *
 * Rows go to a temporary file in the same folder (.NAME.PID.XXXXXX), locked (flock,
 * exclusive) from its creation until it is renamed or removed, so that a cleanup of dead
 * runs' temporary files (csvout_remove_if_dead) never takes a live one's; commit flushes it
 * to disk, renames it over the final name and syncs the folder, so a reader sees the old file or
 * the new one, never a half-written one.  abort removes the temporary file.  Text cells are quoted
 * only when they must be: a ',', a quote or a line break in them, a space at either end, and a
 * ';' or a tab (which LibreOffice's import also splits on by default); a text cell starting
 * with '=', '+', '-', '@', a tab or a carriage return gets a leading "'" so that a
 * spreadsheet does not run it as a formula.  Lines end in CRLF as RFC 4180 says.  Numbers
 * are written by numfmt, with '.' whatever the locale.  A cell that cannot be written as it
 * is, a number that is not finite or text holding a NUL byte, is never written empty or
 * cut short: commit (or finish) refuses the whole file and says why.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_CSVOUT_H
#define RECKON_CSVOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

typedef struct csvout csvout;

/* Starts DIR/NAME (DIR must exist).  NULL with a message in err on failure. */
csvout *csvout_open(const char *dir, const char *name, core_error *err);

void csvout_text(csvout *out, const char *text); /* NULL: an empty cell */
void csvout_text_len(csvout *out, const char *text, size_t len);
void csvout_money(csvout *out, double dollars);              /* rounded to cents: 2 decimals */
void csvout_number(csvout *out, double x, int max_decimals); /* rounded, trailing zeros trimmed */
void csvout_fixed(csvout *out, double x, int decimals);      /* rounded, exactly that many */
void csvout_end_row(csvout *out);
/* About how many bytes out has written so far (for a cap on what one model may write). */
size_t csvout_bytes(const csvout *out);

/* A number of bytes that several files may write between them (one model's rows). */
typedef struct csvout_cap {
    size_t left; /* bytes that may still be written */
    bool hit;    /* a write was refused for want of them */
} csvout_cap;
/* Charges every later write of out to cap (which must outlive out): a write past what is
 * left is refused, as is every write after it, and commit (or finish) refuses the file. */
void csvout_set_cap(csvout *out, csvout_cap *cap);

/* Makes the file visible under its final name and frees out, whether it succeeds or not:
 * csvout_finish then csvout_publish. */
bool csvout_commit(csvout *out, core_error *err);

/* Flushes, syncs and closes the temporary file, keeping its name: several files can be
 * finished first and published together, so that a failure leaves every old file whole.
 * On failure removes it and frees out. */
bool csvout_finish(csvout *out, core_error *err);
/* Renames a finished file over its final name and syncs the folder; frees out. */
bool csvout_publish(csvout *out, core_error *err);

/* Rows written to a stream the caller owns and closes (a worker's part of a run): commit
 * flushes it, abort forgets it. */
csvout *csvout_stream(FILE *stream);

/* The temporary file's stream, for a file of another format written through the same
 * atomic publish (run.json, reckon.xlsx): write to it with stdio, then finish and publish
 * as for a CSV.  NULL for a stream.  What csvout gathered is handed to it first. */
FILE *csvout_file(csvout *out);
/* The temporary file's path, where a finished file can be read back before it is
 * published; NULL for a stream. */
const char *csvout_temp_path(const csvout *out);

/* Appends bytes as they are (rows already written as CSV elsewhere). */
void csvout_raw(csvout *out, const char *bytes, size_t len);

/* Removes the file at path, a temporary file of csvout's, when no live csvout holds it
 * (its lock can be taken); true when it was removed. */
bool csvout_remove_if_dead(const char *path);

/* Removes the temporary file and frees out.  NULL is allowed. */
void csvout_abort(csvout *out);

#endif
