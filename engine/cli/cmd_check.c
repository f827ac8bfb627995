/*
 * cmd_check: reckon check (its usage: CLI_CHECK_USAGE in cli.h, the same as --help's)
 *
 * Runs every model's pass exactly as run does (pipeline.h: the same --users, sweep,
 * --samples and --seed, the same analyses, Monte Carlo pass, percentile checks and limits)
 * and writes nothing: a model that run would fail, check fails with the same message, but
 * for what only writing finds (--max-csv, a file that cannot be written).  Its self-checks:
 * every total stated in a source document is compared with the sum of the option's items,
 * and a disagreement is a warning that names both numbers.  Each model runs in a worker
 * process under the same limits and watchdog as run's (workers.h); what a worker says is
 * printed in the models' order.  Exit 0 when every model passes, 1 when one fails.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "part.h"
#include "pipeline.h"

/* What the workers share. */
typedef struct check_ctx {
    const model_file *files;
    pipeline_settings set; /* --users, --samples, --seed, --items and the limits */
    const char *work;      /* the workers' parts */
} check_ctx;

/* check's sink: nothing is kept; the model's "ok" line goes to the stream ctx. */
static bool print_ok(void *ctx, pipeline_model *p, pipeline_rows *r)
{
    const loaded_model *m = r->m;
    fprintf(ctx, "%s: ok (%zu option%s, %zu analys%s)\n", p->file->path, m->n_options,
            m->n_options == 1 ? "" : "s", m->n_analyses, m->n_analyses == 1 ? "is" : "es");
    return true;
}

/* One model, in a worker: its messages and failure (each capped, as run's: a model that
 * floods its messages still says why it failed), "ok" line and warning count to
 * WORK/<index>.part. */
static int check_job(size_t index, void *ctx, worker_page *page)
{
    check_ctx *c = ctx;
    c->set.limits.where_mirror = &page->where; /* the hook's last line, for a kill or a crash */
    char *path = cli_format("%s/%zu.part", c->work, index);
    FILE *part = path ? fopen(path, "w+b") : NULL; /* w+: part_end reads a header back */
    part_capture out = {0}, messages = {0};
    if (!part || !part_capture_open(&out, CLI_MESSAGES_MAX) ||
        !part_capture_open(&messages, CLI_MESSAGES_MAX)) {
        snprintf(page->reason, sizeof page->reason, "%s: %s", path ? path : "a part",
                 strerror(errno ? errno : ENOMEM));
        part_capture_close(&out), part_capture_close(&messages);
        if (part)
            fclose(part);
        free(path);
        return EXIT_INTERNAL;
    }
    pipeline_model p = {.file = &c->files[index], .messages = messages.f};
    bool ok = pipeline_run(&p, &c->set, print_ok, out.f);
    const char *failure = ok ? NULL : p.failure ? p.failure : "out of memory";
    char count[32];
    int n = snprintf(count, sizeof count, "%d", p.warnings);
    bool kept = part_capture_write(&messages, part, PART_MESSAGES) &&
                (!failure || part_write_capped(part, PART_FAILURE, failure, strlen(failure),
                                               CLI_FAILURE_MAX)) &&
                part_capture_write(&out, part, PART_STDOUT) &&
                part_write(part, PART_WARNINGS, count, (size_t)n);
    free(p.failure);
    kept = fclose(part) == 0 && kept;
    if (!kept)
        snprintf(page->reason, sizeof page->reason, "%s: %s", path, strerror(errno ? errno : EIO));
    free(path);
    return !kept ? EXIT_INTERNAL : ok ? EXIT_OK : EXIT_MODEL;
}

