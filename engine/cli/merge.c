/*
 * merge: a run's final files from its workers' parts.  Each model ran in a worker process
 * that left its rows in WORK/<index>/ (CSV files, summary.tsv, findings.txt, stderr.txt,
 * failure.txt).  The parts are read back in the models' byte-sorted order, whatever order
 * the workers finished in, so the files are the same for any -j.  Every final file is
 * finished (flushed and synced) before any is renamed into place: a failure leaves every
 * old file whole.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The whole of a file, or NULL (when it does not exist); *len its length. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *p = realloc(buf, 2 * cap + 1);
            if (!p) {
                free(buf);
                buf = NULL;
            }
            buf = p, cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

/* The part of one model: WORK/<index>/<name>. */
static char *part_path(const char *work, size_t index, const char *name)
{
    return cli_format("%s/%zu/%s", work, index, name);
}

/* The first line of a file, for errors.csv; a new string or NULL. */
static char *first_line(const char *path)
{
    size_t len;
    char *text = slurp(path, &len);
    if (text) {
        char *nl = strchr(text, '\n');
        if (nl)
            *nl = '\0';
    }
    return text;
}

/* What errors.csv says went wrong with a model that failed. */
static char *failure_of(const char *work, size_t index, const worker_result *r, double timeout,
                        const char **kind)
{
    switch (r->outcome) {
    case WORKER_CRASHED:
        *kind = "crash";
        return cli_format("the worker crashed: signal %d (%s)", r->signal, strsignal(r->signal));
    case WORKER_KILLED:
        *kind = "timeout";
        return cli_format("killed after %.0f s: the time limit (--timeout); stuck in a C "
                          "function such as a pattern or string.rep?", timeout);
    case WORKER_LOST:
        *kind = "internal";
        return cli_format("the worker could not be started: %s", strerror(EAGAIN));
    default:
        break;
    }
    char *path = part_path(work, index, "failure.txt");
    char *message = path ? first_line(path) : NULL;
    free(path);
    *kind = message && strstr(message, " limit of ") ? "limit" : "error";
    return message ? message : cli_format("the model failed");
}

/* The final files of a run, opened together and published together. */
typedef struct final_files {
    csvout *files[16];
    size_t n;
} final_files;

static bool open_final(final_files *ff, const char *dir, const char *name,
                       const char *const header[], const table *shape, char *err,
                       size_t err_size)
{
    csvout *out = csvout_open(dir, name, err, err_size);
    if (!out)
        return false;
    if (shape) {
        table_write(shape, out);
    } else {
        for (int i = 0; header[i]; i++)
            csvout_text(out, header[i]);
        csvout_end_row(out);
    }
    ff->files[ff->n++] = out;
    return true;
}

static void abort_final(final_files *ff)
{
    for (size_t i = 0; i < ff->n; i++)
        csvout_abort(ff->files[i]);
    ff->n = 0;
}

/* Appends the rows (everything after the header line) of one model's part. */
static void append_part(csvout *out, const char *work, size_t index, const char *name)
{
    char *path = part_path(work, index, name);
    size_t len = 0;
    char *text = path ? slurp(path, &len) : NULL;
    char *body = text ? strchr(text, '\n') : NULL;
    if (body)
        csvout_raw(out, body + 1, len - (size_t)(body + 1 - text));
    free(text);
    free(path);
}

/* Prints one model's part text file (its messages, its findings) to stream. */
static void print_part(FILE *stream, const char *work, size_t index, const char *name)
{
    char *path = part_path(work, index, name);
    size_t len = 0;
    char *text = path ? slurp(path, &len) : NULL;
    if (text)
        fwrite(text, 1, len, stream);
    free(text);
    free(path);
}

