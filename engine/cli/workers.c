/* workers: a pool of child processes with a watchdog and a progress line. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "workers.h"

/* The process's signal state: a handler can only set a flag, so these are globals. */
static volatile sig_atomic_t interrupted; /* the signal caught, or 0 */
static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
static int parent_fds[8]; /* closed in every worker */
static size_t n_parent_fds;

static void on_signal(int sig)
{
    if (!interrupted)
        interrupted = sig;
}

void workers_catch_signals(void)
{
    struct sigaction sa = {.sa_handler = on_signal}; /* no SA_RESTART: a blocked write ends */
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
        sigaction(caught[i], &sa, NULL);
    signal(SIGXFSZ, SIG_IGN);
}

/* SIGINT, SIGTERM and SIGHUP (not SIGPIPE: a reader gone is still told by the write). */
static void interrupts(sigset_t *set)
{
    sigemptyset(set);
    for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
        if (caught[i] != SIGPIPE)
            sigaddset(set, caught[i]);
}

void workers_hold_interrupts(void)
{
    sigset_t set;
    interrupts(&set);
    sigprocmask(SIG_BLOCK, &set, NULL);
}

void workers_release_interrupts(void)
{
    sigset_t set;
    interrupts(&set);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int workers_interrupted(void)
{
    return interrupted;
}

void workers_exit_if_interrupted(void)
{
    int sig = interrupted;
    if (!sig)
        return;
    fflush(NULL);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig); /* not reached */
}

void workers_parent_only(int fd)
{
    if (fd >= 0 && n_parent_fds < sizeof parent_fds / sizeof parent_fds[0])
        parent_fds[n_parent_fds++] = fd;
}

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
    pid_t pid;         /* 0: the slot is free */
    size_t index;      /* the job */
    double started;    /* when */
    worker_page *page; /* shared with the worker */
} running;

/* In a new worker: dies with the parent, signals as they were before reckon caught them. */
static void become_worker(pid_t parent, const sigset_t *child_mask)
{
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* a killed run takes its workers with it */
    if (getppid() != parent)          /* ... even one killed before that line */
        _exit(EXIT_FAILURE);
#else
    (void)parent;
#endif
    for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
        signal(caught[i], SIG_DFL);
    for (size_t i = 0; i < n_parent_fds; i++)
        close(parent_fds[i]);
    sigprocmask(SIG_SETMASK, child_mask, NULL);
}

static void start(running *slot, size_t index, worker_job job, void *ctx, worker_result *r,
                  const sigset_t *child_mask)
{
    fflush(stdout);
    fflush(stderr);
    memset(slot->page, 0, sizeof *slot->page);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        become_worker(parent, child_mask);
        _exit(job(index, ctx, slot->page) & 0xff);
    }
    if (pid < 0) {
        r->outcome = WORKER_LOST;
        return;
    }
    slot->pid = pid, slot->index = index, slot->started = now();
}

