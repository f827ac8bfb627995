/*
 * format_xlsx: reckon.xlsx through libxlsxwriter: a first sheet in words (the findings,
 * what ran, the stated totals off their items, the errors, notes), every table a sheet
 * (format_xlsx_tables.c), every chart a chart sheet over a data sheet per group
 * (format_xlsx_charts.c).
 *
 * libxlsxwriter writes to a file name: the workbook is made in in->work (its temporary
 * files too; rows streamed, constant memory) and its bytes copied to out.  Its creation
 * time is fixed (2000-01-01), which is also the time of every part of its zip, so that
 * identical runs give identical bytes.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format_xlsx_impl.h"

/* 2000-01-01T00:00:00Z: the workbook's creation time, whenever it is made. */
#define CREATED 946684800

bool xlsx_fail(xlsx *x, lxw_error e, const char *what)
{
    return error_fail(x->err, "reckon.xlsx: %s: %s", what, lxw_strerror(e));
}

bool xlsx_note(xlsx *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *note = n >= 0 ? malloc((size_t)n + 1) : NULL;
    char **grown = realloc(x->notes, (x->n_notes + 1) * sizeof *x->notes);
    if (!note || !grown) {
        free(note);
        return error_oom(x->err);
    }
    x->notes = grown;
    va_start(ap, fmt);
    vsnprintf(note, (size_t)n + 1, fmt, ap);
    va_end(ap);
    x->notes[x->n_notes++] = note;
    return true;
}

/* The bytes of s's first `most` characters (UTF-8). */
static size_t chars_bytes(const char *s, size_t most)
{
    size_t i = 0, n = 0;
    for (; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == most)
            break;
    return i;
}

bool xlsx_text(xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
               lxw_format *fmt)
{
    size_t keep = chars_bytes(text, XLSX_TEXT_MAX);
    lxw_error e;
    if (!text[keep]) {
        e = worksheet_write_string(ws, row, col, text, fmt);
    } else {
        char *cut = malloc(keep + 1);
        if (!cut)
            return error_oom(x->err);
        memcpy(cut, text, keep), cut[keep] = '\0';
        e = worksheet_write_string(ws, row, col, cut, fmt);
        free(cut);
        if (e == LXW_NO_ERROR &&
            !xlsx_note(x,
                       "Sheet %s, row %u, column %u: its text is cut at Excel's %u "
                       "characters; the CSV holds all of it.",
                       ws->name, row + 1, col + 1, XLSX_TEXT_MAX))
            return false;
    }
    return e == LXW_NO_ERROR || xlsx_fail(x, e, ws->name);
}

/* Whether name is a sheet's already, or one Excel keeps for itself, not minding case. */
static bool taken(const xlsx *x, const char *name)
{
    if (strcasecmp(name, "History") == 0)
        return true;
    for (size_t i = 0; i < x->n_names; i++)
        if (strcasecmp(x->names[i], name) == 0)
            return true;
    return false;
}

/* base as Excel takes a sheet's name, at most `most` characters, into out. */
static void sheet_safe(const char *base, size_t most, char *out)
{
    size_t n = chars_bytes(base, most);
    for (size_t i = 0; i < n; i++)
        out[i] = strchr("[]:*?/\\", base[i]) ? '_' : base[i];
    out[n] = '\0';
    if (n == 0)
        strcpy(out, "sheet"), n = 5;
    if (out[0] == '\'')
        out[0] = '_';
    if (out[n - 1] == '\'')
        out[n - 1] = '_';
}

const char *xlsx_sheet_name(xlsx *x, const char *base)
{
    char name[LXW_SHEETNAME_MAX * 4 + 16];
    sheet_safe(base, LXW_SHEETNAME_MAX, name);
    for (unsigned k = 2; taken(x, name); k++) {
        char suffix[16];
        int len = snprintf(suffix, sizeof suffix, " (%u)", k);
        sheet_safe(base, LXW_SHEETNAME_MAX - (size_t)len, name);
        strcat(name, suffix);
    }
    char *kept = malloc(strlen(name) + 1);
    char **grown = realloc(x->names, (x->n_names + 1) * sizeof *x->names);
    if (!kept || !grown) {
        free(kept);
        error_oom(x->err);
        return NULL;
    }
    x->names = grown;
    strcpy(kept, name);
    x->names[x->n_names++] = kept;
    return kept;
}

