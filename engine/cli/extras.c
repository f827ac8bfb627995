/*
 * extras: the files a run writes beside its tables, made from the finished tables before
 * anything is published (publish.h), so that they and the CSVs are one run's:
 *   findings.txt  always: the stated-total warnings, the findings in words, the failures
 *   run.json      always: what ran (formats.h)
 *   results.json, reckon.xlsx, report.html: as --format chooses
 * Without csv in --format the tables are made (the others are made from them) but not
 * published.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "publish.h"
#include "results_read.h"

/* A growing text (findings.txt's). */
typedef struct text {
    char *s;
    size_t n, cap;
    bool failed;
} text;

static void add(text *t, const char *s, size_t len)
{
    while (!t->failed && t->n + len + 1 > t->cap) /* cli_grow doubles once a call */
        t->failed = !cli_grow((void **)&t->s, t->cap, &t->cap, 1);
    if (t->failed)
        return;
    memcpy(t->s + t->n, s, len);
    t->n += len;
    t->s[t->n] = '\0';
}

static void add_str(text *t, const char *s)
{
    add(t, s, strlen(s));
}

/* One line of a table's column `column` (the message of a warning or an error), indented. */
typedef struct lines_of {
    text *t;
    int column;
    const char *heading; /* written before the first line, then NULL */
} lines_of;

static bool add_line(void *ctx, const results_cell *cells, size_t n)
{
    lines_of *l = ctx;
    (void)n;
    if (l->heading)
        add_str(l->t, l->heading);
    l->heading = NULL;
    add_str(l->t, "  ");
    add(l->t, cells[l->column].text, cells[l->column].len);
    add_str(l->t, "\n");
    return !l->t->failed;
}

/* The lines of a table's column under a heading, when the run wrote that table. */
static bool add_table_lines(text *t, const final_files *ff, tables_id id, const char *column,
                            const char *heading, core_error *e)
{
    if (!ff->files[id])
        return true;
    lines_of l = {t, results_column(id, column), heading};
    return results_read(csvout_temp_path(ff->files[id]), id, add_line, &l, e);
}

/* findings.txt's text: the warnings, the findings as the run printed them, the failures. */
static bool findings_text(const final_files *ff, FILE *findings, text *t, core_error *e)
{
    bool ok = add_table_lines(t, ff, TABLES_WARNINGS, "message", EXTRAS_WARNINGS_HEADING "\n", e);
    char buf[4096];
    rewind(findings);
    for (size_t got; ok && (got = fread(buf, 1, sizeof buf, findings)) > 0;)
        add(t, buf, got);
    ok = ok && add_table_lines(t, ff, TABLES_ERRORS, "message", "\n" EXTRAS_FAILED_HEADING "\n", e);
    if (ok && t->n > 0 && t->s[0] == '\n') { /* the run's findings start with a blank line */
        memmove(t->s, t->s + 1, t->n);
        t->n--;
    }
    if (ok && t->n == 0)
        add_str(t, "No findings: no model declared an analysis or a stated total.\n");
    if (ok && t->failed)
        return error_oom(e);
    return ok;
}

/* Writes file i of the set with writer (or the text when writer is NULL), and finishes it. */
static bool write_extra(final_files *ff, const merge_input *in, size_t i, format_writer writer,
                        const format_input *fi, const char *txt, char *err, size_t err_size)
{
    if (!publish_open(ff, in->out_dir, i, err, err_size)) {
        publish_abort(ff);
        return false;
    }
    core_error e;
    FILE *out = csvout_file(ff->files[i]);
    bool ok = writer ? writer(fi, out, &e) : txt && fputs(txt, out) >= 0;
    if (!ok) {
        snprintf(err, err_size, "%s: %s", publish_name(i), writer ? e.msg : "cannot write it");
        publish_abort(ff);
        return false;
    }
    return publish_finish(ff, i, err, err_size);
}

bool extras_write(final_files *ff, const merge_input *in, FILE *findings, char *err,
                  size_t err_size)
{
    text t = {0};
    core_error e;
    if (!findings_text(ff, findings, &t, &e)) {
        snprintf(err, err_size, "findings.txt: %s", e.msg);
        free(t.s);
        publish_abort(ff);
        return false;
    }
    run_facts facts = *in->facts;
    facts.findings = t.s;
    format_input fi = {.facts = &facts, .work = in->work};
    for (size_t k = 0; k < TABLES_N; k++)
        fi.tables[k] = ff->files[k] ? csvout_temp_path(ff->files[k]) : NULL;
    static const struct {
        size_t file;
        unsigned format; /* 0: always */
        format_writer writer;
    } extras[] = {{PUBLISH_RUN_JSON, 0, format_run_json},
                  {PUBLISH_RESULTS_JSON, RUN_FORMAT_JSON, format_json},
                  {PUBLISH_XLSX, RUN_FORMAT_XLSX, format_xlsx},
                  {PUBLISH_HTML, RUN_FORMAT_HTML, format_html}};
    bool ok = write_extra(ff, in, PUBLISH_FINDINGS, NULL, &fi, t.s, err, err_size);
    for (size_t i = 0; ok && i < sizeof extras / sizeof extras[0]; i++)
        if (!extras[i].format || (in->formats & extras[i].format))
            ok = write_extra(ff, in, extras[i].file, extras[i].writer, &fi, NULL, err, err_size);
    for (size_t k = 0; ok && k < TABLES_N && !(in->formats & RUN_FORMAT_CSV); k++)
        publish_drop(ff, k);
    free(t.s);
    return ok;
}
