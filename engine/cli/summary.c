/*
 * summary: what a person reads after a run.  A table of every option at every user count
 * (total low..high, mid and per user) and the self-check warnings: a total stated in a
 * source document that disagrees with the sum of the option's own items.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "numfmt.h"
#include "reckon_lua.h"

/* "1850.00", or "320.00 to 340.00" for a range. */
static void money_span(double lo, double hi, char *out, size_t size)
{
    char a[NUMFMT_MAX], b[NUMFMT_MAX];
    numfmt_fixed(lo, 2, a);
    numfmt_fixed(hi, 2, b);
    if (strcmp(a, b) == 0)
        snprintf(out, size, "%s", a);
    else
        snprintf(out, size, "%s to %s", a, b);
}

void summary_stated_text(const option *opt, const stated_check *c, char *out, size_t size)
{
    const stated_total *st = c->stated;
    char stated[2 * NUMFMT_MAX + 8], items[2 * NUMFMT_MAX + 8], off[2 * NUMFMT_MAX + 8];
    money_span(st->total.lo, st->total.hi, stated, sizeof stated);
    money_span(c->lo, c->hi, items, sizeof items);
    money_span(c->lo - st->total.lo, c->hi - st->total.hi, off, sizeof off);
    snprintf(out, size,
             "%s: warning: option \"%s\" at %.0f users: the stated total %s%s%s%s does "
             "not match its items, which sum to %s (items minus stated: %s)",
             opt->origin, opt->name, st->users, stated, st->source[0] ? " (" : "", st->source,
             st->source[0] ? ")" : "", items, off);
}

int summary_check_stated(const option *opt, FILE *out, char **error)
{
    stated_check *checks;
    core_error err;
    if (!evaluate_stated(opt, &checks, &err)) {
        *error = strdup(err.msg);
        return -1;
    }
    int disagree = 0;
    for (size_t i = 0; i < opt->n_stated; i++) {
        if (checks[i].agrees)
            continue;
        disagree++;
        char text[SUMMARY_STATED_MAX];
        summary_stated_text(opt, &checks[i], text, sizeof text);
        fprintf(out, "%s\n", text);
    }
    budget_free(checks);
    return disagree;
}

bool summary_check_percentiles(const char *model, const loaded_model *m, const mc_draws *draws,
                               uint64_t seed, char **error)
{
    size_t checks = 0;
    for (size_t i = 0; i < m->n_options; i++)
        checks += m->options[i]->n_checks;
    if (checks == 0)
        return true;
    core_error err = {0};
    mc_draws own = {0};
    if (!draws && !mc_draw(wrap_inputs(m->L), seed, model, UNCERTAINTY_CHECK_SAMPLES, &own, &err)) {
        *error = strdup(err.msg);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; ok && i < m->n_options; i++)
        ok = uncertainty_checks(m->options[i], draws ? draws : &own, &err);
    mc_draws_free(&own);
    if (!ok)
        *error = strdup(err.msg);
    return ok;
}

/* ---- the table ------------------------------------------------------------------------- */

typedef struct summary_row {
    char *model;  /* the model's name in the CSV files */
    char *option; /* the option's name */
    double users, lo, mid, hi;
    size_t more; /* the rows of this option left out after this one (in totals.csv only) */
} summary_row;

/* The table shows an option's first SUMMARY_HEAD and last SUMMARY_TAIL user counts and a
 * line for those between: a summary keeps no more, so the parent's memory grows with the
 * number of options, not with their user counts (a list may have 1,000,000). */
enum { SUMMARY_HEAD = 10, SUMMARY_TAIL = 5 };

struct summary {
    summary_row *rows;
    size_t count, cap;
    size_t group; /* the first row of the last option's rows */
};

summary *summary_new(void)
{
    return calloc(1, sizeof(summary));
}

size_t summary_kept(const summary *s)
{
    return s->count;
}

static bool same_option(const summary_row *a, const summary_row *b)
{
    return strcmp(a->model, b->model) == 0 && strcmp(a->option, b->option) == 0;
}

/* Adds row to a group of SUMMARY_HEAD + SUMMARY_TAIL rows already: the oldest of the tail
 * is dropped (counted in the last head row's `more`) and row ends the tail. */
static void shift_tail(summary *s, summary_row row)
{
    summary_row *head_end = &s->rows[s->group + SUMMARY_HEAD - 1];
    summary_row *tail = head_end + 1;
    head_end->more += 1 + tail->more;
    budget_free(tail->model), budget_free(tail->option);
    memmove(tail, tail + 1, (SUMMARY_TAIL - 1) * sizeof *tail);
    tail[SUMMARY_TAIL - 1] = row;
}

/* Takes row (its names too, even on failure): a row of the last option's joins its group,
 * bounded; any other starts a group.  Rows and names are the core's budget blocks: in a
 * worker they are charged to the model's --max-memory, as everything it causes is. */
static bool push_row(summary *s, summary_row row)
{
    bool joins = s->count > s->group && same_option(&s->rows[s->group], &row);
    if (joins && s->count - s->group == SUMMARY_HEAD + SUMMARY_TAIL) {
        shift_tail(s, row);
        return true;
    }
    if (!budget_grow((void **)&s->rows, s->count, &s->cap, sizeof *s->rows)) {
        budget_free(row.model), budget_free(row.option);
        return false;
    }
    if (!joins)
        s->group = s->count;
    s->rows[s->count++] = row;
    return true;
}

enum { NAME_COLUMNS = 48 }; /* a longer model or option name is cut, with an ellipsis */