/* The first sheet being written: its next row. */
typedef struct summary {
    xlsx *x;
    lxw_worksheet *ws;
    lxw_row_t row;
} summary;

/* A row of texts (NULL: a cell left empty), bold or not. */
static bool line(summary *s, bool bold, size_t n, const char *const *cells)
{
    for (size_t i = 0; i < n; i++)
        if (cells[i] && cells[i][0] &&
            !xlsx_text(s->x, s->ws, s->row, (lxw_col_t)i, cells[i], bold ? s->x->bold : NULL))
            return false;
    s->row++;
    return true;
}

static bool heading(summary *s, const char *text)
{
    s->row += s->row > 0; /* an empty row before each part */
    return line(s, true, 1, (const char *const[]){text});
}

/* The findings, a line a row. */
static bool findings(summary *s, const char *text)
{
    if (!heading(s, "Findings"))
        return false;
    while (text && *text) {
        size_t n = strcspn(text, "\n");
        char *l = malloc(n + 1);
        if (!l)
            return error_oom(s->x->err);
        memcpy(l, text, n), l[n] = '\0';
        bool ok = line(s, false, 1, (const char *const[]){l});
        free(l);
        if (!ok)
            return false;
        text += n + (text[n] == '\n');
    }
    return true;
}

/* args joined by spaces; NULL out of memory. */
static char *joined(const char *const *args, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(args[i]) + 1;
    char *j = malloc(len);
    if (!j)
        return NULL;
    j[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strcat(strcat(j, i ? " " : ""), args[i]);
    return j;
}

/* What ran: version, arguments, seed, samples, and each model with its SHA-256. */
static bool facts(summary *s, const run_facts *f)
{
    char *args = joined(f->args, f->n_args);
    char seed[32], samples[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)f->seed);
    snprintf(samples, sizeof samples, "%zu", f->samples);
    bool ok = args && heading(s, "Run") &&
              line(s, false, 2, (const char *const[]){"reckon version", f->version}) &&
              line(s, false, 2, (const char *const[]){"arguments", args}) &&
              line(s, false, 2, (const char *const[]){"seed", seed}) &&
              line(s, false, 2, (const char *const[]){"samples", samples}) &&
              heading(s, "Models") &&
              line(s, true, 4, (const char *const[]){"model", "file", "sha256", "ran"});
    free(args);
    for (size_t i = 0; ok && i < f->n_models; i++) {
        const format_model *m = &f->models[i];
        ok = line(s, false, 4,
                  (const char *const[]){m->path, m->file, m->sha256, m->ok ? "yes" : "failed"});
    }
    return args ? ok : error_oom(s->x->err);
}

/* A table's rows under its header, or `none` when the run wrote none.  The header first:
 * constant memory writes a row for good once a later one is written. */
static bool table_part(summary *s, const format_input *in, tables_id id, const char *title,
                       const char *none)
{
    const tables_spec *spec = tables_spec_of(id);
    if (!heading(s, title))
        return false;
    if (!in->tables[id])
        return line(s, false, 1, (const char *const[]){none});
    for (size_t i = 0; i < spec->n_columns; i++)
        if (!xlsx_text(s->x, s->ws, s->row, (lxw_col_t)i, spec->columns[i].name, s->x->bold))
            return false;
    size_t rows = 0;
    if (!xlsx_table_rows(s->x, s->ws, in, id, ++s->row, &rows))
        return false;
    s->row += (lxw_row_t)rows;
    return true;
}

/* The number formats, and the notes of the tables split and cells cut. */
static bool notes(summary *s)
{
    static const char *const always[] = {
        "Each table is also a sheet of its own, named as its CSV file without .csv, with the "
        "CSV's numbers: money to the cent; rates that are fractions (probabilities, ROI, "
        "interest and IRR) shown as percentages; per_user and revenue_per_user (dollars a "
        "user) and sensitivity's low_value and high_value (the input's own unit) as plain "
        "numbers; counts, months and flags as whole numbers unless their column has "
        "decimals.  An empty cell is empty in the CSV too.",
        "Each chart is a chart sheet; its numbers are on the data sheet of its analysis or "
        "model."};
    if (!heading(s, "Notes"))
        return false;
    for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
        if (!line(s, false, 1, &always[i]))
            return false;
    for (size_t i = 0; i < s->x->n_notes; i++)
        if (!line(s, false, 1, (const char *const[]){s->x->notes[i]}))
            return false;
    return true;
}

