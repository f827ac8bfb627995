/*
 * cmd_run: reckon run (its usage: CLI_RUN_USAGE in cli.h, the same as --help's)
 *
 * Runs every model in a worker process of its own (workers.h), -j at a time, each in its
 * own sandboxed state: the worker runs the model's pass (pipeline.h) and writes everything
 * it produces, rows (outputs.c), summary, findings, messages and failure, to its part file
 * (part.h).  The parent then merges the parts in run order (the command line's, a
 * directory's models byte-sorted) into the final CSV files (merge.c), which replace the old
 * ones all together, or none when one cannot be written, and prints the summary table and
 * the findings.  A failing model is reported (standard error, errors.csv) and leaves no
 * row; the others complete.  With -o - the files go to a folder of the run's own and
 * totals.csv to standard output.
 *
 * This file: run's arguments (its own -o and --quiet; the pass's options are pipeline.c's,
 * -j and the limits options.c's), the output and work folders and their locks, the worker
 * that writes a model's part, the batch of workers, then the merge and the report.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "csvout.h"
#include "part.h"
#include "pipeline.h"
#include "test_hooks.h"

typedef struct run_args {
    char **args; /* run's arguments as given, for run.json */
    int n_args;
    char **paths; /* model files and directories */
    int n_paths;
    unsigned formats;      /* --format: RUN_FORMAT_* (default RUN_FORMAT_DEFAULT) */
    const char *line_ends; /* -o -'s rows end with this ("\n" unless --line-ends crlf) */
    const char *out_dir;   /* where the CSV files go */
    bool quiet;            /* no summary table */
    bool private_out;      /* out_dir is this run's own (-o -), locked already: no publish lock */
    int jobs;              /* worker processes */
    pipeline_settings set; /* --users, --samples, --seed, --items and the limits */
} run_args;

/* A command line run cannot take (an unknown or wrong option, no model, or a path that
 * names none): "reckon run: MESSAGE" and run's usage lines on standard error; EXIT_USAGE. */
static int usage(const char *message)
{
    cli_show_error("reckon run", message);
    fputs("Usage:\n  " CLI_RUN_USAGE "\nTry 'reckon --help'.\n", stderr);
    return EXIT_USAGE;
}

/* --format's list (csv,xlsx,html,json, in any order) into *formats; false with err. */
static bool parse_formats(const char *list, unsigned *formats, char *err, size_t err_size)
{
    static const struct {
        const char *name;
        unsigned bit;
    } known[] = {{"csv", RUN_FORMAT_CSV},
                 {"xlsx", RUN_FORMAT_XLSX},
                 {"html", RUN_FORMAT_HTML},
                 {"json", RUN_FORMAT_JSON}};
    *formats = 0;
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ","), k = 0;
        while (k < 4 && !(strlen(known[k].name) == len && strncmp(p, known[k].name, len) == 0))
            k++;
        if (k == 4) {
            snprintf(err, err_size,
                     "--format: '%.*s' is not a format: name some of csv, xlsx, html and json, "
                     "with commas (--format csv,json)",
                     (int)len, p);
            return false;
        }
        *formats |= known[k].bit;
        p += len + (p[len] == ',');
    }
    if (!*formats)
        snprintf(err, err_size, "--format needs a list: csv, xlsx, html, json (--format csv,xlsx)");
    return *formats != 0;
}

/* The value of the option at argv[*i], moving *i to it; NULL with err when there is none. */
static const char *option_value(int argc, char **argv, int *i, const char *needs, char *err,
                                size_t err_size)
{
    const char *name = argv[*i];
    if (++*i == argc || argv[*i][0] == '\0') {
        snprintf(err, err_size, "%s needs %s", name, needs);
        return NULL;
    }
    return argv[*i];
}

/* run's --format and --line-ends at argv[*i]: 1 when it was one, 0 when not, -1 with err. */
static int output_option(int argc, char **argv, int *i, run_args *a, char *err, size_t err_size)
{
    const char *arg = argv[*i], *value;
    if (strcmp(arg, "--format") == 0) {
        value = option_value(argc, argv, i, "a list of formats: csv,xlsx,html,json", err, err_size);
        return value && parse_formats(value, &a->formats, err, err_size) ? 1 : -1;
    }
    if (strcmp(arg, "--line-ends") != 0)
        return 0;
    value = option_value(argc, argv, i, "lf or crlf", err, err_size);
    if (value && (strcmp(value, "lf") == 0 || strcmp(value, "crlf") == 0)) {
        a->line_ends = value[0] == 'l' ? "\n" : "\r\n";
        return 1;
    }
    if (value)
        snprintf(err, err_size,
                 "--line-ends takes lf (a Unix pipe's) or crlf (RFC 4180's), not '%s'", value);
    return -1;
}

