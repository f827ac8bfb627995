/*
 * error: the core's one error value (see error.h).
 */
#include "error.h"

#include <stdio.h>

bool error_vfail(core_error *err, const char *fmt, va_list ap)
{
    if (err) {
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        err->located = false;
    }
    return false;
}

bool error_fail(core_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vfail(err, fmt, ap);
    va_end(ap);
    return false;
}

bool error_oom(core_error *err)
{
    return error_fail(err, "out of memory");
}

void error_clear(core_error *err)
{
    if (err) {
        err->msg[0] = '\0';
        err->located = false;
    }
}
