/*
 * pipeline: one model's pass, shared by run and check (the steps: pipeline.h).
 */
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "reckon_lua.h"
#include "sandbox.h"
#include "sweep.h"
#include "test_hooks.h"

void pipeline_settings_init(pipeline_settings *s)
{
    memset(s, 0, sizeof *s);
    s->seed = MC_DEFAULT_SEED;
    s->limits = quota_default;
}

void pipeline_settings_free(pipeline_settings *s)
{
    budget_free(s->users);
    s->users = NULL;
    s->n_users = 0;
}

/* --users, --samples, --seed, --items: the value of the one at argv[*i] (there is one). */
static const char *read_option(int argc, char **argv, int *i, pipeline_settings *s, char *err,
                               size_t err_size)
{
    const char *arg = argv[*i];
    if (strcmp(arg, "--items") == 0) {
        s->items = true;
        return NULL;
    }
    const char *value = ++*i < argc ? argv[*i] : NULL;
    unsigned long long n;
    if (strcmp(arg, "--users") == 0) {
        if (!value)
            return "--users needs a list (10000,100000) or a sweep (1000:1000000:61:log)";
        pipeline_settings_free(s);
        core_error e;
        if (sweep_parse(value, &s->users, &s->n_users, &e))
            return NULL;
        snprintf(err, err_size, "%s", e.msg);
        return err;
    }
    if (strcmp(arg, "--samples") == 0) {
        if (!value || !cli_whole_number(value, &n) || n < 2 || n > 100000000)
            return "--samples needs a whole number from 2 to 100000000";
        s->samples = (size_t)n;
        return NULL;
    }
    if (!value || !cli_whole_number(value, &n))
        return "--seed needs a whole number from 0 to 18446744073709551615";
    s->seed = n;
    return NULL;
}

int pipeline_option(int argc, char **argv, int *i, pipeline_settings *s, char *err, size_t err_size)
{
    int limit = cli_limit_option(argc, argv, i, &s->limits, err, err_size);
    if (limit != 0)
        return limit;
    static const char *const names[] = {"--users", "--samples", "--seed", "--items"};
    size_t k = 0;
    while (k < sizeof names / sizeof names[0] && strcmp(argv[*i], names[k]) != 0)
        k++;
    if (k == sizeof names / sizeof names[0])
        return 0;
    const char *wrong = read_option(argc, argv, i, s, err, err_size);
    if (wrong && wrong != err)
        snprintf(err, err_size, "%s", wrong);
    return wrong ? -1 : 1;
}

void pipeline_fail(pipeline_model *p, const char *message)
{
    if (p->failure)
        return;
    const char *path = p->file->path;
    size_t n = strlen(path);
    bool named = strncmp(message, path, n) == 0 && message[n] == ':';
    p->failure = cli_format("%s%s%s", named ? "" : path, named ? "" : ": ", message);
}

void pipeline_fail_limit(pipeline_model *p, const char *message)
{
    free(p->failure);
    p->failure = NULL;
    pipeline_fail(p, message);
    p->limit = true;
}

void pipeline_doing(const pipeline_model *p, lua_State *L, const char *step)
{
    char text[QUOTA_WHERE_SIZE];
    if (step)
        snprintf(text, sizeof text, "%s: %s", p->file->path, step);
    quota_doing_text(L, step ? text : NULL);
}

/* pipeline_doing with a printf-style step of two size_t numbers. */
static void doing(const pipeline_model *p, lua_State *L, const char *what, size_t a, size_t b)
{
    char step[QUOTA_WHERE_SIZE / 2];
    if (what)
        snprintf(step, sizeof step, what, a, b);
    pipeline_doing(p, L, what ? step : NULL);
}

/* What a pass computes, owned by it until the end (the sink may take tables over). */
typedef struct pass {
    pipeline_model *p;
    const pipeline_settings *s;
    const loaded_model *m;
    option_eval *evs;        /* m->n_options */
    analysis_tables *tables; /* m->n_analyses */
    findings *found;         /* m->n_analyses */
    mc_draws draws;          /* with --samples */
    uncertainty_tables mc;   /* with --samples */
    findings mc_found;
} pass;