/* Reads run's own option at argv[*i] (-o, --quiet, and -j, -jN through cli_jobs_option),
 * moving *i past its value; 1 when it was one, 0 when not, -1 with a message in err when
 * its value is wrong. */
static int run_option(int argc, char **argv, int *i, run_args *a, char *err, size_t err_size)
{
    const char *arg = argv[*i];
    if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
        a->quiet = true;
    } else if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
        if (++*i == argc || argv[*i][0] == '\0') {
            snprintf(err, err_size, "-o needs a directory");
            return -1;
        }
        a->out_dir = argv[*i];
    } else {
        int known = output_option(argc, argv, i, a, err, err_size);
        return known ? known : cli_jobs_option(argc, argv, i, &a->jobs, err, err_size);
    }
    return 1;
}

static int parse_args(int argc, char **argv, run_args *a)
{
    memset(a, 0, sizeof *a);
    a->out_dir = "out";
    a->args = argv;
    a->n_args = argc;
    a->formats = RUN_FORMAT_DEFAULT;
    a->line_ends = "\n";
    a->jobs = workers_default();
    pipeline_settings_init(&a->set);
    a->paths = calloc((size_t)argc + 1, sizeof *a->paths);
    if (!a->paths)
        return EXIT_INTERNAL;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        char err[300];
        int known = pipeline_option(argc, argv, &i, &a->set, err, sizeof err);
        if (known == 0)
            known = run_option(argc, argv, &i, a, err, sizeof err);
        if (known == 0 && arg[0] == '-' && arg[1] != '\0') {
            snprintf(err, sizeof err, "unknown option '%s'", arg);
            known = -1;
        }
        if (known < 0)
            return usage(err);
        if (known == 0)
            a->paths[a->n_paths++] = argv[i];
    }
    if (a->n_paths == 0)
        return usage("name at least one model file or directory");
    return EXIT_OK;
}

/* mkdir -p */
static bool make_dirs(const char *dir, char *err, size_t err_size)
{
    char *path = strdup(dir);
    if (!path)
        return false;
    bool ok = true;
    for (char *p = path + 1; ok; p++) {
        char c = *p;
        if (c != '/' && c != '\0')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            snprintf(err, err_size, "cannot create directory %s: %s", path, strerror(errno));
            ok = false;
        }
        *p = c;
        if (c == '\0')
            break;
    }
    free(path);
    return ok;
}

/* The model's rows were more than --max-csv: it fails, kind limit, naming the option or
 * analysis declared at origin whose rows reached it (what NULL: the Monte Carlo tables did;
 * the message is the model's, named after its path). */
static void report_csv_limit(pipeline_model *p, const char *origin, const char *what,
                             const char *name, size_t max_csv)
{
    char declared[400] = "Monte Carlo's tables: ", message[600];
    if (what)
        snprintf(declared, sizeof declared, "%s: %s \"%s\": ", origin, what, name);
    snprintf(message, sizeof message,
             "%sCSV limit of %zu MiB reached: the model's rows are "
             "larger (--max-csv)",
             declared, max_csv >> 20);
    pipeline_fail_limit(p, message);
}

/* run's sink: where a model's results go in its worker. */
typedef struct row_sink {
    outputs *o;        /* its rows: items and totals as they come, the tables taken over */
    summary *s;        /* its summary rows */
    size_t max_csv;    /* --max-csv, in bytes, for the message */
    FILE *summary_out; /* the summary rows and the findings, written while the model is */
    FILE *found;       /* loaded, so that the memory they take is charged to it */
} row_sink;

/* The option's rows of items.csv and totals.csv and its summary rows, a window of its user
 * counts at a time (the first is held from its evaluation; a long sweep's others are
 * evaluated again here, so that its rows stream in bounded memory). */
static bool option_rows(row_sink *k, pipeline_model *p, const char *model, const option *opt,
                        option_eval *ev)
{
    for (size_t first = 0; first < ev->n_users; first += EVALUATE_WINDOW) {
        core_error err;
        if (!evaluate_window(opt, ev, first, &err)) {
            pipeline_fail(p, err.msg);
            return false;
        }
        if (!outputs_option(k->o, model, opt, ev) || !summary_add(k->s, model, opt, ev))
            return false;
    }
    return true;
}

