/*
 * costcheck: helpers shared by the cmocka tests of the cost functions (cost, cost_simple,
 * instances, points, tiers): range constructors, a relative comparison, and a table of
 * rows evaluated one at a time and then all at once.
 *
 * Test-only: the functions are static inline so that a test that does not use one of them
 * compiles cleanly under -Wall -Wextra -Werror.
 */
#ifndef RECKON_COSTCHECK_H
#define RECKON_COSTCHECK_H

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "testutil.h"

#include "cost.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* An exact number. */
static inline range N(double x)
{
    return range_number(x);
}

/* The range lo..hi, failing the test when range_make rejects it. */
static inline range R(double lo, double hi)
{
    range r = range_number(0);
    core_error err;
    if (!range_make(lo, hi, &r, &err)) {
        print_error("range_make(%g, %g): %s\n", lo, hi, err.msg);
        fail();
    }
    return r;
}

/* a equals e within 1e-9 of e (or 1e-9 absolute near zero). */
static inline bool near(double a, double e)
{
    return fabs(a - e) <= 1e-9 * fmax(1, fabs(e));
}

/* Checks one evaluated triple against the expected one, and lo <= mid <= hi. */
static inline void check3(const char *label, double lo, double mid, double hi, double elo,
                          double emid, double ehi)
{
    if (!near(lo, elo) || !near(mid, emid) || !near(hi, ehi)) {
        print_error("%s: got lo %.17g mid %.17g hi %.17g, expected %.17g %.17g %.17g\n", label, lo,
                    mid, hi, elo, emid, ehi);
        fail();
    }
    if (!(lo <= mid && mid <= hi)) {
        print_error("%s: lo %.17g <= mid %.17g <= hi %.17g does not hold\n", label, lo, mid, hi);
        fail();
    }
}

/* A table row: the driver (lo, mid, hi), and the expected cost or, when err is set, a
 * substring of the expected error.  err is NULL for a row that must succeed. */
typedef struct row {
    const char *label;
    double xlo, xmid, xhi;
    double lo, mid, hi;
    const char *err;
} row;

/* Evaluates the rows one at a time; then the rows that succeed all at once as one array. */
static inline void run_rows(const cost_fn *f, const row *rows, size_t n)
{
    double xlo[32], xmid[32], xhi[32], lo[32], mid[32], hi[32];
    size_t k = 0;
    assert_true(n <= 32);
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        double l, m, h;
        core_error err;
        bool ok = cost_eval_over(f, &r->xlo, &r->xmid, &r->xhi, 1, &l, &m, &h, &err);
        if (r->err) {
            if (ok || !strstr(err.msg, r->err)) {
                print_error("%s: expected an error saying \"%s\", got %s \"%s\"\n", r->label,
                            r->err, ok ? "success" : "error", ok ? "" : err.msg);
                fail();
            }
            continue;
        }
        if (!ok) {
            print_error("%s: failed: %s\n", r->label, err.msg);
            fail();
        }
        check3(r->label, l, m, h, r->lo, r->mid, r->hi);
        xlo[k] = r->xlo, xmid[k] = r->xmid, xhi[k] = r->xhi, k++;
    }
    core_error err;
    if (!cost_eval_over(f, xlo, xmid, xhi, k, lo, mid, hi, &err)) {
        print_error("array eval failed: %s\n", err.msg);
        fail();
    }
    k = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].err)
            continue;
        check3(rows[i].label, lo[k], mid[k], hi[k], rows[i].lo, rows[i].mid, rows[i].hi);
        k++;
    }
}

/* Fails unless a constructor refused: f is NULL and err's message contains says.  label
 * names the case in the failure message. */
static inline void expect_rejected(cost_fn *f, const core_error *err, const char *label,
                                   const char *says)
{
    if (f) {
        cost_release(f);
        print_error("%s: the constructor succeeded\n", label);
        fail();
    }
    if (!strstr(err->msg, says)) {
        print_error("%s: message \"%s\" does not say \"%s\"\n", label, err->msg, says);
        fail();
    }
}

#define RUN_ROWS(f, rows) run_rows((f), (rows), COUNT(rows))

/* An exact driver value x with an exact expected cost c. */
#define AT(label, x, c)                                                                            \
    {                                                                                              \
        label, (x), (x), (x), (c), (c), (c), NULL                                                  \
    }
/* An exact driver value x that must fail with a message containing msg. */
#define FAILS(label, x, msg)                                                                       \
    {                                                                                              \
        label, (x), (x), (x), 0, 0, 0, (msg)                                                       \
    }

#endif