/* The user counts for opt, sorted, repeats dropped, in a new array: --users, else its own,
 * else the default sweep; NULL when out of memory. */
static double *users_for(const pipeline_settings *s, const option *opt, size_t *n)
{
    const double *users = s->users ? s->users : opt->n_users ? opt->users : sweep_default;
    *n = s->users ? s->n_users : opt->n_users ? opt->n_users : sweep_default_count;
    double *sorted = malloc(*n * sizeof *sorted);
    if (!sorted)
        return NULL;
    memcpy(sorted, users, *n * sizeof *sorted);
    *n = sweep_normalise(sorted, *n);
    return sorted;
}

/* Evaluates every option of the model into x->evs and checks its stated totals. */
static bool evaluate_options(pass *x)
{
    const loaded_model *m = x->m;
    for (size_t i = 0; i < m->n_options; i++) {
        core_error err;
        size_t n;
        double *users = users_for(x->s, m->options[i], &n);
        if (!users) {
            pipeline_fail(x->p, "out of memory");
            return false;
        }
        quota_doing(m->L, m->options[i]->origin, "option", m->options[i]->name);
        bool ok = evaluate_option(m->options[i], users, n, &x->evs[i], &err);
        quota_doing(m->L, NULL, NULL, NULL);
        free(users);
        if (!ok) {
            pipeline_fail(x->p, err.msg);
            return false;
        }
        char *error = NULL;
        int disagree = summary_check_stated(m->options[i], x->p->messages, &error);
        if (disagree < 0) {
            pipeline_fail(x->p, error ? error : "out of memory");
            free(error);
            return false;
        }
        x->p->warnings += disagree;
    }
    return true;
}

/* The model's samples, one set for its options and its analyses: only the inputs they read
 * are drawn. */
static bool draw_samples(pass *x)
{
    core_error err = {0};
    const loaded_model *m = x->m;
    const inputs *in = wrap_inputs(m->L);
    cost_input_set used = {.used = budget_calloc(in->n + 1, sizeof *used.used), .n_ids = in->n + 1};
    for (size_t i = 0; used.used && i < m->n_options; i++)
        option_inputs(m->options[i], &used);
    for (size_t i = 0; used.used && i < m->n_analyses; i++)
        analysis_inputs(m->analyses[i], &used);
    doing(x->p, m->L, "Monte Carlo, drawing %zu samples of %zu ranges", x->s->samples, in->n);
    bool ok =
        (used.used || error_oom(&err)) &&
        mc_draw_used(in, used.used, x->s->seed, x->p->file->name, x->s->samples, &x->draws, &err);
    doing(x->p, m->L, NULL, 0, 0);
    budget_free(used.used);
    if (ok)
        return true;
    const char *limit = sandbox_limit_hit(m->L); /* the draws were refused memory */
    if (limit)
        pipeline_fail_limit(x->p, limit);
    else
        pipeline_fail(x->p, err.msg);
    return false;
}

/* Runs every analysis of the model into x->tables and x->found (the tables made here). */
static bool run_analyses(pass *x)
{
    const loaded_model *m = x->m;
    const mc_draws *draws = x->s->samples ? &x->draws : NULL;
    for (size_t i = 0; i < m->n_analyses; i++) {
        const analysis *an = m->analyses[i];
        core_error err = {0};
        if (!analysis_tables_new(&x->tables[i], &err)) {
            pipeline_fail(x->p, err.msg);
            return false;
        }
        quota_doing(m->L, an->origin, "analysis", an->name);
        bool ok = analysis_run(an, x->p->file->name, draws, &x->tables[i], &x->found[i], &err);
        quota_doing(m->L, NULL, NULL, NULL); /* a limit hit in it names it */
        if (!ok) {
            char *message = cli_format("%s: analysis \"%s\": %s", an->origin, an->name, err.msg);
            pipeline_fail(x->p, message ? message : err.msg);
            free(message);
            return false;
        }
    }
    return true;
}

/* The percentile checks (on the model's samples, else on samples of their own), then with
 * --samples the Monte Carlo pass over the options: distribution, chance of being cheapest,
 * sensitivity. */
