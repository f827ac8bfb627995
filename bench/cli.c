/*
 * cli: reckon through its command line, `reckon run`, started as a child process the way
 * a user starts it; reading back the CSV files it writes; the batch's model files.
 */
#define _DEFAULT_SOURCE /* wait4: the rusage of one child */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

/* The first line of a file, for a failure message. */
static void first_line(const char *path, char *buf, size_t size)
{
    buf[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    if (fgets(buf, (int)size, f))
        buf[strcspn(buf, "\r\n")] = '\0';
    fclose(f);
}

bool cli_spawn(char *const argv[], const char *stderr_path, cli_result *out, char *err,
               size_t err_size)
{
    fflush(stdout);
    fflush(stderr);
    double start = bench_now();
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, err_size, "fork: %s", strerror(errno));
        return false;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        int errfd = open(stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (null < 0 || errfd < 0 || dup2(null, 1) < 0 || dup2(errfd, 2) < 0)
            _exit(126);
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    pid_t got;
    while ((got = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR)
        ;
    out->seconds = bench_now() - start;
    if (got < 0) {
        snprintf(err, err_size, "wait4: %s", strerror(errno));
        return false;
    }
    out->maxrss_kb = ru.ru_maxrss;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char line[300];
        first_line(stderr_path, line, sizeof line);
        snprintf(err, err_size, "%s %s failed (%s %d): %s", argv[0], argv[1] ? argv[1] : "",
                 WIFEXITED(status) ? "exit status" : "signal",
                 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), line);
        return false;
    }
    return true;
}

/* Splits line (modified) at commas into at most max fields; quoted cells are not expected
 * in the files read here.  Returns the number of fields, or -1 on a quote. */
static int split(char *line, char **fields, int max)
{
    line[strcspn(line, "\r\n")] = '\0';
    if (strchr(line, '"'))
        return -1;
    int n = 0;
    for (char *p = line; n < max;) {
        fields[n++] = p;
        char *comma = strchr(p, ',');
        if (!comma)
            break;
        *comma = '\0';
        p = comma + 1;
    }
    return n;
}

/* A whole cell as a number (the "C" locale: reckon_bench never calls setlocale for it). */
static bool number(const char *cell, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(cell, &end);
    return end != cell && *end == '\0' && errno == 0;
}

bool cli_read_totals(const char *path, double **users, double **mid, size_t *n, char *err,
                     size_t err_size)
{
    *users = *mid = NULL;
    *n = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap_line = 0, cap = 0, row = 0;
    bool ok = true;
    for (ssize_t len; ok && (len = getline(&line, &cap_line, f)) >= 0; row++) {
        if (row == 0)
            continue; /* model,option,users,low,mid,high,per_user */
        char *fields[8];
        double u, m;
        if (split(line, fields, 8) != 7 || !number(fields[2], &u) || !number(fields[4], &m)) {
            snprintf(err, err_size,
                     "%s: row %zu is not model,option,users,low,mid,high,"
                     "per_user",
                     path, row + 1);
            ok = false;
            break;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 1 << 16;
            double *pu = realloc(*users, cap * sizeof *pu);
            if (pu)
                *users = pu;
            double *pm = realloc(*mid, cap * sizeof *pm);
            if (pm)
                *mid = pm;
            if (!pu || !pm) {
                snprintf(err, err_size, "out of memory");
                ok = false;
                break;
            }
        }
        (*users)[*n] = u;
        (*mid)[*n] = m;
        (*n)++;
    }
    free(line);
    fclose(f);
    if (!ok) {
        free(*users), free(*mid);
        *users = *mid = NULL;
        *n = 0;
    }
    return ok;
}

bool cli_read_distribution(const char *path, mc_stats *out, char *err, size_t err_size)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        return false;
    }
    char line[2048];
    bool found = false;
    for (int row = 0; !found && fgets(line, sizeof line, f); row++) {
        char *c[11];
        if (row == 0 || split(line, c, 11) != 10 || c[3][0] != '\0')
            continue; /* the header; an item's row */
        found = number(c[4], &out->mean) && number(c[6], &out->p5) && number(c[7], &out->p50) &&
                number(c[8], &out->p95);
    }
    fclose(f);
    if (!found)
        snprintf(err, err_size, "%s: no total row (item \"\") with mean, p5, p50, p95", path);
    return found;
}

