/*
 * cmd_run: reckon run PATH... [-o DIR] [--users LIST | FROM:TO:N[:log]] [--quiet]
 *
 * Runs every model in its own sandboxed state, in byte-sorted order; a failing model is
 * reported and skipped, the others complete.  items.csv and totals.csv are written to
 * temporary files and renamed into DIR only when complete.
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
#include "reckon_lua.h"
#include "part.h"
#include "sandbox.h"
#include "sweep.h"
#include "test_hooks.h"

typedef struct run_args {
    char **paths;      /* model files and directories */
    int n_paths;
    const char *out_dir; /* where the CSV files go */
    double *users;     /* --users, or NULL: each option's own, else the default sweep */
    size_t n_users;
    bool quiet;        /* no summary table */
    bool private_out;  /* out_dir is this run's own (-o -), locked already: no publish lock */
    size_t samples;    /* Monte Carlo samples, or 0 */
    uint64_t seed;     /* the Monte Carlo seed */
    bool items;        /* also each item's distribution */
    quota limits;      /* what each model may use */
    int jobs;          /* worker processes */
    FILE *messages;    /* in a worker: the model's messages (capped), else stderr */
    char *failure;     /* in a worker: the model's first failure, or its limit (malloc'd) */
    bool limit;        /* in a worker: that failure is a limit's (kind limit in errors.csv) */
} run_args;

static int usage(const char *message)
{
    cli_show_error("reckon run", message);
    fputs("Usage: reckon run PATH... [-o DIR] [--users LIST|FROM:TO:N[:log]] [--quiet] "
          CLI_LIMITS_USAGE "\nTry 'reckon --help'.\n", stderr);
    return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, run_args *a)
{
    memset(a, 0, sizeof *a);
    a->out_dir = "out";
    a->seed = MC_DEFAULT_SEED;
    a->limits = quota_default;
    a->jobs = workers_default();
    a->paths = calloc((size_t)argc + 1, sizeof *a->paths);
    if (!a->paths)
        return EXIT_INTERNAL;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        char err[256];
        int limit = cli_limit_option(argc, argv, &i, &a->limits, err, sizeof err);
        if (limit < 0)
            return usage(err);
        if (limit > 0)
            continue;
        if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
            if (++i == argc || argv[i][0] == '\0')
                return usage("-o needs a directory");
            a->out_dir = argv[i];
        } else if (strcmp(arg, "--users") == 0) {
            if (++i == argc)
                return usage("--users needs a list (10000,100000) or a sweep (1000:1000000:61:log)");
            budget_free(a->users);
            if (!sweep_parse(argv[i], &a->users, &a->n_users, err, sizeof err))
                return usage(err);
        } else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
            a->quiet = true;
        } else if (strcmp(arg, "--samples") == 0) {
            unsigned long long n;
            if (++i == argc || !cli_whole_number(argv[i], &n) || n < 2 || n > 100000000)
                return usage("--samples needs a whole number from 2 to 100000000");
            a->samples = (size_t)n;
        } else if (strcmp(arg, "--seed") == 0) {
            unsigned long long s;
            if (++i == argc || !cli_whole_number(argv[i], &s))
                return usage("--seed needs a whole number from 0 to 18446744073709551615");
            a->seed = s;
        } else if (strcmp(arg, "--items") == 0) {
            a->items = true;
        } else if (strcmp(arg, "-j") == 0 || strcmp(arg, "--jobs") == 0) {
            unsigned long long j;
            if (++i == argc || !cli_whole_number(argv[i], &j) || j < 1 || j > 256)
                return usage("-j needs a number of worker processes from 1 to 256");
            a->jobs = (int)j;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            char msg[300];
            snprintf(msg, sizeof msg, "unknown option '%s'", arg);
            return usage(msg);
        } else {
            a->paths[a->n_paths++] = argv[i];
        }
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

/* Keeps a model's failure (its first: what follows from it says less), naming its file
 * when the message does not already. */
static void report_failure(run_args *a, const model_file *f, const char *message)
{
    if (a->failure)
        return;
    size_t n = strlen(f->path);
    bool named = strncmp(message, f->path, n) == 0 && message[n] == ':';
    a->failure = cli_format("%s%s%s", named ? "" : f->path, named ? "" : ": ", message);
}

