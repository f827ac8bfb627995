/*
 * csvin: a CSV input file parsed by libcsv in strict mode, with positions.
 *
 * libcsv reports fields and rows through callbacks but never says where they are.  The
 * text is therefore fed to it in pieces that end just after a comma, a CR or an LF (or
 * after CHUNK bytes with none of them): libcsv calls back only on those bytes, so every
 * callback comes from the last byte of the piece being fed, and the field it reports
 * started just after the previous field's comma, or at the first byte that is not a CR
 * or LF after the previous row's line end (libcsv skips blank lines, and with a space
 * function that calls nothing a space it skips nothing else).  A strict parse error is at
 * the offset csv_parse returns, and the parser's public field `quoted` says which kind it
 * is; an unterminated quote is found by csv_fini (CSV_STRICT_FINI) at the end, and its
 * field began at its opening quote.  csv_fini is never called after an error: it would
 * report the truncated row and clear the error.  A field growing past CSVIN_MAX_FIELD is
 * caught between pieces from the parser's public field `entry_pos` (its bytes so far).
 *
 * Every name and cell is copied into one block (storage) of len + 1 bytes: a field's
 * text is never longer than its bytes in the file, and its NUL takes the place of the
 * comma or line end after it (the last field of a file may end at the end instead: + 1).
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "budget.h"
#include "csvin.h"
#include "names.h"

#define CHUNK 4096 /* most bytes fed to libcsv at once, so that a long field is caught early */

/* Names or cells being collected, with where each starts. */
typedef struct cell_list {
    char **text;    /* into the parser's storage */
    size_t *line;   /* line each starts on */
    size_t *column; /* column each starts on */
    size_t count;   /* entries used */
    size_t cap;     /* entries allocated in each array */
} cell_list;

/* The state shared with libcsv's callbacks. */
typedef struct parser {
    const unsigned char *text; /* the file, after its byte order mark */
    size_t len;                /* bytes at text */
    const char *name;          /* the file's name, for messages */
    csvin_error *err;          /* where the first fault goes */
    bool failed;               /* a fault was recorded: callbacks do nothing more */

    char *storage; /* len + 1 bytes: every name and cell, NUL-terminated */
    size_t used;   /* bytes of storage used */

    size_t trigger;     /* offset of the byte libcsv is on when it calls back */
    size_t field_start; /* offset where the next field starts (see after_row) */
    bool after_row;     /* field_start is just after a line end: skip CRs and LFs */

    size_t at; /* locate's cursor: an offset, and its line and column */
    size_t at_line, at_column;

    size_t row_fields; /* fields seen so far in the row being read */
    size_t row_line;   /* where the row being read starts */
    size_t row_column;

    bool header_done;        /* the header row has ended */
    size_t n_columns;        /* the header's fields, once header_done */
    size_t header_line;      /* the line the header starts on */
    cell_list header;        /* the names */
    cell_list cells;         /* the data cells, row-major */
    size_t *row_lines;       /* the line each data row starts on */
    size_t n_rows, rows_cap; /* data rows, and entries allocated at row_lines */
} parser;

/* The line and column of offset pos (forward from the last call, or from the start). */
static void locate(parser *p, size_t pos, size_t *line, size_t *column)
{
    if (pos < p->at)
        p->at = 0, p->at_line = 1, p->at_column = 1;
    for (; p->at < pos && p->at < p->len; p->at++) {
        unsigned char c = p->text[p->at];
        bool crlf = c == '\r' && p->at + 1 < p->len && p->text[p->at + 1] == '\n';
        if (c == '\n' || (c == '\r' && !crlf))
            p->at_line++, p->at_column = 1;
        else if (!crlf && (c & 0xC0) != 0x80) /* a UTF-8 continuation byte adds nothing */
            p->at_column++;
    }
    *line = p->at_line;
    *column = p->at_column;
}

/* Records the first fault: "name:line:column: message", or "name: message" at line 0. */
static void vfail_place(parser *p, size_t line, size_t column, const char *fmt, va_list ap)
{
    if (p->failed)
        return;
    p->failed = true;
    csvin_error *e = p->err;
    e->line = line;
    e->column = column;
    char *msg = e->error.msg;
    size_t size = sizeof e->error.msg;
    e->error.located = false;
    int n = line ? snprintf(msg, size, "%s:%zu:%zu: ", p->name, line, column)
                 : snprintf(msg, size, "%s: ", p->name);
    if (n >= 0 && (size_t)n < size)
        vsnprintf(msg + n, size - (size_t)n, fmt, ap);
}