/* ---- the batch ------------------------------------------------------------------------- */

/* Model i's parameters as the text written into its file (and read back by strtod). */
static void batch_params(size_t i, char fixed[32], char rate[32], char coef[32])
{
    snprintf(fixed, 32, "%zu", 100 + i);
    snprintf(rate, 32, "0.%05zu", 1000 + i);
    snprintf(coef, 32, "%zu.%03zu", 1 + i / 1000, i % 1000);
}

bool cli_write_batch(const char *dir, size_t n, char *err, size_t err_size)
{
    if (mkdir(dir, 0755) != 0) {
        snprintf(err, err_size, "%s: %s", dir, strerror(errno));
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char path[4096], fixed[32], rate[32], coef[32];
        snprintf(path, sizeof path, "%s/model_%04zu.lua", dir, i);
        batch_params(i, fixed, rate, coef);
        FILE *f = fopen(path, "w");
        if (!f) {
            snprintf(err, err_size, "%s: %s", path, strerror(errno));
            return false;
        }
        fprintf(f,
                "-- batch model %zu of reckon_bench: three items\n"
                "local r = require \"reckon\"\n"
                "return r.option{\n"
                "  name = \"batch %zu\",\n"
                "  items = {\n"
                "    { name = \"base\", category = \"compute\", cost = r.fixed(%s) },\n"
                "    { name = \"requests\", category = \"other\", cost = r.linear{ rate = %s } },\n"
                "    { name = \"storage\", category = \"storage\", cost = r.power{ coef = %s, exp "
                "= 0.8 } },\n"
                "  },\n"
                "}\n",
                i, i, fixed, rate, coef);
        if (fclose(f) != 0) {
            snprintf(err, err_size, "%s: write failed", path);
            return false;
        }
    }
    return true;
}

bool cli_check_batch(const char *totals_path, size_t n, char *err, size_t err_size)
{
    static const double users[] = {1000, 10000, 100000, 1000000}; /* reckon's default sweep */
    FILE *f = fopen(totals_path, "r");
    if (!f) {
        snprintf(err, err_size, "%s: %s", totals_path, strerror(errno));
        return false;
    }
    char line[2048];
    size_t rows = 0;
    bool ok = true;
    for (int row = 0; ok && fgets(line, sizeof line, f); row++) {
        char *c[8];
        double u, mid;
        unsigned long i;
        if (row == 0)
            continue;
        if (split(line, c, 8) != 7 || sscanf(c[0], "model_%4lu.lua", &i) != 1 || i >= n ||
            !number(c[2], &u) || !number(c[4], &mid)) {
            snprintf(err, err_size, "%s: row %d is not a batch model's total", totals_path,
                     row + 1);
            ok = false;
            break;
        }
        char fixed[32], rate[32], coef[32];
        batch_params(i, fixed, rate, coef);
        double want =
            strtod(fixed, NULL) + strtod(rate, NULL) * u + strtod(coef, NULL) * pow(u, 0.8);
        if (fabs(mid - want) > 0.005 + 1e-9 * fabs(want)) {
            snprintf(err, err_size,
                     "%s: model_%04lu.lua at %.0f users: reckon %.2f, plain C "
                     "%.6f",
                     totals_path, i, u, mid, want);
            ok = false;
        }
        rows++;
    }
    fclose(f);
    size_t expected = n * (sizeof users / sizeof users[0]);
    if (ok && rows != expected) {
        snprintf(err, err_size, "%s: %zu rows, expected %zu (%zu models x 4 user counts)",
                 totals_path, rows, expected, n);
        ok = false;
    }
    return ok;
}

void cli_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char path[4096];
            struct stat st;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
                cli_remove_tree(path);
            else
                unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}
