/*
 * cmd_run: reckon run PATH... [-o DIR] [--users LIST | FROM:TO:N[:log]] [--quiet]
 *
 * Runs every model in its own sandboxed state, in byte-sorted order; a failing model is
 * reported and skipped, the others complete.  items.csv and totals.csv are written to
 * temporary files and renamed into DIR only when complete.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "csvout.h"
#include "reckon_lua.h"
#include "sweep.h"

typedef struct run_args {
    char **paths;      /* model files and directories */
    int n_paths;
    const char *out_dir; /* where the CSV files go */
    double *users;     /* --users, or NULL: each option's own, else the default sweep */
    size_t n_users;
    bool quiet;        /* no summary table */
    size_t samples;    /* Monte Carlo samples, or 0 */
    uint64_t seed;     /* the Monte Carlo seed */
    bool items;        /* also each item's distribution */
    quota limits;      /* what each model may use */
} run_args;

static int usage(const char *message)
{
    fprintf(stderr, "reckon run: %s\nUsage: reckon run PATH... [-o DIR] [--users LIST|FROM:TO:N[:log]] "
                    "[--quiet]\nTry 'reckon --help'.\n", message);
    return EXIT_USAGE;
}

/* A whole decimal number, nothing else (no sign, no spaces). */
static bool whole_number(const char *s, unsigned long long *out)
{
    if (*s < '0' || *s > '9')
        return false;
    unsigned long long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (ULLONG_MAX - (unsigned)(*s - '0')) / 10)
            return false;
        v = 10 * v + (unsigned)(*s - '0');
    }
    *out = v;
    return true;
}

