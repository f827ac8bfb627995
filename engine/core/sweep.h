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

/* Parses text into a new array *users of *n counts (budget_free it); false with a message in
 * err on error. */
bool sweep_parse(const char *text, double **users, size_t *n, char *err, size_t err_size);

/* Sorts users ascending and removes duplicates in place; returns the new count. */
size_t sweep_normalise(double *users, size_t n);

/* The default sweep when neither --users nor a model names its points. */
extern const double sweep_default[];
extern const size_t sweep_default_count;

#endif
