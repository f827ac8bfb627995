/*
 * sha256: the SHA-256 digest of bytes (FIPS 180-4), for run.json's record of each model.
 *
 *     sha256_ctx c;
 *     sha256_init(&c);
 *     sha256_update(&c, bytes, len);   // as many times as there are pieces
 *     char hex[SHA256_HEX];
 *     sha256_hex(&c, hex);             // 64 lowercase hex digits and a NUL
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_SHA256_H
#define RECKON_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX 65

typedef struct sha256_ctx {
    uint32_t state[8];
    uint64_t bytes; /* taken so far */
    unsigned char block[64];
    size_t used; /* bytes of block filled */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
/* Finishes the digest into hex; c is spent. */
void sha256_hex(sha256_ctx *c, char hex[SHA256_HEX]);

#endif
