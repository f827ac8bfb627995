/*
 * names: a hashed set of strings, each with a number (its place in a list), so that
 * finding a name among n is one look, not n: the duplicate checks and name lookups of
 * options, items, changes, inputs' groups and CSV headers stay linear in what a model makes.
 *
 * Usage:
 *
 *     names seen = {0};
 *     for (size_t i = 0; i < n; i++) {
 *         size_t first;
 *         int added = names_add(&seen, list[i].name, i, &first);
 *         if (added < 0) ... out of memory
 *         if (added == 0) ... list[i].name is the name of list[first] too
 *     }
 *     size_t at = names_find(&seen, "AWS");  NAMES_NONE when absent
 *     names_free(&seen);
 *
 * The set borrows the strings: they must outlive it, unchanged.  This file knows nothing of
 * Lua.
 */
#ifndef RECKON_NAMES_H
#define RECKON_NAMES_H

#include <stddef.h>
#include <stdint.h>

#define NAMES_NONE SIZE_MAX

typedef struct names_slot {
    const char *name; /* NULL: an empty slot */
    size_t value;     /* what the name was added with */
} names_slot;

typedef struct names {
    names_slot *slots; /* cap slots, open addressing with linear probing */
    size_t n, cap;     /* names held; slots (a power of two, or 0) */
} names;

/* Adds name with value: 1 when added, 0 when it was there already (*first, when not NULL,
 * gets the value it was added with; the set is unchanged), -1 when out of memory. */
int names_add(names *set, const char *name, size_t value, size_t *first);
/* The first of n names (name_at(list, i) the i-th) that an earlier one shares, in one
 * hashed pass: 1 with *at its index, 0 when they all differ, -1 when out of memory. */
int names_first_repeat(const void *list, size_t n, const char *(*name_at)(const void *, size_t),
                       size_t *at);
/* The value name was added with, or NAMES_NONE. */
size_t names_find(const names *set, const char *name);
void names_free(names *set);

#endif