static bool open_all(final_files *ff, const char *dir, bool sampled, char *err, size_t size)
{
    static const char *const errors_header[] = {"model", "kind", "message", NULL};
    analysis_tables at = {0};
    uncertainty_tables ut = {0};
    bool ok = analysis_tables_new(&at) && (!sampled || uncertainty_tables_new(&ut));
    if (!ok)
        snprintf(err, size, "out of memory");
    table *analysis[] = {at.compare, at.crossovers, at.timeline, at.npv, at.budgets,
                         at.breakeven, at.changes};
    ok = ok && open_final(ff, dir, "items.csv", outputs_items_header, NULL, err, size) &&
         open_final(ff, dir, "totals.csv", outputs_totals_header, NULL, err, size);
    for (size_t i = 0; ok && i < sizeof analysis / sizeof analysis[0]; i++)
        ok = open_final(ff, dir, table_name(analysis[i]), NULL, analysis[i], err, size);
    if (ok && sampled)
        ok = open_final(ff, dir, "distribution.csv", NULL, ut.distribution, err, size) &&
             open_final(ff, dir, "sensitivity.csv", NULL, ut.sensitivity, err, size);
    ok = ok && open_final(ff, dir, "errors.csv", errors_header, NULL, err, size);
    analysis_tables_free(&at);
    uncertainty_tables_free(&ut);
    if (!ok)
        abort_final(ff);
    return ok;
}

bool merge_run(const merge_input *in, summary *s, FILE *findings, size_t *failed, char *err,
               size_t err_size)
{
    final_files ff = {0};
    if (!open_all(&ff, in->out_dir, in->sampled, err, err_size))
        return false;
    csvout *errors = ff.files[ff.n - 1];
    static const char *const parts[] = {"items.csv", "totals.csv", "compare.csv",
                                        "crossovers.csv", "timeline.csv", "npv.csv",
                                        "budgets.csv", "breakeven.csv", "changes.csv",
                                        "distribution.csv", "sensitivity.csv"};
    *failed = 0;
    bool ok = true;
    for (size_t k = 0; ok && k < in->n; k++) {
        print_part(stderr, in->work, k, "stderr.txt");
        if (in->results[k].outcome != WORKER_OK) {
            const char *kind;
            char *message = failure_of(in->work, k, &in->results[k], in->timeout, &kind);
            if (in->results[k].outcome != WORKER_FAILED) /* the worker could not say it */
                fprintf(stderr, "%s: %s\n", in->files[k].path, message ? message : kind);
            csvout_text(errors, in->files[k].name);
            csvout_text(errors, kind);
            csvout_text(errors, message ? message : "");
            csvout_end_row(errors);
            free(message);
            (*failed)++;
            continue;
        }
        for (size_t f = 0; f + 1 < ff.n; f++) /* all but errors.csv, in the order opened */
            append_part(ff.files[f], in->work, k, parts[f]);
        char *summary_path = part_path(in->work, k, "summary.tsv");
        ok = summary_path && summary_load(s, summary_path);
        free(summary_path);
        print_part(findings, in->work, k, "findings.txt");
    }
    for (size_t i = 0; ok && i < ff.n; i++) {
        ok = csvout_finish(ff.files[i], err, err_size);
        if (!ok) /* finish freed that one */
            ff.files[i] = NULL;
    }
    if (!ok) {
        for (size_t i = 0; i < ff.n; i++)
            csvout_abort(ff.files[i]);
        return false;
    }
    /* Renames cannot be undone: stop at the first that fails, leaving the rest old. */
    for (size_t i = 0; i < ff.n; i++) {
        if (ok)
            ok = csvout_publish(ff.files[i], err, err_size);
        else
            csvout_abort(ff.files[i]);
    }
    return ok;
}

/* rm -r path (a work folder of reckon's own). */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *child = cli_format("%s/%s", path, e->d_name);
            if (child)
                remove_tree(child);
            free(child);
        }
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

void merge_remove_work(const char *work)
{
    if (work)
        remove_tree(work);
}

void merge_clean_stale(const char *out_dir)
{
    DIR *d = opendir(out_dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        const char *n = e->d_name;
        bool work = strncmp(n, ".reckon-work-", 13) == 0;
        bool temp_csv = n[0] == '.' && strstr(n, ".csv.") != NULL; /* .items.csv.XXXXXX */
        if (!work && !temp_csv)
            continue;
        char *path = cli_format("%s/%s", out_dir, n);
        if (path)
            remove_tree(path);
        free(path);
    }
    closedir(d);
}
