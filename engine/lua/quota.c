/* quota: memory, instructions and wall time of one Lua state. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>

#include "quota.h"

const quota quota_default = {
    .max_memory = 512u << 20,            /* 512 MiB */
    .max_instructions = 2000000000ull,   /* about 10 to 30 s of Lua */
    .max_seconds = 60,
};

enum { HOOK_EVERY = 1000 }; /* instructions between two looks at the counters */

typedef struct limiter {
    quota limits;
    size_t used;                      /* bytes the state holds */
    unsigned long long instructions;  /* executed, counted HOOK_EVERY at a time */
    double deadline;                  /* monotonic seconds; 0: none */
    char where[300];                  /* "file:line" the hook last saw the script at */
    char hit[512];                    /* the limit's message; "" until one is hit */
} limiter;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    limiter *lim = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        lim->used -= old;
        return NULL;
    }
    if (lim->limits.max_memory && nsize > old && lim->used + (nsize - old) > lim->limits.max_memory) {
        if (!lim->hit[0])
            snprintf(lim->hit, sizeof lim->hit, "%s%smemory limit of %zu MiB reached",
                     lim->where, lim->where[0] ? ": " : "", lim->limits.max_memory >> 20);
        return NULL; /* Lua raises "not enough memory" */
    }
    void *p = realloc(ptr, nsize);
    if (p)
        lim->used = lim->used - old + nsize;
    return p;
}

static limiter *limiter_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* Records where the script is, and stops it once a limit is (or was) hit. */
static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    limiter *lim = limiter_of(L);
    lua_Debug here;
    if (lua_getstack(L, 0, &here) && lua_getinfo(L, "Sl", &here) && here.currentline > 0) {
        const char *file = here.source[0] == '@' ? here.source + 1 : here.short_src;
        snprintf(lim->where, sizeof lim->where, "%s:%d", file, here.currentline);
    }
    lim->instructions += HOOK_EVERY;
    if (!lim->hit[0] && lim->limits.max_instructions &&
        lim->instructions > lim->limits.max_instructions)
        snprintf(lim->hit, sizeof lim->hit, "%s: instruction limit of %llu reached", lim->where,
                 lim->limits.max_instructions);
    if (!lim->hit[0] && lim->deadline > 0 && now_seconds() > lim->deadline)
        snprintf(lim->hit, sizeof lim->hit, "%s: time limit of %g s reached", lim->where,
                 lim->limits.max_seconds);
    if (lim->hit[0]) {
        lua_pushstring(L, lim->hit);
        lua_error(L); /* and again at the next look, whatever pcall did with this one */
    }
}

static int panic(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "reckon: unprotected error in Lua: %s\n", msg ? msg : "(not a string)");
    return 0; /* Lua aborts */
}

lua_State *quota_new_state(const quota *limits)
{
    limiter *lim = calloc(1, sizeof *lim);
    if (!lim)
        return NULL;
    lim->limits = *limits;
    lua_State *L = lua_newstate(limited_alloc, lim);
    if (!L) {
        free(lim);
        return NULL;
    }
    lua_atpanic(L, panic);
    return L;
}

void quota_start(lua_State *L)
{
    limiter *lim = limiter_of(L);
    if (lim->limits.max_seconds > 0)
        lim->deadline = now_seconds() + lim->limits.max_seconds;
    lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

const char *quota_hit(lua_State *L)
{
    limiter *lim = limiter_of(L);
    return lim->hit[0] ? lim->hit : NULL;
}

void quota_close(lua_State *L)
{
    limiter *lim = limiter_of(L);
    lua_close(L);
    free(lim);
}
