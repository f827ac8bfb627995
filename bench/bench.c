/*
 * reckon_bench: the reference workload (../shared/bench/WORKLOAD.md) three ways, timed side
 * by side in one run, medians of several runs.
 *
 *   cmake --build build -j2 --target reckon_bench
 *   ./build/bench/reckon_bench [--runs N] [--root DIR] [--reckon PATH] [--keep]
 *
 *   1. reckon: through the C API (bench/workload_sweep.lua, bench/workload_mc.lua loaded in
 *      a sandbox and evaluated by cost_eval_samples), and through `reckon run` (the sweep,
 *      --samples, and a directory of 1,000 models);
 *   2. plain C doing the same arithmetic (baseline.c), compiled with the engine's flags;
 *   3. plain Lua 5.4 (bench/_plain.lua) in a fresh lua_State of the same liblua.
 *
 * Every round runs every case once, in the same order, so that a noisy machine slows them
 * alike.  The results of the three ways are checked against each other (the sweep's
 * checksums to 1e-9 relative, the CSV files to the cent, the percentiles within sampling
 * error); nothing is timed on screen unless every check passed.  Peak memory is measured in
 * fresh child processes (this program re-run with --child).
 *
 * --root is the repository (default: the source folder it was built from); --reckon the
 * reckon binary (default: the one built beside it).  Temporary files go to $TMPDIR (or
 * /tmp) and are removed at the end unless --keep.
 */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"
#include "montecarlo.h"
#include "numfmt.h"

#ifndef RECKON_SOURCE_DIR
#define RECKON_SOURCE_DIR "."
#endif
#ifndef RECKON_BINARY
#define RECKON_BINARY "reckon"
#endif
#ifndef RECKON_BENCH_CONFIG
#define RECKON_BENCH_CONFIG "?"
#endif

#define MAX_RUNS 100
#define MC_MODEL_NAME "workload_mc.lua" /* as `reckon run` names it: its streams' seed */
#define MC_TOLERANCE 0.01               /* relative: far beyond the sampling error at 1e6 */
#define SWEEP_TOLERANCE 1e-9            /* relative */

/* The timed cases, in the order of the table. */
enum {
    T_SWEEP_API,
    T_SWEEP_C,
    T_SWEEP_LUA,
    T_SWEEP_LUA_INLINED,
    T_CSV_API,
    T_CSV_PRINTF,
    T_SWEEP_CSV_API,
    T_SWEEP_CSV_C,
    T_SWEEP_CLI,
    T_ROWS_PRINTF,
    T_FMT_CSV,
    T_FMT_XLSX,
    T_FMT_HTML,
    T_FMT_JSON,
    T_SHIPPED_CSV,
    T_SHIPPED_ALL,
    T_MC_API,
    T_MC_CLI,
    T_MC_C,
    T_MC_LUA,
    T_BATCH,
    T_COUNT
};

typedef struct bench {
    const char *root;            /* the repository: bench/ lies below it */
    const char *reckon;          /* the reckon binary */
    int runs;                    /* rounds */
    bool keep;                   /* keep the temporary files */
    char tmp[4096];              /* the temporary folder of this run */
    double t[T_COUNT][MAX_RUNS]; /* seconds, by case and round */
    long rss_kb[T_COUNT];        /* peak RSS of the `reckon run` cases */
    /* the arrays of the sweep: reckon's and plain C's */
    double *api_u, *api_total, *api_per_user, *c_u, *c_total, *c_per_user;
    double *mc_scratch; /* plain C's Monte Carlo totals */
    /* results of the first round, printed with the checks */
    sweep_sums sums_api, sums_c, sums_lua, sums_lua_inlined, sums_cli_c, sums_cli;
    size_t cli_rows;
    size_t rows_lines, rows_ties; /* the sweep's rows: lines, and those printf rounds a tie of */
    double cli_max_diff;
    mc_stats mc_api, mc_cli, mc_c, mc_lua;
    double mc_worst;         /* the largest relative difference from plain C, all rounds */
    size_t csv_ties;         /* cells where printf and numfmt differ at a half-cent tie */
    const char *locale_note; /* what the locale check found */
    int failures;            /* checks failed */
} bench;

static void fail(bench *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "reckon_bench: CHECK FAILED: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    b->failures++;
}

/* Stops the program on an error of the environment (not a disagreement). */
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "reckon_bench: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static double rel_diff(double a, double b)
{
    double scale = fmax(fabs(a), fabs(b));
    return scale == 0 ? 0 : fabs(a - b) / scale;
}

static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p)
        die("out of memory");
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static double *doubles(size_t n)
{
    double *p = malloc(n * sizeof *p);
    if (!p)
        die("out of memory for %zu doubles", n);
    return p;
}

/* ---- checks -------------------------------------------------------------------------------- */

static void check_sweep(bench *b, const char *who, sweep_sums got, sweep_sums want)
{
    if (rel_diff(got.total, want.total) > SWEEP_TOLERANCE ||
        rel_diff(got.per_user, want.per_user) > SWEEP_TOLERANCE)
        fail(b, "sweep checksums: %s %.10g / %.10g, plain C %.10g / %.10g", who, got.total,
             got.per_user, want.total, want.per_user);
}

/* reckon's arrays against plain C's, point by point. */
static void check_sweep_points(bench *b)
{
    for (size_t i = 0; i < BENCH_SWEEP_POINTS; i++)
        if (b->api_u[i] != b->c_u[i] ||
            rel_diff(b->api_total[i], b->c_total[i]) > SWEEP_TOLERANCE ||
            rel_diff(b->api_per_user[i], b->c_per_user[i]) > SWEEP_TOLERANCE) {
            fail(b, "sweep point %zu (u = %.6f): reckon %.10g, plain C %.10g", i, b->c_u[i],
                 b->api_total[i], b->c_total[i]);
            return;
        }
}

