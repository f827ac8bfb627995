/* format_html: report.html, one file that opens offline in any browser: the warnings first,
 * the findings in words, the charts (Chart.js inlined), the key tables with the CSVs' own
 * text, and what ran.  Nothing in it is fetched: no link, font or image outside the file. */
#include <stdlib.h>
#include <string.h>

#include "format_html.h"

/* The most rows a table of the page shows; the CSV holds the rest. */
#define ROWS_CAP 200
/* The most distinct user counts of totals.csv that choose compare.csv's rows. */
#define USERS_MAX 64

static const char css[] =
    "body{font-family:sans-serif;margin:0 auto;max-width:1200px;padding:0 16px 48px;"
    "color:#222;background:#fff}\n"
    "h1{margin:24px 0 4px}h2{border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:36px}\n"
    "h3{margin:24px 0 8px}.file{font-weight:normal;color:#666;font-size:0.8em;"
    "font-family:monospace}\n"
    ".scroll{overflow-x:auto;max-width:100%}\n"
    "table{border-collapse:collapse;font-size:13px;margin:4px 0}\n"
    "th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;white-space:nowrap}\n"
    "th{background:#f2f2f2}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tbody tr:nth-child(even){background:#fafafa}\n"
    ".note{color:#555;font-size:0.9em}\n"
    ".warn{background:#fff4e5;border:1px solid #f0b060;padding:4px 16px 12px;"
    "border-radius:4px}\n"
    ".findings{white-space:pre-wrap;background:#f7f7f7;padding:12px;border-radius:4px;"
    "font-size:14px}\n"
    ".chart{margin:12px 0}canvas{border:1px solid #eee;background:#fff}\n"
    "dt{font-weight:bold}dd{margin:0 0 8px 16px;font-family:monospace}\n";

/* totals.csv's user counts, as its text writes them. */
typedef struct user_counts {
    char *texts[USERS_MAX];
    size_t n;
    bool too_many; /* more than USERS_MAX: no choosing by them */
} user_counts;

static bool on_total(void *ctx, const results_cell *cells, size_t n)
{
    user_counts *u = ctx;
    int col = results_column(TABLES_TOTALS, "users");
    if (col < 0 || (size_t)col >= n)
        return false;
    for (size_t i = 0; i < u->n; i++)
        if (strcmp(u->texts[i], cells[col].text) == 0)
            return true;
    if (u->n == USERS_MAX) {
        u->too_many = true;
        return false;
    }
    u->texts[u->n] = malloc(cells[col].len + 1);
    if (!u->texts[u->n]) {
        u->too_many = true; /* out of memory: every row shown, to the cap */
        return false;
    }
    memcpy(u->texts[u->n++], cells[col].text, cells[col].len + 1);
    return true;
}

static void users_free(user_counts *u)
{
    for (size_t i = 0; i < u->n; i++)
        free(u->texts[i]);
    u->n = 0;
}

/* A compare row at one of totals' user counts. */
static bool at_total_users(void *ctx, const results_cell *cells, size_t n)
{
    const user_counts *u = ctx;
    int col = results_column(TABLES_COMPARE, "users");
    for (size_t i = 0; col >= 0 && (size_t)col < n && i < u->n; i++)
        if (strcmp(u->texts[i], cells[col].text) == 0)
            return true;
    return false;
}

/* A distribution row of an option's total (no item). */
static bool total_row(void *ctx, const results_cell *cells, size_t n)
{
    (void)ctx;
    int col = results_column(TABLES_DISTRIBUTION, "item");
    return col >= 0 && (size_t)col < n && cells[col].empty;
}

/* A sensitivity row of the five inputs that move the total most. */
static bool top_five(void *ctx, const results_cell *cells, size_t n)
{
    (void)ctx;
    int col = results_column(TABLES_SENSITIVITY, "rank");
    return col >= 0 && (size_t)col < n && !cells[col].empty && cells[col].number <= 5;
}

static bool plain_table(const format_input *in, tables_id id, const char *title, FILE *out,
                        core_error *err)
{
    html_rows rows = {.title = title, .cap = ROWS_CAP};
    return html_table(in, id, &rows, NULL, out, err);
}

static bool compare_table(const format_input *in, FILE *out, core_error *err)
{
    user_counts u = {0};
    core_error ignored;
    if (in->tables[TABLES_TOTALS] && in->tables[TABLES_COMPARE])
        results_read(in->tables[TABLES_TOTALS], TABLES_TOTALS, on_total, &u, &ignored);
    html_rows rows = {.title = "Options compared", .cap = ROWS_CAP};
    if (u.n > 0 && !u.too_many) {
        rows.keep = at_total_users, rows.ctx = &u;
        rows.shown = "at the user counts of totals.csv are shown";
    }
    bool ok = html_table(in, TABLES_COMPARE, &rows, NULL, out, err);
    users_free(&u);
    return ok;
}

