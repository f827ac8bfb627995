/*
 * sweep: the --users argument, as a list ("10k,100000") or a sweep ("1000:1M:61:log").
 *
 * Numbers are read here rather than by strtod, whose decimal point follows the locale:
 * digits, an optional '.' and fraction, an optional exponent (1e6), then an optional
 * suffix k or K (thousand) or M (million).  Spaces around each part are ignored.  Error
 * messages quote the part that is wrong and say what was expected; the caller adds which
 * option or model the text came from.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "sweep.h"

#define MAX_POINTS 10000000

const double sweep_default[] = {1000, 10000, 100000, 1000000};
const size_t sweep_default_count = sizeof sweep_default / sizeof sweep_default[0];

/* A piece of the argument text: not NUL-terminated. */
typedef struct {
    const char *start; /* first byte */
    size_t len;        /* bytes in the piece */
} part;

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static part trimmed(const char *start, size_t len)
{
    while (len && is_space(*start))
        start++, len--;
    while (len && is_space(start[len - 1]))
        len--;
    return (part){start, len};
}

static bool part_is(part p, const char *word)
{
    return p.len == strlen(word) && memcmp(p.start, word, p.len) == 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* mantissa × 10^exp10, as near as a double gets (exact powers up to 10^22). */
static double scale10(double mantissa, int exp10)
{
    static const double exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (mantissa == 0)
        return 0;
    if (exp10 >= 0 && exp10 <= 22)
        return mantissa * exact[exp10];
    if (exp10 < 0 && exp10 >= -22)
        return mantissa / exact[-exp10];
    return mantissa * pow(10, exp10);
}

/*
 * Reads a whole part as [+-]digits[.digits][e[+-]digits][k|K|M]; false if any byte is
 * left over or there are no digits.  The value may be infinite (1e999).
 */
static bool read_number(part p, double *value)
{
    const char *s = p.start, *end = p.start + p.len;
    bool negative = false;
    if (s < end && (*s == '+' || *s == '-'))
        negative = *s++ == '-';
    uint64_t digits = 0;
    int exp10 = 0, seen = 0;
    for (; s < end && is_digit(*s); s++, seen++) {
        if (digits < UINT64_MAX / 10 - 9)
            digits = digits * 10 + (uint64_t)(*s - '0');
        else
            exp10++; /* a digit beyond 19 significant ones: scale instead */
    }
    if (s < end && *s == '.') {
        for (s++; s < end && is_digit(*s); s++, seen++) {
            if (digits < UINT64_MAX / 10 - 9)
                digits = digits * 10 + (uint64_t)(*s - '0'), exp10--;
        }
    }
    if (seen == 0)
        return false;
    if (s < end && (*s == 'e' || *s == 'E')) {
        s++;
        bool exp_negative = false;
        if (s < end && (*s == '+' || *s == '-'))
            exp_negative = *s++ == '-';
        if (s == end || !is_digit(*s))
            return false;
        int e = 0;
        for (; s < end && is_digit(*s); s++)
            if (e < 100000)
                e = e * 10 + (*s - '0');
        exp10 += exp_negative ? -e : e;
    }
    if (s < end && (*s == 'k' || *s == 'K'))
        exp10 += 3, s++;
    else if (s < end && *s == 'M')
        exp10 += 6, s++;
    if (s != end)
        return false;
    double v = scale10((double)digits, exp10);
    *value = negative ? -v : v;
    return true;
}

/* A user count: a finite number >= 1.  `what` names it in messages ("FROM", "count"). */
static bool read_count(part p, const char *what, double *value, core_error *err)
{
    if (p.len == 0) {
        error_fail(err, "%s is empty: expected a number such as 10000, 10k or 1M", what);
        return false;
    }
    if (!read_number(p, value)) {
        error_fail(err,
                   "%s \"%.*s\" is not a number: expected digits with an optional k "
                   "(thousand) or M (million), such as 10000, 10k or 1M",
                   what, (int)p.len, p.start);
        return false;
    }
    if (!isfinite(*value)) {
        error_fail(err, "%s \"%.*s\" is too large", what, (int)p.len, p.start);
        return false;
    }
    if (*value < 1) {
        error_fail(err, "%s \"%.*s\" is less than 1: user counts must be at least 1", what,
                   (int)p.len, p.start);
        return false;
    }
    return true;
}

static void round_all(double *users, size_t n)
{
    for (size_t i = 0; i < n; i++)
        users[i] = round(users[i]);
}

/* Gives back the unused tail of a normalised array; keeps the old one if realloc fails. */
static double *shrink(double *users, size_t n)
{
    double *smaller = budget_realloc_array(users, n, sizeof *users);
    return smaller ? smaller : users;
}

/* "a,b,c": every item a count. */
static bool parse_list(const char *text, double **users, size_t *n, core_error *err)
{
    size_t count = 1;
    for (const char *c = text; *c; c++)
        count += *c == ',';
    double *out = budget_array(count, sizeof *out);
    if (!out) {
        error_fail(err, "out of memory for %zu user counts", count);
        return false;
    }
    const char *start = text;
    for (size_t i = 0; i < count; i++) {
        const char *comma = strchr(start, ',');
        size_t len = comma ? (size_t)(comma - start) : strlen(start);
        part item = trimmed(start, len);
        if (item.len == 0 && count > 1) {
            error_fail(err,
                       "the list \"%s\" has an empty item: expected user counts separated by "
                       "commas, such as 10000,100000",
                       text);
            budget_free(out);
            return false;
        }
        if (!read_count(item, "user count", &out[i], err)) {
            budget_free(out);
            return false;
        }
        start += len + 1;
    }
    round_all(out, count);
    *n = sweep_normalise(out, count);
    *users = shrink(out, *n);
    return true;
}

/* Splits text at ':' into at most `max` parts; returns how many there are (may exceed max). */
static size_t split_colons(const char *text, part *parts, size_t max)
{
    size_t count = 0;
    const char *start = text;
    for (;;) {
        const char *colon = strchr(start, ':');
        size_t len = colon ? (size_t)(colon - start) : strlen(start);
        if (count < max)
            parts[count] = trimmed(start, len);
        count++;
        if (!colon)
            return count;
        start = colon + 1;
    }
}

/* The number of points of a sweep: a whole number from 2 to MAX_POINTS. */
static bool read_points(part p, const char *text, size_t *points, core_error *err)
{
    double v;
    if (!read_number(p, &v) || !(v >= 2 && v <= MAX_POINTS) || v != floor(v)) {
        error_fail(err,
                   "sweep \"%s\": N \"%.*s\" must be a whole number from 2 to %d "
                   "(the number of user counts from FROM to TO)",
                   text, (int)p.len, p.start, MAX_POINTS);
        return false;
    }
    *points = (size_t)v;
    return true;
}

/* points counts evenly spaced (in log space when log_spacing) from `from` to `to`, checked
 * already; the ends are exactly from and to. */
static bool spaced(double from, double to, size_t points, bool log_spacing, double **users,
                   size_t *n, core_error *err)
{
    double *out = budget_array(points, sizeof *out);
    if (!out) {
        error_fail(err, "out of memory for %zu user counts", points);
        return false;
    }
    double last = (double)(points - 1);
    double log_from = log(from), log_step = (log(to) - log_from) / last;
    for (size_t i = 1; i + 1 < points; i++)
        out[i] = log_spacing ? exp(log_from + log_step * (double)i)
                             : from + (to - from) * (double)i / last;
    out[0] = from;
    out[points - 1] = to;
    round_all(out, points);
    *n = sweep_normalise(out, points);
    *users = shrink(out, *n);
    return true;
}

/* "FROM:TO:N" or "FROM:TO:N:log" / ":linear"; the ends are exactly FROM and TO. */
static bool parse_sweep(const char *text, double **users, size_t *n, core_error *err)
{
    part parts[4];
    size_t count = split_colons(text, parts, 4);
    if (count < 3 || count > 4) {
        error_fail(err,
                   "\"%s\" is not a sweep: expected FROM:TO:N or FROM:TO:N:log, such as "
                   "1000:1000000:61:log",
                   text);
        return false;
    }
    double from, to;
    size_t points;
    if (!read_count(parts[0], "sweep FROM", &from, err) ||
        !read_count(parts[1], "sweep TO", &to, err) || !read_points(parts[2], text, &points, err))
        return false;
    if (from > to) {
        error_fail(err, "sweep \"%s\": FROM (%.*s) is greater than TO (%.*s)", text,
                   (int)parts[0].len, parts[0].start, (int)parts[1].len, parts[1].start);
        return false;
    }
    bool log_spacing = false;
    if (count == 4) {
        if (part_is(parts[3], "log"))
            log_spacing = true;
        else if (!part_is(parts[3], "linear")) {
            error_fail(err, "sweep \"%s\": unknown spacing \"%.*s\": expected log or linear", text,
                       (int)parts[3].len, parts[3].start);
            return false;
        }
    }
    return spaced(from, to, points, log_spacing, users, n, err);
}

bool sweep_parse(const char *text, double **users, size_t *n, core_error *err)
{
    *users = NULL;
    *n = 0;
    if (!text || trimmed(text, strlen(text)).len == 0) {
        error_fail(err, "no user counts given: expected a list such as 10000,100000 or a sweep "
                        "FROM:TO:N[:log] such as 1000:1000000:61:log");
        return false;
    }
    if (strchr(text, ':'))
        return parse_sweep(text, users, n, err);
    return parse_list(text, users, n, err);
}

/* A count of the sweep given as a number: finite and >= 1. */
static bool count_ok(double v, const char *what, core_error *err)
{
    if (isfinite(v) && v >= 1)
        return true;
    error_fail(err, "%s (%g) must be a user count >= 1", what, v);
    return false;
}

bool sweep_make(double from, double to, double points, bool log_spacing, double **users, size_t *n,
                core_error *err)
{
    *users = NULL;
    *n = 0;
    if (!count_ok(from, "from", err) || !count_ok(to, "to", err))
        return false;
    if (!(points >= 2 && points <= MAX_POINTS) || points != floor(points)) {
        error_fail(err, "points (%g) must be a whole number from 2 to %d", points, MAX_POINTS);
        return false;
    }
    if (from > to) {
        error_fail(err, "from (%g) is greater than to (%g)", from, to);
        return false;
    }
    return spaced(from, to, (size_t)points, log_spacing, users, n, err);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

size_t sweep_normalise(double *users, size_t n)
{
    if (n == 0)
        return 0;
    qsort(users, n, sizeof *users, compare_doubles);
    size_t kept = 1;
    for (size_t i = 1; i < n; i++)
        if (users[i] != users[kept - 1])
            users[kept++] = users[i];
    return kept;
}
