/*
 * grow.c: the command line's growing arrays (cli.h), with malloc's memory.  Not the core's
 * budget_grow: what the command line keeps (the model files, a worker's tables and
 * summary rows, the parent's merged summary) is its own, never charged to a model's
 * --max-memory, and freed with free().
 */
#include <stdint.h>
#include <stdlib.h>

#include "cli.h"

bool cli_grow(void **array, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return true;
    size_t more = *cap ? 2 * *cap : 16;
    void *p = more > *cap && more <= SIZE_MAX / size ? realloc(*array, more * size) : NULL;
    if (!p)
        return false;
    *array = p, *cap = more;
    return true;
}
