/*
 * error: the core's one error value.  Every function of the core that can fail takes a
 * core_error * (which may be NULL when the caller does not want the words) and, on
 * failure, fills it with a message a model's author can act on, "out of memory" included.
 *
 * Usage:
 *
 *     core_error err;
 *     if (!growth_check(&g, &err)) fprintf(stderr, "%s\n", err.msg);
 *
 *     bool thing_make(..., core_error *err)
 *     {
 *         if (!p) return error_oom(err);
 *         if (n == 0) return error_fail(err, "thing: n must be positive");
 *         ...
 *     }
 */
#ifndef RECKON_ERROR_H
#define RECKON_ERROR_H

#include <stdarg.h>
#include <stdbool.h>

typedef struct core_error {
    char msg[512]; /* what went wrong, in words a model's author can act on */
    bool located;  /* msg already starts with the "file:line:" of the function at fault */
} core_error;

/* Formats a message into err (when err is not NULL), not located; returns false so that
   callers can `return error_fail(...)`.  A message too long for msg is cut. */
bool error_fail(core_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* error_fail with a va_list. */
bool error_vfail(core_error *err, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;

/* error_fail(err, "out of memory"): an allocation of the core was refused. */
bool error_oom(core_error *err);

/* Empties err (when not NULL): no message, not located. */
void error_clear(core_error *err);

#endif
