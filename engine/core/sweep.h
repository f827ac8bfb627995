/*
 * sweep: the user counts a run evaluates at.
 *
 *   "10000,100000"          a list (each may end in k or M: "10k,1M")
 *   "1000:1000000:61"       61 counts evenly spaced from 1000 to 1000000
 *   "1000:1000000:61:log"   61 counts evenly spaced in log space
 *
 * Counts are whole users >= 1: sweep points are rounded to the nearest whole number, then
 * sorted ascending with duplicates removed.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_SWEEP_H
#define RECKON_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "budget.h"
#include "error.h"

/* Parses text into a new array *users of *n counts (budget_free it); false with a message in
 * err on error. */
bool sweep_parse(const char *text, double **users, size_t *n, core_error *err);

/* The sweep FROM:TO:N[:log] from its numbers: `points` counts (a whole number from 2 to
 * 10000000) from `from` to `to` (user counts >= 1, from <= to), evenly spaced, in log space when
 * log_spacing, rounded and normalised as sweep_parse's.  False with a message in err naming
 * the field ("from (0) must be a user count >= 1"). */
bool sweep_make(double from, double to, double points, bool log_spacing, double **users, size_t *n,
                core_error *err);

/* Sorts users ascending and removes duplicates in place; returns the new count. */
size_t sweep_normalise(double *users, size_t n);

/* The default sweep when neither --users nor a model names its points. */
extern const double sweep_default[];
extern const size_t sweep_default_count;

#endif