/* Keeps the model's rows in the sink's outputs and summary, and writes its summary and
 * findings; false when out of memory or over --max-csv (then the failure, kind limit, is
 * reported). */
static bool keep_rows(void *ctx, pipeline_model *p, pipeline_rows *r)
{
    row_sink *k = ctx;
    const loaded_model *m = r->m;
    const char *model = p->file->name;
    bool ok = true;
    size_t i = 0;
    for (; ok && i < m->n_options; i++) {
        /* its totals rows are kept in memory, charged to the model: a limit names it */
        quota_doing(m->L, m->options[i]->origin, "rows of option", m->options[i]->name);
        ok = option_rows(k, p, model, m->options[i], &r->evals[i]) &&
             outputs_stated(k->o, model, m->options[i]);
    }
    pipeline_doing(p, m->L, "keeping its rows");
    if (outputs_over_cap(k->o) && i > 0)
        report_csv_limit(p, m->options[i - 1]->origin, "option", m->options[i - 1]->name,
                         k->max_csv);
    for (size_t i = 0; ok && i < m->n_analyses; i++)
        ok = outputs_analysis(k->o, model, m->analyses[i], &r->tables[i], &r->found[i]);
    ok = ok && (!r->mc || outputs_uncertainty(k->o, model, r->mc, r->mc_found));
    if (ok) {
        outputs_print_findings(k->o, k->found);
        ok = summary_save(k->s, k->summary_out) && fflush(k->summary_out) == 0 &&
             fflush(k->found) == 0; /* stdio's last block too, while charged */
    }
    return ok;
}

/* What the workers share: the run's arguments, its models and its work folder. */
typedef struct run_ctx {
    const run_args *a;
    const model_file *files;
    const char *work; /* the workers' parts: /dev/shm/reckon-work-PID-XXXXXX or the like */
} run_ctx;

/* What reached fd 2 behind reckon's back (a panic message, a sanitizer's report), added
 * to the model's messages as far as their cap allows. */
static void add_stray(FILE *stray, FILE *messages)
{
    fflush(stderr);
    char buf[65536];
    if (fseek(stray, 0, SEEK_SET) != 0)
        return;
    for (size_t got; (got = fread(buf, 1, sizeof buf, stray)) > 0 && !ferror(messages);)
        fwrite(buf, 1, got, messages);
}

/* Notes in the shared page why the worker could not keep its results (the first reason
 * only). */
static void note_reason(worker_page *page, const char *what, int errnum)
{
    if (!page->reason[0])
        snprintf(page->reason, sizeof page->reason, "%s: %s", what ? what : "a part",
                 strerror(errnum ? errnum : EIO));
}

static bool kept(bool ok, worker_page *page, const char *what)
{
    if (!ok)
        note_reason(page, what, errno);
    return ok;
}

/* The part file of a worker and the streams kept beside it until they are added. */
typedef struct worker_part {
    FILE *part;        /* WORK/<index>.part */
    const char *path;  /* its name, in reasons */
    worker_page *page; /* where the first reason it could not be kept goes */
    bool keep;         /* everything so far is in the part */
    int errnum;        /* why the first write to the part failed; 0: none did */
} worker_part;

/* kept() for a write to the part; returns ok.  A write that failed inside stdio left errno
 * to later calls: flushing the part again asks the file system once more (a full disk, a
 * file too large). */
static bool kept_part(bool ok, worker_part *w)
{
    if (ok || w->errnum)
        return ok;
    int errnum = errno;
    if (w->part) {
        errno = 0;
        if (fflush(w->part) != 0 && errno)
            errnum = errno;
    }
    w->errnum = errnum ? errnum : EIO;
    note_reason(w->page, w->path, w->errnum);
    return ok;
}

/* Adds a buffer as a section (closing it), noting a failure in the page. */
static void keep_buffer(worker_part *w, const char *name, part_buffer *b)
{
    w->keep = kept_part(part_buffer_write(b, w->part, name), w) && w->keep;
}

/* Runs the model with its rows going to the part: items.csv's section as they come, then
 * totals.csv's and the tables' (over --max-csv: the model fails, kind limit, and its
 * sections stay whole); its summary and findings into summary_out and found (kept by the
 * caller only when it succeeded).  Returns whether the model succeeded. */
