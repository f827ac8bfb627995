/*
 * json_array: a JSON array made one element at a time, for the writers that use jansson
 * (run.json, the report's charts): the loop, the append and the clean-up on a failure are
 * here once.
 */
#ifndef RECKON_JSON_ARRAY_H
#define RECKON_JSON_ARRAY_H

#include <jansson.h>
#include <stddef.h>

/* Element i of the array: a new reference, NULL out of memory (or on text not UTF-8). */
typedef json_t *(*formats_element)(const void *ctx, size_t i);

/* The array of element(ctx, 0) .. element(ctx, n - 1); NULL when one of them is NULL or
 * the array cannot grow. */
json_t *formats_json_array(size_t n, formats_element element, const void *ctx);

#endif