/* Makes a limit the model's failure, whatever it was before: a limit hit by anything the
 * model caused is why it failed, even when what failed first said something else ("not
 * enough memory") or the model caught it. */
static void report_limit(run_args *a, const model_file *f, const char *message)
{
    free(a->failure);
    a->failure = NULL;
    report_failure(a, f, message);
    a->limit = true;
}

/* The model's rows were more than --max-csv: it fails, kind limit. */
static void report_csv_limit(run_args *a, const model_file *f)
{
    char message[160];
    snprintf(message, sizeof message, "CSV limit of %zu MiB reached: the model's rows are "
             "larger (--max-csv)", a->limits.max_csv >> 20);
    report_limit(a, f, message);
}

/* The user counts for opt: --users, else its own, else the default sweep. */
static const double *users_for(const run_args *a, const option *opt, size_t *n)
{
    if (a->users) {
        *n = a->n_users;
        return a->users;
    }
    if (opt->n_users) {
        *n = opt->n_users;
        return opt->users;
    }
    *n = sweep_default_count;
    return sweep_default;
}

/* Evaluates every option of m into evs (m.n_options long). */
static bool evaluate_options(run_args *a, const model_file *f, const loaded_model *m,
                             option_eval *evs)
{
    for (size_t i = 0; i < m->n_options; i++) {
        cost_error err;
        size_t n;
        const double *users = users_for(a, m->options[i], &n);
        double *sorted = malloc(n * sizeof *sorted);
        if (!sorted) {
            report_failure(a, f, "out of memory");
            return false;
        }
        memcpy(sorted, users, n * sizeof *sorted);
        n = sweep_normalise(sorted, n);
        quota_doing(m->L, m->options[i]->origin, "option", m->options[i]->name);
        bool ok = evaluate_option(m->options[i], sorted, n, &evs[i], &err);
        quota_doing(m->L, NULL, NULL, NULL);
        free(sorted);
        if (!ok) {
            report_failure(a, f, err.msg);
            return false;
        }
        char *error = NULL;
        if (summary_check_stated(m->options[i], a->messages, &error) < 0) {
            report_failure(a, f, error ? error : "out of memory");
            free(error);
            return false;
        }
    }
    return true;
}

/* Runs every analysis of m into results (m.n_analyses long, tables made here). */
static bool run_analyses(run_args *a, const model_file *f, const loaded_model *m,
                         const mc_draws *draws, analysis_tables *tables, findings *found)
{
    for (size_t i = 0; i < m->n_analyses; i++) {
        cost_error err = {0};
        if (!analysis_tables_new(&tables[i])) {
            report_failure(a, f, "out of memory");
            return false;
        }
        quota_doing(m->L, m->analyses[i]->origin, "analysis", m->analyses[i]->name);
        bool ok = analysis_run(m->analyses[i], f->name, draws, &tables[i], &found[i], &err);
        quota_doing(m->L, NULL, NULL, NULL); /* a limit hit in it names it */
        if (!ok) {
            char *message = cli_format("%s: analysis \"%s\": %s", m->analyses[i]->origin,
                                       m->analyses[i]->name, err.msg);
            report_failure(a, f, message ? message : err.msg);
            free(message);
            return false;
        }
    }
    return true;
}

/* Monte Carlo over the model's options: distribution, chance of being cheapest, sensitivity. */
static bool run_uncertainty(run_args *a, const model_file *f, const loaded_model *m,
                            const option_eval *evs, const mc_draws *draws,
                            uncertainty_tables *t, findings *found)
{
    cost_error err = {0};
    if (!uncertainty_tables_new(t)) {
        report_failure(a, f, "out of memory");
        return false;
    }
    if (m->n_options == 0)
        return true;
    uncertainty_run u = {.model = f->name, .options = m->options, .evals = evs,
                         .n_options = m->n_options, .inputs = wrap_inputs(m->L),
                         .draws = draws, .items = a->items};
    char *error = NULL;
    bool ok = summary_check_percentiles(f->name, m, draws, a->seed, &error);
    if (!ok)
        report_failure(a, f, error ? error : "out of memory");
    free(error);
    ok = ok && uncertainty_model(&u, t, found, &err);
    if (!ok && err.msg[0])
        report_failure(a, f, err.msg);
    return ok;
}