static bool summary_write(xlsx *x, lxw_worksheet *ws, const format_input *in)
{
    summary s = {x, ws, 0};
    lxw_error e = worksheet_set_column(ws, 0, 0, 28, NULL);
    if (e == LXW_NO_ERROR)
        e = worksheet_set_column(ws, 1, 3, 36, NULL);
    if (e != LXW_NO_ERROR)
        return xlsx_fail(x, e, "Summary");
    return line(&s, true, 1, (const char *const[]){"reckon run: summary"}) &&
           findings(&s, in->facts->findings) && facts(&s, in->facts) &&
           table_part(&s, in, TABLES_WARNINGS,
                      "Stated totals that are not the sum of their items (warnings.csv)",
                      "None: every stated total is the sum of its items.") &&
           table_part(&s, in, TABLES_ERRORS, "Errors (errors.csv)", "None.") && notes(&s);
}

/* The formats every sheet uses. */
static bool formats_make(xlsx *x)
{
    static const char zeros[] = "000000000";
    if (!(x->bold = workbook_add_format(x->wb)))
        return error_oom(x->err);
    format_set_bold(x->bold);
    for (int p = 0; p < 10; p++) {
        char fixed[16], percent[24];
        snprintf(fixed, sizeof fixed, "0%s%.*s", p ? "." : "", p, zeros);
        snprintf(percent, sizeof percent, "%s%%", fixed);
        x->fixed[p] = workbook_add_format(x->wb);
        x->percent[p] = workbook_add_format(x->wb);
        if (!x->fixed[p] || !x->percent[p])
            return error_oom(x->err);
        format_set_num_format(x->fixed[p], fixed);
        format_set_num_format(x->percent[p], percent);
    }
    return true;
}

/* The sheets: the first (written last, when its notes are known), the tables', the charts'. */
static bool sheets(xlsx *x, const format_input *in)
{
    lxw_doc_properties props = {.title = "reckon run", .created = CREATED};
    lxw_error e = workbook_set_properties(x->wb, &props);
    if (e != LXW_NO_ERROR)
        return xlsx_fail(x, e, "properties");
    const char *name = formats_make(x) ? xlsx_sheet_name(x, "Summary") : NULL;
    lxw_worksheet *first = name ? workbook_add_worksheet(x->wb, name) : NULL;
    if (!first)
        return name ? error_fail(x->err, "reckon.xlsx: cannot add its first sheet") : false;
    if (!xlsx_tables(x, in))
        return false;
    chart_book book;
    if (!charts_read(in, &book, x->err))
        return false;
    bool ok = xlsx_charts(x, &book);
    charts_free(&book);
    return ok && summary_write(x, first, in);
}

/* The finished file's bytes to out. */
static bool copy(const char *path, FILE *out, core_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_fail(err, "reckon.xlsx: cannot open %s to read back", path);
    char buf[65536];
    size_t got;
    bool ok = true;
    while (ok && (got = fread(buf, 1, sizeof buf, f)) > 0)
        ok = fwrite(buf, 1, got, out) == got;
    if (ferror(f))
        ok = error_fail(err, "reckon.xlsx: cannot read %s back", path);
    else if (!ok)
        error_fail(err, "reckon.xlsx: cannot write it out");
    fclose(f);
    return ok;
}

static void xlsx_free(xlsx *x)
{
    for (size_t i = 0; i < x->n_names; i++)
        free(x->names[i]);
    for (size_t i = 0; i < x->n_notes; i++)
        free(x->notes[i]);
    free(x->names), free(x->notes);
}

bool format_xlsx(const format_input *in, FILE *out, core_error *err)
{
    size_t len = strlen(in->work) + sizeof "/reckon.xlsx";
    char *path = malloc(len);
    if (!path)
        return error_oom(err);
    snprintf(path, len, "%s/reckon.xlsx", in->work);
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)in->work};
    xlsx x = {.wb = workbook_new_opt(path, &opt), .err = err};
    bool ok = x.wb ? sheets(&x, in) : error_fail(err, "reckon.xlsx: cannot make %s", path);
    if (x.wb) {
        lxw_error e = workbook_close(x.wb); /* frees it, whatever it returns */
        if (ok && e != LXW_NO_ERROR)
            ok = xlsx_fail(&x, e, "closing it");
    }
    ok = ok && copy(path, out, err);
    remove(path);
    free(path);
    xlsx_free(&x);
    return ok;
}
