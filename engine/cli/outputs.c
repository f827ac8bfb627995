/*
 * outputs: what one model's run produces, gathered in a worker: the rows of items.csv (to
 * the part file as they come) and totals.csv, the analyses' and Monte Carlo tables and their
 * findings.  outputs_write adds them to the worker's part file as sections (part.h), which
 * the parent merges into the final files.  The files and their columns are the core's
 * registry (tables.h): items.csv's and totals.csv's rows, too many to hold, go through its
 * row writer (tables_rows), the others are tables made from it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "part.h"

bool outputs_open(outputs *o, FILE *items, FILE *totals, size_t max_csv)
{
    memset(o, 0, sizeof *o);
    o->cap.left = max_csv ? max_csv : SIZE_MAX;
    o->items = csvout_stream(items);
    o->totals = csvout_stream(totals);
    if (!o->items || !o->totals) {
        csvout_abort(o->items);
        csvout_abort(o->totals);
        o->items = o->totals = NULL;
        return false;
    }
    csvout_set_cap(o->items, &o->cap);
    csvout_set_cap(o->totals, &o->cap);
    tables_rows_open(&o->item_rows, TABLES_ITEMS, o->items);
    tables_rows_open(&o->total_rows, TABLES_TOTALS, o->totals);
    return true;
}

bool outputs_over_cap(const outputs *o)
{
    return o->cap.hit;
}

bool outputs_option(outputs *o, const char *model, const option *opt, const option_eval *ev)
{
    tables_rows *items = &o->item_rows, *totals = &o->total_rows;
    for (size_t u = 0; u < ev->count; u++) {
        double users = ev->users[ev->first + u];
        for (size_t i = 0; i < opt->n_items; i++) {
            const item *it = &opt->items[i];
            size_t k = i * ev->count + u;
            tables_rows_text(items, model);
            tables_rows_text(items, opt->name);
            tables_rows_number(items, users);
            tables_rows_text(items, it->name);
            tables_rows_text(items, it->category);
            tables_rows_number(items, ev->item_lo[k]);
            tables_rows_number(items, ev->item_mid[k]);
            tables_rows_number(items, ev->item_hi[k]);
            tables_rows_text(items, it->note);
            tables_rows_end(items);
        }
        tables_rows_text(totals, model);
        tables_rows_text(totals, opt->name);
        tables_rows_number(totals, users);
        tables_rows_number(totals, ev->total_lo[u]);
        tables_rows_number(totals, ev->total_mid[u]);
        tables_rows_number(totals, ev->total_hi[u]);
        tables_rows_number(totals, ev->total_mid[u] / users);
        tables_rows_end(totals);
        if (o->cap.hit) /* a huge sweep stops here, not at its end */
            return false;
    }
    return true;
}

/* One warning's row. */
static void stated_row(table *t, const char *model, const option *opt, const stated_check *c)
{
    char text[SUMMARY_STATED_MAX];
    summary_stated_text(opt, c, text, sizeof text);
    table_text(t, model);
    table_text(t, opt->name);
    table_number(t, c->stated->users);
    table_number(t, c->stated->total.lo);
    table_number(t, c->stated->total.hi);
    table_number(t, c->lo);
    table_number(t, c->hi);
    table_text(t, c->stated->source);
    table_text(t, text);
    table_end_row(t);
}

bool outputs_stated(outputs *o, const char *model, const option *opt)
{
    if (opt->n_stated == 0)
        return true;
    stated_check *checks;
    core_error err;
    if (!evaluate_stated(opt, &checks, &err))
        return false;
    if (!o->warnings)
        o->warnings = tables_new(TABLES_WARNINGS);
    for (size_t i = 0; o->warnings && i < opt->n_stated; i++)
        if (!checks[i].agrees)
            stated_row(o->warnings, model, opt, &checks[i]);
    budget_free(checks);
    return o->warnings && !table_failed(o->warnings);
}

bool outputs_analysis(outputs *o, const char *model, const analysis *an, analysis_tables *t,
                      findings *f)
{
    if (!cli_grow((void **)&o->results, o->n_results, &o->cap_results, sizeof *o->results))
        return false;
    analysis_result r = {cli_format("%s", model), cli_format("%s", an->name),
                         cli_format("%s", an->origin), *t, *f};
    if (!r.model || !r.name || !r.origin) {
        free(r.model), free(r.name), free(r.origin);
        return false;
    }
    o->results[o->n_results++] = r;
    memset(t, 0, sizeof *t); /* taken over */
    memset(f, 0, sizeof *f);
    return true;
}

