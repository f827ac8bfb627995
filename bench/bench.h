/*
 * bench: reckon_bench, the reference workload (../shared/bench/WORKLOAD.md) done three ways
 * and timed side by side.
 *
 *   bench.c      main: the rounds, the agreement checks, the table; peak memory
 *   engine.c     reckon through its C API: sweep, Monte Carlo, the CSV writer (csvout)
 *   baseline.c   plain C: the sweep in one loop, Box-Muller + qsort, a printf CSV writer
 *   plain_lua.c  plain Lua 5.4 (bench/plain.lua) in a fresh lua_State of the same liblua
 *   cli.c        reckon through `reckon run`: starting it, reading its CSV files, the batch
 *
 * Nothing here is part of the engine: it is built by CMake and never run by the tests.
 */
#ifndef RECKON_BENCH_H
#define RECKON_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The workload's fixed sizes. */
#define BENCH_SWEEP_POINTS 1000000
#define BENCH_MC_SAMPLES 1000000
#define BENCH_MC_USERS 250000.0
#define BENCH_BATCH_MODELS 1000

/* The 1.6448536269514722 of "a to b" as a 90% interval. */
#define BENCH_Z90 1.6448536269514722

/* Seconds on a monotonic clock. */
double bench_now(void);

/* u_i = 1000 + 999000 i / 999999 (for n points: 999000 i / (n - 1)). */
static inline double bench_sweep_u(size_t i, size_t n)
{
    return 1000.0 + 999000.0 * (double)i / (double)(n - 1);
}

/* What a sweep reports: the sums of its two columns. */
typedef struct sweep_sums {
    double total;    /* sum of the totals */
    double per_user; /* sum of the totals a user */
} sweep_sums;

/* What a Monte Carlo run reports about the total. */
typedef struct mc_stats {
    double mean, p5, p50, p95;
} mc_stats;

/* ---- baseline.c: plain C ---- */

/* The deterministic total at u users, item by item in the workload's order. */
double baseline_total(double u);
/* One loop: u, the total and the total a user into the arrays, and their sums. */
sweep_sums baseline_sweep(size_t n, double *u, double *total, double *per_user);
/* Box-Muller normals for the eight lognormal inputs, the total, qsort, percentiles.
 * totals is scratch of n doubles. */
mc_stats baseline_mc(size_t n, double users, uint64_t seed, double *totals);
/* A printf-based writer of the sweep's rows: "users,total,per_user" then
 * "%.2f,%.2f,%.6f\r\n" a row.  False with a message on failure. */
bool baseline_write_csv(const char *path, size_t n, const double *u, const double *total,
                        const double *per_user, char *err, size_t err_size);
/* The rows `reckon run --users 1000:1000000:1000000` writes of the sweep model (named
 * model), with fprintf: DIR/items.csv (12 rows a user count) and DIR/totals.csv, CRLF,
 * flushed and fsync'ed.  The same bytes as reckon's but where printf rounds a half-cent tie
 * the binary way. */
bool baseline_write_rows(const char *dir, const char *model, char *err, size_t err_size);

/* ---- engine.c: reckon through its C API ---- */

typedef struct engine_model engine_model; /* a model file loaded in its own sandbox */

/* Loads path (a model returning one option); NULL with a message on failure. */
engine_model *engine_load(const char *path, char *err, size_t err_size);
void engine_free(engine_model *m);
/* The sweep: u into u, then cost_eval_samples (no arrays: the mid fast path) into total,
 * then the totals a user and the sums. */
bool engine_sweep(const engine_model *m, size_t n, double *u, double *total, double *per_user,
                  sweep_sums *out, char *err, size_t err_size);
/* Monte Carlo: mc_draw of every input, cost_eval_samples at users in every lane,
 * mc_summarize.  model names the streams as `reckon run` names them (the file's name). */
bool engine_mc(const engine_model *m, const char *model, uint64_t seed, size_t n, double users,
               mc_stats *out, char *err, size_t err_size);
/* The sweep's rows through csvout (numfmt): users to 2 decimals (trimmed), the total to
 * the cent, the total a user to 6 decimals (trimmed). */
bool engine_write_csv(const char *dir, const char *name, size_t n, const double *u,
                      const double *total, const double *per_user, char *err, size_t err_size);

/* ---- plain_lua.c: plain Lua 5.4 ---- */

typedef struct plain_lua plain_lua;

/* A fresh lua_State (luaL_openlibs) that has run path (bench/plain.lua). */
plain_lua *plain_lua_open(const char *path, char *err, size_t err_size);
void plain_lua_close(plain_lua *p);
/* The sweep written as a plain-Lua model (items = a list of functions of u, summed), or,
 * when inlined, as one hand-inlined loop. */
bool plain_lua_sweep(plain_lua *p, size_t n, bool inlined, sweep_sums *out, char *err,
                     size_t err_size);
bool plain_lua_mc(plain_lua *p, size_t n, double users, uint64_t seed, mc_stats *out, char *err,
                  size_t err_size);

/* ---- cli.c: `reckon run` ---- */

/* A finished child process. */
typedef struct cli_result {
    double seconds; /* wall-clock time from fork to its exit */
    long maxrss_kb; /* its peak resident set size */
} cli_result;

/* Runs argv (argv[0] the program) with stdout to /dev/null and stderr to stderr_path;
 * false with a message (and the start of its stderr) unless it exits with status 0. */
bool cli_spawn(char *const argv[], const char *stderr_path, cli_result *out, char *err,
               size_t err_size);

/* Reads totals.csv of `reckon run` (one model, one option): users and mid of every row
 * into new arrays (free() them). */
bool cli_read_totals(const char *path, double **users, double **mid, size_t *n, char *err,
                     size_t err_size);
/* Reads the p5, p50, p95 and mean of the first total row (item "") of distribution.csv. */
bool cli_read_distribution(const char *path, mc_stats *out, char *err, size_t err_size);

/* Writes the batch's model files into dir: model_0000.lua ... (three items each). */
bool cli_write_batch(const char *dir, size_t n, char *err, size_t err_size);
/* Checks totals.csv of the batch against plain C: every row to the cent. */
bool cli_check_batch(const char *totals_path, size_t n, char *err, size_t err_size);

/* Removes dir and everything below it (quietly: a benchmark's own temporary files). */
void cli_remove_tree(const char *dir);

#endif