static bool run_into_part(const run_args *a, pipeline_model *p, worker_part *w, part_buffer *totals,
                          FILE *summary_out, FILE *found)
{
    outputs o;
    summary *s = summary_new();
    long items_at = 0;
    char err[1024];
    errno = ENOMEM;
    w->keep = kept(s != NULL, w->page, "the worker's memory") &&
              kept_part(part_begin(w->part, tables_spec_of(TABLES_ITEMS)->file, &items_at) &&
                            outputs_open(&o, w->part, totals->f, a->set.limits.max_csv),
                        w);
    if (!w->keep) {
        summary_free(s);
        return false;
    }
    row_sink sink = {&o, s, a->set.limits.max_csv, summary_out, found};
    bool ok = pipeline_run(p, &a->set, keep_rows, &sink);
    bool rows = outputs_finish_rows(&o, err, sizeof err);
    int rows_errno = errno; /* why the rows could not be written (a full disk, a size limit) */
    bool ended = part_end(w->part, items_at);
    if (!rows)
        errno = rows_errno;
    w->keep = kept_part(ended && (rows || !ok), w);
    if (ok) /* a failed model's totals are not kept (nor may be whole: a memory limit) */
        keep_buffer(w, tables_spec_of(TABLES_TOTALS)->file, totals);
    w->keep = w->keep && kept_part(!ok || outputs_write(&o, w->part), w);
    if (ok && outputs_over_cap(&o)) { /* the tables' rows were too many */
        const analysis_result *in = o.cap_hit_in;
        report_csv_limit(p, in ? in->origin : NULL, in ? "analysis" : NULL, in ? in->name : NULL,
                         a->set.limits.max_csv);
        ok = false;
    }
    outputs_free(&o);
    summary_free(s);
    if (!ok && !p->failure)
        pipeline_fail(p, "out of memory");
    return ok;
}

/* The model's failure and its kind, as sections. */
static void keep_failure(worker_part *w, const pipeline_model *p)
{
    const char *kind = p->limit ? PART_KIND_LIMIT : PART_KIND_ERROR;
    bool done =
        part_write_capped(w->part, PART_FAILURE, p->failure, strlen(p->failure), CLI_FAILURE_MAX) &&
        part_write(w->part, PART_KIND, kind, strlen(kind));
    w->keep = kept_part(done, w) && w->keep;
}

/* The buffers a worker fills beside its part, added to it at the end: totals.csv's rows
 * (their first MiB charged to the model's memory limit while it runs, the rest spilled to a
 * file beside the part), the summary rows, the findings. */
typedef struct worker_streams {
    part_buffer totals, summary, found;
} worker_streams;

/* Runs the model into the part and the buffers, then adds the buffers left (the summary
 * and the findings) to the part. */
static bool run_streams(const run_args *a, pipeline_model *p, worker_part *w)
{
    worker_streams m = {0};
    char spill[4096]; /* the totals past their first MiB: a long sweep's, beside the part */
    bool open = w->keep && snprintf(spill, sizeof spill, "%s.totals", w->path) < (int)sizeof spill;
    open = open && part_buffer_open_spilling(&m.totals, spill);
    open = open && part_buffer_open(&m.summary);
    open = open && part_buffer_open(&m.found);
    errno = ENOMEM;
    w->keep = w->keep && kept(open, w->page, "the worker's memory");
    bool ok = w->keep && run_into_part(a, p, w, &m.totals, m.summary.f, m.found.f);
    part_buffer_close(&m.totals); /* when not added */
    if (ok && w->keep) {
        keep_buffer(w, PART_SUMMARY, &m.summary);
        keep_buffer(w, PART_FINDINGS, &m.found);
    }
    part_buffer_close(&m.summary);
    part_buffer_close(&m.found);
    return ok;
}

/* Whether a write to the part failed for want of room (a full work folder, a quota, a file
 * size limit), which the model's own results caused: the model fails, not the run. */
static bool no_room(int errnum)
{
    return errnum == ENOSPC || errnum == EFBIG || errnum == EDQUOT;
}

/* Empties the part (its rows are the model's to lose, not the other models' room), so
 * that it can take the failure; false, the reason noted, when it cannot be reopened. */