static int parse_args(int argc, char **argv, run_args *a)
{
    memset(a, 0, sizeof *a);
    a->out_dir = "out";
    a->seed = MC_DEFAULT_SEED;
    a->limits = quota_default;
    a->paths = calloc((size_t)argc + 1, sizeof *a->paths);
    if (!a->paths)
        return EXIT_INTERNAL;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
            if (++i == argc || argv[i][0] == '\0')
                return usage("-o needs a directory");
            a->out_dir = argv[i];
        } else if (strcmp(arg, "--users") == 0) {
            char err[256];
            if (++i == argc)
                return usage("--users needs a list (10000,100000) or a sweep (1000:1000000:61:log)");
            free(a->users);
            if (!sweep_parse(argv[i], &a->users, &a->n_users, err, sizeof err))
                return usage(err);
        } else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
            a->quiet = true;
        } else if (strcmp(arg, "--samples") == 0) {
            unsigned long long n;
            if (++i == argc || !whole_number(argv[i], &n) || n < 2 || n > 100000000)
                return usage("--samples needs a whole number from 2 to 100000000");
            a->samples = (size_t)n;
        } else if (strcmp(arg, "--seed") == 0) {
            unsigned long long s;
            if (++i == argc || !whole_number(argv[i], &s))
                return usage("--seed needs a whole number from 0 to 18446744073709551615");
            a->seed = s;
        } else if (strcmp(arg, "--items") == 0) {
            a->items = true;
        } else if (strcmp(arg, "--max-memory") == 0) {
            unsigned long long mib;
            if (++i == argc || !whole_number(argv[i], &mib) || mib < 1 || mib > 1048576)
                return usage("--max-memory needs a number of MiB from 1 to 1048576");
            a->limits.max_memory = (size_t)mib << 20;
        } else if (strcmp(arg, "--max-instructions") == 0) {
            unsigned long long n;
            if (++i == argc || !whole_number(argv[i], &n) || n < 1000)
                return usage("--max-instructions needs a whole number of at least 1000");
            a->limits.max_instructions = n;
        } else if (strcmp(arg, "--timeout") == 0) {
            unsigned long long s;
            if (++i == argc || !whole_number(argv[i], &s) || s < 1 || s > 86400)
                return usage("--timeout needs a number of seconds from 1 to 86400");
            a->limits.max_seconds = (double)s;
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

/* Prints a model's error, naming its file when the message does not already. */
static void report_failure(const model_file *f, const char *message)
{
    size_t n = strlen(f->path);
    if (strncmp(message, f->path, n) == 0 && message[n] == ':')
        fprintf(stderr, "%s\n", message);
    else
        fprintf(stderr, "%s: %s\n", f->path, message);
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
static bool evaluate_options(const run_args *a, const model_file *f, const loaded_model *m,
                             option_eval *evs)
{
    for (size_t i = 0; i < m->n_options; i++) {
        cost_error err;
        size_t n;
        const double *users = users_for(a, m->options[i], &n);
        double *sorted = malloc(n * sizeof *sorted);
        if (!sorted) {
            report_failure(f, "out of memory");
            return false;
        }
        memcpy(sorted, users, n * sizeof *sorted);
        n = sweep_normalise(sorted, n);
        bool ok = evaluate_option(m->options[i], sorted, n, &evs[i], &err);
        free(sorted);
        if (!ok) {
            report_failure(f, err.msg);
            return false;
        }
        char *error = NULL;
        if (summary_check_stated(m->options[i], stderr, &error) < 0) {
            report_failure(f, error ? error : "out of memory");
            free(error);
            return false;
        }
    }
    return true;
}

/* Runs every analysis of m into results (m.n_analyses long, tables made here). */
static bool run_analyses(const model_file *f, const loaded_model *m, const mc_draws *draws,
                         analysis_tables *tables, findings *found)
{
    for (size_t i = 0; i < m->n_analyses; i++) {
        cost_error err = {0};
        if (!analysis_tables_new(&tables[i])) {
            report_failure(f, "out of memory");
            return false;
        }
        if (!analysis_run(m->analyses[i], f->name, draws, &tables[i], &found[i], &err)) {
            char *message = cli_format("%s: analysis \"%s\": %s", m->analyses[i]->origin,
                                       m->analyses[i]->name, err.msg);
            report_failure(f, message ? message : err.msg);
            free(message);
            return false;
        }
    }
    return true;
}

/* Monte Carlo over the model's options: distribution, chance of being cheapest, sensitivity. */
static bool run_uncertainty(const run_args *a, const model_file *f, const loaded_model *m,
                            const option_eval *evs, const mc_draws *draws,
                            uncertainty_tables *t, findings *found)
{
    cost_error err = {0};
    if (!uncertainty_tables_new(t)) {
        report_failure(f, "out of memory");
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
        report_failure(f, error ? error : "out of memory");
    free(error);
    ok = ok && uncertainty_model(&u, t, found, &err);
    if (!ok && err.msg[0])
        report_failure(f, err.msg);
    return ok;
}

/* The model's samples, one set for its options and its analyses. */
static bool draw_samples(const run_args *a, const model_file *f, const loaded_model *m,
                         mc_draws *draws)
{
    cost_error err = {0};
    if (mc_draw(wrap_inputs(m->L), a->seed, f->name, a->samples, draws, &err))
        return true;
    report_failure(f, err.msg);
    return false;
}

/* Runs one model and keeps its rows; false (and a message printed) when it failed.  A model
 * that fails leaves no row: everything is computed before anything is written. */
static bool run_model(const run_args *a, const model_file *f, outputs *o, summary *s)
{
    loaded_model m;
    char *error = NULL;
    if (!model_load(f->path, stderr, &a->limits, &m, &error)) {
        report_failure(f, error ? error : "out of memory");
        free(error);
        return false;
    }
    option_eval *evs = calloc(m.n_options + 1, sizeof *evs);
    analysis_tables *tables = calloc(m.n_analyses + 1, sizeof *tables);
    findings *found = calloc(m.n_analyses + 1, sizeof *found);
    bool ok = evs && tables && found;
    if (!ok)
        report_failure(f, "out of memory");
    uncertainty_tables mc = {0};
    findings mc_found = {0};
    mc_draws draws = {0};
    ok = ok && evaluate_options(a, f, &m, evs) && (!a->samples || draw_samples(a, f, &m, &draws));
    ok = ok && run_analyses(f, &m, a->samples ? &draws : NULL, tables, found);
    if (ok && a->samples) {
        ok = run_uncertainty(a, f, &m, evs, &draws, &mc, &mc_found) &&
             outputs_uncertainty(o, f->name, &mc, &mc_found);
    } else if (ok) { /* percentile checks draw samples of their own */
        char *error = NULL;
        ok = summary_check_percentiles(f->name, &m, NULL, a->seed, &error);
        if (!ok)
            report_failure(f, error ? error : "out of memory");
        free(error);
    }
    uncertainty_tables_free(&mc);
    findings_free(&mc_found);
    mc_draws_free(&draws);
    for (size_t i = 0; ok && i < m.n_options; i++) {
        outputs_option(o, f->name, m.options[i], &evs[i]);
        ok = summary_add(s, f->name, m.options[i], &evs[i]);
    }
    for (size_t i = 0; ok && i < m.n_analyses; i++)
        ok = outputs_analysis(o, f->name, m.analyses[i]->name, &tables[i], &found[i]);
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

int cmd_run(int argc, char **argv)
{
    run_args a;
    int status = parse_args(argc, argv, &a);
    model_file *files = NULL;
    size_t n_files = 0;
    char err[1024];
    if (status == EXIT_OK && !models_collect(a.paths, a.n_paths, &files, &n_files, err, sizeof err))
        status = usage(err);
    outputs o = {0};
    if (status == EXIT_OK && (!make_dirs(a.out_dir, err, sizeof err) ||
                              !outputs_open(&o, a.out_dir, err, sizeof err))) {
        fprintf(stderr, "reckon run: %s\n", err);
        status = EXIT_OUTPUT;
    }
    o.sampled = a.samples > 0;
    summary *s = status == EXIT_OK ? summary_new() : NULL;
    size_t failed = 0;
    for (size_t i = 0; s && i < n_files; i++)
        if (!run_model(&a, &files[i], &o, s))
            failed++;
    if (s) {
        bool written = outputs_commit(&o, err, sizeof err);
        if (!a.quiet) {
            summary_print(s, stdout);
            outputs_print_findings(&o, stdout);
        }
        if (!written) {
            fprintf(stderr, "reckon run: %s\n", err);
            status = EXIT_OUTPUT;
        } else {
            if (!a.quiet)
                printf("\nWrote the CSV files to %s/ from %zu of %zu models.\n", a.out_dir,
                       n_files - failed, n_files);
            if (failed) {
                fprintf(stderr, "reckon run: %zu of %zu models failed (see above)\n", failed,
                        n_files);
                status = EXIT_MODEL;
            }
        }
    }
    summary_free(s);
    outputs_free(&o);
    models_free(files, n_files);
    free(a.paths);
    free(a.users);
    return status;
}
