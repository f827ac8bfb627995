/*
 * budget: the one allocator of the core, so that a host can charge what the core allocates
 * on a model's behalf (cost trees, inputs, Monte Carlo arrays, tables of results) to the
 * same budget as the model's own memory.
 *
 * Usage (a host, once; in the style of sqlite3_config(SQLITE_CONFIG_MALLOC)):
 *
 *     static bool charge(void *ud, size_t bytes, bool refund) { ... return under_limit; }
 *     budget_set_hook(&(budget_hook){charge, my_limiter});
 *
 * and in the core, instead of malloc and friends:
 *
 *     double *x = budget_array(n, sizeof *x);   NULL when n * size overflows or is refused
 *     double *y = budget_array(budget_mul(options, months), sizeof *y);
 *     char *s = budget_strdup(name);
 *     budget_free(x), budget_free(s);
 *
 * Every block carries a header with its size, so a free refunds exactly what was charged.
 * Blocks of this allocator are freed with budget_free only, never free() (and the reverse).
 * With no hook every allocation is granted up to what malloc gives.
 *
 * The hook is process-wide state: one model is loaded at a time in a process (a run forks
 * a worker a model).  This file knows nothing of Lua.
 */
#ifndef RECKON_BUDGET_H
#define RECKON_BUDGET_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct budget_hook {
    /* Asked before bytes more are taken (refund false): false refuses them, and the
     * allocation returns NULL.  Told with refund true that bytes were given back (the
     * result is then ignored). */
    bool (*charge)(void *ud, size_t bytes, bool refund);
    void *ud; /* passed to charge */
} budget_hook;

/* Installs hook (copied), or removes any with NULL.  Blocks allocated under one hook may be
 * freed under another: the refund then goes to the hook in place at the time of the free. */
void budget_set_hook(const budget_hook *hook);
/* The hook in place, or NULL. */
const budget_hook *budget_get_hook(void);

void *budget_malloc(size_t size);
/* n elements of size bytes each, NULL when n * size overflows (n may be 0: one byte). */
void *budget_array(size_t n, size_t size);
void *budget_calloc(size_t n, size_t size);
/* Like realloc: NULL leaves p as it was.  p may be NULL. */
void *budget_realloc(void *p, size_t size);
/* budget_realloc of n elements of size bytes, NULL when n * size overflows. */
void *budget_realloc_array(void *p, size_t n, size_t size);
/* Makes room in *array (n elements of size bytes used, *cap allocated) for one more,
 * doubling the room when it is full; false (the array as it was) when out of memory. */
bool budget_grow(void **array, size_t n, size_t *cap, size_t size);
/* budget_grow whose first room is `first` elements, not 8. */
bool budget_grow_from(void **array, size_t n, size_t *cap, size_t size, size_t first);
/* a * b, or SIZE_MAX when that overflows (so that an allocation of it fails). */
size_t budget_mul(size_t a, size_t b);
char *budget_strdup(const char *s);
char *budget_strndup(const char *s, size_t n);
/* fmt and ap printed into a new string of alloc's (budget_malloc, or malloc for a caller
 * that frees with free); NULL when out of memory.  ap is left unused (copied). */
char *budget_vformat(void *(*alloc)(size_t), const char *fmt, va_list ap);
void budget_free(void *p); /* NULL is allowed */

#endif
