/*
 * cmd_check: reckon check [-j N] [--max-memory MiB] [--max-instructions N] [--timeout S]
 *            PATH...
 *
 * Loads and validates every model, evaluates each option at its own user counts (or the
 * default sweep), runs each analysis (writing nothing), and runs the self-checks: every
 * total stated in a source document is compared with the sum of the option's items, and a
 * disagreement is a warning that names both numbers.  Each model runs in a worker process
 * under the same limits and watchdog as run's (workers.h); what a worker says is printed
 * in the models' order.  Writes no file.  Exit 0 when every model loads, 1 when one fails.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "part.h"
#include "sandbox.h"
#include "sweep.h"

/* What the workers share. */
typedef struct check_ctx {
    const model_file *files;
    quota limits;     /* what each model may use */
    const char *work; /* the workers' parts */
} check_ctx;

/* Keeps the first failure of a model in *failure (malloc'd). */
static void keep_failure(char **failure, char *message)
{
    if (!*failure)
        *failure = message ? message : cli_format("out of memory");
    else
        free(message);
}

/* Checks one model: its messages and failure to `messages`, its "ok" line to out; the
 * stated totals that disagree are added to *warnings. */
static bool check_model(const model_file *f, const quota *limits, FILE *out, FILE *messages,
                        int *warnings)
{
    loaded_model m;
    char *error = NULL, *failure = NULL;
    if (!model_load(f, messages, limits, MC_DEFAULT_SEED, &m, &error)) {
        fprintf(messages, "%s\n", error ? error : "out of memory");
        free(error);
        return false;
    }
    for (size_t i = 0; !failure && i < m.n_options; i++) {
        const option *opt = m.options[i];
        option_eval ev;
        cost_error err;
        const double *users = opt->n_users ? opt->users : sweep_default;
        size_t n = opt->n_users ? opt->n_users : sweep_default_count;
        quota_doing(m.L, opt->origin, "option", opt->name);
        bool evaluated = evaluate_option(opt, users, n, &ev, &err);
        quota_doing(m.L, NULL, NULL, NULL);
        evaluate_free(&ev);
        if (!evaluated) {
            keep_failure(&failure, cli_format("%s", err.msg));
            break;
        }
        int disagree = summary_check_stated(opt, messages, &error);
        if (disagree < 0)
            keep_failure(&failure, error);
        else
            *warnings += disagree;
        error = NULL;
    }
    for (size_t i = 0; !failure && i < m.n_analyses; i++) { /* computed to find errors */
        analysis_tables tables;
        findings found = {0};
        cost_error err = {0};
        quota_doing(m.L, m.analyses[i]->origin, "analysis", m.analyses[i]->name);
        if (!analysis_tables_new(&tables))
            keep_failure(&failure, NULL);
        else if (!analysis_run(m.analyses[i], f->name, NULL, &tables, &found, &err))
            keep_failure(&failure, cli_format("%s: analysis \"%s\": %s", m.analyses[i]->origin,
                                              m.analyses[i]->name, err.msg));
        quota_doing(m.L, NULL, NULL, NULL);
        analysis_tables_free(&tables);
        findings_free(&found);
    }
    if (!failure && !summary_check_percentiles(f->name, &m, NULL, MC_DEFAULT_SEED, &error))
        keep_failure(&failure, error);
    /* A limit hit by anything the model caused is its failure, whatever failed first. */
    const char *limit = sandbox_limit_hit(m.L);
    if (limit) {
        free(failure);
        failure = cli_format("%s", limit);
    }
    if (failure)
        fprintf(messages, "%s\n", failure);
    else
        fprintf(out, "%s: ok (%zu option%s, %zu analys%s)\n", f->path, m.n_options,
                m.n_options == 1 ? "" : "s", m.n_analyses, m.n_analyses == 1 ? "is" : "es");
    bool ok = !failure;
    free(failure);
    model_close(&m);
    return ok;
}

/* One model, in a worker: its "ok" line, messages (capped) and warning count to
 * WORK/<index>.part. */