static void fail_place(parser *p, size_t line, size_t column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail_place(p, line, column, fmt, ap);
    va_end(ap);
}

/* A fault at byte offset pos. */
static void fail_at(parser *p, size_t pos, const char *fmt, ...)
{
    size_t line, column;
    locate(p, pos, &line, &column);
    va_list ap;
    va_start(ap, fmt);
    vfail_place(p, line, column, fmt, ap);
    va_end(ap);
}

static void out_of_memory(parser *p)
{
    fail_place(p, 0, 0, "out of memory");
}

/* The offset where the current field started. */
static size_t field_start(parser *p)
{
    if (p->after_row) {
        while (p->field_start < p->len &&
               (p->text[p->field_start] == '\r' || p->text[p->field_start] == '\n'))
            p->field_start++;
        p->after_row = false;
    }
    return p->field_start;
}

static bool list_push(cell_list *list, char *text, size_t line, size_t column)
{
    /* the three arrays grow alike; one grown when another fails is just grown again */
    size_t cap_text = list->cap, cap_line = list->cap, cap_column = list->cap;
    if (!budget_grow_from((void **)&list->text, list->count, &cap_text, sizeof *list->text, 16) ||
        !budget_grow_from((void **)&list->line, list->count, &cap_line, sizeof *list->line, 16) ||
        !budget_grow_from((void **)&list->column, list->count, &cap_column, sizeof *list->column,
                          16))
        return false;
    list->cap = cap_text;
    list->text[list->count] = text;
    list->line[list->count] = line;
    list->column[list->count] = column;
    list->count++;
    return true;
}

static void list_free(cell_list *list)
{
    budget_free(list->text);
    budget_free(list->line);
    budget_free(list->column);
    memset(list, 0, sizeof *list);
}

/* A copy of a field's len bytes in storage, a CRLF inside it read as LF; NULL if it does
 * not fit (which the size of storage rules out). */
static char *store(parser *p, const char *data, size_t len)
{
    if (!data)
        len = 0;
    if (len >= p->len + 1 - p->used)
        return NULL;
    char *copy = p->storage + p->used, *o = copy;
    for (size_t i = 0; i < len; i++)
        if (!(data[i] == '\r' && i + 1 < len && data[i + 1] == '\n'))
            *o++ = data[i];
    *o++ = '\0';
    p->used = (size_t)(o - p->storage);
    return copy;
}

