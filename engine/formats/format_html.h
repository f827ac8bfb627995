/*
 * format_html's parts (format_html*.c), shared by its files only: the one escaping function,
 * a table of a run's CSV as the page shows it, the charts' data and drawing script, and the
 * embedded Chart.js (cmake/embed_file.cmake).
 *
 * Every text written into the page goes through html_text: model, option and input names
 * come from models, and a name may be "<script>alert(1)</script>".
 */
#ifndef RECKON_FORMAT_HTML_H
#define RECKON_FORMAT_HTML_H

#include "formats.h"
#include "results_read.h"

/* Chart.js's chart.min.js, NUL-terminated; it holds no "</script" (checked when embedded). */
extern const unsigned char reckon_chartjs[];
extern const size_t reckon_chartjs_size;

/* Writes the n bytes of s to out escaped for an HTML text or a quoted attribute's value:
 * & < > " ' as character references, every other byte as it is. */
void html_text(FILE *out, const char *s, size_t n);
/* html_text of a NUL-terminated string (NULL writes nothing). */
void html_str(FILE *out, const char *s);

/* Which rows of a table the page shows: keep says whether a row is shown (NULL: every
 * row), and at most `cap` rows are; the rest are counted and said under the table. */
typedef struct html_rows {
    const char *title; /* the table's heading: "Totals" */
    bool (*keep)(void *ctx, const results_cell *cells, size_t n);
    void *ctx;
    size_t cap;
    const char *shown; /* words for the rows kept when keep is set: "at the totals' user
                          counts" */
} html_rows;

/* Writes rows->title as a heading, then table id as a <table data-csv="compare.csv">, a header row
 * of the CSV's column names and a row for each row shown, its data-row the CSV's row number (the
 * first after the header is 1), each cell the CSV's text, numbers right-aligned.  Writes nothing
 * when the run wrote no such file.  shown: the rows written (may be NULL). */
bool html_table(const format_input *in, tables_id id, const html_rows *rows, size_t *shown,
                FILE *out, core_error *err);

/* The charts of the run (charts.h), a section a group: each chart a <canvas> and its data a
 * <script type="application/json">; then the script that draws them with Chart.js. */
bool html_charts(const format_input *in, FILE *out, core_error *err);

#endif