static int check_job(size_t index, void *ctx, worker_page *page)
{
    check_ctx *c = ctx;
    c->limits.where_mirror = page->where; /* the hook's last line, for a kill or a crash */
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
    int warnings = 0;
    bool ok = check_model(&c->files[index], &c->limits, out.f, messages.f, &warnings);
    char count[32];
    int n = snprintf(count, sizeof count, "%d", warnings);
    bool kept = part_capture_write(&messages, part, PART_MESSAGES) &&
                part_capture_write(&out, part, PART_STDOUT) &&
                part_write(part, PART_WARNINGS, count, (size_t)n);
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
        FILE *to = strcmp(name, PART_STDOUT) == 0 ? stdout
                   : strcmp(name, PART_MESSAGES) == 0 ? stderr : NULL;
        if (strcmp(name, PART_WARNINGS) == 0 && len < sizeof buf && fread(buf, 1, len, f) == len) {
            buf[len] = '\0';
            *warnings += atoi(buf);
        } else if (!cli_show_copy(f, len, to)) /* the model's words: shown */
            break;
    }
    if (f)
        fclose(f);
    free(path);
}

static int usage(const char *message)
{
    cli_show_error("reckon check", message);
    fputs("Usage: reckon check [-j N] " CLI_LIMITS_USAGE " PATH...\n", stderr);
    return EXIT_USAGE;
}

int cmd_check(int argc, char **argv)
{
    check_ctx c = {NULL, quota_default, NULL};
    int jobs = workers_default();
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    int n_paths = 0;
    char err[1024];
    if (!paths)
        return EXIT_INTERNAL;
    for (int i = 0; i < argc; i++) {
        int limit = cli_limit_option(argc, argv, &i, &c.limits, err, sizeof err);
        unsigned long long j;
        if (limit < 0) {
            free(paths);
            return usage(err);
        } else if (limit > 0) {
            continue;
        } else if (strcmp(argv[i], "-j") == 0 || strcmp(argv[i], "--jobs") == 0) {
            if (++i == argc || !cli_whole_number(argv[i], &j) || j < 1 || j > 256) {
                free(paths);
                return usage("-j needs a number of worker processes from 1 to 256");
            }
            jobs = (int)j;
        } else if (argv[i][0] == '-') {
            snprintf(err, sizeof err, "unknown option '%s'", argv[i]);
            free(paths);
            return usage(err);
        } else {
            paths[n_paths++] = argv[i];
        }
    }
    model_file *files = NULL;
    size_t n = 0;
    if (n_paths == 0 || !models_collect(paths, n_paths, &files, &n, err, sizeof err)) {
        free(paths);
        if (n_paths == 0)
            return usage("name at least one model file or directory");
        cli_show_error("reckon check", err);
        return EXIT_USAGE;
    }
    free(paths);
    workers_catch_signals(); /* from here on a signal cleans up before it ends reckon */
    merge_clean_stale(NULL);
    int lock = -1;
    char *work = merge_work_folder(NULL, &lock);
    worker_result *results = calloc(n, sizeof *results);
    if (!work || !results) {
        fprintf(stderr, "reckon check: cannot make a work folder: %s\n", strerror(errno));
        merge_remove_work(work, lock);
        free(work), free(results);
        models_free(files, n);
        return EXIT_INTERNAL;
    }
    workers_parent_only(lock);
    c.files = files, c.work = work;
    double watchdog = cli_watchdog(&c.limits);
    workers_run(n, jobs, watchdog, false, check_job, &c, results);
    size_t failed = 0;
    int warnings = 0;
    for (size_t k = 0; k < n && !workers_interrupted(); k++) {
        print_part(work, k, &warnings);
        const char *kind;
        char *message = merge_worker_failure(files[k].path, &results[k], watchdog, &kind);
        if (message)
            cli_show_line(stderr, message);
        free(message);
        failed += results[k].outcome != WORKER_OK;
    }
    if (!workers_interrupted())
        printf("%zu of %zu models ok; %d self-check warning%s\n", n - failed, n, warnings,
               warnings == 1 ? "" : "s");
    merge_remove_work(work, lock);
    workers_results_free(results, n);
    free(work), free(results);
    models_free(files, n);
    return failed ? EXIT_MODEL : EXIT_OK;
}