/* libcsv's field callback. */
static void on_field(void *data, size_t len, void *arg)
{
    parser *p = arg;
    if (p->failed)
        return;
    size_t line, column;
    locate(p, field_start(p), &line, &column);
    p->field_start = p->trigger + 1; /* the next field: just after this comma or line end */
    if (p->row_fields++ == 0)
        p->row_line = line, p->row_column = column;
    cell_list *list = p->header_done ? &p->cells : &p->header;
    if (len > CSVIN_MAX_FIELD)
        fail_place(p, line, column, "field is longer than %d bytes", CSVIN_MAX_FIELD);
    else if (!p->header_done && p->row_fields > CSVIN_MAX_COLUMNS)
        fail_place(p, line, column, "the header has more than %d columns", CSVIN_MAX_COLUMNS);
    else if (p->header_done && p->row_fields > p->n_columns)
        return; /* counted: the row's end reports it */
    else if (p->header_done && p->cells.count >= CSVIN_MAX_CELLS)
        fail_place(p, line, column, "more than %d data cells", CSVIN_MAX_CELLS);
    if (p->failed)
        return;
    char *copy = store(p, data, len);
    if (!copy)
        fail_place(p, line, column, "internal error: no room for the field");
    else if (!list_push(list, copy, line, column))
        out_of_memory(p);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The header's names: each non-empty, not padded with spaces, and used once. */
static void check_header(parser *p)
{
    const cell_list *h = &p->header;
    names seen = {0};
    for (size_t i = 0; i < h->count && !p->failed; i++) {
        const char *name = h->text[i];
        size_t n = strlen(name), before;
        char shown[CSVIN_EXCERPT_MAX];
        csvin_excerpt(name, shown, sizeof shown);
        int added = n ? names_add(&seen, name, i, &before) : 1;
        if (n == 0) /* the place is a character's; the message's columns, the header's */
            fail_place(p, h->line[i], h->column[i],
                       "column %zu of the header has no name "
                       "(line %zu, character %zu)",
                       i + 1, h->line[i], h->column[i]);
        else if (is_blank(name[0]) || is_blank(name[n - 1]))
            fail_place(p, h->line[i], h->column[i], "column name '%s' starts or ends with a space",
                       shown);
        else if (added < 0)
            fail_place(p, h->line[i], h->column[i], "out of memory");
        else if (added == 0)
            fail_place(p, h->line[i], h->column[i],
                       "column name '%s' is in the header twice: columns %zu and %zu (line "
                       "%zu, characters %zu and %zu)",
                       shown, before + 1, i + 1, h->line[i], h->column[before], h->column[i]);
    }
    names_free(&seen);
}

/* libcsv's row callback: the row's line end (or the end of the file) was reached. */
static void on_row(int c, void *arg)
{
    (void)c;
    parser *p = arg;
    if (p->failed)
        return;
    p->after_row = true;
    size_t fields = p->row_fields;
    p->row_fields = 0;
    if (!p->header_done) {
        p->header_done = true;
        p->n_columns = fields;
        p->header_line = p->row_line;
        check_header(p);
        return;
    }
    if (fields != p->n_columns) {
        fail_place(p, p->row_line, p->row_column, "row has %zu field%s, the header has %zu", fields,
                   fields == 1 ? "" : "s", p->n_columns);
        return;
    }
    if (p->n_rows >= CSVIN_MAX_ROWS) {
        fail_place(p, p->row_line, p->row_column, "more than %d data rows", CSVIN_MAX_ROWS);
        return;
    }
    if (!budget_grow_from((void **)&p->row_lines, p->n_rows, &p->rows_cap, sizeof *p->row_lines,
                          16)) {
        out_of_memory(p);
        return;
    }
    p->row_lines[p->n_rows++] = p->row_line;
}

/* No byte is a space to libcsv: spaces belong to the field, and a space before an opening
 * quote or after a closing one is an error in strict mode. */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* Names the strict parse error libcsv stopped at, offset pos. */
static void strict_error(parser *p, const struct csv_parser *cp, size_t pos)
{
    if (!cp->quoted)
        fail_at(p, pos,
                "stray quote in an unquoted field (quote the whole field and write a "
                "quote inside it as \"\")");
    /* In a quoted field, after a quote neither doubled nor followed by a comma or a line
     * end (no space function: nothing in between), so that quote is at pos - 1. */
    else if (p->text[pos] == ' ' || p->text[pos] == '\t')
        fail_at(p, pos, "space after the closing quote of a quoted field");
    else
        fail_at(p, pos - 1, "stray quote in a quoted field (write a quote inside quotes as \"\")");
}

/* The field being read is already over the size limit. */
static void too_long(parser *p)
{
    size_t start = field_start(p);
    fail_at(p, start, "field is longer than %d bytes%s", CSVIN_MAX_FIELD,
            p->text[start] == '"' ? " (is its closing quote missing?)" : "");
}

/* Feeds the text to libcsv piece by piece (see the top of the file); false on a fault. */
static bool feed(parser *p, struct csv_parser *cp)
{
    const unsigned char *s = p->text;
    size_t pos = 0;
    while (pos < p->len) {
        size_t end = pos, limit = p->len - pos > CHUNK ? pos + CHUNK : p->len;
        while (end < limit && s[end] != ',' && s[end] != '\r' && s[end] != '\n' && s[end] != 0)
            end++;
        bool nul = end < limit && s[end] == 0;
        size_t n = end - pos + (end < limit && !nul); /* with the comma or line end */
        if (n > 0) {
            p->trigger = pos + n - 1;
            size_t done = csv_parse(cp, s + pos, n, on_field, on_row, p);
            if (p->failed)
                return false;
            if (done < n) {
                if (csv_error(cp) == CSV_EPARSE)
                    strict_error(p, cp, pos + done);
                else
                    out_of_memory(p);
                return false;
            }
            if (cp->entry_pos > CSVIN_MAX_FIELD) {
                too_long(p);
                return false;
            }
        }
        pos += n;
        if (nul) {
            fail_at(p, pos, "NUL byte (this is not a text file, or it is UTF-16)");
            return false;
        }
    }
    return true;
}

/* Parses the whole text: feed, then csv_fini (only when feed found no fault). */
static void run(parser *p, struct csv_parser *cp)
{
    if (!feed(p, cp))
        return;
    p->trigger = p->len;
    if (csv_fini(cp, on_field, on_row, p) != 0 && !p->failed) {
        if (csv_error(cp) == CSV_EPARSE)
            fail_at(p, field_start(p), "unterminated quoted field (its closing quote is missing)");
        else
            out_of_memory(p);
    }
    if (!p->failed && !p->header_done)
        fail_place(p, 1, 1, "the file is empty: its first row must name the columns");
}

bool csvin_parse(const char *text, size_t len, const char *name, csvin_table *out, csvin_error *err)
{
    csvin_error scratch;
    if (!err)
        err = &scratch;
    memset(err, 0, sizeof *err);
    memset(out, 0, sizeof *out);
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    if (!text)
        len = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        s += 3, len -= 3; /* the UTF-8 byte order mark */
    parser p = {.text = s,
                .len = len,
                .name = name ? name : "csv",
                .err = err,
                .after_row = true, /* like libcsv, skip blank lines before the header */
                .at_line = 1,
                .at_column = 1};
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        fail_place(&p, 1, 1, "the file is UTF-16 text: save it as UTF-8 (\"CSV UTF-8\")");
        return false;
    }
    struct csv_parser cp;
    p.storage = budget_malloc(len + 1);
    if (!p.storage || csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        budget_free(p.storage);
        out_of_memory(&p);
        return false;
    }
    csv_set_space_func(&cp, no_space);
    csv_set_realloc_func(&cp, budget_realloc); /* its field buffer is charged like the rest */
    csv_set_free_func(&cp, budget_free);
    run(&p, &cp);
    csv_free(&cp);
    if (p.failed) {
        list_free(&p.header);
        list_free(&p.cells);
        budget_free(p.row_lines);
        budget_free(p.storage);
        return false;
    }
    out->n_columns = p.n_columns;
    out->header = p.header.text;
    budget_free(p.header.line);
    budget_free(p.header.column);
    out->header_line = p.header_line;
    out->n_rows = p.n_rows;
    out->cells = p.cells.text;
    out->cell_line = p.cells.line;
    out->cell_column = p.cells.column;
    out->row_line = p.row_lines;
    out->storage = p.storage;
    return true;
}

