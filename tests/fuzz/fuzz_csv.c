/*
 * fuzz_csv: libFuzzer harness for the CSV reader (csvin).
 *
 *     cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DRECKON_FUZZ=ON
 *     cmake --build build-fuzz --target fuzz_csv
 *     build-fuzz/tests/fuzz/fuzz_csv -max_total_time=60 corpus-copy/
 *
 * (tests/fuzz/run.sh does all of that.)  The input bytes are the file, exactly: libFuzzer
 * hands them over in a buffer of their own length with no NUL after them, so a read past
 * `len` is an AddressSanitizer report.  They are also read as one number (up to the first
 * NUL or 64 bytes), so that csvin_number is fuzzed when the file does not parse.
 *
 * Contracts checked (abort() on a breach, so that the fuzzer keeps the input), as csvin.h
 * states them:
 *   - csvin_parse either fails with a message, a place within the text (or none: line 0)
 *     and the table left empty, or gives a table: 1..CSVIN_MAX_COLUMNS columns, header names
 *     non-empty, distinct and not starting or ending in a space or tab, n_columns cells a
 *     row, at most CSVIN_MAX_ROWS rows; no NUL in a text that parses; rows on strictly
 *     increasing lines after the header's, each cell on its row's line or below, columns
 *     from 1 and increasing along a line;
 *   - csvin_number: a success gives a finite double, only for a plain decimal (optional
 *     '-', digits with an optional point, an optional exponent), and then the double
 *     strtod gives (correctly rounded, in the "C" locale);
 *     every plain decimal that strtod reads as a finite double without ERANGE succeeds;
 *     "-0" reads as 0 (no negative zero); a failure leaves *out untouched;
 *   - csvin_free releases it all (LeakSanitizer reports what it misses) and is safe twice.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_NAME "fuzz_csv"
#include "fuzz_check.h"

/* Whether s is a plain decimal as csvin.h defines it: -?(d+.?d*|.d+)([eE][+-]?d+)? */
static bool plain_decimal(const char *s)
{
    size_t digits = 0;
    if (*s == '-')
        s++;
    for (; *s >= '0' && *s <= '9'; s++)
        digits++;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            digits++;
    if (digits == 0)
        return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

/* csvin_number's contract on one string. */
static void check_number(const char *cell)
{
    const double untouched = -12345.678;
    double v = untouched;
    bool ok = csvin_number(cell, &v);
    errno = 0;
    char *end;
    double ref = strtod(cell, &end); /* the "C" locale: a fuzzer never calls setlocale */
    bool representable = plain_decimal(cell) && isfinite(ref) && errno != ERANGE;
    if (!ok) {
        CHECK(v == untouched, "csvin_number(\"%s\") failed but wrote %g", cell, v);
        CHECK(!representable, "csvin_number(\"%s\") refused a plain decimal (strtod: %.17g)", cell,
              ref);
        return;
    }
    CHECK(isfinite(v), "csvin_number(\"%s\") succeeded with %g", cell, v);
    CHECK(!(v == 0 && signbit(v)), "csvin_number(\"%s\") gave a negative zero", cell);
    CHECK(plain_decimal(cell), "csvin_number(\"%s\") took what is not a plain decimal (%.17g)",
          cell, v);
    CHECK(v == ref || (v == 0 && ref == 0), "csvin_number(\"%s\") is %.17g, strtod %.17g", cell, v,
          ref);
}

/* The lines of text: one more than its line feeds. */
static size_t count_lines(const char *text, size_t len)
{
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
    return lines;
}

static void check_table(const csvin_table *t, const char *text, size_t len)
{
    CHECK(memchr(text, '\0', len) == NULL, "a text with a NUL byte parsed");
    CHECK(t->n_columns >= 1 && t->n_columns <= CSVIN_MAX_COLUMNS && t->header != NULL,
          "a table of %zu columns", t->n_columns);
    size_t lines = count_lines(text, len);
    CHECK(t->header_line >= 1 && t->header_line <= lines, "the header is on line %zu of %zu",
          t->header_line, lines);
    for (size_t c = 0; c < t->n_columns; c++) {
        const char *name = t->header[c];
        CHECK(name != NULL && name[0] != '\0', "column %zu has no name", c + 1);
        size_t n = strlen(name);
        CHECK(n <= len, "column %zu's name is longer than the text", c + 1);
        CHECK(name[0] != ' ' && name[0] != '\t' && name[n - 1] != ' ' && name[n - 1] != '\t',
              "column %zu's name \"%s\" starts or ends in a space", c + 1, name);
        for (size_t d = 0; d < c; d++)
            CHECK(strcmp(name, t->header[d]) != 0, "columns %zu and %zu are both \"%s\"", d + 1,
                  c + 1, name);
        check_number(name);
    }
    CHECK(t->n_rows <= CSVIN_MAX_ROWS && t->n_rows <= len, "%zu rows from %zu bytes", t->n_rows,
          len);
    if (t->n_rows == 0)
        return;
    CHECK(t->cells != NULL && t->row_line != NULL && t->cell_line != NULL && t->cell_column != NULL,
          "%zu rows but no cells or places", t->n_rows);
    for (size_t r = 0; r < t->n_rows; r++) {
        CHECK(t->row_line[r] > t->header_line && t->row_line[r] <= lines,
              "row %zu is on line %zu of %zu (the header is on line %zu)", r + 1, t->row_line[r],
              lines, t->header_line);
        CHECK(r == 0 || t->row_line[r] > t->row_line[r - 1],
              "row %zu is on line %zu, row %zu on line %zu", r, t->row_line[r - 1], r + 1,
              t->row_line[r]);
        for (size_t c = 0; c < t->n_columns; c++) {
            size_t k = r * t->n_columns + c;
            const char *cell = t->cells[k];
            CHECK(cell != NULL, "row %zu, column %zu has no cell", r + 1, c + 1);
            CHECK(strlen(cell) <= len && strlen(cell) <= CSVIN_MAX_FIELD,
                  "row %zu, column %zu is longer than the text", r + 1, c + 1);
            CHECK(t->cell_line[k] >= t->row_line[r] && t->cell_line[k] <= lines &&
                      (c > 0 || t->cell_line[k] == t->row_line[r]) &&
                      (c == 0 || t->cell_line[k] >= t->cell_line[k - 1]),
                  "row %zu (line %zu), cell %zu is on line %zu", r + 1, t->row_line[r], c + 1,
                  t->cell_line[k]);
            CHECK(t->cell_column[k] >= 1 && (c == 0 || t->cell_line[k] != t->cell_line[k - 1] ||
                                             t->cell_column[k] > t->cell_column[k - 1]),
                  "row %zu, cell %zu starts at line %zu, column %zu", r + 1, c + 1, t->cell_line[k],
                  t->cell_column[k]);
            check_number(cell);
        }
        CHECK(r + 1 == t->n_rows || t->row_line[r + 1] >= t->cell_line[(r + 1) * t->n_columns - 1],
              "row %zu starts on line %zu, above row %zu's last cell", r + 2, t->row_line[r + 1],
              r + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;

    char number[65];
    size_t n = size < 64 ? size : 64;
    memcpy(number, data, n);
    number[n] = '\0';
    check_number(number);
    double v = 0;
    CHECK(!csvin_number(NULL, &v), "csvin_number(NULL) succeeded");

    csvin_table t;
    memset(&t, 0xA5, sizeof t); /* csvin_parse must fill it either way */
    csvin_error err;
    memset(&err, 0, sizeof err);
    if (!csvin_parse(text, size, "fuzz.csv", &t, &err)) {
        CHECK(err.error.msg[0] != '\0', "csvin_parse failed without a message");
        size_t lines = count_lines(text, size);
        CHECK(err.line <= lines && (err.line == 0) == (err.column == 0),
              "csvin_parse failed at line %zu (of %zu), column %zu: %s", err.line, lines,
              err.column, err.error.msg);
        CHECK(t.n_columns == 0 && t.n_rows == 0 && t.header == NULL && t.cells == NULL &&
                  t.storage == NULL,
              "csvin_parse failed but left a table of %zu columns and %zu rows", t.n_columns,
              t.n_rows);
        csvin_free(&t);
        return 0;
    }
    check_table(&t, text, size);
    csvin_free(&t);
    csvin_free(&t);
    return 0;
}
