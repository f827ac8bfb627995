/*
 * cli: the parts of the command line: a file a command, and a file for each part they
 * share.
 *
 *   main.c        the command's dispatch, --help (its text), --version
 *   options.c     the options the commands share: -j, the limits, whole numbers, the
 *                 watchdog's time
 *   cmd_run.c     reckon run (CLI_RUN_USAGE): its arguments, its folders, the worker that
 *                 writes a model's part file, the batch of workers, then merge_run and the
 *                 summary; -o - (totals.csv to standard output)
 *   cmd_check.c   reckon check (CLI_CHECK_USAGE): the same pass in workers, nothing
 *                 written
 *   cmd_eval.c    reckon eval FILE.lua, in a worker
 *   pipeline.c    one model's pass, run's and check's: load, evaluate, analyses, samples,
 *                 self-checks, then a sink (pipeline.h)
 *   model_load.c  finding model files, loading one in a sandbox, its options; cli_format
 *   summary.c     the table printed after a run, and self-check warnings
 *   display.c     a model's text as it reaches a terminal (controls escaped)
 *   outputs.c     what one model's run produces (the files are tables.h's registry)
 *   merge.c       the final files from the workers' parts, cleanup
 *   publish.c     the run's set of final files, put in place together (publish.h)
 *   extras.c      the files beside the tables: findings.txt, run.json, the other formats
 *   facts.c       what ran, for run.json: version, arguments, seed, models and hashes
 *   part.c        a worker's part file (its sections: part.h)
 *   workers.c     worker processes, their watchdog and results (workers.h)
 *   grow.c        the command line's growing arrays (malloc'd, never charged to a model)
 *   test_hooks.c  the test suite's hooks, only with RECKON_TEST_HOOKS (test_hooks.h)
 */
#ifndef RECKON_CLI_H
#define RECKON_CLI_H

#include <lua.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "analysis.h"
#include "quota.h"
#include "uncertainty.h"
#include "workers.h"
#include "csvout.h"
#include "formats.h"
#include "option_eval.h"
#include "option.h"
#include "tables.h"

/* Exit statuses, documented in --help and the man page. */
enum {
    EXIT_OK = 0,      /* everything succeeded */
    EXIT_MODEL = 1,   /* some model failed (its message is on standard error) */
    EXIT_USAGE = 2,   /* the command line is wrong */
    EXIT_OUTPUT = 3,  /* an output file could not be written */
    EXIT_INTERNAL = 4 /* out of memory or a bug */
};

/* A model file found on the command line. */
typedef struct model_file {
    char *path;   /* to open, and in messages: "models/aws_ecs.lua" */
    char *name;   /* in CSV rows: relative to the directory given, or the file's own name */
    char *target; /* reached through a symbolic link inside the folder walked: the real
                     path it led to, the file opened; else NULL */
    bool walked;  /* found by walking a folder (not named on the command line) */
    dev_t dev;    /* what the walk saw, when walked: the file must still be it */
    ino_t ino;
} model_file;

/* Expands files and directories (every *.lua below, byte-sorted) into *files. */
bool models_collect(char *const *paths, int n, model_file **files, size_t *count, char *err,
                    size_t err_size);
void models_free(model_file *files, size_t count);

/* A model that ran: its state stays open while its options are in use. */
typedef struct loaded_model {
    lua_State *L;           /* owns the options and analyses */
    const option **options; /* the options it returned, in order */
    size_t n_options;
    const analysis **analyses; /* the analyses it returned, in order */
    size_t n_analyses;
    bool limit_hit; /* after a failed load: the failure is a limit's */
} loaded_model;

/* Runs the model f under limits (NULL: the defaults), its math.random seeded from seed and
 * its path; false with a malloc'd message in *error (free it): a limit's message (kind
 * limit) whenever one was hit, even if the model caught it.  A walked file is run only if it
 * is still the plain file of one name that the walk saw (sandbox_run_model). */
bool model_load(const model_file *f, FILE *print_to, const quota *limits, uint64_t seed,
                loaded_model *m, char **error);
void model_close(loaded_model *m);

/* Prints a warning for every stated total of opt that disagrees with its items; returns how
 * many disagree, or -1 with a malloc'd message in *error when evaluation failed. */
/* The warning of a stated total that disagrees with its items (one line, no line end):
 * "models/x.lua:9: warning: option "AWS" at 10000 users: the stated total ...". */
