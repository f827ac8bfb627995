/*
 * format_json: results.json, every table of the run with its columns, the findings and the
 * run's facts, for another program to read (doc/results-json.md gives the shape):
 *
 *     {
 *     "run":{...run.json's object...},
 *     "findings":[
 *     "a line of findings.txt", ...
 *     ],
 *     "tables":{
 *     "totals":{"file":"totals.csv","columns":[{"name":"model","kind":"text"},...],"rows":[
 *     ["models/aws.lua","AWS",1000,1850.0,...],
 *     ...
 *     ]},
 *     ...
 *     }
 *     }
 *
 * Streamed: items.csv can hold millions of rows, so no document is built.  The punctuation
 * between values (braces, brackets, commas, line ends) is written here; every value, a
 * string, a number, an object of a table's columns, is written by jansson, never escaped by
 * hand.  A cell is dumped on its own, through one reused value of each type, so memory stays
 * that of one row whatever the table's length.
 *
 * Output: compact (no spaces), one row a line (line tools can count and cut it), ASCII only
 * (JSON_ENSURE_ASCII, as run.json: any other text is \u escaped, so no reader can take it in
 * another encoding), objects' keys in the order written.  A number is written with the
 * significant digits of its CSV text (at most 15; 17, which always round-trips, past that),
 * so it reads back as exactly the double the CSV text reads as, and as the CSV shows it:
 * "0.35" is 0.35, "1850.00" is 1850.0 (jansson adds ".0"); a whole count, month or flag
 * column's cell is an integer.
 */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "formats.h"
#include "results_read.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER)
#define DUMP_ANY (DUMP_FLAGS | JSON_ENCODE_ANY)

/* The writing of one results.json. */
typedef struct writer {
    FILE *out;
    core_error *err;
    json_t *text, *real, *integer; /* reused for every cell: a value is dumped, then reset */
    const tables_spec *spec;       /* the table being written */
    size_t rows;                   /* its rows written so far */
    bool failed;                   /* err is filled */
} writer;

static bool write_failed(writer *w)
{
    if (!w->failed)
        error_fail(w->err, "results.json: cannot write it");
    w->failed = true;
    return false;
}

static bool put(writer *w, const char *s)
{
    return fputs(s, w->out) != EOF || write_failed(w);
}

static bool dump(writer *w, const json_t *v, size_t flags)
{
    return json_dumpf(v, w->out, flags) == 0 || write_failed(w);
}

/* Writes the string s[0..len) (UTF-8) as a JSON string; where names what it is for the
 * message when it is not UTF-8. */
static bool put_string(writer *w, const char *s, size_t len, const char *where)
{
    if (json_string_setn(w->text, s, len) != 0) {
        w->failed = true;
        return error_fail(w->err, "results.json: %s holds text that is not UTF-8", where);
    }
    return dump(w, w->text, DUMP_ANY);
}

/* The significant digits of a CSV number's text ("1850.00": 6, "0.035": 2, "0": 1), for
 * %.*g to give that text's value back; 17 (what any double needs) past 15, the most that
 * always give back the decimal they were read from. */
static int significant_digits(const char *text)
{
    int n = 0;
    bool leading = true;
    for (const char *p = text; *p && *p != 'e' && *p != 'E'; p++) {
        if (*p < '0' || *p > '9')
            continue;
        if (*p != '0')
            leading = false;
        if (!leading)
            n++;
    }
    return n == 0 ? 1 : n > 15 ? 17 : n;
}

/* Whether column c's cells are whole numbers written as JSON integers. */
static bool whole_column(const table_column *c)
{
    return c->places == 0 && (c->kind == TABLE_KIND_COUNT || c->kind == TABLE_KIND_MONTH ||
                              c->kind == TABLE_KIND_FLAG);
}

static bool write_number(writer *w, const table_column *col, const results_cell *c)
{
    const double exact = 9007199254740992.0; /* 2^53: every whole double below is exact */
    if (whole_column(col) && c->number == floor(c->number) && fabs(c->number) <= exact) {
        json_integer_set(w->integer, (json_int_t)c->number);
        return dump(w, w->integer, DUMP_ANY);
    }
    if (json_real_set(w->real, c->number) != 0) { /* not finite: csvin reads no such text */
        w->failed = true;
        return error_fail(w->err, "results.json: %s: %s is not a finite number", w->spec->file,
                          c->text);
    }
    return dump(w, w->real, DUMP_ANY | JSON_REAL_PRECISION(significant_digits(c->text)));
}

static bool write_cell(writer *w, const table_column *col, const results_cell *c)
{
    if (c->empty)
        return dump(w, json_null(), DUMP_ANY);
    if (col->kind != TABLE_KIND_TEXT)
        return write_number(w, col, c);
    char where[160];
    snprintf(where, sizeof where, "%s's row %zu, column %s,", w->spec->file, w->rows, col->name);
    return put_string(w, c->text, c->len, where);
}