void csvin_free(csvin_table *t)
{
    if (!t)
        return;
    budget_free(t->header);
    budget_free(t->cells);
    budget_free(t->cell_line);
    budget_free(t->cell_column);
    budget_free(t->row_line);
    budget_free(t->storage);
    memset(t, 0, sizeof *t);
}

/* ---- numbers ------------------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Significant digits kept for strtod: a halfway point between two doubles has at most
 * 767, so cutting after KEEP digits and putting a 1 for any nonzero digit cut off (a
 * sticky digit) leaves the rounding as it was. */
#define KEEP 780

/* A number's text taken apart: [-]digits[.digits][(e|E)[+-]digits]. */
typedef struct decimal {
    bool negative;
    const char *int_digits, *frac_digits;
    size_t n_int, n_frac;
    long long exp10;
} decimal;

/* Reads the exponent's digits at s (after the e); false when there are none. */
static bool read_exponent(const char *s, long long *exp10, const char **end)
{
    bool negative = *s == '-';
    if (*s == '+' || *s == '-')
        s++;
    if (!is_digit(*s))
        return false;
    for (*exp10 = 0; is_digit(*s); s++)
        if (*exp10 < 1000000000000LL) /* beyond this any value is 0 or too large */
            *exp10 = 10 * *exp10 + (*s - '0');
    if (negative)
        *exp10 = -*exp10;
    *end = s;
    return true;
}

