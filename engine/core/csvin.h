/*
 * csvin: a CSV input file (a price table, a growth projection) read strictly, with every
 * fault named by file, line and column.
 *
 *     csvin_table t;
 *     csvin_error err;
 *     if (!csvin_parse(text, len, "prices.csv", &t, &err)) {
 *         fprintf(stderr, "%s\n", err.error.msg);   // "prices.csv:4:12: unterminated quoted field"
 *     } else {
 *         for (size_t r = 0; r < t.n_rows; r++)
 *             printf("%s = %s\n", t.header[0], t.cells[r * t.n_columns]);
 *         csvin_free(&t);
 *     }
 *
 *     double x;
 *     csvin_number("1234.50", &x);   // true, 1234.5
 *     csvin_number("1,234.50", &x);  // false: not a plain decimal
 *
 * The format (RFC 4180, parsed by libcsv in strict mode):
 *   - The first row is the header: it names the columns, each name non-empty, without a
 *     leading or trailing space or tab, and different from the others.  Every later row
 *     has exactly as many fields as the header.
 *   - A field is quoted ("a, b") or not (a b).  Inside quotes a quote is written "", and a
 *     comma or line break is part of the field; a line break written CRLF inside quotes
 *     reads as LF, so a file reads the same with either line ending.  A quote inside an
 *     unquoted field, or anything but a comma or line end after a closing quote, is an
 *     error; so is a quote left open at the end of the file.
 *   - Spaces are part of a field: nothing is trimmed ("a, b" has the fields "a" and " b").
 *   - Rows end in LF, CRLF or a lone CR; the last row needs no line end.  Blank lines are
 *     skipped (so a one-column file cannot hold an empty field).
 *   - A UTF-8 byte order mark at the start is skipped; UTF-16 is refused, as is a NUL byte
 *     anywhere.
 *   - Limits: CSVIN_MAX_FIELD bytes a field, CSVIN_MAX_COLUMNS columns, CSVIN_MAX_ROWS data
 *     rows, CSVIN_MAX_CELLS data cells.
 *
 * Positions: lines count from 1 (LF, CRLF and a lone CR each end one); columns count
 * characters from 1 (a UTF-8 sequence is one character), after the byte order mark.
 *
 * Numbers (csvin_number): only a plain decimal, as reckon's own CSV files and a
 * spreadsheet's CSV export write it: an optional '-', digits with an optional '.' and
 * fraction (at least one digit before or after the point: "5", "5.", ".5", "-0.25"), and
 * an optional exponent e or E with an optional sign and digits ("1.5e6", "2E-3").  Nothing
 * else: no leading '+', no spaces, no thousands separators ("1,234.50"), no currency ("$5"),
 * no percent ("12%"), no accountants' negatives ("(12.50)"), no nan or inf, no hex, and
 * nothing that overflows a double (1e999).  The decimal point is '.' whatever the locale.
 * "-0" reads as 0.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_CSVIN_H
#define RECKON_CSVIN_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define CSVIN_MAX_FIELD 65536   /* bytes in one field (after unquoting) */
#define CSVIN_MAX_COLUMNS 1024  /* fields in the header */
#define CSVIN_MAX_ROWS 1000000  /* data rows (the header not counted) */
#define CSVIN_MAX_CELLS 4000000 /* data cells: rows x columns */

/* Why a parse failed, and where. */
typedef struct csvin_error {
    core_error error; /* msg: "name:line:column: what is wrong" (or "name: ..." with no place) */
    size_t line;      /* line of the fault, from 1; 0 when it has no place (out of memory) */
    size_t column;    /* column of the fault in characters, from 1; 0 with no place */
} csvin_error;

/* A parsed file: a header and rows of text cells, each with its place in the file. */
typedef struct csvin_table {
    size_t n_columns;    /* fields a row: the header's count (>= 1) */
    char **header;       /* n_columns column names, NUL-terminated */
    size_t n_rows;       /* data rows, the header not counted (may be 0) */
    char **cells;        /* row-major n_rows * n_columns cells, NUL-terminated, unquoted */
    size_t *row_line;    /* n_rows: the file line each data row starts on */
    size_t *cell_line;   /* row-major: the line each cell starts on (a quoted line break
                            earlier in its row moves it below row_line) */
    size_t *cell_column; /* row-major: the column each cell starts on (its opening quote,
                            if it is quoted) */
    size_t header_line;  /* the line the header starts on (1 unless blank lines precede) */
    char *storage;       /* the text of every name and cell; header and cells point in */
} csvin_table;

/*
 * Parses len bytes of text (need not be NUL-terminated) read from the file called name
 * (used in messages only).  On success fills out (free it with csvin_free) and returns
 * true; on failure leaves out empty, fills err and returns false.
 */
bool csvin_parse(const char *text, size_t len, const char *name, csvin_table *out,
                 csvin_error *err);

/* Frees what the table holds and empties it; safe on an empty table and twice. */
void csvin_free(csvin_table *t);

/*
 * true and the value in *out when cell is a plain decimal number (see above), read the
 * same in every locale; false (and *out untouched) otherwise.  NULL is not a number.
 */
bool csvin_number(const char *cell, double *out);

#define CSVIN_EXCERPT_MAX 176 /* room for any excerpt csvin_excerpt writes, with its NUL */

/*
 * Writes text as a message may quote it into buf (size bytes, at most CSVIN_EXCERPT_MAX
 * needed): its first 40 bytes or so (cut between characters, then "..."), with control
 * characters written \n, \r, \t or \xHH.
 */
void csvin_excerpt(const char *text, char *buf, size_t size);

#endif