static void check_mc(bench *b, const char *who, mc_stats got, mc_stats want)
{
    double d[4] = {rel_diff(got.mean, want.mean), rel_diff(got.p5, want.p5),
                   rel_diff(got.p50, want.p50), rel_diff(got.p95, want.p95)};
    for (int k = 0; k < 4; k++) {
        if (d[k] > b->mc_worst)
            b->mc_worst = d[k];
        if (d[k] > MC_TOLERANCE) {
            fail(b,
                 "Monte Carlo: %s mean/p5/p50/p95 %.2f/%.2f/%.2f/%.2f, plain C "
                 "%.2f/%.2f/%.2f/%.2f",
                 who, got.mean, got.p5, got.p50, got.p95, want.mean, want.p5, want.p50, want.p95);
            return;
        }
    }
}

/* One CSV row of the sweep: three numbers. */
static bool read_row(FILE *f, double v[3])
{
    char line[256], *end;
    if (!fgets(line, sizeof line, f))
        return false;
    char *p = line;
    for (int k = 0; k < 3; k++) {
        v[k] = strtod(p, &end);
        if (end == p || (k < 2 && *end != ','))
            return false;
        p = end + 1;
    }
    return true;
}

/* A cell of `decimals` places that printf and numfmt wrote differently: allowed only one
 * unit apart, where the value lies on a half (printf rounds the binary value, numfmt the
 * value at 15 significant digits, half away from zero, as a spreadsheet does). */
static bool tie_ok(double value, double a, double b, int decimals)
{
    double unit = pow(10, -decimals), scaled = fabs(value) / unit;
    return fabs(a - b) <= unit * (1 + 1e-9) && fabs(scaled - floor(scaled) - 0.5) < 1e-6;
}

/* reckon's file must hold numfmt's rounding of every value exactly; printf's the same
 * numbers except at ties. */
static void check_csv(bench *b, const char *reckon_path, const char *printf_path)
{
    static const int decimals[3] = {2, 2, 6};
    FILE *fr = fopen(reckon_path, "r"), *fp = fopen(printf_path, "r");
    char header[64];
    if (!fr || !fp || !fgets(header, sizeof header, fr) || !fgets(header, sizeof header, fp)) {
        fail(b, "CSV: cannot read %s and %s", reckon_path, printf_path);
        if (fr)
            fclose(fr);
        if (fp)
            fclose(fp);
        return;
    }
    size_t ties = 0;
    for (size_t i = 0; i < BENCH_SWEEP_POINTS; i++) {
        double r[3], p[3];
        const double value[3] = {b->api_u[i], b->api_total[i], b->api_per_user[i]};
        if (!read_row(fr, r) || !read_row(fp, p)) {
            fail(b, "CSV: row %zu missing or malformed", i + 2);
            break;
        }
        for (int k = 0; k < 3; k++) {
            if (r[k] != numfmt_round(value[k], decimals[k])) {
                fail(b, "CSV: row %zu column %d: reckon wrote %.9f for %.12f", i + 2, k + 1, r[k],
                     value[k]);
                i = BENCH_SWEEP_POINTS;
                break;
            }
            if (r[k] != p[k]) {
                if (!tie_ok(value[k], r[k], p[k], decimals[k])) {
                    fail(b, "CSV: row %zu column %d: reckon %.9f, printf %.9f (value %.12f)", i + 2,
                         k + 1, r[k], p[k], value[k]);
                    i = BENCH_SWEEP_POINTS;
                    break;
                }
                ties++;
            }
        }
    }
    double extra[3];
    if (read_row(fr, extra) || read_row(fp, extra))
        fail(b, "CSV: more than %d rows", BENCH_SWEEP_POINTS);
    fclose(fr);
    fclose(fp);
    b->csv_ties = ties;
}

/* True when the two files hold the same bytes. */
static bool same_bytes(const char *a, const char *b)
{
    FILE *f1 = fopen(a, "rb"), *f2 = fopen(b, "rb");
    bool same = f1 && f2;
    for (int c1 = 0, c2 = 0; same && (c1 != EOF || c2 != EOF);)
        same = (c1 = getc(f1)) == (c2 = getc(f2));
    if (f1)
        fclose(f1);
    if (f2)
        fclose(f2);
    return same;
}

/* Writes both CSV files again under a decimal-comma locale, if one is installed (LOCPATH
 * may point at one made by localedef): reckon's bytes must not change; printf's do. */
static void check_locale(bench *b, const char *dir, const char *reckon_path,
                         const char *printf_path)
{
    static const char *const locales[] = {"de_DE.UTF-8", "de_DE.utf8",  "fr_FR.UTF-8",
                                          "fr_FR.utf8",  "de_DE",       "fr_FR",
                                          "nl_NL.UTF-8", "ru_RU.UTF-8", NULL};
    const char *used = NULL;
    for (int i = 0; locales[i] && !used; i++)
        if (setlocale(LC_ALL, locales[i]))
            used = locales[i];
    if (!used) {
        b->locale_note = "not run: no decimal-comma locale is installed (see bench/README.md "
                         "for LOCPATH and localedef)";
        return;
    }
    char err[512];
    char *again = path_in(dir, "reckon_locale.csv"),
         *printf_again = path_in(dir, "printf_locale.csv");
    bool ok = engine_write_csv(dir, "reckon_locale.csv", BENCH_SWEEP_POINTS, b->api_u, b->api_total,
                               b->api_per_user, err, sizeof err) &&
              baseline_write_csv(printf_again, BENCH_SWEEP_POINTS, b->c_u, b->c_total,
                                 b->c_per_user, err, sizeof err);
    setlocale(LC_ALL, "C");
    bool same = ok && same_bytes(reckon_path, again);
    bool printf_same = ok && same_bytes(printf_path, printf_again);
    unlink(again), unlink(printf_again);
    free(again), free(printf_again);
    static char note[256];
    snprintf(note, sizeof note, "written again under %s: reckon's file %s; printf's %s", used,
             same ? "has the same bytes" : "DIFFERS",
             printf_same ? "has the same bytes" : "differs (decimal commas)");
    b->locale_note = note;
    if (!same)
        fail(b, "CSV under locale %s differs from the C locale's%s%s", used, ok ? "" : ": ",
             ok ? "" : err);
}

