/*
 * test_names: unit tests for engine/core/names.c, the hashed set of names: adding, finding,
 * a name added twice, growth, and 100,000 names (which a quadratic set would take 10^10
 * comparisons to check).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "names.h"

static void test_add_and_find(void **state)
{
    (void)state;
    names set = {0};
    assert_int_equal(names_find(&set, "AWS"), NAMES_NONE); /* empty: no slots at all */
    size_t first = 99;
    assert_int_equal(names_add(&set, "AWS", 0, &first), 1);
    assert_int_equal(first, 99); /* untouched when added */
    assert_int_equal(names_add(&set, "GCP", 1, NULL), 1);
    assert_int_equal(names_add(&set, "", 2, NULL), 1); /* the empty name is a name */
    assert_int_equal(names_add(&set, "AWS", 3, &first), 0);
    assert_int_equal(first, 0); /* the value it was first added with */
    assert_int_equal(names_find(&set, "AWS"), 0);
    assert_int_equal(names_find(&set, "GCP"), 1);
    assert_int_equal(names_find(&set, ""), 2);
    assert_int_equal(names_find(&set, "aws"), NAMES_NONE); /* case counts */
    assert_int_equal(set.n, 3);
    names_free(&set);
    assert_int_equal(set.cap, 0);
    names_free(&set); /* twice is harmless */
}

static void test_many(void **state)
{
    (void)state;
    enum { N = 100000 };
    char(*text)[16] = malloc(N * sizeof *text);
    assert_non_null(text);
    names set = {0};
    for (size_t i = 0; i < N; i++) {
        snprintf(text[i], sizeof text[i], "item %zu", i);
        assert_int_equal(names_add(&set, text[i], i, NULL), 1);
    }
    assert_int_equal(set.n, N);
    assert_true(set.cap >= 2 * N); /* at most half full */
    for (size_t i = 0; i < N; i++) {
        char name[16];
        snprintf(name, sizeof name, "item %zu", i);
        assert_int_equal(names_find(&set, name), i);
        size_t first;
        assert_int_equal(names_add(&set, name, N + i, &first), 0);
        assert_int_equal(first, i);
    }
    assert_int_equal(names_find(&set, "item 100000"), NAMES_NONE);
    names_free(&set);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_find),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