static bool restart_part(worker_part *w)
{
    fclose(w->part); /* what stdio still held for it is written or lost: it goes anyway */
    w->part = fopen(w->path, "w+b");
    return kept(w->part != NULL, w->page, w->path);
}

/* The model whose results found no room in the work folder fails, kind limit, saying where
 * and what to change; its part is emptied for the failure alone. */
static void fail_no_room(pipeline_model *p, worker_part *w, const char *work, size_t max_csv)
{
    const char *slash = strrchr(work, '/');
    int base = slash && slash != work ? (int)(slash - work) : (int)strlen(work);
    char now[32] = "none";
    if (max_csv)
        snprintf(now, sizeof now, "%zu MiB", max_csv >> 20);
    char message[400];
    snprintf(message, sizeof message,
             "no room for the model's results in the work folder in "
             "%.*s (%s): lower --max-csv (now %s), or give %.*s more room",
             base, work, strerror(w->errnum), now, base, work);
    pipeline_fail_limit(p, message);
    w->page->reason[0] = '\0';
    w->errnum = 0;
    w->keep = true;
}

/* One model, in a worker process: everything it produces goes to WORK/<index>.part, a file
 * of sections (part.h): its rows, summary, findings, messages (at most CLI_MESSAGES_MAX
 * bytes), failure (at most CLI_FAILURE_MAX) and the failure's kind; a model that failed
 * leaves no rows in it.  Results that find no room (a full work folder) fail the model,
 * kind limit.  Exits EXIT_INTERNAL, the reason in the page, when even the failure cannot be
 * written. */
static int model_job(size_t index, void *ctx, worker_page *page)
{
    const run_ctx *c = ctx;
    const model_file *f = &c->files[index];
    test_hook_crash("RECKON_TEST_CRASH", f->name); /* tests: a worker that dies of a signal */
    char *path = cli_format("%s/%zu.part", c->work, index);
    char *err_path = cli_format("%s/%zu.err", c->work, index);
    worker_part w = {path ? fopen(path, "w+b") : NULL, path, page, false, 0};
    w.keep = kept(w.part != NULL, page, path);
    FILE *stray = w.keep && err_path ? fopen(err_path, "w+b") : NULL; /* fd 2 */
    w.keep = w.keep && kept(stray && dup2(fileno(stray), STDERR_FILENO) >= 0, page, err_path);
    if (err_path)
        unlink(err_path); /* copied into the part at the end */
    part_capture messages = {0};
    errno = ENOMEM;
    w.keep = w.keep && kept(part_capture_open(&messages, CLI_MESSAGES_MAX), page, "messages");
    run_args a = *c->a;
    a.set.limits.where_mirror = &page->where; /* the hook's last line, for a kill or a crash */
    pipeline_model p = {.file = f, .messages = messages.f};
    bool ok = run_streams(&a, &p, &w);
    if (!w.keep && no_room(w.errnum))
        fail_no_room(&p, &w, c->work, a.set.limits.max_csv);
    if (w.keep && p.failure) /* its rows are never published: none stays in the work folder */
        w.keep = restart_part(&w);
    ok = ok && !p.failure;
    if (stray && messages.f)
        add_stray(stray, messages.f);
    if (w.part && messages.f)
        w.keep = kept_part(part_capture_write(&messages, w.part, PART_MESSAGES), &w) && w.keep;
    part_capture_close(&messages);
    if (w.part && p.failure)
        keep_failure(&w, &p);
    free(p.failure);
    if (w.part)
        w.keep = kept(fclose(w.part) == 0, page, path) && w.keep;
    free(path), free(err_path);
    return !w.keep ? EXIT_INTERNAL : ok ? EXIT_OK : EXIT_MODEL;
}

/* The folders of a run: out_dir (made, and locked shared) and the work folder (locked). */
typedef struct run_dirs {
    int out_lock;  /* out_dir's descriptor, or -1 */
    int work_lock; /* the work folder's, or -1 */
    char *work;    /* the work folder */
} run_dirs;

static void close_dirs(run_dirs *d)
{
    merge_remove_work(d->work, d->work_lock);
    if (d->out_lock >= 0)
        close(d->out_lock);
    free(d->work);
}

/* Makes out_dir and the work folder and takes their locks; false with the message
 * printed. */
