/*
 * merge: a run's final files from its workers' parts.  Each model ran in a worker process
 * that left what it produced in WORK/<index>.part (part.h: its rows, summary, findings,
 * messages and failure).  The parts are read back in the models' byte-sorted order, whatever order
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
#include "part.h"

/* Whether a failure is one of the sandbox's limits: quota.c's messages end in
 * "instruction limit of N reached", "memory limit of N MiB reached" or "time limit of N s
 * reached" (a model's own error about a "limit" does not have that shape). */
static bool is_limit(const char *said)
{
    static const char *const shapes[] = {"instruction limit of %*[0-9] reache%c",
                                         "memory limit of %*[0-9] MiB reache%c",
                                         "time limit of %*[0-9.e+] s reache%c"};
    for (const char *p = said ? strstr(said, " limit of ") : NULL; p;
         p = strstr(p + 1, " limit of ")) {
        const char *word = p;
        while (word > said && word[-1] != ' ')
            word--;
        for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
            char d;
            if (sscanf(word, shapes[i], &d) == 1 && d == 'd')
                return true;
        }
    }
    return false;
}

/* What errors.csv says went wrong with a model that failed, given its failure section. */
static char *failure_of(const char *said, const worker_result *r, double timeout,
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
        return cli_format("the worker could not be started");
    default:
        break;
    }
    if (r->outcome == WORKER_FAILED && r->code == EXIT_INTERNAL) {
        *kind = "internal";
        return cli_format("the worker could not keep its results (is the work folder full?)");
    }
    *kind = is_limit(said) ? "limit" : "error";
    return cli_format("%s", said && said[0] ? said : "the model failed");
}

/* The final files of a run, opened together and published together. */
typedef struct final_files {
    csvout *files[16];
    const char *names[16];
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
    ff->names[ff->n] = name;
    ff->files[ff->n++] = out;
    return true;
}

static void abort_final(final_files *ff)
{
    for (size_t i = 0; i < ff->n; i++)
        csvout_abort(ff->files[i]);
    ff->n = 0;
}

/* The final file a part's section belongs to, or NULL. */
static csvout *final_for(const final_files *ff, const char *name)
{
    for (size_t i = 0; i < ff->n; i++)
        if (strcmp(ff->names[i], name) == 0)
            return ff->files[i];
    return NULL;
}

static bool open_all(final_files *ff, const char *dir, bool sampled, char *err, size_t size)
{
    static const char *const errors_header[] = {"model", "kind", "message", NULL};
    static const char *const analysis_names[] = {"compare.csv", "crossovers.csv",
                                                 "timeline.csv", "npv.csv", "budgets.csv",
                                                 "breakeven.csv", "changes.csv"};
    analysis_tables at = {0};
    uncertainty_tables ut = {0};
    bool ok = analysis_tables_new(&at) && (!sampled || uncertainty_tables_new(&ut));
    if (!ok)
        snprintf(err, size, "out of memory");
    const table *analysis[] = {at.compare, at.crossovers, at.timeline, at.npv, at.budgets,
                               at.breakeven, at.changes};
    ok = ok && open_final(ff, dir, "items.csv", outputs_items_header, NULL, err, size) &&
         open_final(ff, dir, "totals.csv", outputs_totals_header, NULL, err, size);
    for (size_t i = 0; ok && i < sizeof analysis / sizeof analysis[0]; i++)
        ok = open_final(ff, dir, analysis_names[i], NULL, analysis[i], err, size);
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

/* Copies len bytes of f to out (a csvout, or a stream when out is NULL). */
static bool copy_bytes(FILE *f, size_t len, csvout *out, FILE *stream)
{
    char buf[65536];
    while (len > 0) {
        size_t want = len < sizeof buf ? len : sizeof buf;
        if (fread(buf, 1, want, f) != want)
            return false;
        if (out)
            csvout_raw(out, buf, want);
        else if (stream)
            fwrite(buf, 1, want, stream);
        len -= want;
    }
    return true;
}

/* A short section's text (the failure, the summary), NUL-terminated; NULL out of memory. */
static char *read_text(FILE *f, size_t len)
{
    char *text = malloc(len + 1);
    if (text && fread(text, 1, len, f) != len) {
        free(text);
        return NULL;
    }
    if (text)
        text[len] = '\0';
    return text;
}

/* One model's part: its rows into the final files (only when it succeeded), its messages
 * to stderr, its findings to `findings`, its summary into s; *failure gets its failure. */
static bool merge_part(const merge_input *in, size_t k, final_files *ff, summary *s,
                       FILE *findings, char **failure)
{
    char *path = cli_format("%s/%zu.part", in->work, k);
    FILE *f = path ? fopen(path, "rb") : NULL;
    bool ok_model = in->results[k].outcome == WORKER_OK, ok = true;
    char name[64];
    size_t len;
    int next = f ? 1 : -1; /* 0 once read to the end of a whole part */
    while (f && ok && (next = part_next(f, name, sizeof name, &len)) == 1) {
        csvout *dest = ok_model ? final_for(ff, name) : NULL;
        if (strcmp(name, "messages") == 0)
            ok = copy_bytes(f, len, NULL, stderr);
        else if (strcmp(name, "findings") == 0)
            ok = copy_bytes(f, len, NULL, ok_model ? findings : NULL);
        else if (strcmp(name, "failure") == 0 || (strcmp(name, "summary") == 0 && ok_model)) {
            char *text = read_text(f, len);
            ok = text != NULL;
            if (ok && name[0] == 'f') {
                char *nl = strchr(text, '\n');
                if (nl)
                    *nl = '\0';
                free(*failure);
                *failure = text;
            } else if (ok) {
                FILE *rows = fmemopen(text, len ? len : 1, "r");
                ok = rows && summary_load(s, rows);
                if (rows)
                    fclose(rows);
                free(text);
            }
        } else if (dest && strcmp(name, "errors.csv") != 0)
            ok = copy_bytes(f, len, dest, NULL);
        else
            ok = fseek(f, (long)len, SEEK_CUR) == 0;
    }
    if (f)
        fclose(f);
    if (path)
        unlink(path);
    free(path);
    /* A worker that failed may have died while writing: what it left is read as far as it
     * goes.  A worker that succeeded must have left a whole part, or its rows are lost. */
    return ok_model ? ok && next == 0 : true;
}

bool merge_run(const merge_input *in, summary *s, FILE *findings, size_t *failed, char *err,
               size_t err_size)
{
    final_files ff = {0};
    if (!open_all(&ff, in->out_dir, in->sampled, err, err_size))
        return false;
    csvout *errors = ff.files[ff.n - 1];
    *failed = 0;
    bool ok = true;
    for (size_t k = 0; ok && k < in->n; k++) {
        char *said = NULL;
        if (!merge_part(in, k, &ff, s, findings, &said)) {
            snprintf(err, err_size, "cannot read the part of %s", in->files[k].path);
            ok = false;
        }
        if (ok && in->results[k].outcome != WORKER_OK) {
            const char *kind;
            char *message = failure_of(said, &in->results[k], in->timeout, &kind);
            if (in->results[k].outcome != WORKER_FAILED) /* the worker could not say it */
                fprintf(stderr, "%s: %s\n", in->files[k].path, message ? message : kind);
            csvout_text(errors, in->files[k].name);
            csvout_text(errors, kind);
            csvout_text(errors, message ? message : "");
            csvout_end_row(errors);
            free(message);
            (*failed)++;
        }
        free(said);
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
/* rm -r of a folder reckon made: never through a symbolic link (a link is removed, not
 * followed), and only what the current user owns. */
static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0 || st.st_uid != geteuid())
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
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
    }
}