/* `reckon run` sweeps whole user counts (FROM:TO:N rounded, repeats removed): every row of
 * its totals.csv against plain C at that count. */
static void check_cli_sweep(bench *b, const char *totals_path)
{
    double *users, *mid;
    size_t n;
    char err[512];
    if (!cli_read_totals(totals_path, &users, &mid, &n, err, sizeof err)) {
        fail(b, "reckon run sweep: %s", err);
        return;
    }
    sweep_sums got = {0, 0}, want = {0, 0};
    double worst = 0;
    for (size_t i = 0; i < n; i++) {
        double t = baseline_total(users[i]), d = fabs(mid[i] - t);
        if (d > worst)
            worst = d;
        if (d > 0.005 + 1e-9 * t) {
            fail(b, "reckon run sweep: at %.0f users totals.csv says %.2f, plain C %.6f", users[i],
                 mid[i], t);
            break;
        }
        got.total += mid[i];
        want.total += t;
    }
    if (n != 999001) /* the whole numbers 1000 .. 1000000 */
        fail(b, "reckon run sweep: %zu rows in totals.csv, expected 999001", n);
    b->sums_cli = got;
    b->sums_cli_c = want;
    b->cli_rows = n;
    b->cli_max_diff = worst;
    free(users);
    free(mid);
}

/* ---- one round ------------------------------------------------------------------------------ */

/* Whether two cells are the same number printed to the same places but for one unit in
 * the last: a half-cent tie that printf rounds the binary way. */
static bool tie_cells(const char *x, size_t nx, const char *y, size_t ny)
{
    const char *dx = memchr(x, '.', nx), *dy = memchr(y, '.', ny);
    if (!dx || !dy || nx - (size_t)(dx - x) != ny - (size_t)(dy - y))
        return false;
    double unit = pow(10, -(double)(nx - (size_t)(dx - x) - 1));
    return fabs(strtod(x, NULL) - strtod(y, NULL)) <= 1.0000001 * unit;
}

/* Whether lines a and b (comma-separated, unquoted) differ only by ties. */
static bool tie_line(const char *a, const char *b)
{
    while (*a && *b) {
        size_t na = strcspn(a, ",\r\n"), nb = strcspn(b, ",\r\n");
        if ((na != nb || memcmp(a, b, na) != 0) && !tie_cells(a, na, b, nb))
            return false;
        a += na, b += nb;
        if (*a != *b)
            return false;
        if (*a)
            a++, b++;
    }
    return *a == *b;
}

/* Compares a and b line by line: *lines, *ties (lines that differ by ties only), *other
 * (lines that differ otherwise); false when they have not as many lines. */
static bool compare_lines(const char *a, const char *b, size_t *lines, size_t *ties, size_t *other)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    char *la = NULL, *lb = NULL;
    size_t sa = 0, sb = 0;
    ssize_t na = 0, nb = 0;
    *lines = *ties = *other = 0;
    while (fa && fb) {
        na = getline(&la, &sa, fa), nb = getline(&lb, &sb, fb);
        if (na < 0 || nb < 0)
            break;
        ++*lines;
        if (na == nb && memcmp(la, lb, (size_t)na) == 0)
            continue;
        if (tie_line(la, lb))
            ++*ties;
        else
            ++*other;
    }
    bool same_count = fa && fb && na < 0 && nb < 0;
    free(la), free(lb);
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same_count;
}

/* reckon run's items.csv and totals.csv against the printf writer's: the same lines, but
 * where printf rounds a half-cent tie (0.09 * 501.5 = 45.135: 45.14 the spreadsheet's way,
 * 45.13 printf's) by one unit in the last place. */
static void check_rows(bench *b, const char *reckon_dir, const char *printf_dir)
{
    static const char *const files[] = {"items.csv", "totals.csv"};
    b->rows_lines = b->rows_ties = 0;
    size_t other = 0;
    for (int i = 0; i < 2; i++) {
        char *x = path_in(reckon_dir, files[i]), *y = path_in(printf_dir, files[i]);
        size_t lines, ties, differ;
        if (!compare_lines(x, y, &lines, &ties, &differ))
            fail(b, "the sweep's rows: %s and %s have not as many lines", x, y);
        b->rows_lines += lines, b->rows_ties += ties, other += differ;
        free(x), free(y);
    }
    if (b->rows_lines != 13 * 999001 + 2)
        fail(b, "the sweep's rows: %zu lines, expected 13 * 999001 + 2", b->rows_lines);
    if (other)
        fail(b,
             "the sweep's rows: %zu of %zu lines differ from the printf writer's by more "
             "than a tie",
             other, b->rows_lines);
}

static void run_reckon(bench *b, char **argv, int which, int round)
{
    char err[1024];
    cli_result r;
    char *errpath = path_in(b->tmp, "reckon.stderr");
    if (!cli_spawn(argv, errpath, &r, err, sizeof err))
        die("%s", err);
    free(errpath);
    b->t[which][round] = r.seconds;
}