static bool open_dirs(const run_args *a, run_dirs *d)
{
    char err[1024];
    d->out_lock = d->work_lock = -1;
    d->work = NULL;
    if (!make_dirs(a->out_dir, err, sizeof err)) {
        fprintf(stderr, "reckon run: %s\n", err);
        return false;
    }
    merge_clean_stale(a->out_dir);
    d->out_lock = merge_lock_output(a->out_dir);
    d->work = merge_work_folder(a->out_dir, &d->work_lock);
    if (!d->work) {
        fprintf(stderr, "reckon run: cannot make a work folder: %s\n", strerror(errno));
        close_dirs(d);
        return false;
    }
    workers_parent_only(d->out_lock); /* the locks end with this process, not its workers */
    workers_parent_only(d->work_lock);
    return true;
}

/* The summary table, the findings and where the files went, to standard output; false
 * with err when standard output cannot take them. */
static bool print_summary(const run_args *a, const summary *s, FILE *findings, const char *written,
                          size_t n, size_t failed, char *err, size_t err_size)
{
    summary_print(s, stdout);
    rewind(findings);
    for (int ch; (ch = fgetc(findings)) != EOF;)
        putchar(ch);
    printf("\nWrote %s/ from %zu of %zu models: %s.\n", a->out_dir, n - failed, n, written);
    if (fflush(stdout) == 0 && !ferror(stdout))
        return true;
    snprintf(err, err_size, "cannot write the summary to standard output: %s", strerror(errno));
    return false;
}

/* Merges the workers' parts into the final files and prints the summary; the run's exit
 * status. */
static int merge_and_report(const run_args *a, const run_dirs *d, const model_file *files, size_t n,
                            const worker_result *results, double watchdog)
{
    char err[1024];
    summary *s = summary_new();
    FILE *findings = s ? tmpfile() : NULL;
    int publish_lock = a->private_out ? -1 : d->out_lock;
    run_facts facts;
    char names[CLI_WRITTEN_MAX] = "";
    bool have_facts = facts_make(&facts, a->args, (size_t)a->n_args, a->set.seed, a->set.samples,
                                 files, n, results);
    merge_input in = {
        a->out_dir, d->work,      files,          n,          results, a->set.samples > 0,
        watchdog,   publish_lock, a->private_out, a->formats, &facts,  names};
    size_t failed = 0;
    bool written = findings && have_facts && !workers_interrupted() &&
                   merge_run(&in, s, findings, &failed, err, sizeof err);
    if (workers_interrupted() && findings)
        snprintf(err, sizeof err, "interrupted by signal %d (%s): no file was replaced",
                 workers_interrupted(), strsignal(workers_interrupted()));
    if (!a->quiet && written)
        written = print_summary(a, s, findings, names, n, failed, err, sizeof err);
    int status = EXIT_OK;
    if (!written) {
        if (workers_interrupted() != SIGPIPE)                               /* nobody is reading */
            cli_show_error("reckon run", findings ? err : "out of memory"); /* a model's path */
        status = EXIT_OUTPUT;
    } else if (failed) {
        fprintf(stderr, "reckon run: %zu of %zu models failed (see above%s)\n", failed, n,
                a->private_out ? ": with -o - no errors.csv is written" : " and errors.csv");
        status = EXIT_MODEL;
    }
    if (findings)
        fclose(findings);
    if (have_facts)
        facts_free(&facts);
    summary_free(s);
    return status;
}

/* Runs the models in worker processes, then merges their parts into the final files.  The
 * work folder (and out_dir) are locked for the run's life; an interrupted run removes its
 * work folder and temporary files and replaces no final file. */
static int run_all(const run_args *a, const model_file *files, size_t n)
{
    run_dirs d;
    if (!open_dirs(a, &d))
        return EXIT_OUTPUT;
    worker_result *results = calloc(n ? n : 1, sizeof *results);
    if (!results) {
        fprintf(stderr, "reckon run: cannot make a work folder: %s\n", strerror(ENOMEM));
        close_dirs(&d);
        return EXIT_OUTPUT;
    }
    run_ctx ctx = {a, files, d.work};
    double watchdog = cli_watchdog(&a->set.limits);
    bool progress = !a->quiet && isatty(STDERR_FILENO);
    workers_run(n, a->jobs, watchdog, progress, model_job, &ctx, results);
    int status = merge_and_report(a, &d, files, n, results, watchdog);
    close_dirs(&d);
    workers_results_free(results, n);
    free(results);
    return status;
}

/* Copies a CSV file of the run to standard output with its rows ending in line_ends (a
 * CRLF outside quotes is a row's end; one inside a quoted cell is the cell's); false when
 * standard output cannot take it. */
