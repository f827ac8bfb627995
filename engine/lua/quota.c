/* quota: memory, instructions and wall time of one Lua state. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>

#include "budget.h"
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
    lua_State *main;                  /* the main thread, once started: the allocator looks
                                         at its stack to say where memory ran out */
    const void *refused;              /* the block of the last growth refused, and its size: */
    size_t refused_size;              /* Lua collects and asks again; refused twice is a hit */
    bool refused_once;
} limiter;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The model's own innermost line on L's stack ("file:line" into buf), skipping C functions
 * and reckon's own chunks (named "=..."); buf is left alone when there is none.  Reads the
 * stack only: it is safe inside an allocation. */
static void innermost_line(lua_State *L, char *buf, size_t size)
{
    lua_Debug ar;
    for (int level = 0; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar))
            break;
        if (ar.currentline > 0 && ar.source[0] != '=') {
            const char *file = ar.source[0] == '@' ? ar.source + 1 : ar.short_src;
            snprintf(buf, size, "%s:%d", file, ar.currentline);
            return;
        }
    }
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
        if (!lim->hit[0]) {
            if (lim->main)
                innermost_line(lim->main, lim->where, sizeof lim->where);
            snprintf(lim->hit, sizeof lim->hit, "%s%smemory limit of %zu MiB reached",
                     lim->where, lim->where[0] ? ": " : "", lim->limits.max_memory >> 20);
            if (lim->main) /* stop at the very next instruction, in or out of a pcall */
                lua_sethook(lim->main, lua_gethook(lim->main), LUA_MASKCOUNT, 1);
            /* Lua may collect all garbage and ask again for the same: if that fits, the
             * limit was not reached after all (see below). */
            lim->refused_once = true, lim->refused = ptr, lim->refused_size = nsize;
        }
        return NULL; /* Lua raises "not enough memory" */
    }
    if (nsize > old && lim->refused_once) {
        if (lim->refused == ptr && lim->refused_size == nsize && lim->main) {
            lim->hit[0] = '\0'; /* the emergency collection made room: no limit hit */
            lua_sethook(lim->main, lua_gethook(lim->main), LUA_MASKCOUNT, HOOK_EVERY);
        }
        lim->refused_once = false;
    }
    void *p = realloc(ptr, nsize);
    if (p)
        lim->used = lim->used - old + nsize;
    return p;
}

/* The core's allocations (budget.h) count against the same memory limit as the Lua heap; a
 * refusal is the memory limit hit, named with the model's line like one of Lua's. */
static bool charge_core(void *ud, size_t bytes, bool refund)
{
    limiter *lim = ud;
    if (refund) {
        lim->used -= bytes < lim->used ? bytes : lim->used;
        return true;
    }
    size_t max = lim->limits.max_memory;
    if (max && (lim->used > max || bytes > max - lim->used)) {
        if (!lim->hit[0]) {
            if (lim->main)
                innermost_line(lim->main, lim->where, sizeof lim->where);
            snprintf(lim->hit, sizeof lim->hit, "%s%smemory limit of %zu MiB reached",
                     lim->where, lim->where[0] ? ": " : "", max >> 20);
            if (lim->main) /* stop at the very next instruction, in or out of a pcall */
                lua_sethook(lim->main, lua_gethook(lim->main), LUA_MASKCOUNT, 1);
        }
        return false;
    }
    lim->used += bytes;
    return true;
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
    if (!lim->hit[0]) /* once hit, where it was hit stays */
        innermost_line(L, lim->where, sizeof lim->where);
    lim->instructions += HOOK_EVERY;
    if (!lim->hit[0] && lim->limits.max_instructions &&
        lim->instructions > lim->limits.max_instructions)
        snprintf(lim->hit, sizeof lim->hit, "%s: instruction limit of %llu reached", lim->where,
                 lim->limits.max_instructions);
    if (!lim->hit[0] && lim->deadline > 0 && now_seconds() > lim->deadline)
        snprintf(lim->hit, sizeof lim->hit, "%s: time limit of %g s reached", lim->where,
                 lim->limits.max_seconds);
    if (lim->hit[0]) {
        /* From now on at every instruction: a pcall that catches this one returns into
         * code that raises it again at once. */
        lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
        lua_pushstring(L, lim->hit);
        lua_error(L);
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
    budget_set_hook(&(budget_hook){charge_core, lim});
    return L;
}

void quota_charge(lua_State *L, unsigned long long instructions)
{
    limiter *lim = limiter_of(L);
    lim->instructions += instructions;
    if (!lim->hit[0] && lim->limits.max_instructions &&
        lim->instructions > lim->limits.max_instructions) {
        innermost_line(L, lim->where, sizeof lim->where);
        snprintf(lim->hit, sizeof lim->hit, "%s: instruction limit of %llu reached", lim->where,
                 lim->limits.max_instructions);
    }
    if (lim->hit[0]) {
        lua_pushstring(L, lim->hit);
        lua_error(L);
    }
}

void quota_start(lua_State *L)
{
    limiter *lim = limiter_of(L);
    lim->main = L;
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
    lim->main = NULL; /* closing frees, and must not look at a stack */
    lua_close(L);
    if (budget_get_hook() && budget_get_hook()->ud == lim)
        budget_set_hook(NULL);
    free(lim);
}