#define SUMMARY_STATED_MAX 2048
void summary_stated_text(const option *opt, const stated_check *c, char *out, size_t size);
int summary_check_stated(const option *opt, FILE *out, char **error);

/* Runs the percentile checks of m's options on draws (or, when draws is NULL and some option
 * has checks, on UNCERTAINTY_CHECK_SAMPLES of its own seeded with seed); false with a
 * malloc'd message in *error when one fails. */
bool summary_check_percentiles(const char *model, const loaded_model *m, const mc_draws *draws,
                               uint64_t seed, char **error);

/* The table after a run: one line an option and user count.  summary_add takes the rows of
 * the window ev holds (option_eval.h). */
typedef struct summary summary;
summary *summary_new(void);
bool summary_add(summary *s, const char *model, const option *opt, const option_eval *ev);
void summary_print(const summary *s, FILE *out);
/* A worker's rows to a file and back (numbers kept exactly). */
bool summary_save(const summary *s, FILE *out);
bool summary_load(summary *s, FILE *in);
void summary_free(summary *s);
/* The rows s keeps: at most 15 an option however many its user counts (the table shows
 * the first 10 and the last 5, and says how many more are in totals.csv). */
size_t summary_kept(const summary *s);

/* ---- outputs.c: the CSV files of a run ---- */

typedef struct analysis_result {
    char *model;            /* the file it came from */
    char *name;             /* the analysis's name */
    char *origin;           /* "file:line" of its definition */
    analysis_tables tables; /* its rows */
    findings findings;      /* its plain-words findings */
} analysis_result;

/* A model's rows under Monte Carlo. */
typedef struct uncertainty_result {
    char *model;               /* the file it came from */
    uncertainty_tables tables; /* its rows */
    findings findings;         /* its plain-words findings */
} uncertainty_result;

/* What a model's run produces, gathered in its worker (outputs.c). */
typedef struct outputs {
    csvout *items;            /* items.csv's rows, to the part file as they come */
    csvout *totals;           /* totals.csv's rows */
    tables_rows item_rows;    /* items.csv's columns (tables.h), writing to items */
    tables_rows total_rows;   /* totals.csv's, writing to totals */
    analysis_result *results; /* the analyses that succeeded, in run order */
    size_t n_results, cap_results;
    uncertainty_result *mc; /* the Monte Carlo rows */
    size_t n_mc, cap_mc;
    csvout_cap cap; /* the bytes of rows the model may still write, every file's */
    const analysis_result *cap_hit_in; /* the analysis whose tables hit the cap, or NULL */
    table *warnings; /* warnings.csv's rows: the stated totals that disagree, or NULL */
} outputs;

/* Rows of items.csv and totals.csv go to these streams (the caller's); all the rows o
 * writes, of every file, are at most max_csv bytes (0: no limit). */
bool outputs_open(outputs *o, FILE *items, FILE *totals, size_t max_csv);
/* The rows of the window of user counts ev holds (option_eval.h), in order: called for each
 * window in turn; false when they are over max_csv (outputs_over_cap). */
bool outputs_option(outputs *o, const char *model, const option *opt, const option_eval *ev);
/* The rows of warnings.csv for opt's stated totals that disagree with its items; false
 * out of memory or when its stated totals cannot be evaluated. */
bool outputs_stated(outputs *o, const char *model, const option *opt);
/* Whether the model's rows were more than max_csv bytes: then it failed (kind limit) and
 * what was written of them is cut short. */
bool outputs_over_cap(const outputs *o);
/* Keeps an analysis's tables and findings (taken over: t and f are emptied). */
bool outputs_analysis(outputs *o, const char *model, const analysis *an, analysis_tables *t,
                      findings *f);
/* Keeps a model's Monte Carlo tables and findings (taken over: t and f are emptied). */
bool outputs_uncertainty(outputs *o, const char *model, uncertainty_tables *t, findings *f);
/* Flushes the rows of items.csv and totals.csv to their streams; on failure errno says why. */
bool outputs_finish_rows(outputs *o, char *err, size_t err_size);
/* Adds the analyses' and Monte Carlo rows to the part file, a section a table; false when
 * the part cannot be written (over max_csv is not that: the sections stay whole, cut). */
bool outputs_write(outputs *o, FILE *part);
void outputs_print_findings(const outputs *o, FILE *out);
void outputs_free(outputs *o);

/* ---- display.c: a model's text as it reaches a terminal ---- */