static bool run_uncertainty(pass *x)
{
    const char *model = x->p->file->name;
    char *error = NULL;
    doing(x->p, x->m->L, "checking the options' stated percentiles", 0, 0);
    bool ok = summary_check_percentiles(model, x->m, x->s->samples ? &x->draws : NULL, x->s->seed,
                                        &error);
    doing(x->p, x->m->L, NULL, 0, 0);
    if (!ok)
        pipeline_fail(x->p, error ? error : "out of memory");
    free(error);
    if (!ok || !x->s->samples)
        return ok;
    core_error err = {0};
    if (!uncertainty_tables_new(&x->mc, &err)) {
        pipeline_fail(x->p, err.msg);
        return false;
    }
    if (x->m->n_options == 0)
        return true;
    uncertainty_run u = {.model = model,
                         .options = x->m->options,
                         .evals = x->evs,
                         .n_options = x->m->n_options,
                         .inputs = wrap_inputs(x->m->L),
                         .draws = &x->draws,
                         .items = x->s->items};
    doing(x->p, x->m->L, "Monte Carlo, the options over %zu samples", x->s->samples, 0);
    ok = uncertainty_model(&u, &x->mc, &x->mc_found, &err);
    doing(x->p, x->m->L, NULL, 0, 0);
    if (!ok)
        pipeline_fail(x->p, err.msg);
    return ok;
}

/* Every step of the pass after the load; then a limit hit by anything the model caused
 * (its costs, analyses, samples, checks) is its failure. */
static bool compute(pass *x)
{
    const loaded_model *m = x->m;
    x->evs = calloc(m->n_options + 1, sizeof *x->evs);
    x->tables = calloc(m->n_analyses + 1, sizeof *x->tables);
    x->found = calloc(m->n_analyses + 1, sizeof *x->found);
    bool ok = x->evs && x->tables && x->found;
    if (!ok)
        pipeline_fail(x->p, "out of memory");
    ok = ok && evaluate_options(x) && (!x->s->samples || draw_samples(x));
    ok = ok && run_analyses(x) && run_uncertainty(x);
    mc_draws_free(&x->draws); /* not the sink's */
    const char *limit = sandbox_limit_hit(m->L);
    if (limit) {
        pipeline_fail_limit(x->p, limit);
        ok = false;
    }
    if (!ok && !x->p->failure)
        pipeline_fail(x->p, "the model failed");
    return ok;
}

static void pass_free(pass *x)
{
    for (size_t i = 0; x->evs && i < x->m->n_options; i++)
        evaluate_free(&x->evs[i]);
    for (size_t i = 0; x->tables && x->found && i < x->m->n_analyses; i++) {
        analysis_tables_free(&x->tables[i]);
        findings_free(&x->found[i]);
    }
    free(x->evs), free(x->tables), free(x->found);
    uncertainty_tables_free(&x->mc);
    findings_free(&x->mc_found);
}

bool pipeline_run(pipeline_model *p, const pipeline_settings *s, pipeline_sink sink, void *ctx)
{
    loaded_model m;
    char *error = NULL;
    if (!model_load(p->file, p->messages, &s->limits, s->seed, &m, &error)) {
        if (m.limit_hit)
            pipeline_fail_limit(p, error ? error : "out of memory");
        else
            pipeline_fail(p, error ? error : "out of memory");
        free(error);
        return false;
    }
    test_hook_crash("RECKON_TEST_CRASH_LOADED", p->file->name);
    pass x = {.p = p, .s = s, .m = &m};
    bool ok = compute(&x);
    pipeline_rows rows = {
        &m, x.evs, x.tables, x.found, s->samples ? &x.mc : NULL, s->samples ? &x.mc_found : NULL};
    if (ok) {
        doing(p, m.L, "keeping its rows", 0, 0);
        ok = sink(ctx, p, &rows);
        doing(p, m.L, NULL, 0, 0);
        /* the memory the rows kept took (a write refused by it fails only a stream), unless
         * the sink said itself why it failed */
        const char *limit = ok || !p->failure ? sandbox_limit_hit(m.L) : NULL;
        if (limit) {
            pipeline_fail_limit(p, limit);
            ok = false;
        }
    }
    pass_free(&x);
    model_close(&m);
    return ok;
}
