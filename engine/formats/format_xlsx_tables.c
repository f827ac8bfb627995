/* format_xlsx_tables: a sheet a table, each cell typed by its column (format_xlsx_impl.h). */
#include <stdlib.h>
#include <string.h>

#include "format_xlsx_impl.h"
#include "results_read.h"

/* The widest a column is made, in characters. */
#define WIDTH_MAX 50

/* Rate columns that are not fractions, shown as plain numbers with their decimals: dollars
 * a user (per_user of totals.csv, revenue_per_user of breakeven.csv) and an input's own
 * unit (low_value, high_value of sensitivity.csv).  Every other rate is a fraction (a
 * probability, an ROI, an interest rate) shown as a percentage with two decimals fewer. */
static bool plain_rate(const char *name)
{
    static const char *const plain[] = {"per_user", "revenue_per_user", "low_value", "high_value"};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (strcmp(name, plain[i]) == 0)
            return true;
    return false;
}

/* The number format of column c: NULL for text; money "0.00"; a fraction "0.00%" (its
 * places less two); a count, a month, a flag or a plain rate its places' decimals. */
static lxw_format *column_format(const xlsx *x, const table_column *c)
{
    int places = c->places < 0 ? 0 : c->places > 9 ? 9 : c->places;
    switch (c->kind) {
    case TABLE_KIND_TEXT:
        return NULL;
    case TABLE_KIND_MONEY:
        return x->fixed[2];
    case TABLE_KIND_RATE:
        return plain_rate(c->name) ? x->fixed[places] : x->percent[places > 2 ? places - 2 : 0];
    default:
        return x->fixed[places];
    }
}

/* A table being written. */
typedef struct sheet {
    xlsx *x;
    const tables_spec *spec;
    tables_id id;
    lxw_worksheet *ws;
    lxw_format **formats; /* each column's */
    size_t *widths;       /* each column's widest cell, in characters (NULL: not kept) */
    lxw_row_t row;        /* the next row */
    size_t rows;          /* data rows written */
} sheet;

static size_t chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static bool write_header(sheet *s)
{
    for (size_t i = 0; i < s->spec->n_columns; i++) {
        const char *name = s->spec->columns[i].name;
        lxw_error e = worksheet_write_string(s->ws, s->row, (lxw_col_t)i, name, s->x->bold);
        if (e != LXW_NO_ERROR)
            return xlsx_fail(s->x, e, s->spec->file);
        if (s->widths)
            s->widths[i] = strlen(name);
    }
    s->row++;
    return true;
}

/* The header frozen with a filter over the rows, and the columns as wide as their cells. */
static bool finish_sheet(sheet *s)
{
    lxw_col_t last = (lxw_col_t)(s->spec->n_columns - 1);
    worksheet_freeze_panes(s->ws, 1, 0);
    lxw_error e = worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1, last);
    for (size_t i = 0; e == LXW_NO_ERROR && i < s->spec->n_columns; i++) {
        size_t w = s->widths[i] + 2 > WIDTH_MAX ? WIDTH_MAX : s->widths[i] + 2;
        e = worksheet_set_column(s->ws, (lxw_col_t)i, (lxw_col_t)i, (double)w, NULL);
    }
    return e == LXW_NO_ERROR || xlsx_fail(s->x, e, s->spec->file);
}

/* The table's sheet, its header written. */
static bool open_sheet(sheet *s)
{
    char base[64];
    snprintf(base, sizeof base, "%.*s", (int)(strlen(s->spec->file) - 4), s->spec->file);
    const char *name = xlsx_sheet_name(s->x, base);
    if (!name)
        return false;
    if (!(s->ws = workbook_add_worksheet(s->x->wb, name)))
        return error_fail(s->x->err, "reckon.xlsx: cannot add the sheet %s", name);
    s->row = 0;
    return write_header(s);
}

static bool write_cell(sheet *s, size_t i, const results_cell *c)
{
    if (s->widths && chars(c->text, c->len) > s->widths[i])
        s->widths[i] = chars(c->text, c->len);
    if (c->empty)
        return true;
    if (!s->formats[i])
        return xlsx_text(s->x, s->ws, s->row, (lxw_col_t)i, c->text, NULL);
    lxw_error e = worksheet_write_number(s->ws, s->row, (lxw_col_t)i, c->number, s->formats[i]);
    return e == LXW_NO_ERROR || xlsx_fail(s->x, e, s->spec->file);
}

static bool on_row(void *ctx, const results_cell *cells, size_t n)
{
    sheet *s = ctx;
    if (s->row >= XLSX_ROWS)
        return true; /* the first sheet's copy stops; the table's own sheet has all */
    for (size_t i = 0; i < n; i++)
        if (!write_cell(s, i, &cells[i]))
            return false;
    s->row++, s->rows++;
    return true;
}

static bool sheet_start(sheet *s, xlsx *x, tables_id id, bool widths)
{
    *s = (sheet){.x = x, .spec = tables_spec_of(id), .id = id};
    s->formats = calloc(s->spec->n_columns, sizeof *s->formats);
    s->widths = widths ? calloc(s->spec->n_columns, sizeof *s->widths) : NULL;
    if (!s->formats || (widths && !s->widths))
        return error_oom(x->err);
    for (size_t i = 0; i < s->spec->n_columns; i++)
        s->formats[i] = column_format(x, &s->spec->columns[i]);
    return true;
}

bool xlsx_table_rows(xlsx *x, lxw_worksheet *ws, const format_input *in, tables_id id,
                     lxw_row_t row, size_t *rows)
{
    sheet s;
    bool ok = sheet_start(&s, x, id, false);
    s.ws = ws, s.row = row;
    ok = ok && (!in->tables[id] || results_read(in->tables[id], id, on_row, &s, x->err));
    *rows = s.rows;
    free(s.formats);
    return ok;
}

/* The table's sheet; a table longer than a sheet is left out, with a note on the first
 * sheet: twelve sheets of a million rows (a long sweep's items) are a workbook no one can
 * open, and took minutes to write. */
static bool table_sheet(xlsx *x, const format_input *in, tables_id id)
{
    size_t rows;
    if (!results_count_rows(in->tables[id], &rows, x->err))
        return false;
    if (rows > XLSX_ROWS - 1)
        return xlsx_note(x,
                         "%s has %zu rows, more than a sheet's %u: it is left out of the "
                         "workbook; the CSV holds all of it.",
                         tables_spec_of(id)->file, rows, XLSX_ROWS - 1);
    sheet s;
    bool ok = sheet_start(&s, x, id, true) && open_sheet(&s);
    ok = ok && results_read(in->tables[id], id, on_row, &s, x->err);
    ok = ok && finish_sheet(&s);
    free(s.formats), free(s.widths);
    return ok;
}

bool xlsx_tables(xlsx *x, const format_input *in)
{
    for (tables_id id = 0; id < TABLES_N; id++) /* a table with no rows has no file, no sheet */
        if (in->tables[id] && !table_sheet(x, in, id))
            return false;
    return true;
}
