/*
 * test_hooks: where the test suite makes a run crash, fail or wait.  Compiled in only with
 * the CMake option RECKON_TEST_HOOKS (on in the builds that run the tests; a build to ship
 * turns it off, and then reckon reads none of these variables):
 *
 *   RECKON_TEST_CRASH=NAME         the worker of the model NAME dies of SIGSEGV at its start
 *   RECKON_TEST_CRASH_LOADED=NAME  the same once the model has run (its hook saw lines)
 *   RECKON_TEST_PUBLISH_FAIL=FILE  renaming the final FILE (npv.csv) into place fails
 *   RECKON_TEST_PUBLISH_GAP=DIR    a run about to publish lets go of out_dir's lock (as
 *                                  converting it does for a moment), creates DIR/waiting
 *                                  and waits until DIR/go exists
 *   RECKON_TEST_PUBLISHED=DIR      a run that has just published its files creates
 *                                  DIR/published and waits until DIR/go exists
 *   RECKON_TEST_SUMMARY_KEPT=1     the parent prints how many summary rows it kept
 *   RECKON_TEST_LOAD_PAUSE=P       a load waits at the pipe P.open before the open and at
 *                                  P.read before the read
 *                                  (engine/lua/sandbox.c, test_pause)
 */
#ifndef RECKON_TEST_HOOKS_H
#define RECKON_TEST_HOOKS_H

#include <stdbool.h>

#ifdef RECKON_TEST_HOOKS
/* Whether the variable var is set to value. */
bool test_hook_is(const char *var, const char *value);
/* Dies of SIGSEGV when the variable var names the model name. */
void test_hook_crash(const char *var, const char *name);
/* RECKON_TEST_PUBLISH_GAP's wait (out_lock: the run's lock on out_dir, or -1). */
void test_hook_publish_gap(int out_lock);
/* RECKON_TEST_PUBLISHED's wait. */
void test_hook_published(void);
#else
static inline bool test_hook_is(const char *var, const char *value)
{
    (void)var, (void)value;
    return false;
}
static inline void test_hook_crash(const char *var, const char *name)
{
    (void)var, (void)name;
}
static inline void test_hook_publish_gap(int out_lock)
{
    (void)out_lock;
}
static inline void test_hook_published(void)
{
}
#endif

#endif
