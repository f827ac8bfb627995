/* format_html_table: a run's CSV as a table of the page, each cell the CSV's own text. */
#include <string.h>

#include "format_html.h"

void html_text(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc(s[i], out);
        }
    }
}

void html_str(FILE *out, const char *s)
{
    if (s)
        html_text(out, s, strlen(s));
}

/* A table being written. */
typedef struct writing {
    FILE *out;
    const tables_spec *spec;
    const html_rows *rows;
    size_t row;   /* the CSV row just read, the first after the header 1 */
    size_t kept;  /* rows rows->keep took */
    size_t shown; /* rows written */
} writing;

static void header_row(FILE *out, const tables_spec *spec)
{
    fputs("<thead><tr>", out);
    for (size_t i = 0; i < spec->n_columns; i++) {
        fputs(spec->columns[i].kind == TABLE_KIND_TEXT ? "<th>" : "<th class=\"n\">", out);
        html_str(out, spec->columns[i].name);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
}

static bool on_row(void *ctx, const results_cell *cells, size_t n)
{
    writing *w = ctx;
    w->row++;
    if (w->rows->keep && !w->rows->keep(w->rows->ctx, cells, n))
        return true;
    w->kept++;
    if (w->shown == w->rows->cap)
        return true;
    w->shown++;
    fprintf(w->out, "<tr data-row=\"%zu\">", w->row);
    for (size_t i = 0; i < n; i++) {
        fputs(w->spec->columns[i].kind == TABLE_KIND_TEXT ? "<td>" : "<td class=\"n\">", w->out);
        html_text(w->out, cells[i].text, cells[i].len);
        fputs("</td>", w->out);
    }
    fputs("</tr>\n", w->out);
    return !ferror(w->out);
}

/* What the page leaves out of the table, in words under it. */
static void table_note(const writing *w)
{
    const char *file = w->spec->file;
    if (w->row == 0) {
        fprintf(w->out, "<p class=\"note\">%s has no rows.</p>\n", file);
        return;
    }
    if (w->shown == w->row)
        return;
    fputs("<p class=\"note\">", w->out);
    if (w->rows->keep && w->kept < w->row) {
        fprintf(w->out, "The %zu of its %zu rows ", w->kept, w->row);
        html_str(w->out, w->rows->shown);
        fputs(w->shown < w->kept ? "; the first " : ".", w->out);
        if (w->shown < w->kept)
            fprintf(w->out, "%zu of them are shown.", w->shown);
    } else {
        fprintf(w->out, "The first %zu of its %zu rows are shown.", w->shown, w->row);
    }
    fprintf(w->out, " %s holds them all.</p>\n", file);
}

bool html_table(const format_input *in, tables_id id, const html_rows *rows, size_t *shown,
                FILE *out, core_error *err)
{
    writing w = {.out = out, .spec = tables_spec_of(id), .rows = rows};
    if (shown)
        *shown = 0;
    if (!in->tables[id])
        return true;
    fputs("<h3>", out);
    html_str(out, rows->title);
    fprintf(out, " <span class=\"file\">%s</span></h3>\n", w.spec->file);
    fprintf(out, "<div class=\"scroll\"><table data-csv=\"%s\">\n", w.spec->file);
    header_row(out, w.spec);
    if (!results_read(in->tables[id], id, on_row, &w, err)) {
        if (ferror(out))
            return error_fail(err, "report.html: cannot write it");
        return false;
    }
    fputs("</tbody></table></div>\n", out);
    table_note(&w);
    if (shown)
        *shown = w.shown;
    return true;
}
