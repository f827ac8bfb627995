/* test_hooks: the test suite's hooks (test_hooks.h), in a build with RECKON_TEST_HOOKS. */
#define _DEFAULT_SOURCE /* flock */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "test_hooks.h"

#ifdef RECKON_TEST_HOOKS
bool test_hook_is(const char *var, const char *value)
{
    const char *set = getenv(var);
    return set && value && strcmp(set, value) == 0;
}

void test_hook_crash(const char *var, const char *name)
{
    if (test_hook_is(var, name))
        raise(SIGSEGV);
}

/* Creates DIR/marker (DIR: the variable var) and waits until DIR/go exists; out_lock, when
 * not -1, is let go of first. */
static void wait_for_go(const char *var, const char *marker, int out_lock)
{
    const char *dir = getenv(var);
    char *waiting = dir ? cli_format("%s/%s", dir, marker) : NULL;
    char *go = dir ? cli_format("%s/go", dir) : NULL;
    if (waiting && go) {
        if (out_lock >= 0)
            flock(out_lock, LOCK_UN);
        FILE *f = fopen(waiting, "w");
        if (f)
            fclose(f);
        struct timespec pause = {0, 10 * 1000 * 1000};
        for (long i = 0; i < 60000 && access(go, F_OK) != 0 && !workers_interrupted(); i++)
            nanosleep(&pause, NULL); /* a hang guard of 10 minutes; the test says go */
    }
    free(waiting), free(go);
}

void test_hook_publish_gap(int out_lock)
{
    wait_for_go("RECKON_TEST_PUBLISH_GAP", "waiting", out_lock);
}

void test_hook_published(void)
{
    wait_for_go("RECKON_TEST_PUBLISHED", "published", -1);
}
#endif