/* Every path that writes text a model can put words in to standard output or standard
 * error goes through these, terminal or not: a byte that is not part of a printable UTF-8
 * character, a newline or a tab (a control such as ESC or CR, a C1 control, a
 * bidirectional override, invalid UTF-8) is written as \xNN, so that a model cannot move
 * the cursor, recolour or rewrite the screen.  CSV files are not changed. */

/* text, shown; cut after max characters with an ellipsis when max is not 0.  Malloc'd, or
 * NULL. */
char *cli_display(const char *text, size_t max);
/* Writes text, shown, and a newline. */
void cli_show_line(FILE *to, const char *text);
/* "WHO: TEXT" on standard error, TEXT shown (it may name a file a walk found). */
void cli_show_error(const char *who, const char *text);
/* Copies len bytes of from to `to`, shown (to NULL: skips them); false when from ends
 * first. */
bool cli_show_copy(FILE *from, size_t len, FILE *to);
/* A stream that writes what it is given to `to`, shown, unbuffered (a character cut
 * between two writes is kept whole); fclose flushes it and leaves `to` open.  NULL when out
 * of memory. */
FILE *cli_show_stream(FILE *to);

/* ---- merge.c: the final files from the workers' parts ---- */

typedef struct merge_input {
    const char *out_dir;     /* where the final files go */
    const char *work;        /* the workers' parts: WORK/<index>/ */
    const model_file *files; /* the models, in run order */
    size_t n;
    const worker_result *results; /* how each model's worker ended */
    bool sampled;                 /* a Monte Carlo run: distribution and sensitivity too */
    double timeout;               /* the watchdog's, for messages */
    int out_lock;                 /* out_dir's descriptor, shared-locked (-1: no lock) */
    bool private_out;             /* out_dir is the run's own (-o -): not yet done when the
                                   * files are published there */
    unsigned formats;             /* --format: RUN_FORMAT_* */
    const run_facts *facts;       /* what ran, for run.json and the other formats (its
                                     findings and failures are the merge's) */
    char *written;                /* filled: the names of the files published, ", "
                                     between them (room for CLI_WRITTEN_MAX bytes) */
} merge_input;
#define CLI_WRITTEN_MAX 512

/* The formats --format chooses among (run.json and findings.txt are always written). */
enum {
    RUN_FORMAT_CSV = 1,
    RUN_FORMAT_XLSX = 2,
    RUN_FORMAT_HTML = 4,
    RUN_FORMAT_JSON = 8,
    RUN_FORMAT_DEFAULT = RUN_FORMAT_CSV | RUN_FORMAT_XLSX | RUN_FORMAT_HTML
};

/* Writes every final file (and errors.csv), fills s with the summary rows, prints each
 * model's messages to stderr and findings to `findings`, in run order; *failed counts the
 * models that failed.  False with err when a file could not be written or the run was
 * interrupted: then no old file was replaced.  From just before the renames SIGINT, SIGTERM
 * and SIGHUP are held (workers_hold_interrupts): a run whose files are in place is done, and
 * ends as such (with private_out they are let in again once the files are published). */
bool merge_run(const merge_input *in, summary *s, FILE *findings, size_t *failed, char *err,
               size_t err_size);
/* The failure of a worker that could not say it itself (killed, crashed, lost, or unable
 * to keep its results): "PATH[:LINE]: what happened", malloc'd, with its kind for
 * errors.csv; NULL when the worker's own failure section says it. */
/* What ran (facts.c): args are reckon run's arguments (borrowed, as are the models'
 * names); each model's SHA-256 is read from its file now.  False out of memory. */
bool facts_make(run_facts *f, char **args, size_t n_args, uint64_t seed, size_t samples,
                const model_file *files, size_t n, const worker_result *results);
void facts_free(run_facts *f);

/* The files beside the tables (extras.c): findings.txt (from the findings the merge
 * printed to `findings`), run.json and the formats in->formats chooses, made from ff's
 * finished tables and added to ff; without RUN_FORMAT_CSV the tables are dropped.  False
 * with err (ff aborted) when one cannot be made. */
struct final_files;
/* findings.txt's headings of the blocks a run also printed as they came (the warnings
 * first, the failures last): -o - leaves them out of the findings it prints. */
#define EXTRAS_WARNINGS_HEADING "Warnings (a stated total that is not the sum of its items):"
#define EXTRAS_FAILED_HEADING "Failed (errors.csv):"
bool extras_write(struct final_files *ff, const merge_input *in, FILE *findings, char *err,
                  size_t err_size);