/* A copy of a page's field, or NULL when it is empty. */
static char *page_text(const char *field, size_t size)
{
    size_t n = strnlen(field, size);
    char *s = n ? malloc(n + 1) : NULL;
    if (s) {
        memcpy(s, field, n);
        s[n] = '\0';
    }
    return s;
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
    if (r->outcome != WORKER_OK) {
        r->where = page_text(slot->page->where.text, sizeof slot->page->where.text);
        r->where_is_step = slot->page->where.reckon_step;
        r->reason = page_text(slot->page->reason, sizeof slot->page->reason);
    }
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

/* The run was interrupted: every worker is killed and waited for (so that none writes
 * into a folder being removed), every job not done is lost. */
static void stop_all(running *slots, int jobs, size_t n, size_t next, worker_result *results)
{
    for (int s = 0; s < jobs; s++)
        if (slots[s].pid)
            kill(slots[s].pid, SIGKILL);
    for (int s = 0; s < jobs; s++)
        if (slots[s].pid) {
            while (waitpid(slots[s].pid, NULL, 0) < 0 && errno == EINTR)
                ;
            results[slots[s].index].outcome = WORKER_LOST;
            slots[s].pid = 0;
        }
    for (size_t i = next; i < n; i++)
        results[i] = (worker_result){.outcome = WORKER_LOST};
}

/* A batch under way: its slots, the next job to start and the counts so far. */
typedef struct pool {
    running *slots;
    int jobs;
    size_t n, next, done, failed;
    worker_job job;
    void *ctx;
    worker_result *results;
    const sigset_t *mask; /* the signal mask a child starts with */
} pool;

/* Starts a job in every free slot while jobs are left. */
static void fill_slots(pool *p)
{
    for (int s = 0; s < p->jobs && p->next < p->n; s++)
        if (!p->slots[s].pid) {
            p->results[p->next] = (worker_result){0};
            start(&p->slots[s], p->next, p->job, p->ctx, &p->results[p->next], p->mask);
            if (!p->slots[s].pid) /* could not fork */
                p->done++, p->failed++;
            p->next++;
        }
}

/* Records the end of the worker pid (a child reaped with that status). */
static void reaped(pool *p, pid_t pid, int status)
{
    for (int s = 0; s < p->jobs; s++)
        if (p->slots[s].pid == pid) {
            finish(&p->slots[s], status, p->results);
            p->done++;
            p->failed += p->results[p->slots[s].index].outcome != WORKER_OK;
        }
}

/* The watchdog: kills every worker that has run longer than timeout seconds at time t. */
static void watch(pool *p, double t, double timeout)
{
    for (int s = 0; s < p->jobs; s++)
        if (p->slots[s].pid && timeout > 0 && t - p->slots[s].started > timeout) {
            p->results[p->slots[s].index].outcome = WORKER_KILLED;
            kill(p->slots[s].pid, SIGKILL);
        }
}

/* Runs the batch to its end (or an interruption), SIGCHLD blocked and waited for. */
static void drive(pool *p, double timeout, bool progress, const sigset_t *chld)
{
    double started = now(), drawn = 0;
    while (p->done < p->n) {
        if (interrupted) {
            stop_all(p->slots, p->jobs, p->n, p->next, p->results);
            break;
        }
        fill_slots(p);
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            reaped(p, pid, status);
            continue; /* look for more at once */
        }
        if (pid < 0 && errno == ECHILD && p->next >= p->n)
            break;
        double t = now();
        watch(p, t, timeout);
        if (progress && t - drawn > 0.2) {
            draw_progress(p->done, p->n, p->failed, started);
            drawn = t;
        }
        struct timespec pause = {0, 50000000}; /* 50 ms at most: the watchdog's beat */
        sigtimedwait(chld, NULL, &pause);      /* a caught signal ends it too */
    }
}

void workers_run(size_t n, int jobs, double timeout, bool progress, worker_job job, void *ctx,
                 worker_result *results)
{
    if (jobs < 1)
        jobs = 1;
    running *slots = calloc((size_t)jobs, sizeof *slots);
    size_t page_bytes = (size_t)jobs * sizeof(worker_page);
    void *pages = mmap(NULL, page_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (!slots || pages == MAP_FAILED) {
        for (size_t i = 0; i < n; i++)
            results[i] = (worker_result){.outcome = WORKER_LOST};
        free(slots);
        if (pages != MAP_FAILED)
            munmap(pages, page_bytes);
        return;
    }
    for (int s = 0; s < jobs; s++)
        slots[s].page = (worker_page *)pages + s;
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
    pool p = {slots, jobs, n, 0, 0, 0, job, ctx, results, &old};
    drive(&p, timeout, progress, &chld);
    sigprocmask(SIG_SETMASK, &old, NULL);
    sigaction(SIGCHLD, &old_action, NULL);
    if (progress)
        fprintf(stderr, "\r%*s\r", 60, "");
    munmap(pages, page_bytes);
    free(slots);
}

void workers_results_free(worker_result *results, size_t n)
{
    for (size_t i = 0; results && i < n; i++) {
        free(results[i].where);
        free(results[i].reason);
        results[i].where = results[i].reason = NULL;
    }
}
