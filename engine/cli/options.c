/*
 * options.c: the options the commands share (-j, the limits) and the numbers they read,
 * and the watchdog's time the limits give (cli.h).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_jobs_option(int argc, char **argv, int *i, int *jobs, char *err, size_t err_size)
{
    const char *arg = argv[*i], *value;
    unsigned long long j;
    if (strcmp(arg, "-j") == 0 || strcmp(arg, "--jobs") == 0)
        value = ++*i < argc ? argv[*i] : NULL;
    else if (strncmp(arg, "-j", 2) == 0)
        value = arg + 2; /* -j4, as getopt reads it */
    else
        return 0;
    if (!value || !cli_whole_number(value, &j) || j < 1 || j > 256) {
        snprintf(err, err_size, "-j needs a number of worker processes from 1 to 256");
        return -1;
    }
    *jobs = (int)j;
    return 1;
}

bool cli_whole_number(const char *s, unsigned long long *out)
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

int cli_limit_option(int argc, char **argv, int *i, quota *limits, char *err, size_t err_size)
{
    const char *arg = argv[*i];
    const char *value = *i + 1 < argc ? argv[*i + 1] : "";
    unsigned long long v = 0;
    bool number = cli_whole_number(value, &v);
    const char *wrong = NULL;
    if (strcmp(arg, "--max-memory") == 0) {
        if (!number || v < 1 || v > 1048576)
            wrong = "--max-memory needs a number of MiB from 1 to 1048576";
        else
            limits->max_memory = (size_t)v << 20;
    } else if (strcmp(arg, "--max-instructions") == 0) {
        if (!number || v < 1000)
            wrong = "--max-instructions needs a whole number of at least 1000";
        else
            limits->max_instructions = v;
    } else if (strcmp(arg, "--max-csv") == 0) {
        if (!number || v > 1048576)
            wrong = "--max-csv needs a number of MiB from 0 (no limit) to 1048576";
        else
            limits->max_csv = (size_t)v << 20;
    } else if (strcmp(arg, "--timeout") == 0) {
        if (!number || v < 1 || v > 86400)
            wrong = "--timeout needs a number of seconds from 1 to 86400";
        else
            limits->max_seconds = (double)v;
    } else {
        return 0;
    }
    if (wrong) {
        snprintf(err, err_size, "%s", wrong);
        return -1;
    }
    (*i)++;
    return 1;
}

double cli_watchdog(const quota *limits)
{
    return limits->max_seconds > 0 ? limits->max_seconds + 1 : 0;
}
