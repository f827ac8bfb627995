/*
 * pipeline: one model's pass, the same for `reckon run` and `reckon check`.
 *
 *   load it in its sandbox (limits, seed)
 *   evaluate each option at its user counts: --users, else its own, else the default
 *     sweep; sorted, repeats dropped (sweep_normalise)
 *   compare every stated total with its items (a warning each that disagrees)
 *   with --samples: draw the samples its options and analyses read
 *   run each analysis (on the samples too, with --samples)
 *   run the percentile checks (on the samples, else on samples of their own)
 *   with --samples: the Monte Carlo pass (distribution, sensitivity)
 *   a limit hit anywhere above is the model's failure, whatever failed first
 *   hand everything computed to a sink: run's writes the rows to the worker's part file,
 *     check's prints an "ok" line
 *
 * A model that fails at any step reaches no sink: everything is computed before anything
 * is written.  So run and check fail the same models with the same messages, but for what
 * only writing can find (--max-csv, a file that cannot be written).
 */
#ifndef RECKON_PIPELINE_H
#define RECKON_PIPELINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"

/* What shapes a model's pass: the options run and check share. */
typedef struct pipeline_settings {
    double *users; /* --users (budget-allocated), or NULL: each option's own, else the default */
    size_t n_users;
    size_t samples; /* --samples: Monte Carlo samples, or 0 */
    uint64_t seed;  /* --seed: the samples', the percentile checks' and math.random's */
    bool items;     /* --items: each item's distribution too */
    quota limits;   /* the limit options: what each model may use */
} pipeline_settings;

/* The defaults: each option's own user counts, no samples, the fixed seed, quota_default. */
void pipeline_settings_init(pipeline_settings *s);
/* Reads the option at argv[*i] into s when it is one of the pass's (CLI_PASS_USAGE's, or a
 * limit option: cli_limit_option), moving *i past its value; 1 when it was one, 0 when
 * argv[*i] is not, -1 with a message in err when its value is wrong. */
int pipeline_option(int argc, char **argv, int *i, pipeline_settings *s, char *err,
                    size_t err_size);
void pipeline_settings_free(pipeline_settings *s);

/* One model's pass as it goes. */
typedef struct pipeline_model {
    const model_file *file; /* the model */
    FILE *messages;         /* what it prints and reckon's warnings about it */
    char *failure;          /* its first failure, or its limit, naming its file (malloc'd) */
    bool limit;             /* that failure is a limit's (kind limit in errors.csv) */
    int warnings;           /* the stated totals that disagree with their items */
} pipeline_model;

/* What a pass that succeeded computed, for its sink (which may take the tables over). */
typedef struct pipeline_rows {
    const loaded_model *m;
    option_eval *evals;      /* m->n_options of them, each holding a window of its counts */
    analysis_tables *tables; /* m->n_analyses of them */
    findings *found;         /* m->n_analyses of them */
    uncertainty_tables *mc;  /* with --samples: the Monte Carlo tables, else NULL */
    findings *mc_found;      /* with --samples: their findings, else NULL */
} pipeline_rows;

/* Where a pass's results go: called once, when every step succeeded; false when they
 * cannot be kept (the sink says why with pipeline_fail or pipeline_fail_limit). */
typedef bool (*pipeline_sink)(void *ctx, pipeline_model *p, pipeline_rows *rows);

/* Runs p->file's pass under s and hands its results to sink(ctx, ...); false when the
 * model failed, with its failure in p->failure. */
bool pipeline_run(pipeline_model *p, const pipeline_settings *s, pipeline_sink sink, void *ctx);

/* Keeps message as the model's failure unless it has one (its first: what follows from it
 * says less), prefixed with the model's path when the message does not start with it. */
void pipeline_fail(pipeline_model *p, const char *message);
/* Makes a limit the model's failure, whatever it was before: a limit hit by anything the
 * model caused is why it failed, even when what failed first said something else ("not
 * enough memory") or the model caught it. */
void pipeline_fail_limit(pipeline_model *p, const char *message);
/* Tells the quota that reckon's own step (in words) runs for the model on L now, so that a
 * limit hit in it, or the watchdog, names it after the model's path; NULL: over. */
void pipeline_doing(const pipeline_model *p, lua_State *L, const char *step);

#endif