/* The model's samples, one set for its options and its analyses. */
static bool draw_samples(run_args *a, const model_file *f, const loaded_model *m,
                         mc_draws *draws)
{
    cost_error err = {0};
    const inputs *in = wrap_inputs(m->L); /* only what the options and analyses read is drawn */
    cost_input_set used = {.used = budget_calloc(in->n + 1, sizeof *used.used), .n_ids = in->n + 1};
    for (size_t i = 0; used.used && i < m->n_options; i++)
        option_inputs(m->options[i], &used);
    for (size_t i = 0; used.used && i < m->n_analyses; i++)
        analysis_inputs(m->analyses[i], &used);
    bool ok = used.used && mc_draw_used(in, used.used, a->seed, f->name, a->samples, draws, &err);
    budget_free(used.used);
    if (ok)
        return true;
    if (!err.msg[0])
        cost_fail(&err, "out of memory");
    const char *limit = sandbox_limit_hit(m->L); /* the draws were refused memory */
    if (limit)
        report_limit(a, f, limit);
    else
        report_failure(a, f, err.msg);
    return false;
}

/* The model's rows into o (items and totals as they come, its analyses' tables taken over)
 * and its summary rows into s; false when out of memory or over --max-csv (then the
 * failure, kind limit, is reported). */
static bool keep_rows(run_args *a, const model_file *f, const loaded_model *m,
                      const option_eval *evs, analysis_tables *tables, findings *found,
                      outputs *o, summary *s)
{
    bool ok = true;
    for (size_t i = 0; ok && i < m->n_options; i++)
        ok = outputs_option(o, f->name, m->options[i], &evs[i]) &&
             summary_add(s, f->name, m->options[i], &evs[i]);
    if (outputs_over_cap(o))
        report_csv_limit(a, f);
    for (size_t i = 0; ok && i < m->n_analyses; i++)
        ok = outputs_analysis(o, f->name, m->analyses[i]->name, &tables[i], &found[i]);
    return ok;
}

/* Runs one model and keeps its rows; false (and a message printed) when it failed.  A model
 * that fails leaves no row: everything is computed before anything is written. */
static bool run_model(run_args *a, const model_file *f, outputs *o, summary *s)
{
    loaded_model m;
    char *error = NULL;
    if (!model_load(f, a->messages, &a->limits, a->seed, &m, &error)) {
        if (m.limit_hit)
            report_limit(a, f, error ? error : "out of memory");
        else
            report_failure(a, f, error ? error : "out of memory");
        free(error);
        return false;
    }
    test_hook_crash("RECKON_TEST_CRASH_LOADED", f->name);
    option_eval *evs = calloc(m.n_options + 1, sizeof *evs);
    analysis_tables *tables = calloc(m.n_analyses + 1, sizeof *tables);
    findings *found = calloc(m.n_analyses + 1, sizeof *found);
    bool ok = evs && tables && found;
    if (!ok)
        report_failure(a, f, "out of memory");
    uncertainty_tables mc = {0};
    findings mc_found = {0};
    mc_draws draws = {0};
    ok = ok && evaluate_options(a, f, &m, evs) && (!a->samples || draw_samples(a, f, &m, &draws));
    ok = ok && run_analyses(a, f, &m, a->samples ? &draws : NULL, tables, found);
    if (ok && a->samples) {
        ok = run_uncertainty(a, f, &m, evs, &draws, &mc, &mc_found) &&
             outputs_uncertainty(o, f->name, &mc, &mc_found);
    } else if (ok) { /* percentile checks draw samples of their own */
        char *error = NULL;
        ok = summary_check_percentiles(f->name, &m, NULL, a->seed, &error);
        if (!ok)
            report_failure(a, f, error ? error : "out of memory");
        free(error);
    }
    uncertainty_tables_free(&mc);
    findings_free(&mc_found);
    mc_draws_free(&draws);
    /* A limit hit by anything the model caused (its costs, analyses, samples, checks). */
    const char *limit = sandbox_limit_hit(m.L);
    if (limit) {
        report_limit(a, f, limit);
        ok = false;
    }
    if (!ok && !a->failure)
        report_failure(a, f, "the model failed");
    ok = ok && keep_rows(a, f, &m, evs, tables, found, o, s);
    for (size_t i = 0; evs && i < m.n_options; i++)
        evaluate_free(&evs[i]);
    for (size_t i = 0; tables && found && i < m.n_analyses; i++) {
        analysis_tables_free(&tables[i]);
        findings_free(&found[i]);
    }
    free(evs), free(tables), free(found);
    model_close(&m);
    return ok;
}

