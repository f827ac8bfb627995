/*
 * workers: runs jobs 0..n-1, each in a child process of its own, at most `jobs` at a time,
 * and watches them.  A job that crashes (a signal) or runs past `timeout` seconds (stuck in
 * a C function: a pathological pattern, a huge string.rep) is killed and reported; the
 * others go on.  While a run is long and standard error is a terminal, a progress line
 * says how many are done and failed and how long is left.
 *
 * Each worker shares a page of memory with the parent (worker_page): the sandbox's hook
 * copies there the last line it saw, so that a kill or a crash can name it, and a worker
 * that cannot keep its results says why there.
 *
 * The run's signals: once workers_catch_signals was called, SIGINT, SIGTERM, SIGHUP and
 * SIGPIPE only set a flag (workers_interrupted); the pool then kills its workers and
 * returns, the caller removes what the run made, and workers_exit_if_interrupted ends the
 * process of that signal, as if it had not been caught.  Workers die with the parent
 * (PR_SET_PDEATHSIG on Linux).
 */
#ifndef RECKON_WORKERS_H
#define RECKON_WORKERS_H

#include <stdbool.h>
#include <stddef.h>

#include "quota.h"

enum { WORKER_REASON_SIZE = 512 };

/* Memory a worker shares with the parent, written by the worker, read by the parent once
 * the worker ended (however it ended). */
typedef struct worker_page {
    quota_where where;               /* the last "file:line" the hook saw, or step of reckon's
                                        (quota.h) */
    char reason[WORKER_REASON_SIZE]; /* why the worker could not keep its results, or "" */
} worker_page;

typedef enum worker_outcome {
    WORKER_OK,      /* the job's function returned 0 */
    WORKER_FAILED,  /* it returned another code (in code) */
    WORKER_CRASHED, /* a signal ended it (in signal) */
    WORKER_KILLED,  /* the watchdog killed it after timeout seconds */
    WORKER_LOST     /* it could not be started, or the run was interrupted */
} worker_outcome;

typedef struct worker_result {
    worker_outcome outcome;
    int code;           /* WORKER_FAILED: the exit code */
    int signal;         /* WORKER_CRASHED: the signal */
    double seconds;     /* how long it ran */
    char *where;        /* not WORKER_OK: the page's where, when not empty (malloc'd), or NULL */
    bool where_is_step; /* where names a step of reckon's own, not a line of the model */
    char *reason;       /* not WORKER_OK: the page's reason, when not empty (malloc'd), or NULL */
} worker_result;

/* The job, run in the child with its page (cleared); its return value is the child's exit
 * code. */
typedef int (*worker_job)(size_t index, void *ctx, worker_page *page);

/* Runs n jobs into results (n long; free with workers_results_free).  progress: draw the
 * progress line (the caller decides whether standard error is a terminal and --quiet was
 * not given).  Returns early, every worker killed, once the run is interrupted. */
void workers_run(size_t n, int jobs, double timeout, bool progress, worker_job job, void *ctx,
                 worker_result *results);
void workers_results_free(worker_result *results, size_t n);

/* The number of cores, for the default of -j. */
int workers_default(void);

/* Catches SIGINT, SIGTERM, SIGHUP and SIGPIPE into a flag, and ignores SIGXFSZ (a file
 * grown past ulimit -f fails its write with EFBIG instead). */
void workers_catch_signals(void);
/* The signal that interrupted the run, or 0. */
int workers_interrupted(void);
/* Holds SIGINT, SIGTERM and SIGHUP pending (a run about to publish: once its files are in
 * place it is done, and a signal then is not an interruption); release lets them in. */
void workers_hold_interrupts(void);
void workers_release_interrupts(void);
/* Ends the process of the signal that interrupted the run, if one did. */
void workers_exit_if_interrupted(void);
/* A descriptor the parent holds (a lock) that every worker closes as it starts, so that
 * the lock ends with the parent. */
void workers_parent_only(int fd);

#endif
