/*
 * cmd_eval: reckon eval [--max-memory MiB] [--max-instructions N] [--timeout S] FILE.lua
 *
 * Runs a script in the same sandbox as a model, with print to standard output: the engine
 * as a calculator, and how tests and examples call it.  The script runs in a worker
 * process under the same limits and watchdog as run's models, so that one stuck inside a C
 * function (a pathological pattern) is killed at the time limit.  An error prints its
 * message and a traceback on standard error and exits 1.
 */
#include <lauxlib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sandbox.h"

typedef struct eval_ctx {
    const char *path; /* the script */
    quota limits;     /* what it may use */
} eval_ctx;

/* The script, in the worker: its print and its error go straight to the terminal, shown
 * (display.c: controls escaped). */
static int eval_job(size_t index, void *ctx, worker_page *page)
{
    (void)index;
    eval_ctx *c = ctx;
    c->limits.where_mirror = &page->where; /* the hook's last line, for a kill or a crash */
    FILE *out = cli_show_stream(stdout);
    lua_State *L = out ? sandbox_new(out, &c->limits) : NULL;
    if (!L) {
        if (out)
            fclose(out);
        fprintf(stderr, "reckon eval: out of memory\n");
        return EXIT_INTERNAL;
    }
    int results = sandbox_run_file(L, c->path, 1);
    const char *limit = sandbox_limit_hit(L); /* even if the script caught it */
    if (results < 0 || limit) {
        fflush(stdout);
        const char *msg = limit ? limit : lua_tostring(L, -1);
        cli_show_line(stderr, msg ? msg : "(error object is not a string)");
        results = -1;
    }
    sandbox_close(L); /* before out: a finaliser may print */
    fclose(out);
    fflush(NULL); /* the worker ends with _exit */
    return results < 0 ? EXIT_MODEL : EXIT_OK;
}

int cmd_eval(int argc, char **argv)
{
    eval_ctx c = {NULL, quota_default};
    for (int i = 0; i < argc; i++) {
        char err[256];
        int limit = cli_limit_option(argc, argv, &i, &c.limits, err, sizeof err);
        if (limit == 0 && argv[i][0] == '-')
            snprintf(err, sizeof err, "unknown option '%s'", argv[i]);
        else if (limit == 0 && c.path)
            snprintf(err, sizeof err, "one file only ('%s' and '%s')", c.path, argv[i]);
        if (limit < 0 || (limit == 0 && (argv[i][0] == '-' || c.path))) {
            cli_show_error("reckon eval", err);
            fputs("Usage: reckon eval " CLI_LIMITS_USAGE " FILE.lua\n", stderr);
            return EXIT_USAGE;
        }
        if (limit == 0)
            c.path = argv[i];
    }
    if (!c.path) {
        fprintf(stderr, "Usage: reckon eval " CLI_LIMITS_USAGE " FILE.lua\n");
        return EXIT_USAGE;
    }
    workers_catch_signals();
    worker_result r = {0};
    double watchdog = cli_watchdog(&c.limits);
    workers_run(1, 1, watchdog, false, eval_job, &c, &r);
    if (r.outcome == WORKER_CRASHED && r.signal == SIGPIPE) {
        /* The reader of standard output stopped: no crash, eval ends like any filter does,
         * killed by SIGPIPE (status 141 in a shell), quietly. */
        workers_results_free(&r, 1);
        fflush(NULL);
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
    }
    const char *kind;
    /* A script that failed said so itself; a kill or a crash is said here. */
    char *message = r.outcome == WORKER_OK || r.outcome == WORKER_FAILED
                        ? NULL
                        : merge_worker_failure(c.path, &r, watchdog, &kind);
    int status = r.outcome == WORKER_OK       ? EXIT_OK
                 : r.outcome == WORKER_FAILED ? r.code
                 : r.outcome == WORKER_LOST   ? EXIT_INTERNAL
                                              : EXIT_MODEL;
    if (message && !workers_interrupted())
        cli_show_line(stderr, message);
    free(message);
    workers_results_free(&r, 1);
    return status;
}