/* What the workers share: the run's arguments, its models and its work folder. */
typedef struct run_ctx {
    const run_args *a;
    const model_file *files;
    const char *work; /* the workers' parts: /dev/shm/reckon-work-PID-XXXXXX or the like */
} run_ctx;

/* A memory stream's text as a section of the part file; closes the stream. */
static bool add_memstream(FILE *part, const char *name, FILE *stream, char **text, size_t *len)
{
    bool ok = fclose(stream) == 0;
    ok = ok && (*len == 0 || part_write(part, name, *text, *len));
    free(*text);
    *text = NULL;
    return ok;
}

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
 * only); returns ok.  A write to the part that failed inside stdio left errno to later
 * calls: flushing the part again asks the file system once more (a full disk, a file too
 * large). */
static bool kept_part(bool ok, worker_page *page, const char *what, FILE *part)
{
    if (ok || page->reason[0])
        return ok;
    int errnum = errno;
    if (part) {
        errno = 0;
        if (fflush(part) != 0 && errno)
            errnum = errno;
    }
    snprintf(page->reason, sizeof page->reason, "%s: %s", what ? what : "a part",
             strerror(errnum ? errnum : EIO));
    return ok;
}

static bool kept(bool ok, worker_page *page, const char *what)
{
    return kept_part(ok, page, what, NULL);
}

/* The part file of a worker and the streams kept beside it until they are added. */
typedef struct worker_part {
    FILE *part;        /* WORK/<index>.part */
    const char *path;  /* its name, in reasons */
    worker_page *page; /* where the first reason it could not be kept goes */
    bool keep;         /* everything so far is in the part */
} worker_part;

/* Adds a memory stream as a section (closing it), noting a failure in the page. */
static void keep_memstream(worker_part *w, const char *name, FILE *stream, char **text,
                           size_t *len)
{
    bool done = add_memstream(w->part, name, stream, text, len);
    w->keep = kept_part(done, w->page, w->path, w->part) && w->keep;
}

/* Runs the model with its rows going to the part: items.csv's section as they come, then
 * totals.csv's and the tables' (over --max-csv: the model fails, kind limit, and its
 * sections stay whole); its summary and findings into summary_out and found when it
 * succeeded.  Returns whether the model succeeded. */
static bool run_into_part(run_args *a, const model_file *f, worker_part *w, FILE **totals,
                          char **totals_text, size_t *totals_len, FILE *summary_out,
                          FILE *found)
{
    outputs o;
    summary *s = summary_new();
    long items_at = 0;
    char err[1024];
    errno = ENOMEM;
    w->keep = kept(s != NULL, w->page, "the worker's memory") &&
              kept_part(part_begin(w->part, tables_spec_of(TABLES_ITEMS)->file, &items_at) &&
                        outputs_open(&o, w->part, *totals, a->limits.max_csv),
                        w->page, w->path, w->part);
    if (!w->keep) {
        summary_free(s);
        return false;
    }
    bool ok = run_model(a, f, &o, s);
    bool rows = outputs_finish_rows(&o, err, sizeof err);
    w->keep = kept_part(part_end(w->part, items_at) && (rows || !ok), w->page, w->path, w->part);
    keep_memstream(w, tables_spec_of(TABLES_TOTALS)->file, *totals, totals_text, totals_len);
    *totals = NULL;
    w->keep = w->keep && kept_part(!ok || outputs_write(&o, w->part), w->page, w->path, w->part);
    if (ok && outputs_over_cap(&o)) { /* the tables' rows were too many */
        report_csv_limit(a, f);
        ok = false;
    }
    if (ok && w->keep) {
        outputs_print_findings(&o, found);
        summary_save(s, summary_out);
    }
    outputs_free(&o);
    summary_free(s);
    if (!ok && !a->failure)
        report_failure(a, f, "out of memory");
    return ok;
}

