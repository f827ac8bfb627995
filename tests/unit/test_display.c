/*
 * test_display: unit tests for engine/cli/display.c, a model's text as it reaches a
 * terminal: what UTF-8 is shown as it is and what is escaped byte by byte (overlong forms,
 * surrogates, code points past U+10FFFF, C1 controls, bidirectional overrides, a cut
 * character), the cut of a long name, and the stream that keeps a character whole when it
 * arrives one byte a write.  Every expected string is written out by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "cli.h"

static void shows(const char *text, const char *want)
{
    char *got = cli_display(text, 0);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_shown_as_is(void **state)
{
    (void)state;
    shows("plain, tab\tand newline\n", "plain, tab\tand newline\n");
    shows("\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    shows("\xc2\xa0", "\xc2\xa0");                 /* U+00A0, the first after C1 */
    shows("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"); /* U+10FFFF, the last code point */
    shows("\xe2\x80\x8f", "\xe2\x80\x8f");         /* U+200F, a mark that reorders nothing */
    shows("back\\slash", "back\\slash");           /* not reversible, only harmless */
}

static void test_escaped(void **state)
{
    (void)state;
    shows("\x1b[2J\r\b\a\x7f", "\\x1b[2J\\x0d\\x08\\x07\\x7f");
    shows("\xc2\x9b"
          "1m",
          "\\xc2\\x9b1m");           /* U+009B, CSI */
    shows("\xc2\x80", "\\xc2\\x80"); /* U+0080, the first C1 */
    shows("\xe2\x80\xae"
          "x",
          "\\xe2\\x80\\xaex");                         /* U+202E, right-to-left override */
    shows("\xe2\x81\xa6", "\\xe2\\x81\\xa6");          /* U+2066, an isolate */
    shows("\xc0\xaf", "\\xc0\\xaf");                   /* "/" overlong */
    shows("\xe0\x80\xaf", "\\xe0\\x80\\xaf");          /* overlong in three */
    shows("\xed\xa0\x80", "\\xed\\xa0\\x80");          /* a surrogate, U+D800 */
    shows("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"); /* past U+10FFFF */
    shows("\x9b"
          "a",
          "\\x9ba"); /* a lone continuation byte */
    shows("\xc3"
          "a",
          "\\xc3a");                     /* a lead byte with no follower */
    shows("ok\xe2\x82", "ok\\xe2\\x82"); /* cut at the end */
}

static void test_cut(void **state)
{
    (void)state;
    char *got = cli_display("\xc3\xa9\xc3\xa9\xc3\xa9xyz", 3);
    assert_string_equal(got, "\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6"); /* 3 characters, ... */
    free(got);
    got = cli_display("abc", 3);
    assert_string_equal(got, "abc"); /* exactly max: no ellipsis */
    free(got);
}

/* Writes text one byte a write into a shown stream; returns what reached its target. */
static char *through_stream(const char *text, size_t len)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *target = open_memstream(&buf, &size);
    assert_non_null(target);
    FILE *f = cli_show_stream(target);
    assert_non_null(f);
    for (size_t i = 0; i < len; i++)
        assert_int_equal(fwrite(text + i, 1, 1, f), 1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(fclose(target), 0);
    return buf;
}

static void test_stream(void **state)
{
    (void)state;
    const char *text = "\xc3\xa9\xf0\x9f\x98\x80\x1b\xe2\x82\xac";
    char *got = through_stream(text, strlen(text));
    assert_string_equal(got, "\xc3\xa9\xf0\x9f\x98\x80\\x1b\xe2\x82\xac");
    free(got);
    got = through_stream("a\xf0\x9f", 3); /* cut when the stream closes */
    assert_string_equal(got, "a\\xf0\\x9f");
    free(got);
    got = through_stream("\xe2\x82"
                         "a",
                         3); /* a lead that a plain byte follows */
    assert_string_equal(got, "\\xe2\\x82a");
    free(got);
}

static void test_copy(void **state)
{
    (void)state;
    char text[] = "x\xc3\xa9\x1b";
    FILE *from = fmemopen(text, 4, "r"); /* the 4 bytes, not the NUL */
    char *buf = NULL;
    size_t size = 0;
    FILE *to = open_memstream(&buf, &size);
    assert_true(cli_show_copy(from, 4, to));
    fclose(to);
    assert_string_equal(buf, "x\xc3\xa9\\x1b");
    free(buf);
    rewind(from);
    assert_false(cli_show_copy(from, 5, NULL)); /* one byte more than there is */
    fclose(from);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shown_as_is), cmocka_unit_test(test_escaped),
        cmocka_unit_test(test_cut),         cmocka_unit_test(test_stream),
        cmocka_unit_test(test_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
