/* sha256: FIPS 180-2's example digests (appendix B) and the empty message's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sha256.h"

static void digest_of(const char *text, size_t repeat, char hex[SHA256_HEX])
{
    sha256_ctx c;
    sha256_init(&c);
    for (size_t i = 0; i < repeat; i++)
        sha256_update(&c, text, strlen(text));
    sha256_hex(&c, hex);
}

static void test_examples(void **state)
{
    (void)state;
    char hex[SHA256_HEX];
    digest_of("", 1, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    digest_of("abc", 1, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    digest_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    digest_of("a", 1000000, hex); /* a million 'a's, fed one byte at a time */
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* The padding's edge: 55, 56 and 64 bytes (one block or two), against sha256sum's. */
static void test_block_edges(void **state)
{
    (void)state;
    char hex[SHA256_HEX];
    digest_of("a", 55, hex);
    assert_string_equal(hex, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    digest_of("a", 56, hex);
    assert_string_equal(hex, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    digest_of("a", 64, hex);
    assert_string_equal(hex, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_examples),
                                       cmocka_unit_test(test_block_edges)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
