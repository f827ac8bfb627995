/*
 * outputs: the CSV files of one run.  items.csv and totals.csv are written as models
 * finish; the analyses' tables are kept until the end and written under one header each.
 * Every file goes to a temporary name and is renamed into place only when complete.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void header(csvout *out, const char *const names[])
{
    for (int i = 0; names[i]; i++)
        csvout_text(out, names[i]);
    csvout_end_row(out);
}

const char *const outputs_items_header[] = {"model", "option", "users", "item", "category",
                                            "low", "mid", "high", "note", NULL};
const char *const outputs_totals_header[] = {"model", "option", "users", "low", "mid", "high",
                                             "per_user", NULL};

bool outputs_open(outputs *o, const char *dir, bool part, char *err, size_t err_size)
{
    memset(o, 0, sizeof *o);
    o->dir = dir;
    o->part = part;
    o->items = csvout_open(dir, "items.csv", err, err_size);
    o->totals = o->items ? csvout_open(dir, "totals.csv", err, err_size) : NULL;
    if (!o->totals) {
        csvout_abort(o->items);
        return false;
    }
    if (part) {
        csvout_scratch_only(o->items);
        csvout_scratch_only(o->totals);
    }
    header(o->items, outputs_items_header);
    header(o->totals, outputs_totals_header);
    return true;
}

void outputs_option(outputs *o, const char *model, const option *opt, const option_eval *ev)
{
    for (size_t u = 0; u < ev->n_users; u++) {
        for (size_t i = 0; i < opt->n_items; i++) {
            const item *it = &opt->items[i];
            size_t k = i * ev->n_users + u;
            csvout_text(o->items, model);
            csvout_text(o->items, opt->name);
            csvout_number(o->items, ev->users[u], 0);
            csvout_text(o->items, it->name);
            csvout_text(o->items, it->category);
            csvout_money(o->items, ev->item_lo[k]);
            csvout_money(o->items, ev->item_mid[k]);
            csvout_money(o->items, ev->item_hi[k]);
            csvout_text(o->items, it->note);
            csvout_end_row(o->items);
        }
        csvout_text(o->totals, model);
        csvout_text(o->totals, opt->name);
        csvout_number(o->totals, ev->users[u], 0);
        csvout_money(o->totals, ev->total_lo[u]);
        csvout_money(o->totals, ev->total_mid[u]);
        csvout_money(o->totals, ev->total_hi[u]);
        csvout_number(o->totals, ev->total_mid[u] / ev->users[u], 6);
        csvout_end_row(o->totals);
    }
}

bool outputs_analysis(outputs *o, const char *model, const char *name, analysis_tables *t,
                      findings *f)
{
    if (o->n_results == o->cap_results) {
        size_t cap = o->cap_results ? 2 * o->cap_results : 8;
        analysis_result *p = realloc(o->results, cap * sizeof *p);
        if (!p)
            return false;
        o->results = p, o->cap_results = cap;
    }
    analysis_result r = {cli_format("%s", model), cli_format("%s", name), *t, *f};
    if (!r.model || !r.name) {
        free(r.model), free(r.name);
        return false;
    }
    o->results[o->n_results++] = r;
    memset(t, 0, sizeof *t); /* taken over */
    memset(f, 0, sizeof *f);
    return true;
}

bool outputs_uncertainty(outputs *o, const char *model, uncertainty_tables *t, findings *f)
{
    if (o->n_mc == o->cap_mc) {
        size_t cap = o->cap_mc ? 2 * o->cap_mc : 8;
        uncertainty_result *p = realloc(o->mc, cap * sizeof *p);
        if (!p)
            return false;
        o->mc = p, o->cap_mc = cap;
    }
    uncertainty_result r = {cli_format("%s", model), *t, *f};
    if (!r.model)
        return false;
    o->mc[o->n_mc++] = r;
    memset(t, 0, sizeof *t); /* taken over */
    memset(f, 0, sizeof *f);
    return true;
}

/* Writes distribution.csv or sensitivity.csv (which: 0 or 1) from every model's rows. */
static bool write_uncertainty_file(outputs *o, const uncertainty_tables *empty, int which,
                                   char *err, size_t err_size)
{
    const table *shape = which ? empty->sensitivity : empty->distribution;
    size_t rows = 0;
    for (size_t r = 0; r < o->n_mc; r++)
        rows += table_rows(which ? o->mc[r].tables.sensitivity : o->mc[r].tables.distribution);
    if (o->part && rows == 0) /* a part file is only needed when it has rows */
        return true;
    csvout *out = csvout_open(o->dir, table_name(shape), err, err_size);
    if (!out)
        return false;
    if (o->part)
        csvout_scratch_only(out);
    table_write(shape, out);
    for (size_t r = 0; r < o->n_mc; r++)
        table_write_rows(which ? o->mc[r].tables.sensitivity : o->mc[r].tables.distribution, out);
    return csvout_commit(out, err, err_size);
}

/* The tables of the analyses, by position in analysis_tables. */
static table *nth_table(analysis_tables *t, int i)
{
    table *all[] = {t->compare, t->crossovers, t->timeline, t->npv, t->budgets, t->breakeven,
                    t->changes};
    return all[i];
}

enum { ANALYSIS_TABLES = 7 };

/* Writes one analysis file: the header of an empty table of that kind, then every run's rows. */
static bool write_analysis_file(outputs *o, analysis_tables *empty, int which, char *err,
                                size_t err_size)
{
    const table *shape = nth_table(empty, which);
    size_t rows = 0;
    for (size_t r = 0; r < o->n_results; r++)
        rows += table_rows(nth_table(&o->results[r].tables, which));
    if (o->part && rows == 0) /* a part file is only needed when it has rows */
        return true;
    csvout *out = csvout_open(o->dir, table_name(shape), err, err_size);
    if (!out)
        return false;
    if (o->part)
        csvout_scratch_only(out);
    table_write(shape, out);
    for (size_t r = 0; r < o->n_results; r++)
        table_write_rows(nth_table(&o->results[r].tables, which), out);
    return csvout_commit(out, err, err_size);
}

bool outputs_commit(outputs *o, char *err, size_t err_size)
{
    bool ok = csvout_commit(o->items, err, err_size);
    o->items = NULL;
    if (ok)
        ok = csvout_commit(o->totals, err, err_size);
    else
        csvout_abort(o->totals);
    o->totals = NULL;
    analysis_tables empty = {0};
    if (ok && !analysis_tables_new(&empty)) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    for (int i = 0; ok && i < ANALYSIS_TABLES; i++)
        ok = write_analysis_file(o, &empty, i, err, err_size);
    analysis_tables_free(&empty); /* zeroed by analysis_tables_new, so safe after a failure */
    uncertainty_tables shapes = {0};
    if (ok && o->sampled && !uncertainty_tables_new(&shapes)) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    for (int i = 0; ok && o->sampled && i < 2; i++)
        ok = write_uncertainty_file(o, &shapes, i, err, err_size);
    uncertainty_tables_free(&shapes);
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
    }
    free(o->results);
    for (size_t r = 0; r < o->n_mc; r++) {
        uncertainty_tables_free(&o->mc[r].tables);
        findings_free(&o->mc[r].findings);
        free(o->mc[r].model);
    }
    free(o->mc);
    memset(o, 0, sizeof *o);
}