/* results_read's row function: one row, an array on its own line. */
static bool write_row(void *ctx, const results_cell *cells, size_t n)
{
    writer *w = ctx;
    if (!put(w, w->rows++ ? ",\n[" : "\n["))
        return false;
    for (size_t i = 0; i < n; i++)
        if ((i && !put(w, ",")) || !write_cell(w, &w->spec->columns[i], &cells[i]))
            return false;
    return put(w, "]");
}

static const char *kind_name(table_kind k)
{
    static const char *const names[] = {
        [TABLE_KIND_TEXT] = "text", [TABLE_KIND_MONEY] = "money", [TABLE_KIND_COUNT] = "count",
        [TABLE_KIND_RATE] = "rate", [TABLE_KIND_MONTH] = "month", [TABLE_KIND_FLAG] = "flag"};
    return names[k];
}

/* {"name":..,"kind":..} and, for a number column, "decimals" (the CSV's places); for a
 * flag, "reports" (the column whose "never" it says).  NULL out of memory. */
static json_t *column_object(const table_column *c)
{
    json_t *o = json_pack("{s:s, s:s}", "name", c->name, "kind", kind_name(c->kind));
    int decimals = c->kind == TABLE_KIND_MONEY ? 2 : c->places;
    if (o && c->kind != TABLE_KIND_TEXT &&
        json_object_set_new(o, "decimals", json_integer(decimals)) != 0)
        json_decref(o), o = NULL;
    if (o && c->reports && json_object_set_new(o, "reports", json_string(c->reports)) != 0)
        json_decref(o), o = NULL;
    return o;
}

/* {"file":..,"columns":[..]}: the table's head, before its rows.  NULL out of memory. */
static json_t *table_head(const tables_spec *s)
{
    json_t *columns = json_array();
    for (size_t i = 0; columns && i < s->n_columns; i++)
        if (json_array_append_new(columns, column_object(&s->columns[i])) != 0)
            json_decref(columns), columns = NULL;
    return json_pack("{s:s, s:o}", "file", s->file, "columns", columns);
}

/* "name":{"file":..,"columns":[..],"rows":[..]}, name the file's without ".csv". */
static bool write_table(writer *w, tables_id id, const char *path)
{
    w->spec = tables_spec_of(id);
    w->rows = 0;
    json_t *head = table_head(w->spec);
    if (!head) {
        w->failed = true;
        return error_oom(w->err);
    }
    const char *file = w->spec->file;
    size_t len = strlen(file) - (strlen(file) > 4 ? 4 : 0); /* without ".csv" */
    bool ok = put_string(w, file, len, "a table's name") && put(w, ":{") &&
              dump(w, head, DUMP_FLAGS | JSON_EMBED) && put(w, ",\"rows\":[");
    json_decref(head);
    if (!ok)
        return false;
    if (!results_read(path, id, write_row, w, w->err)) {
        w->failed = true;
        return false;
    }
    return put(w, w->rows ? "\n]}" : "]}");
}

static bool write_tables(writer *w, const format_input *in)
{
    bool first = true;
    if (!put(w, "\"tables\":{"))
        return false;
    for (tables_id id = 0; id < TABLES_N; id++) {
        if (!in->tables[id])
            continue;
        if (!put(w, first ? "\n" : ",\n") || !write_table(w, id, in->tables[id]))
            return false;
        first = false;
    }
    return put(w, first ? "}\n" : "\n}\n");
}

/* "findings":[..]: findings.txt's lines, each without its "\n" (a last line without one is
 * a line too); [] when there are none. */
static bool write_findings(writer *w, const char *text)
{
    size_t n = 0;
    if (!put(w, "\"findings\":["))
        return false;
    for (const char *p = text ? text : ""; *p; n++) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (!put(w, n ? ",\n" : "\n") || !put_string(w, p, len, "a line of the findings"))
            return false;
        p += len + (end != NULL);
    }
    return put(w, n ? "\n],\n" : "],\n");
}

static bool write_run(writer *w, const run_facts *f)
{
    json_t *run = format_run_object(f);
    if (!run) {
        w->failed = true;
        return error_fail(w->err, "results.json: cannot make its run object (out of memory, "
                                  "or an argument or path that is not UTF-8)");
    }
    bool ok = put(w, "{\n\"run\":") && dump(w, run, DUMP_FLAGS) && put(w, ",\n");
    json_decref(run);
    return ok;
}

bool format_json(const format_input *in, FILE *out, core_error *err)
{
    writer w = {.out = out, .err = err};
    w.text = json_string("");
    w.real = json_real(0);
    w.integer = json_integer(0);
    bool ok = w.text && w.real && w.integer;
    if (!ok)
        error_oom(err);
    ok = ok && write_run(&w, in->facts) && write_findings(&w, in->facts->findings) &&
         write_tables(&w, in) && put(&w, "}\n");
    if (ok && (fflush(out) != 0 || ferror(out)))
        ok = write_failed(&w);
    json_decref(w.text), json_decref(w.real), json_decref(w.integer);
    return ok;
}