/* Takes the whole of s apart; false when it is not a number in that form. */
static bool parse_decimal(const char *s, decimal *d)
{
    memset(d, 0, sizeof *d);
    d->negative = *s == '-';
    if (d->negative)
        s++;
    d->int_digits = s;
    while (is_digit(*s))
        s++;
    d->n_int = (size_t)(s - d->int_digits);
    d->frac_digits = s;
    if (*s == '.') {
        d->frac_digits = ++s;
        while (is_digit(*s))
            s++;
        d->n_frac = (size_t)(s - d->frac_digits);
    }
    if (d->n_int + d->n_frac == 0)
        return false;
    if ((*s == 'e' || *s == 'E') && !read_exponent(s + 1, &d->exp10, &s))
        return false;
    return *s == '\0';
}

/* The digits of d without the point and its leading zeros, at most KEEP of them, into buf;
 * returns how many, with the count of those cut off and whether any of those was not 0. */
static size_t significant_digits(const decimal *d, char *buf, size_t *dropped, bool *sticky)
{
    size_t kept = 0;
    *dropped = 0, *sticky = false;
    for (size_t i = 0; i < d->n_int + d->n_frac; i++) {
        char c = i < d->n_int ? d->int_digits[i] : d->frac_digits[i - d->n_int];
        if (kept == 0 && c == '0')
            continue;
        if (kept < KEEP)
            buf[kept++] = c;
        else
            (*dropped)++, *sticky |= c != '0';
    }
    return kept;
}

/* The digits (below 2^53) times 10^e, |e| <= 22: both exact doubles, one rounding, as
 * strtod would. */
static double exact_value(const char *digits, size_t kept, long long e)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    uint64_t m = 0;
    for (size_t i = 0; i < kept; i++)
        m = 10 * m + (uint64_t)(digits[i] - '0');
    return e >= 0 ? (double)m * pow10[e] : (double)m / pow10[-e];
}

/* buf's kept digits (room for KEEP + 32) times 10^e, sticky put as a last 1, read by strtod
 * written with no decimal point: the same in every locale. */
static double strtod_value(char *buf, size_t kept, long long e, bool sticky)
{
    if (sticky)
        buf[kept++] = '1', e--;
    /* kept <= KEEP + 1 digits: below 10^-1200 the value is 0, above 10^400 it is too large,
     * so the exponent needs no more than 4 digits */
    if (e > 2000)
        e = 2000;
    if (e < -3000)
        e = -3000;
    char *o = buf + kept;
    *o++ = 'e';
    if (e < 0)
        *o++ = '-', e = -e;
    char digits[8];
    int n = 0;
    do
        digits[n++] = (char)('0' + e % 10);
    while ((e /= 10) > 0);
    while (n > 0)
        *o++ = digits[--n];
    *o = '\0';
    return strtod(buf, NULL);
}

bool csvin_number(const char *cell, double *out)
{
    decimal d;
    if (!cell || !parse_decimal(cell, &d))
        return false;
    char buf[KEEP + 32];
    size_t dropped;
    bool sticky;
    size_t kept = significant_digits(&d, buf, &dropped, &sticky);
    if (kept == 0) {
        *out = 0; /* any zero, "-0" too */
        return true;
    }
    long long e = d.exp10 - (long long)d.n_frac + (long long)dropped;
    double v = kept <= 15 && e >= -22 && e <= 22 ? exact_value(buf, kept, e)
                                                 : strtod_value(buf, kept, e, sticky);
    if (!isfinite(v))
        return false;
    *out = d.negative && v != 0 ? -v : v;
    return true;
}

/* ---- messages ------------------------------------------------------------------------ */

void csvin_excerpt(const char *text, char *buf, size_t size)
{
    if (!size)
        return;
    size_t o = 0;
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t i = 0;
    for (; s[i] && (i < 40 || (s[i] & 0xC0) == 0x80); i++) {
        char esc[8];
        unsigned char c = s[i];
        if (c == '\n')
            snprintf(esc, sizeof esc, "\\n");
        else if (c == '\r')
            snprintf(esc, sizeof esc, "\\r");
        else if (c == '\t')
            snprintf(esc, sizeof esc, "\\t");
        else if (c < 0x20 || c == 0x7F)
            snprintf(esc, sizeof esc, "\\x%02X", c);
        else
            esc[0] = (char)c, esc[1] = '\0';
        size_t n = strlen(esc);
        if (o + n >= size)
            break;
        memcpy(buf + o, esc, n);
        o += n;
    }
    if (s[i] && o + 3 < size)
        memcpy(buf + o, "...", 3), o += 3;
    buf[o] = '\0';
}