/* The model's failure and its kind, as sections. */
static void keep_failure(worker_part *w, const run_args *a)
{
    const char *kind = a->limit ? PART_KIND_LIMIT : PART_KIND_ERROR;
    bool done = part_write_capped(w->part, PART_FAILURE, a->failure, strlen(a->failure),
                                  CLI_FAILURE_MAX) &&
                part_write(w->part, PART_KIND, kind, strlen(kind));
    w->keep = kept_part(done, w->page, w->path, w->part) && w->keep;
}

/* One model, in a worker process: everything it produces goes to WORK/<index>.part, a file
 * of sections (part.h): its rows, summary, findings, messages (at most CLI_MESSAGES_MAX
 * bytes), failure (at most CLI_FAILURE_MAX) and the failure's kind.  Exits EXIT_INTERNAL,
 * the reason in the page, when the part cannot be written (a full work folder). */
static int model_job(size_t index, void *ctx, worker_page *page)
{
    const run_ctx *c = ctx;
    const model_file *f = &c->files[index];
    test_hook_crash("RECKON_TEST_CRASH", f->name); /* tests: a worker that dies of a signal */
    char *path = cli_format("%s/%zu.part", c->work, index);
    char *err_path = cli_format("%s/%zu.err", c->work, index);
    worker_part w = {path ? fopen(path, "w+b") : NULL, path, page, false};
    w.keep = kept(w.part != NULL, page, path);
    FILE *stray = w.keep && err_path ? fopen(err_path, "w+b") : NULL; /* fd 2 */
    w.keep = w.keep && kept(stray && dup2(fileno(stray), STDERR_FILENO) >= 0, page, err_path);
    if (err_path)
        unlink(err_path); /* copied into the part at the end */
    part_capture messages = {0};
    errno = ENOMEM;
    w.keep = w.keep && kept(part_capture_open(&messages, CLI_MESSAGES_MAX), page, "messages");
    char *totals_text = NULL, *summary_text = NULL, *found_text = NULL;
    size_t totals_len = 0, summary_len = 0, found_len = 0;
    FILE *totals = w.keep ? open_memstream(&totals_text, &totals_len) : NULL;
    FILE *summary_out = w.keep ? open_memstream(&summary_text, &summary_len) : NULL;
    FILE *found = w.keep ? open_memstream(&found_text, &found_len) : NULL;
    run_args a = *c->a;
    a.messages = messages.f;
    a.failure = NULL;
    a.limit = false;
    a.limits.where_mirror = page->where; /* the hook's last line, for a kill or a crash */
    errno = ENOMEM;
    w.keep = w.keep && kept(totals && summary_out && found, page, "the worker's memory");
    bool ok = w.keep && run_into_part(&a, f, &w, &totals, &totals_text, &totals_len,
                                      summary_out, found);
    if (totals) /* not added */
        fclose(totals), free(totals_text);
    if (summary_out)
        keep_memstream(&w, PART_SUMMARY, summary_out, &summary_text, &summary_len);
    if (found)
        keep_memstream(&w, PART_FINDINGS, found, &found_text, &found_len);
    if (stray && messages.f)
        add_stray(stray, messages.f);
    if (w.part && messages.f)
        w.keep = kept_part(part_capture_write(&messages, w.part, PART_MESSAGES), page, path,
                           w.part) && w.keep;
    part_capture_close(&messages);
    if (w.part && a.failure)
        keep_failure(&w, &a);
    free(a.failure);
    if (w.part)
        w.keep = kept(fclose(w.part) == 0, page, path) && w.keep;
    free(path), free(err_path);
    return !w.keep ? EXIT_INTERNAL : ok ? EXIT_OK : EXIT_MODEL;
}

