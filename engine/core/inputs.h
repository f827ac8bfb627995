/*
 * inputs: the uncertain inputs of one model, the ranges it made, by id.  A Monte Carlo run
 * samples each of them (a group together, fully correlated); sensitivity swings each.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_INPUTS_H
#define RECKON_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "range.h"

typedef struct input {
    range value; /* the range, whose id is its place in the list plus one */
    char *label; /* its name, or "file:line range(200, 400)" */
    char *group; /* ranges of one group are sampled together; NULL for none */
} input;

typedef struct inputs {
    input *list; /* list[k].value.id == k + 1 */
    size_t n, cap;
} inputs;

/* Adds r, giving it the next id (stored into r->id); false with err when out of memory. */
bool inputs_add(inputs *in, range *r, const char *label, const char *group, core_error *err);
void inputs_free(inputs *in);

#endif