static bool key_tables(const format_input *in, FILE *out, core_error *err)
{
    fputs("<section id=\"tables\"><h2>Tables</h2>\n", out);
    if (!plain_table(in, TABLES_TOTALS, "Totals", out, err) || !compare_table(in, out, err) ||
        !plain_table(in, TABLES_CROSSOVERS, "Crossovers", out, err) ||
        !plain_table(in, TABLES_BUDGETS, "Budgets", out, err) ||
        !plain_table(in, TABLES_CHANGES, "Changes", out, err) ||
        !plain_table(in, TABLES_BREAKEVEN, "Break-even", out, err))
        return false;
    html_rows spread = {.title = "Spread of the totals (Monte Carlo)",
                        .keep = total_row,
                        .cap = ROWS_CAP,
                        .shown = "of the options' totals (not each item's) are shown"};
    html_rows top = {.title = "Top sensitivities (Monte Carlo)",
                     .keep = top_five,
                     .cap = ROWS_CAP,
                     .shown = "of the five inputs that move each total most are shown"};
    if (!html_table(in, TABLES_DISTRIBUTION, &spread, NULL, out, err) ||
        !html_table(in, TABLES_SENSITIVITY, &top, NULL, out, err))
        return false;
    fputs("</section>\n", out);
    return true;
}

static bool warnings(const format_input *in, FILE *out, core_error *err)
{
    size_t stated = 0, failed = 0;
    html_rows w = {.title = "Stated totals that do not match their items", .cap = ROWS_CAP};
    html_rows e = {.title = "Errors", .cap = ROWS_CAP};
    fputs("<section id=\"warnings\" class=\"warn\"><h2>Warnings</h2>\n", out);
    if (!html_table(in, TABLES_WARNINGS, &w, &stated, out, err) ||
        !html_table(in, TABLES_ERRORS, &e, &failed, out, err))
        return false;
    if (in->facts->n_failed > 0)
        fprintf(out, "<p>%zu of the %zu models failed; errors.csv says why.</p>\n",
                in->facts->n_failed, in->facts->n_models);
    if (stated == 0 && failed == 0 && in->facts->n_failed == 0)
        fputs("<p>None: every stated total matches its items, and every model ran.</p>\n", out);
    fputs("</section>\n", out);
    return true;
}

static void findings(const run_facts *f, FILE *out)
{
    fputs("<section id=\"findings\"><h2>Findings</h2>\n", out);
    if (f->findings && *f->findings) {
        fputs("<div class=\"findings\">", out);
        html_str(out, f->findings);
        fputs("</div>\n", out);
    } else {
        fputs("<p class=\"note\">No findings.</p>\n", out);
    }
    fputs("</section>\n", out);
}

static void models_table(const run_facts *f, FILE *out)
{
    fputs("<div class=\"scroll\"><table id=\"models\"><thead><tr><th>model</th><th>file</th>"
          "<th>sha256</th><th>ran</th></tr></thead>\n<tbody>\n",
          out);
    for (size_t i = 0; i < f->n_models; i++) {
        const format_model *m = &f->models[i];
        fputs("<tr><td>", out);
        html_str(out, m->path);
        fputs("</td><td>", out);
        html_str(out, m->file);
        fputs("</td><td><code>", out);
        html_str(out, m->sha256);
        fprintf(out, "</code></td><td>%s</td></tr>\n", m->ok ? "yes" : "failed");
    }
    fputs("</tbody></table></div>\n", out);
}

static void facts(const run_facts *f, FILE *out)
{
    fputs("<section id=\"run\"><h2>What ran</h2>\n<dl>\n<dt>reckon</dt><dd>", out);
    html_str(out, f->version);
    fputs("</dd>\n<dt>command</dt><dd>reckon run", out);
    for (size_t i = 0; i < f->n_args; i++) {
        fputc(' ', out);
        html_str(out, f->args[i]);
    }
    fprintf(out, "</dd>\n<dt>seed</dt><dd>%llu</dd>\n", (unsigned long long)f->seed);
    fprintf(out, "<dt>samples</dt><dd>%zu</dd>\n</dl>\n", f->samples);
    models_table(f, out);
    fputs("</section>\n", out);
}

static void head(const run_facts *f, FILE *out)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>reckon report</title>\n<style>\n",
          out);
    fputs(css, out);
    fputs("</style>\n</head>\n<body>\n<h1>reckon report</h1>\n<p class=\"note\">", out);
    fprintf(out, "%zu models, written by reckon ", f->n_models);
    html_str(out, f->version);
    fputs(". Every number on this page is the text of the CSV file named beside its "
          "table.</p>\n",
          out);
}

bool format_html(const format_input *in, FILE *out, core_error *err)
{
    head(in->facts, out);
    if (!warnings(in, out, err))
        return false;
    findings(in->facts, out);
    if (!html_charts(in, out, err) || !key_tables(in, out, err))
        return false;
    facts(in->facts, out);
    fputs("</body>\n</html>\n", out);
    if (ferror(out))
        return error_fail(err, "report.html: cannot write it");
    return true;
}
