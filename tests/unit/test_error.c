/*
 * test_error: unit tests for engine/core/error.c, the core's one error value: a failure
 * formats its message and returns false, is never located, cuts a message too long for
 * msg, and is harmless when the caller passed no error.
 */
#include <string.h>

#include "testutil.h"

#include "error.h"

static void test_fail_formats_and_returns_false(void **state)
{
    (void)state;
    core_error err = {.located = true};
    assert_false(error_fail(&err, "%s: %d items, %.2f each", "cart", 3, 1.5));
    assert_string_equal(err.msg, "cart: 3 items, 1.50 each");
    assert_false(err.located); /* a new message has no place yet */
}

static void test_oom(void **state)
{
    (void)state;
    core_error err = {0};
    assert_false(error_oom(&err));
    assert_string_equal(err.msg, "out of memory");
    assert_false(err.located);
}

static void test_null_err(void **state)
{
    (void)state;
    assert_false(error_fail(NULL, "nobody reads %s", "this"));
    assert_false(error_oom(NULL));
    error_clear(NULL);
}

static void test_long_message_cut(void **state)
{
    (void)state;
    char text[2000];
    memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    core_error err;
    assert_false(error_fail(&err, "%s", text));
    assert_int_equal(strlen(err.msg), sizeof err.msg - 1); /* cut, still terminated */
    assert_int_equal(err.msg[0], 'a');
}

static bool vfail(core_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = error_vfail(err, fmt, ap);
    va_end(ap);
    return ok;
}

static void test_vfail(void **state)
{
    (void)state;
    core_error err;
    assert_false(vfail(&err, "range: low (%.10g) is greater than high (%.10g)", 4.0, 2.0));
    assert_string_equal(err.msg, "range: low (4) is greater than high (2)");
}

static void test_clear(void **state)
{
    (void)state;
    core_error err;
    error_fail(&err, "something");
    err.located = true;
    error_clear(&err);
    assert_string_equal(err.msg, "");
    assert_false(err.located);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fail_formats_and_returns_false),
        cmocka_unit_test(test_oom),
        cmocka_unit_test(test_null_err),
        cmocka_unit_test(test_long_message_cut),
        cmocka_unit_test(test_vfail),
        cmocka_unit_test(test_clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