/* Prints what the worker of model k said, in the order it said it; adds its warnings. */
static void print_part(const char *work, size_t k, int *warnings)
{
    char *path = cli_format("%s/%zu.part", work, k);
    FILE *f = path ? fopen(path, "rb") : NULL;
    char name[64], buf[64];
    size_t len;
    while (f && part_next(f, name, sizeof name, &len) == 1) {
        bool failure = strcmp(name, PART_FAILURE) == 0;
        FILE *to = strcmp(name, PART_STDOUT) == 0                ? stdout
                   : failure || strcmp(name, PART_MESSAGES) == 0 ? stderr
                                                                 : NULL;
        if (strcmp(name, PART_WARNINGS) == 0 && len < sizeof buf && fread(buf, 1, len, f) == len) {
            buf[len] = '\0';
            *warnings += atoi(buf);
        } else if (!cli_show_copy(f, len, to)) /* the model's words: shown */
            break;
        else if (failure)
            fputc('\n', stderr);
    }
    if (f)
        fclose(f);
    free(path);
}

static int usage(const char *message)
{
    cli_show_error("reckon check", message);
    fputs("Usage:\n  " CLI_CHECK_USAGE "\nTry 'reckon --help'.\n", stderr);
    return EXIT_USAGE;
}

/* Reads the command line into c->set, *jobs and paths (argc + 1 long); EXIT_OK or the
 * usage error's status. */
static int parse_args(int argc, char **argv, check_ctx *c, int *jobs, char **paths, int *n_paths)
{
    for (int i = 0; i < argc; i++) {
        char err[1024];
        int known = pipeline_option(argc, argv, &i, &c->set, err, sizeof err);
        if (known == 0)
            known = cli_jobs_option(argc, argv, &i, jobs, err, sizeof err);
        if (known < 0)
            return usage(err);
        if (known > 0)
            continue;
        if (argv[i][0] == '-') {
            snprintf(err, sizeof err, "unknown option '%s'", argv[i]);
            return usage(err);
        } else {
            paths[(*n_paths)++] = argv[i];
        }
    }
    return *n_paths ? EXIT_OK : usage("name at least one model file or directory");
}

/* Runs the checks in worker processes and prints what each said, in the models' order;
 * how many failed, in *failed. */
static int check_all(check_ctx *c, const model_file *files, size_t n, int jobs, size_t *failed)
{
    merge_clean_stale(NULL);
    int lock = -1;
    char *work = merge_work_folder(NULL, &lock);
    worker_result *results = calloc(n, sizeof *results);
    if (!work || !results) {
        fprintf(stderr, "reckon check: cannot make a work folder: %s\n", strerror(errno));
        merge_remove_work(work, lock);
        free(work), free(results);
        return EXIT_INTERNAL;
    }
    workers_parent_only(lock);
    c->files = files, c->work = work;
    double watchdog = cli_watchdog(&c->set.limits);
    workers_run(n, jobs, watchdog, false, check_job, c, results);
    int warnings = 0;
    for (size_t k = 0; k < n && !workers_interrupted(); k++) {
        print_part(work, k, &warnings);
        const char *kind;
        char *message = merge_worker_failure(files[k].path, &results[k], watchdog, &kind);
        if (message)
            cli_show_line(stderr, message);
        free(message);
        *failed += results[k].outcome != WORKER_OK;
    }
    if (!workers_interrupted())
        printf("%zu of %zu models ok; %d self-check warning%s\n", n - *failed, n, warnings,
               warnings == 1 ? "" : "s");
    merge_remove_work(work, lock);
    workers_results_free(results, n);
    free(work), free(results);
    return *failed ? EXIT_MODEL : EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
    check_ctx c = {NULL, {0}, NULL};
    pipeline_settings_init(&c.set);
    int jobs = workers_default(), n_paths = 0;
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths)
        return EXIT_INTERNAL;
    int status = parse_args(argc, argv, &c, &jobs, paths, &n_paths);
    model_file *files = NULL;
    size_t n = 0, failed = 0;
    char err[1024];
    if (status == EXIT_OK && !models_collect(paths, n_paths, &files, &n, err, sizeof err)) {
        cli_show_error("reckon check", err);
        status = EXIT_USAGE;
    }
    free(paths);
    if (status == EXIT_OK) {
        workers_catch_signals(); /* from here on a signal cleans up before it ends reckon */
        status = check_all(&c, files, n, jobs, &failed);
    }
    models_free(files, n);
    pipeline_settings_free(&c.set);
    return status;
}
