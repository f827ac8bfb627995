/*
 * workers: runs jobs 0..n-1, each in a child process of its own, at most `jobs` at a time,
 * and watches them.  A job that crashes (a signal) or runs past `timeout` seconds (stuck in
 * a C function: a pathological pattern, a huge string.rep) is killed and reported; the
 * others go on.  While a run is long and standard error is a terminal, a progress line
 * says how many are done and failed and how long is left.
 */
#ifndef RECKON_WORKERS_H
#define RECKON_WORKERS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum worker_outcome {
    WORKER_OK,      /* the job's function returned 0 */
    WORKER_FAILED,  /* it returned another code (in code) */
    WORKER_CRASHED, /* a signal ended it (in signal) */
    WORKER_KILLED,  /* the watchdog killed it after timeout seconds */
    WORKER_LOST     /* it could not be started */
} worker_outcome;

typedef struct worker_result {
    worker_outcome outcome;
    int code;       /* WORKER_FAILED: the exit code */
    int signal;     /* WORKER_CRASHED: the signal */
    double seconds; /* how long it ran */
} worker_result;

/* The job, run in the child; its return value is the child's exit code. */
typedef int (*worker_job)(size_t index, void *ctx);

/* Runs n jobs into results (n long).  progress: draw the progress line (the caller decides
 * whether standard error is a terminal and --quiet was not given). */
void workers_run(size_t n, int jobs, double timeout, bool progress, worker_job job, void *ctx,
                 worker_result *results);

/* The number of cores, for the default of -j. */
int workers_default(void);

#endif
