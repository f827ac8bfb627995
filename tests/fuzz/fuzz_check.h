/*
 * fuzz_check: what the fuzz harnesses share.  CHECK(cond, fmt, ...) is a contract the code
 * under test must keep: when it is broken, say which (with the harness's name, FUZZ_NAME)
 * and abort, so that libFuzzer saves the input.  A reader hands out the input's bytes.
 */
#ifndef RECKON_FUZZ_CHECK_H
#define RECKON_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The input, read from the front; reads past the end give zeros. */
typedef struct reader {
    const uint8_t *p; /* next byte */
    size_t left;      /* bytes left */
} reader;

static inline uint8_t take_byte(reader *r)
{
    if (r->left == 0)
        return 0;
    r->left--;
    return *r->p++;
}

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s: %s:%d: contract broken: %s: ", FUZZ_NAME, __FILE__, __LINE__,     \
                    #cond);                                                                        \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