/* A copy of name fit for one line of a tab-separated file, and only as much of it as the
 * table shows (NAME_COLUMNS characters, and one more to tell a cut): a row holds at most a
 * few hundred bytes however long the model's names, so neither a worker's summary nor the
 * parent's, of every model's rows, grows with them. */
static char *one_line(const char *name)
{
    size_t n = 0;
    for (size_t chars = 0; name[n]; n++) /* n: the bytes of the first NAME_COLUMNS + 1 */
        if ((name[n] & 0xC0) != 0x80 && chars++ == NAME_COLUMNS + 1)
            break;
    char *copy = budget_strndup(name, n);
    for (char *p = copy; p && *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = ' ';
    return copy;
}

bool summary_add(summary *s, const char *model, const option *opt, const option_eval *ev)
{
    for (size_t u = 0; u < ev->count; u++) {
        summary_row row = {one_line(model),
                           one_line(opt->name),
                           ev->users[ev->first + u],
                           ev->total_lo[u],
                           ev->total_mid[u],
                           ev->total_hi[u],
                           0};
        if (!row.model || !row.option) {
            budget_free(row.model), budget_free(row.option);
            return false;
        }
        if (!push_row(s, row))
            return false;
    }
    return true;
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

/* Columns that a string from cli_display takes (its UTF-8 characters). */
static int columns_of(const char *d)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)d; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

/* printf's "%-*s" by columns, not bytes (a cut name ends with a three-byte ellipsis). */
static void print_padded(FILE *out, const char *d, int width)
{
    fputs(d, out);
    for (int pad = width - columns_of(d); pad > 0; pad--)
        fputc(' ', out);
}

void summary_print(const summary *s, FILE *out)
{
    int wm = 5, wo = 6;
    char **shown = calloc(2 * s->count + 1, sizeof *shown);
    for (size_t i = 0; shown && i < s->count; i++) {
        shown[2 * i] = cli_display(s->rows[i].model, NAME_COLUMNS);
        shown[2 * i + 1] = cli_display(s->rows[i].option, NAME_COLUMNS);
        wm = max_int(wm, shown[2 * i] ? columns_of(shown[2 * i]) : 1);
        wo = max_int(wo, shown[2 * i + 1] ? columns_of(shown[2 * i + 1]) : 1);
    }
    fprintf(out, "%-*s  %-*s  %11s  %27s  %13s  %10s\n", wm, "model", wo, "option", "users",
            "total a month (low - high)", "mid", "per user");
    for (size_t i = 0; i < s->count; i++) {
        const summary_row *r = &s->rows[i];
        char users[NUMFMT_GROUPED_MAX], lo[NUMFMT_GROUPED_MAX], hi[NUMFMT_GROUPED_MAX];
        char mid[NUMFMT_GROUPED_MAX], per[NUMFMT_GROUPED_MAX], span[2 * NUMFMT_GROUPED_MAX + 4];
        numfmt_grouped(r->users, 0, users);
        numfmt_grouped(r->lo, 2, lo);
        numfmt_grouped(r->hi, 2, hi);
        numfmt_grouped(r->mid, 2, mid);
        numfmt_grouped(r->mid / r->users, 4, per);
        if (strcmp(lo, hi) == 0)
            snprintf(span, sizeof span, "%s", lo);
        else
            snprintf(span, sizeof span, "%s - %s", lo, hi);
        const char *model = shown && shown[2 * i] ? shown[2 * i] : "?";
        const char *option = shown && shown[2 * i + 1] ? shown[2 * i + 1] : "?";
        print_padded(out, model, wm);
        fputs("  ", out);
        print_padded(out, option, wo);
        fprintf(out, "  %11s  %27s  %13s  %10s\n", users, span, mid, per);
        if (r->more)
            fprintf(out, "%*s\u2026 %zu more rows in totals.csv\n", wm + 2, "", r->more);
    }
    for (size_t i = 0; shown && i < 2 * s->count; i++)
        free(shown[i]);
    free(shown);
}

bool summary_save(const summary *s, FILE *f)
{
    for (size_t i = 0; i < s->count; i++) { /* tabs and newlines cannot be in names: they are */
        const summary_row *r = &s->rows[i]; /* replaced on the way in */
        fprintf(f, "%s\t%s\t%.17g\t%.17g\t%.17g\t%.17g\t%zu\n", r->model, r->option, r->users,
                r->lo, r->mid, r->hi, r->more);
    }
    return !ferror(f);
}

/* Splits line at tabs into at most n fields; returns how many. */
static size_t split_tabs(char *line, char **fields, size_t n)
{
    size_t k = 0;
    for (char *p = line; k < n; p = NULL) {
        char *field = strtok(p, "\t\n");
        if (!field)
            break;
        fields[k++] = field;
    }
    return k;
}

bool summary_load(summary *s, FILE *f)
{
    char *line = NULL; /* as long as a row is: a long name is a row too */
    size_t size = 0;
    bool ok = true;
    while (ok && getline(&line, &size, f) > 0) {
        char *fields[7];
        if (split_tabs(line, fields, 7) != 7)
            continue;
        summary_row row = {one_line(fields[0]),          one_line(fields[1]),
                           strtod(fields[2], NULL),      strtod(fields[3], NULL),
                           strtod(fields[4], NULL),      strtod(fields[5], NULL),
                           strtoull(fields[6], NULL, 10)};
        ok = row.model && row.option;
        if (!ok)
            budget_free(row.model), budget_free(row.option);
        ok = ok && push_row(s, row);
    }
    free(line);
    return ok;
}

void summary_free(summary *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        budget_free(s->rows[i].model), budget_free(s->rows[i].option);
    budget_free(s->rows);
    free(s);
}