static void round_once(bench *b, int round, engine_model *sweep_model, engine_model *mc_model,
                       plain_lua *lua)
{
    char err[1024];
    double t0;
    fprintf(stderr, "reckon_bench: round %d of %d\n", round + 1, b->runs);

    /* the sweep */
    sweep_sums s_api, s_c, s_lua, s_lua_inlined;
    t0 = bench_now();
    if (!engine_sweep(sweep_model, BENCH_SWEEP_POINTS, b->api_u, b->api_total, b->api_per_user,
                      &s_api, err, sizeof err))
        die("%s", err);
    b->t[T_SWEEP_API][round] = bench_now() - t0;
    t0 = bench_now();
    s_c = baseline_sweep(BENCH_SWEEP_POINTS, b->c_u, b->c_total, b->c_per_user);
    b->t[T_SWEEP_C][round] = bench_now() - t0;
    t0 = bench_now();
    if (!plain_lua_sweep(lua, BENCH_SWEEP_POINTS, false, &s_lua, err, sizeof err))
        die("%s", err);
    b->t[T_SWEEP_LUA][round] = bench_now() - t0;
    t0 = bench_now();
    if (!plain_lua_sweep(lua, BENCH_SWEEP_POINTS, true, &s_lua_inlined, err, sizeof err))
        die("%s", err);
    b->t[T_SWEEP_LUA_INLINED][round] = bench_now() - t0;
    check_sweep(b, "reckon C API", s_api, s_c);
    check_sweep(b, "plain Lua", s_lua, s_c);
    check_sweep(b, "plain Lua (inlined)", s_lua_inlined, s_c);
    if (round == 0) {
        check_sweep_points(b);
        b->sums_api = s_api, b->sums_c = s_c, b->sums_lua = s_lua;
        b->sums_lua_inlined = s_lua_inlined;
    }

    /* its CSV: reckon's writer and printf's, from the same arrays */
    char *csv_dir = path_in(b->tmp, "csv");
    if (mkdir(csv_dir, 0755) != 0 && errno != EEXIST)
        die("%s: %s", csv_dir, strerror(errno));
    char *reckon_csv = path_in(csv_dir, "reckon.csv"), *printf_csv = path_in(csv_dir, "printf.csv");
    t0 = bench_now();
    if (!engine_write_csv(csv_dir, "reckon.csv", BENCH_SWEEP_POINTS, b->api_u, b->api_total,
                          b->api_per_user, err, sizeof err))
        die("%s", err);
    b->t[T_CSV_API][round] = bench_now() - t0;
    t0 = bench_now();
    if (!baseline_write_csv(printf_csv, BENCH_SWEEP_POINTS, b->c_u, b->c_total, b->c_per_user, err,
                            sizeof err))
        die("%s", err);
    b->t[T_CSV_PRINTF][round] = bench_now() - t0;
    b->t[T_SWEEP_CSV_API][round] = b->t[T_SWEEP_API][round] + b->t[T_CSV_API][round];
    b->t[T_SWEEP_CSV_C][round] = b->t[T_SWEEP_C][round] + b->t[T_CSV_PRINTF][round];
    if (round == 0) {
        check_csv(b, reckon_csv, printf_csv);
        check_locale(b, csv_dir, reckon_csv, printf_csv);
    }
    unlink(reckon_csv);
    unlink(printf_csv);
    free(reckon_csv), free(printf_csv), free(csv_dir);

    /* Monte Carlo */
    mc_stats m_api, m_c, m_lua, m_cli;
    t0 = bench_now();
    if (!engine_mc(mc_model, MC_MODEL_NAME, MC_DEFAULT_SEED, BENCH_MC_SAMPLES, BENCH_MC_USERS,
                   &m_api, err, sizeof err))
        die("%s", err);
    b->t[T_MC_API][round] = bench_now() - t0;
    char *mc_model_path = path_in(b->root, "bench/workload_mc.lua");
    char *mc_out = path_in(b->tmp, "mc_out");
    char samples[32], users[32];
    snprintf(samples, sizeof samples, "%d", BENCH_MC_SAMPLES);
    snprintf(users, sizeof users, "%.0f", BENCH_MC_USERS);
    char *mc_argv[] = {(char *)b->reckon, "run", mc_model_path, "--users", users, "--samples",
                       samples,           "-o",  mc_out,        "-q",      NULL};
    run_reckon(b, mc_argv, T_MC_CLI, round);
    char *dist = path_in(mc_out, "distribution.csv");
    if (!cli_read_distribution(dist, &m_cli, err, sizeof err))
        die("%s", err);
    cli_remove_tree(mc_out);
    free(dist), free(mc_out), free(mc_model_path);
    t0 = bench_now();
    m_c = baseline_mc(BENCH_MC_SAMPLES, BENCH_MC_USERS, 1000 + (uint64_t)round, b->mc_scratch);
    b->t[T_MC_C][round] = bench_now() - t0;
    t0 = bench_now();
    if (!plain_lua_mc(lua, BENCH_MC_SAMPLES, BENCH_MC_USERS, 2000 + (uint64_t)round, &m_lua, err,
                      sizeof err))
        die("%s", err);
    b->t[T_MC_LUA][round] = bench_now() - t0;
    check_mc(b, "reckon C API", m_api, m_c);
    check_mc(b, "reckon run --samples", m_cli, m_c);
    check_mc(b, "plain Lua", m_lua, m_c);
    if (round == 0)
        b->mc_api = m_api, b->mc_cli = m_cli, b->mc_c = m_c, b->mc_lua = m_lua;

    /* the batch: 1,000 models, each in its own state */
    char *batch_dir = path_in(b->tmp, "batch"), *batch_out = path_in(b->tmp, "batch_out");
    char *batch_argv[] = {(char *)b->reckon, "run", batch_dir, "-o", batch_out, "-q", NULL};
    run_reckon(b, batch_argv, T_BATCH, round);
    char *batch_totals = path_in(batch_out, "totals.csv");
    if (!cli_check_batch(batch_totals, BENCH_BATCH_MODELS, err, sizeof err))
        fail(b, "batch: %s", err);
    cli_remove_tree(batch_out);
    free(batch_totals), free(batch_out), free(batch_dir);

    /* the sweep through `reckon run` (writes items.csv: 12 rows a user count, 1.1 GB, over
     * the default --max-csv: no limit here), the CSV files alone; then the same rows by a
     * plain C printf writer */
    char *sweep_model_path = path_in(b->root, "bench/workload_sweep.lua");
    char *sweep_out = path_in(b->tmp, "sweep_out");
    char *sweep_argv[] = {(char *)b->reckon,
                          "run",
                          sweep_model_path,
                          "--users",
                          "1000:1000000:1000000",
                          "--max-csv",
                          "0",
                          "--format",
                          "csv",
                          "-o",
                          sweep_out,
                          "-q",
                          NULL};
    run_reckon(b, sweep_argv, T_SWEEP_CLI, round);
    if (round == 0) {
        char *totals = path_in(sweep_out, "totals.csv");
        check_cli_sweep(b, totals);
        free(totals);
    }
    char *rows_dir = path_in(b->tmp, "rows_printf");
    if (mkdir(rows_dir, 0755) != 0 && errno != EEXIST)
        die("%s: %s", rows_dir, strerror(errno));
    t0 = bench_now();
    if (!baseline_write_rows(rows_dir, "workload_sweep.lua", err, sizeof err))
        die("%s", err);
    b->t[T_ROWS_PRINTF][round] = bench_now() - t0;
    if (round == 0)
        check_rows(b, sweep_out, rows_dir);
    if (!b->keep) {
        cli_remove_tree(rows_dir);
        cli_remove_tree(sweep_out);
    }
    free(rows_dir);

    /* what each format costs: a 100,000-point sweep, its CSVs alone and with each */
    static const char *const formats[] = {"csv", "csv,xlsx", "csv,html", "csv,json"};
    char *fmt_out = path_in(b->tmp, "formats_out");
    for (int f = 0; f < 4; f++) {
        char *argv[] = {(char *)b->reckon,
                        "run",
                        sweep_model_path,
                        "--users",
                        "1000:1000000:100000",
                        "--format",
                        (char *)formats[f],
                        "-o",
                        fmt_out,
                        "-q",
                        NULL};
        run_reckon(b, argv, T_FMT_CSV + f, round);
        cli_remove_tree(fmt_out);
    }
    /* the shipped models: their CSVs alone, and with the workbook, the report and the JSON */
    char *models = path_in(b->root, "models");
    static const char *const shipped[] = {"csv", "csv,xlsx,html,json"};
    for (int f = 0; f < 2; f++) {
        char *argv[] = {(char *)b->reckon, "run", models, "--format", (char *)shipped[f], "-o",
                        fmt_out,           "-q",  NULL};
        run_reckon(b, argv, T_SHIPPED_CSV + f, round);
        cli_remove_tree(fmt_out);
    }
    free(models);
    free(fmt_out);
    free(sweep_out), free(sweep_model_path);
}

