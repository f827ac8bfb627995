/*
 * format_xlsx_impl: what the workbook's files share (format_xlsx.c, the first sheet and the
 * whole; format_xlsx_tables.c, a sheet a table; format_xlsx_charts.c, the chart sheets and
 * their data).  Not for any other file.
 */
#ifndef RECKON_FORMAT_XLSX_IMPL_H
#define RECKON_FORMAT_XLSX_IMPL_H

#include <xlsxwriter.h>

#include "charts.h"
#include "formats.h"

/* Excel's most rows in a sheet, the header's row included. */
#define XLSX_ROWS 1048576u
/* Excel's longest text in a cell, in characters. */
#define XLSX_TEXT_MAX 32767u

/* The workbook being written. */
typedef struct xlsx {
    lxw_workbook *wb;
    core_error *err;
    lxw_format *bold;
    lxw_format *fixed[10];   /* "0", "0.0", ... "0.000000000" */
    lxw_format *percent[10]; /* "0%", "0.0%", ... */
    char **names;            /* every sheet's name so far, as given to the workbook */
    size_t n_names;
    char **notes; /* the first sheet's notes: tables left out, cells cut */
    size_t n_notes;
} xlsx;

/* A sheet name made from base that Excel takes and no sheet has yet (deterministic: the
 * same names asked in the same order give the same answers): []:*?/\ become '_', a leading
 * or trailing "'" too, at most 31 characters, and " (2)", " (3)"... after a name taken (not
 * minding ASCII case).  The name is kept in x->names; NULL out of memory (err filled). */
const char *xlsx_sheet_name(xlsx *x, const char *base);

/* A note for the first sheet (printf-like); false out of memory (err filled). */
bool xlsx_note(xlsx *x, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* False with err filled from a libxlsxwriter error about what. */
bool xlsx_fail(xlsx *x, lxw_error e, const char *what);

/* Writes text (UTF-8) at (row, col), cut to Excel's longest when longer (then a note);
 * fmt may be NULL. */
bool xlsx_text(xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
               lxw_format *fmt);

/* Writes the rows of table id (when the run wrote it) on ws from row `row` on, typed by its
 * columns, without a header, at most to the sheet's last row; *rows: how many were written. */
bool xlsx_table_rows(xlsx *x, lxw_worksheet *ws, const format_input *in, tables_id id,
                     lxw_row_t row, size_t *rows);

/* Every table a sheet (or more when it has more rows than a sheet holds), in the
 * registry's order. */
bool xlsx_tables(xlsx *x, const format_input *in);

/* Every chart of the book a chart sheet, each group's data on a sheet of its own. */
bool xlsx_charts(xlsx *x, const chart_book *book);

#endif
