/*
 * fuzz_check: what the fuzz harnesses share.  CHECK(cond, fmt, ...) is a contract the code
 * under test must keep: when it is broken, say which (with the harness's name, FUZZ_NAME)
 * and abort, so that libFuzzer saves the input.
 */
#ifndef RECKON_FUZZ_CHECK_H
#define RECKON_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond, ...)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s: %s:%d: contract broken: %s: ", FUZZ_NAME, __FILE__,       \
                    __LINE__, #cond);                                                      \
            fprintf(stderr, __VA_ARGS__);                                                  \
            fputc('\n', stderr);                                                           \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

#endif