static bool copy_rows(const char *path, const char *line_ends)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool quoted = false, cr = false, ok = true;
    for (int ch; ok && !workers_interrupted() && (ch = getc(f)) != EOF;) {
        if (cr && ch == '\n' && !quoted) {
            ok = fputs(line_ends, stdout) >= 0;
            cr = false;
            continue;
        }
        if (cr)
            ok = putchar('\r') != EOF;
        cr = ch == '\r';
        if (ch == '"')
            quoted = !quoted;
        if (!cr && ok)
            ok = putchar(ch) != EOF;
    }
    if (cr && ok)
        ok = putchar('\r') != EOF;
    fclose(f);
    return ok;
}

/* Whether line (its newline included) is heading. */
static bool is_heading(const char *line, const char *heading)
{
    size_t n = strlen(heading);
    return strncmp(line, heading, n) == 0 && (line[n] == '\n' || line[n] == '\0');
}

/* Copies the run's findings.txt to standard error (the summary in words is not lost), but
 * for its warnings and failures: the run printed those there as they came. */
static void findings_to_stderr(const char *dir)
{
    char *path = cli_format("%s/findings.txt", dir);
    FILE *f = path ? fopen(path, "rb") : NULL;
    char *line = NULL;
    size_t size = 0;
    bool skipping = false, blank = false; /* a blank line is held until the next shows its use */
    for (ssize_t got; f && (got = getline(&line, &size, f)) > 0;) {
        if (is_heading(line, EXTRAS_FAILED_HEADING))
            break; /* the last block */
        if (is_heading(line, EXTRAS_WARNINGS_HEADING)) {
            skipping = true;
            continue;
        }
        bool empty = line[0] == '\n';
        if (skipping) {
            skipping = !empty; /* the warnings end at the first blank line */
            continue;
        }
        if (blank)
            fputc('\n', stderr);
        blank = empty;
        if (!empty)
            fwrite(line, 1, (size_t)got, stderr);
    }
    free(line);
    if (f)
        fclose(f);
    free(path);
}

/* -o -: the run goes to a locked folder of its own in TMPDIR, then totals.csv to standard
 * output with --line-ends' line ends (LF unless crlf is asked for) and the findings to
 * standard error (no summary table: standard output is the CSV's). */
static int run_to_stdout(run_args *a, const model_file *files, size_t n)
{
    const char *tmpdir = getenv("TMPDIR");
    tmpdir = tmpdir && *tmpdir ? tmpdir : "/tmp";
    merge_clean_work_in(tmpdir); /* what a run killed before it could clean up left */
    int lock = -1;
    char *dir = merge_locked_folder(tmpdir, "stdout-", &lock);
    if (!dir) {
        fprintf(stderr, "reckon run: cannot make a temporary folder in %s: %s\n", tmpdir,
                strerror(errno));
        return EXIT_OUTPUT;
    }
    workers_parent_only(lock);
    a->out_dir = dir;
    a->quiet = true; /* standard output is the CSV's */
    a->private_out = true;
    a->formats = RUN_FORMAT_CSV; /* only totals.csv leaves the folder */
    int status = run_all(a, files, n);
    char *totals = cli_format("%s/totals.csv", dir);
    if (status != EXIT_OUTPUT) {
        findings_to_stderr(dir);
        if (totals && access(totals, F_OK) == 0 && !copy_rows(totals, a->line_ends))
            status = EXIT_OUTPUT;
    }
    if (fflush(stdout) != 0 || workers_interrupted())
        status = EXIT_OUTPUT;
    merge_remove_work(dir, lock);
    free(totals);
    free(dir);
    return status;
}

int cmd_run(int argc, char **argv)
{
    run_args a;
    int status = parse_args(argc, argv, &a);
    model_file *files = NULL;
    size_t n_files = 0;
    char err[1024];
    if (status == EXIT_OK && !models_collect(a.paths, a.n_paths, &files, &n_files, err, sizeof err))
        status = usage(err);
    if (status == EXIT_OK) {
        workers_catch_signals(); /* from here on a signal cleans up before it ends reckon */
        status = strcmp(a.out_dir, "-") == 0 ? run_to_stdout(&a, files, n_files)
                                             : run_all(&a, files, n_files);
    }
    models_free(files, n_files);
    free(a.paths);
    pipeline_settings_free(&a.set);
    return status;
}