/* Runs the models in worker processes, then merges their parts into the final files.  The
 * work folder (and out_dir) are locked for the run's life; an interrupted run removes its
 * work folder and temporary files and replaces no final file. */
static int run_all(const run_args *a, const model_file *files, size_t n)
{
    char err[1024];
    if (!make_dirs(a->out_dir, err, sizeof err)) {
        fprintf(stderr, "reckon run: %s\n", err);
        return EXIT_OUTPUT;
    }
    merge_clean_stale(a->out_dir);
    int out_lock = merge_lock_output(a->out_dir), work_lock = -1;
    char *work = merge_work_folder(a->out_dir, &work_lock);
    worker_result *results = calloc(n ? n : 1, sizeof *results);
    summary *s = summary_new();
    if (!work || !results || !s) {
        fprintf(stderr, "reckon run: cannot make a work folder: %s\n", strerror(errno));
        merge_remove_work(work, work_lock);
        free(work), free(results), summary_free(s);
        if (out_lock >= 0)
            close(out_lock);
        return EXIT_OUTPUT;
    }
    workers_parent_only(out_lock); /* the locks end with this process, not its workers */
    workers_parent_only(work_lock);
    run_ctx ctx = {a, files, work};
    double watchdog = cli_watchdog(&a->limits);
    bool progress = !a->quiet && isatty(STDERR_FILENO);
    workers_run(n, a->jobs, watchdog, progress, model_job, &ctx, results);
    int publish_lock = a->private_out ? -1 : out_lock;
    merge_input in = {a->out_dir, work, files, n, results, a->samples > 0, watchdog, publish_lock};
    size_t failed = 0;
    FILE *findings = tmpfile();
    bool written = findings && !workers_interrupted() &&
                   merge_run(&in, s, findings, &failed, err, sizeof err);
    if (workers_interrupted() && findings)
        snprintf(err, sizeof err, "interrupted by signal %d (%s): no file was replaced",
                 workers_interrupted(), strsignal(workers_interrupted()));
    int status = EXIT_OK;
    if (!a->quiet && written) {
        summary_print(s, stdout);
        rewind(findings);
        for (int ch; (ch = fgetc(findings)) != EOF;)
            putchar(ch);
        printf("\nWrote the CSV files to %s/ from %zu of %zu models.\n", a->out_dir, n - failed,
               n);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            written = false;
            snprintf(err, sizeof err, "cannot write the summary to standard output: %s",
                     strerror(errno));
        }
    }
    if (!written) {
        if (workers_interrupted() != SIGPIPE) /* nobody is reading */
            cli_show_error("reckon run", findings ? err : "out of memory"); /* a model's path */
        status = EXIT_OUTPUT;
    } else if (failed) {
        fprintf(stderr, "reckon run: %zu of %zu models failed (see above and errors.csv)\n",
                failed, n);
        status = EXIT_MODEL;
    }
    if (findings)
        fclose(findings);
    merge_remove_work(work, work_lock);
    if (out_lock >= 0)
        close(out_lock);
    workers_results_free(results, n);
    free(work), free(results);
    summary_free(s);
    return status;
}

/* -o -: the run goes to a locked folder of its own in TMPDIR, then totals.csv to standard
 * output (no summary: standard output is the CSV's; messages go to standard error). */
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
    int status = run_all(a, files, n);
    char *totals = cli_format("%s/totals.csv", dir);
    FILE *f = totals && status != EXIT_OUTPUT ? fopen(totals, "rb") : NULL;
    char buf[65536];
    for (size_t got; f && !workers_interrupted() && (got = fread(buf, 1, sizeof buf, f)) > 0;)
        if (fwrite(buf, 1, got, stdout) != got)
            status = EXIT_OUTPUT;
    if (f)
        fclose(f);
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
        a.messages = stderr;
        status = strcmp(a.out_dir, "-") == 0 ? run_to_stdout(&a, files, n_files)
                                             : run_all(&a, files, n_files);
    }
    models_free(files, n_files);
    free(a.paths);
    budget_free(a.users);
    return status;
}
