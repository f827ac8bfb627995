/* budget: the core's allocator, with a size header a block and a host hook. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"

/* The header in front of every block: its size, and padding to max_align_t so that the
 * block that follows is aligned for any type. */
typedef union header {
    size_t size; /* bytes of the block after the header */
    max_align_t align;
} header;

static budget_hook hook; /* hook.charge NULL: none */

void budget_set_hook(const budget_hook *h)
{
    hook = h ? *h : (budget_hook){0};
}

const budget_hook *budget_get_hook(void)
{
    return hook.charge ? &hook : NULL;
}

static bool charge(size_t bytes)
{
    if (hook.charge && !hook.charge(hook.ud, bytes, false))
        return false;
    return true;
}

static void refund(size_t bytes)
{
    if (hook.charge)
        hook.charge(hook.ud, bytes, true);
}

void *budget_realloc(void *p, size_t size)
{
    if (size > SIZE_MAX - sizeof(header))
        return NULL;
    header *old = p ? (header *)p - 1 : NULL;
    size_t before = old ? old->size + sizeof(header) : 0, after = size + sizeof(header);
    if (after > before && !charge(after - before))
        return NULL;
    header *h = realloc(old, after);
    if (!h) {
        if (after > before)
            refund(after - before);
        return NULL;
    }
    if (after < before)
        refund(before - after);
    h->size = size;
    return h + 1;
}

void *budget_malloc(size_t size)
{
    return budget_realloc(NULL, size);
}

size_t budget_mul(size_t a, size_t b)
{
    return b && a > SIZE_MAX / b ? SIZE_MAX : a * b;
}

void *budget_realloc_array(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    return budget_realloc(p, bytes > 0 ? bytes : 1);
}

void *budget_array(size_t n, size_t size)
{
    return budget_realloc_array(NULL, n, size);
}

void *budget_calloc(size_t n, size_t size)
{
    void *p = budget_array(n, size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

bool budget_grow(void **array, size_t n, size_t *cap, size_t size)
{
    return budget_grow_from(array, n, cap, size, 8);
}

bool budget_grow_from(void **array, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return true;
    size_t more = *cap ? 2 * *cap : first;
    void *p = more > *cap ? budget_realloc_array(*array, more, size) : NULL;
    if (!p)
        return false;
    *array = p, *cap = more;
    return true;
}

char *budget_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *copy = len < SIZE_MAX ? budget_malloc(len + 1) : NULL;
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

char *budget_strdup(const char *s)
{
    return budget_strndup(s, SIZE_MAX);
}

char *budget_vformat(void *(*alloc)(size_t), const char *fmt, va_list ap)
{
    va_list measure, print;
    va_copy(measure, ap);
    int len = vsnprintf(NULL, 0, fmt, measure);
    va_end(measure);
    char *s = len >= 0 ? alloc((size_t)len + 1) : NULL;
    if (!s)
        return NULL;
    va_copy(print, ap);
    vsnprintf(s, (size_t)len + 1, fmt, print);
    va_end(print);
    return s;
}

void budget_free(void *p)
{
    if (!p)
        return;
    header *h = (header *)p - 1;
    refund(h->size + sizeof(header));
    free(h);
}