/* ---- peak memory: fresh children ------------------------------------------------------------- */

/* The child's work: "idle" (a sandbox with the sweep model loaded), "sweep", "mc". */
static int child_main(const char *what, const char *root)
{
    char err[1024];
    char *sweep_path = path_in(root, "bench/workload_sweep.lua");
    char *mc_path = path_in(root, "bench/workload_mc.lua");
    bool mc = strcmp(what, "mc") == 0;
    engine_model *m = engine_load(mc ? mc_path : sweep_path, err, sizeof err);
    if (!m) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    bool ok = true;
    if (strcmp(what, "sweep") == 0) {
        double *u = doubles(BENCH_SWEEP_POINTS), *t = doubles(BENCH_SWEEP_POINTS),
               *pu = doubles(BENCH_SWEEP_POINTS);
        sweep_sums s;
        ok = engine_sweep(m, BENCH_SWEEP_POINTS, u, t, pu, &s, err, sizeof err);
        free(u), free(t), free(pu);
    } else if (mc) {
        mc_stats s;
        ok = engine_mc(m, MC_MODEL_NAME, MC_DEFAULT_SEED, BENCH_MC_SAMPLES, BENCH_MC_USERS, &s, err,
                       sizeof err);
    }
    if (!ok)
        fprintf(stderr, "%s\n", err);
    engine_free(m);
    free(sweep_path), free(mc_path);
    return ok ? 0 : 1;
}

/* This program's own path, to run it again. */
static const char *self_path(void)
{
    static char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        die("readlink /proc/self/exe: %s", strerror(errno));
    exe[n] = '\0';
    return exe;
}

/*
 * --measure OUT -- PROGRAM ARGS...: runs the program and writes its peak RSS (kB) to OUT.
 * A child's ru_maxrss counts what it held before its exec, which a child forked from
 * this program's full heap would inherit; this small fresh process forks instead.
 */