char *merge_worker_failure(const char *path, const worker_result *r, double timeout,
                           const char **kind);

/* Work folders: BASE/.reckon-work-KINDPID-XXXXXX, locked (flock on the folder) for the
 * run's whole life; a folder whose lock can be taken is a dead run's, whatever the pid in
 * its name says (a run in another PID namespace shares /dev/shm).  *lock is the lock's
 * descriptor; NULL on failure. */
char *merge_locked_folder(const char *base, const char *kind, int *lock);
/* A new work folder for the workers' parts (in memory where it can be; out_dir may be NULL). */
char *merge_work_folder(const char *out_dir, int *lock);
/* Removes the work folder (rm -r, never through a link) and then releases its lock. */
void merge_remove_work(const char *work, int lock);
/* Removes the work folders in dir whose lock can be taken. */
void merge_clean_work_in(const char *dir);
/* Removes dead runs' work folders where this run will keep its own. */
void merge_clean_stale(const char *out_dir);
/* Holds out_dir's lock (shared) for the run's life, first removing the temporary files a
 * dead run left there when no other run holds it; the descriptor, or -1. */
int merge_lock_output(const char *out_dir);

/* ---- options.c: what the commands share ---- */

/* A whole decimal number, nothing else (no sign, no spaces). */
bool cli_whole_number(const char *s, unsigned long long *out);
/* -j N, -jN or --jobs N at argv[*i] (run and check): the number into *jobs, moving *i past
 * its value; 1 when it was one, 0 when not, -1 with a message in err when its value is
 * wrong. */
int cli_jobs_option(int argc, char **argv, int *i, int *jobs, char *err, size_t err_size);
/* The limit options of run, check and eval (--max-memory MiB, --max-instructions N,
 * --timeout S, --max-csv MiB: only run writes CSV rows): reads the one at argv[*i] into
 * limits, moving *i past its value; 1 when it was one, 0 when argv[*i] is not a limit
 * option, -1 with a message in err when its value is wrong. */
int cli_limit_option(int argc, char **argv, int *i, quota *limits, char *err, size_t err_size);
/* The usage text of the limit options, for the commands' messages. */
#define CLI_LIMITS_USAGE "[--max-memory MiB] [--max-instructions N] [--timeout S] [--max-csv MiB]"
/* The usage text of a model's pass's options (pipeline_option). */
#define CLI_PASS_USAGE "[--users LIST|FROM:TO:N[:log]] [--samples N [--seed S] [--items]]"
/* The usage lines of run and check, as --help shows them and their usage errors repeat:
 * every option each command takes. */
#define CLI_RUN_USAGE                                                                              \
    "reckon run PATH... [-o DIR] [--quiet] [-j N] [--format csv,xlsx,html,json]\n"                 \
    "             [--line-ends lf|crlf]\n"                                                         \
    "             " CLI_PASS_USAGE "\n"                                                            \
    "             " CLI_LIMITS_USAGE
#define CLI_CHECK_USAGE                                                                            \
    "reckon check PATH... [-j N]\n"                                                                \
    "             " CLI_PASS_USAGE "\n"                                                            \
    "             [--max-memory MiB] [--max-instructions N] [--timeout S]"
/* The watchdog's time for limits: a second after the hook's own time limit (which stops
 * Lua code), for what is stuck inside a C function; 0: none. */
double cli_watchdog(const quota *limits);

/* ---- worker captures (cmd_run.c, cmd_check.c): a model's messages in a worker ---- */

/* The most a worker keeps of a model's messages (what it printed, and reckon's warnings
 * about it) and of its failure message; the rest is cut with a note. */
enum { CLI_MESSAGES_MAX = 1 << 20, CLI_FAILURE_MAX = 16 << 10 };

int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_eval(int argc, char **argv);

/* ---- grow.c: the command line's growing arrays ---- */

/* Makes room in *array (n elements of size bytes used, *cap allocated, malloc'd) for one
 * more, doubling the room when it is full; false (the array as it was) when out of memory.
 * The core's budget_grow, but with malloc: nothing the command line keeps is charged to a
 * model's --max-memory. */
bool cli_grow(void **array, size_t n, size_t *cap, size_t size);

/* Formats a message into a new malloc'd string (never NULL unless out of memory). */
char *cli_format(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