/* Whether the run of that pid is gone (so what it left can be removed). */
static bool run_is_dead(long pid)
{
    return pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

void merge_remove_work(const char *work)
{
    if (work)
        remove_tree(work);
}

/* Where parts are kept: in memory (/dev/shm) where there is such a folder, since a batch of
 * small models makes many small files; else the temporary folder, else DIR itself.  The
 * folder's name holds the run's pid, so that a later run can tell a dead run's folder. */
static const char *work_base(const char *out_dir)
{
    if (access("/dev/shm", W_OK | X_OK) == 0)
        return "/dev/shm";
    const char *tmp = getenv("TMPDIR");
    if (tmp && *tmp && access(tmp, W_OK | X_OK) == 0)
        return tmp;
    return access("/tmp", W_OK | X_OK) == 0 ? "/tmp" : out_dir;
}

char *merge_work_folder(const char *out_dir)
{
    char *work = cli_format("%s/.reckon-work-%ld-XXXXXX", work_base(out_dir), (long)getpid());
    if (work && !mkdtemp(work)) {
        free(work);
        return NULL;
    }
    return work;
}

/* Removes the work folders in dir of runs that are no longer running. */
static void clean_dead_work(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        long pid;
        if (sscanf(e->d_name, ".reckon-work-%ld-", &pid) != 1 || !run_is_dead(pid))
            continue; /* not ours, or its run is alive */
        char *path = cli_format("%s/%s", dir, e->d_name);
        if (path)
            remove_tree(path);
        free(path);
    }
    closedir(d);
}

/* Whether n is a temporary CSV file of a dead run: ".NAME.csv.PID.XXXXXX" (csvout.c). */
static bool dead_temp_csv(const char *n)
{
    const char *csv = n[0] == '.' ? strstr(n, ".csv.") : NULL;
    long pid;
    char rest[16];
    return csv && sscanf(csv + 5, "%ld.%15s", &pid, rest) == 2 && strlen(rest) == 6 &&
           run_is_dead(pid);
}

void merge_clean_stale(const char *out_dir)
{
    clean_dead_work(work_base(out_dir));
    clean_dead_work(out_dir); /* runs that kept their parts there */
    DIR *d = opendir(out_dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        if (!dead_temp_csv(e->d_name))
            continue;
        char *path = cli_format("%s/%s", out_dir, e->d_name);
        if (path)
            remove_tree(path);
        free(path);
    }
    closedir(d);
}