bool outputs_uncertainty(outputs *o, const char *model, uncertainty_tables *t, findings *f)
{
    if (!cli_grow((void **)&o->mc, o->n_mc, &o->cap_mc, sizeof *o->mc))
        return false;
    uncertainty_result r = {cli_format("%s", model), *t, *f};
    if (!r.model)
        return false;
    o->mc[o->n_mc++] = r;
    memset(t, 0, sizeof *t); /* taken over */
    memset(f, 0, sizeof *f);
    return true;
}

/* One table's rows as a section of the part file (none when it has no rows), charged to
 * cap; the section is whole (cut short) when the cap is hit. */
static bool write_section(FILE *part, const table *t, csvout_cap *cap)
{
    if (table_failed(t)) /* a row ran out of memory: the table is not whole */
        return false;
    if (table_rows(t) == 0)
        return true;
    long at;
    csvout *out = csvout_stream(part);
    if (!out || !part_begin(part, table_name(t), &at)) {
        csvout_abort(out);
        return false;
    }
    csvout_set_cap(out, cap);
    table_write_rows(t, out);
    bool committed = csvout_commit(out, NULL);
    return part_end(part, at) && (committed || cap->hit);
}

bool outputs_finish_rows(outputs *o, char *err, size_t err_size)
{
    const char *wrong = tables_rows_problem(&o->item_rows);
    if (!wrong)
        wrong = tables_rows_problem(&o->total_rows);
    if (wrong) { /* a bug: the rows are not whole */
        snprintf(err, err_size, "%s", wrong);
        csvout_abort(o->items), csvout_abort(o->totals);
        o->items = o->totals = NULL;
        return false;
    }
    core_error e;
    bool ok = csvout_commit(o->items, &e);
    int errnum = errno; /* the first failure's cause, for the caller to report */
    o->items = NULL;
    if (!ok)
        snprintf(err, err_size, "%s", e.msg);
    if (!csvout_commit(o->totals, &e)) {
        if (ok)
            errnum = errno;
        snprintf(err, err_size, "%s", e.msg);
        ok = false;
    }
    o->totals = NULL;
    errno = errnum;
    return ok;
}

bool outputs_write(outputs *o, FILE *part)
{
    bool ok = true;
    for (size_t r = 0; ok && r < o->n_results; r++) {
        const analysis_tables *t = &o->results[r].tables;
        const table *all[] = {t->compare, t->crossovers, t->timeline, t->npv,
                              t->budgets, t->breakeven,  t->changes,  t->payback};
        for (size_t i = 0; ok && !o->cap.hit && i < sizeof all / sizeof all[0]; i++)
            ok = write_section(part, all[i], &o->cap);
        if (o->cap.hit && !o->cap_hit_in)
            o->cap_hit_in = &o->results[r];
    }
    for (size_t r = 0; ok && !o->cap.hit && r < o->n_mc; r++)
        ok = write_section(part, o->mc[r].tables.distribution, &o->cap) &&
             write_section(part, o->mc[r].tables.sensitivity, &o->cap);
    if (ok && !o->cap.hit && o->warnings)
        ok = write_section(part, o->warnings, &o->cap);
    return ok;
}

void outputs_print_findings(const outputs *o, FILE *out)
{
    for (size_t r = 0; r < o->n_mc; r++) {
        const uncertainty_result *res = &o->mc[r];
        if (res->findings.n)
            fprintf(out, "\nUncertainty (%s):\n", res->model);
        for (size_t i = 0; i < res->findings.n; i++)
            fprintf(out, "  %s\n", res->findings.lines[i]);
    }
    for (size_t r = 0; r < o->n_results; r++) {
        const analysis_result *res = &o->results[r];
        fprintf(out, "\n%s (%s):\n", res->name, res->model);
        for (size_t i = 0; i < res->findings.n; i++)
            fprintf(out, "  %s\n", res->findings.lines[i]);
    }
}

void outputs_free(outputs *o)
{
    csvout_abort(o->items);
    csvout_abort(o->totals);
    for (size_t r = 0; r < o->n_results; r++) {
        analysis_tables_free(&o->results[r].tables);
        findings_free(&o->results[r].findings);
        free(o->results[r].model);
        free(o->results[r].name);
        free(o->results[r].origin);
    }
    free(o->results);
    for (size_t r = 0; r < o->n_mc; r++) {
        uncertainty_tables_free(&o->mc[r].tables);
        findings_free(&o->mc[r].findings);
        free(o->mc[r].model);
    }
    free(o->mc);
    table_free(o->warnings);
    memset(o, 0, sizeof *o);
}
