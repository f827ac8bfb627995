/* results_read: a run's CSV file streamed back through libcsv, cells typed by the registry. */
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvin.h"
#include "results_read.h"

/* The row being read: its fields' texts one after another in text, NUL-terminated. */
typedef struct reader {
    const tables_spec *spec;
    const char *path;
    results_row_fn fn;
    void *ctx;
    core_error *err;
    char *text; /* the row's fields, each NUL-terminated */
    size_t used, cap;
    size_t *starts; /* the offset of each field in text: spec->n_columns of them */
    size_t n_fields;
    size_t line;  /* the row's number in the file, the header's 1 */
    bool stopped; /* fn said stop, or a fault was found */
    bool faulted; /* a fault (err filled) */
    results_cell *cells;
} reader;

static void fault(reader *r, const char *what)
{
    if (r->stopped)
        return;
    error_fail(r->err, "%s: row %zu: %s (not a file reckon wrote, or it was changed)", r->path,
               r->line, what);
    r->stopped = r->faulted = true;
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->stopped)
        return;
    if (r->n_fields == r->spec->n_columns) {
        fault(r, "more cells than the header's columns");
        return;
    }
    if (r->used + len + 1 > r->cap) {
        size_t cap = (r->used + len + 1) * 2;
        char *grown = realloc(r->text, cap);
        if (!grown) {
            error_oom(r->err);
            r->stopped = r->faulted = true;
            return;
        }
        r->text = grown, r->cap = cap;
    }
    r->starts[r->n_fields++] = r->used;
    if (len)
        memcpy(r->text + r->used, s, len);
    r->used += len;
    r->text[r->used++] = '\0';
}

/* Whether text is a cell csvout guarded: "'" before a character a formula starts with. */
static bool guarded(const char *text)
{
    return text[0] == '\'' && text[1] && strchr("=+-@\t\r", text[1]);
}

static void header_row(reader *r)
{
    for (size_t i = 0; i < r->n_fields; i++)
        if (strcmp(r->text + r->starts[i], r->spec->columns[i].name) != 0) {
            fault(r, "the header is not the registry's");
            return;
        }
}

static void data_row(reader *r)
{
    for (size_t i = 0; i < r->n_fields && !r->stopped; i++) {
        results_cell *c = &r->cells[i];
        const char *text = r->text + r->starts[i];
        bool number = r->spec->columns[i].kind != TABLE_KIND_TEXT;
        if (!number && guarded(text))
            text++;
        *c = (results_cell){text, strlen(text), text[0] == '\0', 0};
        if (number && !c->empty && !csvin_number(text, &c->number))
            fault(r, "a number column holds text");
    }
    if (!r->stopped && !r->fn(r->ctx, r->cells, r->n_fields))
        r->stopped = r->faulted = true; /* fn's own stop: err is fn's to fill */
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *r = data;
    if (!r->stopped && r->n_fields != r->spec->n_columns)
        fault(r, "fewer cells than the header's columns");
    else if (!r->stopped && r->line == 1)
        header_row(r);
    else if (!r->stopped)
        data_row(r);
    r->line++;
    r->used = r->n_fields = 0;
}

/* Feeds f to libcsv; false on a read or parse fault (err filled). */
static bool feed(reader *r, FILE *f, struct csv_parser *p)
{
    char buf[65536];
    size_t got;
    while (!r->stopped && (got = fread(buf, 1, sizeof buf, f)) > 0)
        if (csv_parse(p, buf, got, on_field, on_row, r) != got) {
            fault(r, csv_strerror(csv_error(p)));
            return false;
        }
    if (ferror(f)) {
        error_fail(r->err, "%s: cannot read it back", r->path);
        return false;
    }
    if (!r->stopped)
        csv_fini(p, on_field, on_row, r);
    if (!r->stopped && r->line == 1)
        fault(r, "no header");
    return !r->faulted;
}

bool results_read(const char *path, tables_id id, results_row_fn fn, void *ctx, core_error *err)
{
    reader r = {
        .spec = tables_spec_of(id), .path = path, .fn = fn, .ctx = ctx, .err = err, .line = 1};
    r.starts = calloc(r.spec->n_columns, sizeof *r.starts);
    r.cells = calloc(r.spec->n_columns, sizeof *r.cells);
    struct csv_parser p;
    bool ok = r.starts && r.cells && csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0;
    if (!ok) {
        free(r.starts), free(r.cells);
        return error_oom(err);
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        ok = error_fail(err, "%s: cannot open it to read back", path);
    else
        ok = feed(&r, f, &p);
    if (f)
        fclose(f);
    csv_free(&p);
    free(r.text), free(r.starts), free(r.cells);
    return ok;
}

int results_column(tables_id id, const char *name)
{
    const tables_spec *s = tables_spec_of(id);
    for (size_t i = 0; i < s->n_columns; i++)
        if (strcmp(s->columns[i].name, name) == 0)
            return (int)i;
    return -1;
}

bool results_count_rows(const char *path, size_t *rows, core_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_fail(err, "%s: cannot read it", path);
    char buf[1 << 16];
    size_t lines = 0, got;
    bool quoted = false, last_newline = true; /* an empty file has no row */
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i < got; i++) {
            if (buf[i] == '"')
                quoted = !quoted; /* a doubled quote turns it twice */
            else if (buf[i] == '\n' && !quoted)
                lines++;
        }
        last_newline = buf[got - 1] == '\n';
    }
    bool ok = !ferror(f);
    fclose(f);
    if (!ok)
        return error_fail(err, "%s: cannot read it", path);
    lines += !last_newline; /* a last line without its break */
    *rows = lines > 0 ? lines - 1 : 0;
    return true;
}
