/*
 * test_budget: unit tests for engine/core/budget.c, the core's one allocator: a hook is
 * charged what each block takes and refunded what it gives back, a refusal is a NULL that
 * leaves everything as it was, and sizes that overflow are refused before any allocation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "budget.h"

typedef struct meter {
    size_t held;  /* bytes charged and not refunded */
    size_t limit; /* refuse beyond it */
    int refusals;
} meter;

static bool charge(void *ud, size_t bytes, bool refund)
{
    meter *m = ud;
    if (refund) {
        assert_true(bytes <= m->held); /* never more back than was taken */
        m->held -= bytes;
        return true;
    }
    if (bytes > m->limit - m->held) {
        m->refusals++;
        return false;
    }
    m->held += bytes;
    return true;
}

static int setup(void **state)
{
    static meter m;
    m = (meter){.limit = 1 << 20};
    budget_set_hook(&(budget_hook){charge, &m});
    *state = &m;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    budget_set_hook(NULL);
    return 0;
}

static void test_charges_and_refunds(void **state)
{
    meter *m = *state;
    char *a = budget_malloc(1000);
    assert_non_null(a);
    assert_true(m->held >= 1000 && m->held < 1100); /* the block and its header */
    size_t one = m->held;
    double *b = budget_calloc(10, sizeof *b);
    assert_non_null(b);
    for (size_t i = 0; i < 10; i++)
        assert_true(b[i] == 0);
    a = budget_realloc(a, 100000); /* growing charges the difference */
    assert_non_null(a);
    assert_true(m->held >= 100000 + 80);
    a = budget_realloc(a, 10); /* shrinking refunds it */
    assert_non_null(a);
    char *s = budget_strdup("AWS ECS");
    assert_string_equal(s, "AWS ECS");
    char *t = budget_strndup("AWS ECS", 3);
    assert_string_equal(t, "AWS");
    budget_free(a), budget_free(b), budget_free(s), budget_free(t);
    assert_int_equal(m->held, 0);
    assert_true(one > 0);
    budget_free(NULL);
}

static void test_refusal(void **state)
{
    meter *m = *state;
    char *a = budget_malloc(600000);
    assert_non_null(a);
    size_t held = m->held;
    assert_null(budget_malloc(600000)); /* over the meter's MiB */
    assert_int_equal(m->refusals, 1);
    assert_int_equal(m->held, held);
    char *same = budget_realloc(a, 2000000); /* refused: a is left as it was */
    assert_null(same);
    assert_int_equal(m->held, held);
    memset(a, 'x', 600000);
    budget_free(a);
    assert_int_equal(m->held, 0);
}

static void test_overflow(void **state)
{
    meter *m = *state;
    assert_null(budget_array(SIZE_MAX / 8 + 1, 8));
    assert_null(budget_calloc(SIZE_MAX / 2, 4));
    assert_null(budget_malloc(SIZE_MAX - 8)); /* the header would wrap */
    assert_null(budget_array(budget_mul(SIZE_MAX / 4, 8), 1));
    assert_int_equal(budget_mul(SIZE_MAX / 4, 8), SIZE_MAX);
    assert_int_equal(budget_mul(3, 4), 12);
    assert_int_equal(budget_mul(0, SIZE_MAX), 0);
    assert_int_equal(m->held, 0); /* refused before the hook was asked */
    assert_int_equal(m->refusals, 0);
    void *none = budget_array(0, 8); /* none of something is a valid block */
    assert_non_null(none);
    budget_free(none);
}

static void test_grow(void **state)
{
    meter *m = *state;
    int *list = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        assert_true(budget_grow((void **)&list, n, &cap, sizeof *list));
        list[n++] = i;
    }
    assert_true(cap >= 1000 && cap < 2000); /* doubled, not grown by one */
    assert_int_equal(list[999], 999);
    budget_free(list);
    assert_int_equal(m->held, 0);
}

static void test_grow_from(void **state)
{
    meter *m = *state;
    double *list = NULL;
    size_t n = 0, cap = 0;
    assert_true(budget_grow_from((void **)&list, n, &cap, sizeof *list, 64));
    assert_int_equal(cap, 64); /* the first room asked for */
    n = 64;
    assert_true(budget_grow_from((void **)&list, n, &cap, sizeof *list, 64));
    assert_int_equal(cap, 128); /* then doubled */
    assert_true(budget_grow_from((void **)&list, 100, &cap, sizeof *list, 64));
    assert_int_equal(cap, 128); /* room left: nothing moves */
    m->limit = m->held;         /* a refusal leaves the array as it was */
    assert_false(budget_grow_from((void **)&list, 128, &cap, sizeof *list, 64));
    assert_int_equal(cap, 128);
    m->limit = 1 << 20;
    budget_free(list);
    assert_int_equal(m->held, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_charges_and_refunds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overflow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_grow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_grow_from, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
