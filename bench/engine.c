/*
 * engine: the reference workload through reckon's C API, as an embedding program uses it.
 *
 *   engine_model *m = engine_load("bench/workload_sweep.lua", err, sizeof err);
 *   engine_sweep(m, n, u, total, per_user, &sums, err, sizeof err);
 *
 * A model runs in its own sandbox (sandbox_new, sandbox_run_file); the option it returns
 * (wrap_option_test) becomes one cost function (option_total), evaluated by
 * cost_eval_samples: with no arrays, the fast mid evaluation over the users; with the
 * arrays of mc_draw, one Monte Carlo lane a sample.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "csvout.h"
#include "montecarlo.h"
#include "option.h"
#include "reckon_lua.h"
#include "sandbox.h"

struct engine_model {
    lua_State *L;      /* the sandbox; it owns the option and its inputs */
    const option *opt; /* the option the model returned */
    cost_fn *total;    /* its items summed (one reference held) */
};

void engine_free(engine_model *m)
{
    if (!m)
        return;
    cost_release(m->total);
    if (m->L)
        sandbox_close(m->L);
    free(m);
}

engine_model *engine_load(const char *path, char *err, size_t err_size)
{
    engine_model *m = calloc(1, sizeof *m);
    if (!m || !(m->L = sandbox_new(stderr, NULL))) {
        snprintf(err, err_size, "out of memory");
        engine_free(m);
        return NULL;
    }
    int results = sandbox_run_file(m->L, path, 1);
    if (results < 0) {
        const char *msg = lua_tostring(m->L, -1);
        snprintf(err, err_size, "%s", msg ? msg : "error object is not a string");
        engine_free(m);
        return NULL;
    }
    m->opt = results == 1 ? wrap_option_test(m->L, -1) : NULL; /* [option]: left, it anchors */
    if (!m->opt) {
        snprintf(err, err_size, "%s: the model must return one r.option{...}", path);
        engine_free(m);
        return NULL;
    }
    core_error cerr = {0};
    m->total = option_total(m->opt, &cerr);
    if (!m->total) {
        snprintf(err, err_size, "%s: %s", path, cerr.msg);
        engine_free(m);
        return NULL;
    }
    return m;
}

bool engine_sweep(const engine_model *m, size_t n, double *u, double *total, double *per_user,
                  sweep_sums *out, char *err, size_t err_size)
{
    for (size_t i = 0; i < n; i++)
        u[i] = bench_sweep_u(i, n);
    cost_samples none = {.lanes = n, .by_id = NULL, .n_ids = 0};
    core_error cerr = {0};
    if (!cost_eval_samples(m->total, u, &none, total, &cerr)) {
        snprintf(err, err_size, "cost_eval_samples: %s", cerr.msg);
        return false;
    }
    sweep_sums s = {0, 0};
    for (size_t i = 0; i < n; i++) {
        per_user[i] = total[i] / u[i];
        s.total += total[i];
        s.per_user += per_user[i];
    }
    *out = s;
    return true;
}

bool engine_mc(const engine_model *m, const char *model, uint64_t seed, size_t n, double users,
               mc_stats *out, char *err, size_t err_size)
{
    core_error cerr = {0};
    mc_draws draws;
    if (!mc_draw(wrap_inputs(m->L), seed, model, n, &draws, &cerr)) {
        snprintf(err, err_size, "mc_draw: %s", cerr.msg);
        return false;
    }
    double *x = malloc(n * sizeof *x), *totals = malloc(n * sizeof *totals);
    bool ok = x && totals;
    if (!ok)
        snprintf(err, err_size, "out of memory");
    for (size_t i = 0; ok && i < n; i++)
        x[i] = users;
    cost_samples lanes = mc_samples(&draws);
    if (ok && !(ok = cost_eval_samples(m->total, x, &lanes, totals, &cerr)))
        snprintf(err, err_size, "cost_eval_samples: %s", cerr.msg);
    mc_summary sum;
    if (ok && !(ok = mc_summarize(totals, n, &sum)))
        snprintf(err, err_size, "mc_summarize failed");
    if (ok)
        *out = (mc_stats){sum.mean, sum.p5, sum.p50, sum.p95};
    free(x);
    free(totals);
    mc_draws_free(&draws);
    return ok;
}

bool engine_write_csv(const char *dir, const char *name, size_t n, const double *u,
                      const double *total, const double *per_user, char *err, size_t err_size)
{
    core_error e;
    csvout *out = csvout_open(dir, name, &e);
    if (!out) {
        snprintf(err, err_size, "%s", e.msg);
        return false;
    }
    csvout_text(out, "users");
    csvout_text(out, "total");
    csvout_text(out, "per_user");
    csvout_end_row(out);
    for (size_t i = 0; i < n; i++) {
        csvout_number(out, u[i], 2);
        csvout_money(out, total[i]);
        csvout_number(out, per_user[i], 6);
        csvout_end_row(out);
    }
    if (csvout_commit(out, &e))
        return true;
    snprintf(err, err_size, "%s", e.msg);
    return false;
}