static int measure_main(const char *out_path, char **argv)
{
    char err[1024], errpath[4200];
    cli_result r;
    snprintf(errpath, sizeof errpath, "%s.stderr", out_path);
    if (!cli_spawn(argv, errpath, &r, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    FILE *f = fopen(out_path, "w");
    if (!f || fprintf(f, "%ld\n", r.maxrss_kb) < 0 || fclose(f) != 0)
        return 1;
    return 0;
}

/* The peak RSS of argv (NULL-terminated, at most 16), through --measure. */
static long peak_rss_kb(bench *b, char *const *argv)
{
    char err[1024];
    cli_result r;
    char *out = path_in(b->tmp, "rss.txt"), *errpath = path_in(b->tmp, "measure.stderr");
    char *args[24] = {(char *)self_path(), "--measure", out, "--"};
    int n = 4;
    for (int i = 0; argv[i] && n < 23; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    if (!cli_spawn(args, errpath, &r, err, sizeof err))
        die("measuring %s %s: %s", argv[0], argv[1], err);
    long kb = -1;
    FILE *f = fopen(out, "r");
    if (!f || fscanf(f, "%ld", &kb) != 1)
        die("measuring %s %s: no figure in %s", argv[0], argv[1], out);
    fclose(f);
    unlink(out);
    free(out), free(errpath);
    return kb;
}

static long child_rss_kb(bench *b, const char *what)
{
    char *argv[] = {(char *)self_path(), "--child", (char *)what, "--root", (char *)b->root, NULL};
    return peak_rss_kb(b, argv);
}

/* ---- the table ---------------------------------------------------------------------------- */

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median_ms(const bench *b, int which)
{
    double v[MAX_RUNS];
    memcpy(v, b->t[which], (size_t)b->runs * sizeof *v);
    qsort(v, (size_t)b->runs, sizeof *v, compare_doubles);
    double m = b->runs % 2 ? v[b->runs / 2] : (v[b->runs / 2 - 1] + v[b->runs / 2]) / 2;
    return 1000 * m;
}

/* "12.34" or "" for no ratio. */
static const char *ratio_text(char *buf, double r)
{
    if (r <= 0)
        return "";
    snprintf(buf, 32, r < 0.1 ? "%.3f" : "%.2f", r);
    return buf;
}

static void row(const char *figure, double value, const char *unit, double vs_c, double vs_lua,
                const char *target, int pass)
{
    char v[32], rc[32], rl[32];
    snprintf(v, sizeof v, "%.1f %s", value, unit);
    printf("%-58s %12s %8s %8s  %-30s %s\n", figure, v, ratio_text(rc, vs_c),
           ratio_text(rl, vs_lua), target,
           pass < 0 ? ""
           : pass   ? "PASS"
                    : "MISS");
}

static void print_results(const bench *b, long rss_idle, long rss_sweep, long rss_mc)
{
    double ms[T_COUNT];
    for (int i = 0; i < T_COUNT; i++)
        ms[i] = median_ms(b, i);
    printf("\nAgreement (checked before any time below was printed):\n");
    printf("  sweep, 1,000,000 points: sum of totals, sum of totals a user\n");
    printf("    reckon C API          %22.6f %18.9f\n", b->sums_api.total, b->sums_api.per_user);
    printf("    plain C               %22.6f %18.9f\n", b->sums_c.total, b->sums_c.per_user);
    printf("    plain Lua             %22.6f %18.9f\n", b->sums_lua.total, b->sums_lua.per_user);
    printf("    plain Lua, inlined    %22.6f %18.9f\n", b->sums_lua_inlined.total,
           b->sums_lua_inlined.per_user);
    printf("    relative differences from plain C (limit 1e-9): reckon %.1e / %.1e, Lua %.1e / "
           "%.1e,\n    Lua inlined %.1e / %.1e; and each of reckon's 1,000,000 points within "
           "1e-9 of plain C's\n",
           rel_diff(b->sums_api.total, b->sums_c.total),
           rel_diff(b->sums_api.per_user, b->sums_c.per_user),
           rel_diff(b->sums_lua.total, b->sums_c.total),
           rel_diff(b->sums_lua.per_user, b->sums_c.per_user),
           rel_diff(b->sums_lua_inlined.total, b->sums_c.total),
           rel_diff(b->sums_lua_inlined.per_user, b->sums_c.per_user));
    printf("    reckon run --users 1000:1000000:1000000: %zu whole user counts (run rounds a "
           "sweep's counts);\n    sum of totals.csv's mid %.2f, plain C %.6f at the same "
           "counts;\n    largest row difference $%.4f (cents rounding)\n",
           b->cli_rows, b->sums_cli.total, b->sums_cli_c.total, b->cli_max_diff);
    printf("  CSV, 1,000,000 rows: reckon's (csvout/numfmt) holds every value rounded the "
           "spreadsheet way;\n    printf's holds the same numbers but for %zu half-cent ties "
           "(printf rounds the binary value)\n",
           b->csv_ties);
    printf("    locale: %s\n", b->locale_note);
    printf("  Monte Carlo, %d samples at %.0f users: mean, p5, p50, p95 of the total\n",
           BENCH_MC_SAMPLES, BENCH_MC_USERS);
    const struct {
        const char *who;
        mc_stats s;
    } mc[] = {{"reckon C API", b->mc_api},
              {"reckon run", b->mc_cli},
              {"plain C", b->mc_c},
              {"plain Lua", b->mc_lua}};
    for (int i = 0; i < 4; i++)
        printf("    %-18s %12.2f %12.2f %12.2f %12.2f\n", mc[i].who, mc[i].s.mean, mc[i].s.p5,
               mc[i].s.p50, mc[i].s.p95);
    printf("    largest relative difference from plain C over all rounds: %.2f%% (limit %.0f%%)\n",
           100 * b->mc_worst, 100 * MC_TOLERANCE);
    printf("  batch: %d models x 4 user counts in totals.csv, each within half a cent of plain C\n",
           BENCH_BATCH_MODELS);

    printf("\nMedians of %d runs.  Ratios are time / baseline.  vs C: the plain C loop; for "
           "the CSV rows the printf\nwriter; for `reckon run`'s sweep the printf writer of its "
           "rows; for "
           "Monte Carlo Box-Muller + qsort.  vs Lua: plain Lua\nwith items as functions (the "
           "sweep), Box-Muller + table.sort (Monte Carlo).\n\n",
           b->runs);
    printf("%-58s %12s %8s %8s  %-30s %s\n", "figure", "median", "vs C", "vs Lua", "target",
           "result");
    double sweep_c = ms[T_SWEEP_C], sweep_lua = ms[T_SWEEP_LUA];
    double rc = ms[T_SWEEP_API] / sweep_c, rl = ms[T_SWEEP_API] / sweep_lua;
    char label[128];
    row("sweep 1e6: reckon C API (cost_eval_samples)", ms[T_SWEEP_API], "ms", rc, rl,
        "<=1.5 C; >=8x faster than Lua", rc <= 1.5 && rl <= 1.0 / 8);
    row("sweep 1e6: plain C, one loop", sweep_c, "ms", 1, sweep_c / sweep_lua, "", -1);
    row("sweep 1e6: plain Lua 5.4, items as functions", sweep_lua, "ms", sweep_lua / sweep_c, 1, "",
        -1);
    row("sweep 1e6: plain Lua 5.4, hand-inlined one loop", ms[T_SWEEP_LUA_INLINED], "ms",
        ms[T_SWEEP_LUA_INLINED] / sweep_c, ms[T_SWEEP_LUA_INLINED] / sweep_lua, "", -1);
    printf("  reckon C API: %.1fx faster than plain Lua with items as functions, %.1fx faster "
           "than hand-inlined Lua (plain C: %.1fx)\n",
           sweep_lua / ms[T_SWEEP_API], ms[T_SWEEP_LUA_INLINED] / ms[T_SWEEP_API],
           ms[T_SWEEP_LUA_INLINED] / sweep_c);
    double csv = ms[T_CSV_API] / ms[T_CSV_PRINTF];
    row("CSV 1e6 rows: reckon csvout + numfmt (commit, fsync)", ms[T_CSV_API], "ms", csv, 0,
        "<=0.6 printf writer", csv <= 0.6);
    row("CSV 1e6 rows: fprintf %.2f,%.2f,%.6f (fsync)", ms[T_CSV_PRINTF], "ms", 1, 0, "", -1);
    row("sweep + CSV: reckon C API", ms[T_SWEEP_CSV_API], "ms",
        ms[T_SWEEP_CSV_API] / ms[T_SWEEP_CSV_C], 0, "", -1);
    row("sweep + CSV: plain C + printf", ms[T_SWEEP_CSV_C], "ms", 1, 0, "", -1);
    double rows = ms[T_SWEEP_CLI] / ms[T_ROWS_PRINTF];
    row("sweep via `reckon run --format csv` (13M rows, 1.1 GB)", ms[T_SWEEP_CLI], "ms", rows, 0,
        "<=0.5 printf writer", rows <= 0.5);
    row("the same rows: plain C, the items + fprintf (fsync)", ms[T_ROWS_PRINTF], "ms", 1, 0, "",
        -1);
    printf("  the rows: %zu lines of items.csv and totals.csv, the same as printf's but for %zu "
           "with a half-cent tie\n",
           b->rows_lines, b->rows_ties);
    static const char *const fmt_label[] = {"csv", "+ xlsx", "+ html", "+ json"};
    for (int f = 0; f < 4; f++) {
        char what[96];
        double t = ms[T_FMT_CSV + f];
        snprintf(what, sizeof what, "formats, 1e5-point sweep (1.2M item rows): %s", fmt_label[f]);
        row(what, t, "ms", t / ms[T_FMT_CSV], 0, "", -1);
    }
    printf("  (the formats' ratios are to the CSVs alone; each format costs its time less the "
           "CSVs')\n");
    double shipped = ms[T_SHIPPED_ALL] / ms[T_SHIPPED_CSV];
    row("the shipped models: `reckon run models --format csv`", ms[T_SHIPPED_CSV], "ms", 1, 0, "",
        -1);
    row("the shipped models: csv,xlsx,html,json", ms[T_SHIPPED_ALL], "ms", shipped, 0,
        "<1.5 the CSVs alone", shipped < 1.5);
    double mc_api = ms[T_MC_API] / ms[T_MC_C], mc_cli = ms[T_MC_CLI] / ms[T_MC_C];
    row("Monte Carlo 1e6: reckon C API (mc_draw+eval+summarize)", ms[T_MC_API], "ms", mc_api,
        ms[T_MC_API] / ms[T_MC_LUA], "<1.0 C", mc_api < 1.0);
    row("Monte Carlo 1e6: `reckon run --samples` (whole process)", ms[T_MC_CLI], "ms", mc_cli,
        ms[T_MC_CLI] / ms[T_MC_LUA], "<1.0 C", mc_cli < 1.0);
    row("Monte Carlo 1e6: plain C, Box-Muller + qsort", ms[T_MC_C], "ms", 1,
        ms[T_MC_C] / ms[T_MC_LUA], "", -1);
    row("Monte Carlo 1e6: plain Lua 5.4, Box-Muller + table.sort", ms[T_MC_LUA], "ms",
        ms[T_MC_LUA] / ms[T_MC_C], 1, "", -1);
    row("batch: `reckon run DIR`, 1,000 models, total", ms[T_BATCH], "ms", 0, 0, "<1000 ms",
        ms[T_BATCH] < 1000);
    row("batch: a model", ms[T_BATCH] / BENCH_BATCH_MODELS, "ms", 0, 0, "", -1);
    double sweep_mb = 3.0 * BENCH_SWEEP_POINTS * sizeof(double) / 1e6;
    double mc_mb = 9.0 * BENCH_MC_SAMPLES * sizeof(double) / 1e6;
    double rs = rss_sweep / 1e3 / sweep_mb, rm = rss_mc / 1e3 / mc_mb;
    snprintf(label, sizeof label, "peak RSS, sweep via C API (arrays %.0f MB)", sweep_mb);
    row(label, rss_sweep / 1e3, "MB", rs, 0, "<=2x arrays", rs <= 2);
    snprintf(label, sizeof label, "peak RSS, Monte Carlo via C API (arrays %.0f MB)", mc_mb);
    row(label, rss_mc / 1e3, "MB", rm, 0, "<=2x arrays", rm <= 2);
    row("peak RSS, the same process with the model loaded only", rss_idle / 1e3, "MB", 0, 0, "",
        -1);
    row("peak RSS, `reckon run` sweep (12M item rows)", b->rss_kb[T_SWEEP_CLI] / 1e3, "MB",
        b->rss_kb[T_SWEEP_CLI] / 1e3 / sweep_mb, 0, "", -1);
    row("peak RSS, `reckon run --samples`", b->rss_kb[T_MC_CLI] / 1e3, "MB",
        b->rss_kb[T_MC_CLI] / 1e3 / mc_mb, 0, "", -1);
    row("peak RSS, `reckon run DIR` (batch)", b->rss_kb[T_BATCH] / 1e3, "MB", 0, 0, "", -1);
    printf("\n(peak RSS ratios are to the arrays the workload needs: sweep u, totals, totals a "
           "user; Monte Carlo 8 inputs + totals)\n");
}

/* ---- main ---------------------------------------------------------------------------------- */

static void usage(void)
{
    fprintf(stderr,
            "Usage: reckon_bench [--runs N] [--root DIR] [--reckon PATH] [--keep]\n"
            "  --runs N       rounds, each case once a round; medians shown (default 5)\n"
            "  --root DIR     the reckon repository (default %s)\n"
            "  --reckon PATH  the reckon binary (default %s)\n"
            "  --keep         keep the temporary files\n",
            RECKON_SOURCE_DIR, RECKON_BINARY);
    exit(2);
}

int main(int argc, char **argv)
{
    static bench b;
    b.root = RECKON_SOURCE_DIR;
    b.reckon = RECKON_BINARY;
    b.runs = 5;
    const char *child = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(a, "--runs") == 0 && has_value) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > MAX_RUNS)
                usage();
            b.runs = (int)n;
        } else if (strcmp(a, "--root") == 0 && has_value) {
            b.root = argv[++i];
        } else if (strcmp(a, "--reckon") == 0 && has_value) {
            b.reckon = argv[++i];
        } else if (strcmp(a, "--child") == 0 && has_value) {
            child = argv[++i];
        } else if (strcmp(a, "--measure") == 0 && i + 3 < argc && strcmp(argv[i + 2], "--") == 0) {
            return measure_main(argv[i + 1], argv + i + 3);
        } else if (strcmp(a, "--keep") == 0) {
            b.keep = true;
        } else {
            usage();
        }
    }
    if (child)
        return child_main(child, b.root);

    char err[1024];
    char *probe = path_in(b.root, "bench/_plain.lua");
    if (access(probe, R_OK) != 0)
        die("%s: %s (give the repository with --root)", probe, strerror(errno));
    if (access(b.reckon, X_OK) != 0)
        die("%s: %s (give the reckon binary with --reckon)", b.reckon, strerror(errno));
    const char *tmpdir = getenv("TMPDIR");
    snprintf(b.tmp, sizeof b.tmp, "%s/reckon_bench.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(b.tmp))
        die("mkdtemp %s: %s", b.tmp, strerror(errno));

    char *sweep_path = path_in(b.root, "bench/workload_sweep.lua");
    char *mc_path = path_in(b.root, "bench/workload_mc.lua");
    engine_model *sweep_model = engine_load(sweep_path, err, sizeof err);
    if (!sweep_model)
        die("%s", err);
    engine_model *mc_model = engine_load(mc_path, err, sizeof err);
    if (!mc_model)
        die("%s", err);
    plain_lua *lua = plain_lua_open(probe, err, sizeof err);
    if (!lua)
        die("%s", err);
    b.api_u = doubles(BENCH_SWEEP_POINTS), b.api_total = doubles(BENCH_SWEEP_POINTS);
    b.api_per_user = doubles(BENCH_SWEEP_POINTS), b.c_u = doubles(BENCH_SWEEP_POINTS);
    b.c_total = doubles(BENCH_SWEEP_POINTS), b.c_per_user = doubles(BENCH_SWEEP_POINTS);
    b.mc_scratch = doubles(BENCH_MC_SAMPLES);
    char *batch_dir = path_in(b.tmp, "batch");
    if (!cli_write_batch(batch_dir, BENCH_BATCH_MODELS, err, sizeof err))
        die("%s", err);

    for (int r = 0; r < b.runs && !b.failures; r++)
        round_once(&b, r, sweep_model, mc_model, lua);
    if (b.failures) {
        fprintf(stderr, "reckon_bench: %d check(s) failed: no time is shown\n", b.failures);
        if (!b.keep)
            cli_remove_tree(b.tmp);
        return 1;
    }
    fprintf(stderr, "reckon_bench: peak memory\n");
    long rss_idle = child_rss_kb(&b, "idle"), rss_sweep = child_rss_kb(&b, "sweep"),
         rss_mc = child_rss_kb(&b, "mc");
    {
        char samples[32], users[32];
        snprintf(samples, sizeof samples, "%d", BENCH_MC_SAMPLES);
        snprintf(users, sizeof users, "%.0f", BENCH_MC_USERS);
        char *out = path_in(b.tmp, "rss_out");
        char *mc_argv[] = {(char *)b.reckon, "run", mc_path, "--users", users, "--samples",
                           samples,          "-o",  out,     "-q",      NULL};
        b.rss_kb[T_MC_CLI] = peak_rss_kb(&b, mc_argv);
        cli_remove_tree(out);
        char *sweep_argv[] = {(char *)b.reckon,
                              "run",
                              sweep_path,
                              "--users",
                              "1000:1000000:1000000",
                              "--max-csv",
                              "0",
                              "--format",
                              "csv",
                              "-o",
                              out,
                              "-q",
                              NULL};
        b.rss_kb[T_SWEEP_CLI] = peak_rss_kb(&b, sweep_argv);
        cli_remove_tree(out);
        char *batch_argv[] = {(char *)b.reckon, "run", batch_dir, "-o", out, "-q", NULL};
        b.rss_kb[T_BATCH] = peak_rss_kb(&b, batch_argv);
        cli_remove_tree(out);
        free(out);
    }

    engine_free(sweep_model);
    engine_free(mc_model);
    plain_lua_close(lua);
    if (!b.keep)
        cli_remove_tree(b.tmp);
    else
        fprintf(stderr, "reckon_bench: kept %s\n", b.tmp);
    if (b.failures) {
        fprintf(stderr, "reckon_bench: %d check(s) failed: no time is shown\n", b.failures);
        return 1;
    }

    printf("reckon_bench: the reference workload (../shared/bench/WORKLOAD.md)\n");
    printf("build: %s, %s%s; reckon %s\n", RECKON_BENCH_CONFIG, "gcc " __VERSION__,
#ifdef __OPTIMIZE__
           "",
#else
           " WITHOUT optimisation (a Debug build: these times say little)",
#endif
           b.reckon);
    print_results(&b, rss_idle, rss_sweep, rss_mc);
    free(sweep_path), free(mc_path), free(probe), free(batch_dir);
    return 0;
}
