/* workers: a pool of child processes with a watchdog and a progress line. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "workers.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int workers_default(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

typedef struct running {
    pid_t pid;      /* 0: the slot is free */
    size_t index;   /* the job */
    double started; /* when */
} running;

static void start(running *slot, size_t index, worker_job job, void *ctx, worker_result *r,
                  const sigset_t *child_mask)
{
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
#ifdef __linux__
        prctl(PR_SET_PDEATHSIG, SIGKILL); /* a killed run takes its workers with it */
        if (getppid() != parent)          /* ... even one killed before that line */
            _exit(EXIT_FAILURE);
#endif
        sigprocmask(SIG_SETMASK, child_mask, NULL);
        _exit(job(index, ctx) & 0xff);
    }
    if (pid < 0) {
        r->outcome = WORKER_LOST;
        return;
    }
    *slot = (running){pid, index, now()};
}

static void finish(running *slot, int status, worker_result *results)
{
    worker_result *r = &results[slot->index];
    r->seconds = now() - slot->started;
    if (r->outcome == WORKER_KILLED)
        ; /* the watchdog's word stands */
    else if (WIFSIGNALED(status))
        r->outcome = WORKER_CRASHED, r->signal = WTERMSIG(status);
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        r->outcome = WORKER_OK;
    else
        r->outcome = WORKER_FAILED, r->code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    slot->pid = 0;
}

static void draw_progress(size_t done, size_t n, size_t failed, double started)
{
    double elapsed = now() - started;
    if (done == 0) {
        fprintf(stderr, "\r0 of %zu models done   ", n);
    } else {
        double left = elapsed / (double)done * (double)(n - done);
        fprintf(stderr, "\r%zu of %zu models done, %zu failed, about %.0f s left   ", done, n,
                failed, left);
    }
    fflush(stderr);
}

void workers_run(size_t n, int jobs, double timeout, bool progress, worker_job job, void *ctx,
                 worker_result *results)
{
    if (jobs < 1)
        jobs = 1;
    running *slots = calloc((size_t)jobs, sizeof *slots);
    if (!slots) {
        for (size_t i = 0; i < n; i++)
            results[i].outcome = WORKER_LOST;
        return;
    }
    size_t next = 0, done = 0, failed = 0;
    double started = now(), drawn = 0;
    /* SIGCHLD is held and waited for, so that a finished child wakes the loop at once; its
     * disposition is the default even if reckon was started with it ignored (then children
     * would be reaped behind waitpid's back). */
    struct sigaction dfl = {.sa_handler = SIG_DFL}, old_action;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGCHLD, &dfl, &old_action);
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old);
    while (done < n) {
        for (int s = 0; s < jobs && next < n; s++)
            if (!slots[s].pid) {
                results[next] = (worker_result){0};
                start(&slots[s], next, job, ctx, &results[next], &old);
                if (!slots[s].pid) /* could not fork */
                    done++, failed++;
                next++;
            }
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            for (int s = 0; s < jobs; s++)
                if (slots[s].pid == pid) {
                    finish(&slots[s], status, results);
                    done++;
                    failed += results[slots[s].index].outcome != WORKER_OK;
                }
            continue; /* look for more at once */
        }
        if (pid < 0 && errno == ECHILD && next >= n)
            break;
        double t = now();
        for (int s = 0; s < jobs; s++) /* the watchdog */
            if (slots[s].pid && timeout > 0 && t - slots[s].started > timeout) {
                results[slots[s].index].outcome = WORKER_KILLED;
                kill(slots[s].pid, SIGKILL);
            }
        if (progress && t - drawn > 0.2) {
            draw_progress(done, n, failed, started);
            drawn = t;
        }
        struct timespec pause = {0, 50000000}; /* 50 ms at most: the watchdog's beat */
        sigtimedwait(&chld, NULL, &pause);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    sigaction(SIGCHLD, &old_action, NULL);
    if (progress)
        fprintf(stderr, "\r%*s\r", 60, "");
    free(slots);
}
